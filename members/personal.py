"""The parts of a member page that belong to its reader (core.cache.shared).

Member pages are rendered once per audience (members.access.audience_key); these parts are
written for each reader: who is signed in, their calendar address, their registrations.
"""

from django.template.loader import render_to_string

from core.cache import per_request
from core.cache.shared import (
    register_personal_part,
    register_personal_values,
    register_shared_parameters,
)

from .agenda import private_feed_url, registered_event_ids, registration_context
from .forms import StrategyFeedbackForm
from .models import EventPage, StrategyDraftPage
from .models.base import served_page_key
from .views import feedback_section


def who(request):
    return render_to_string("members/_who.html", request=request)


def member_feed(request):
    return render_to_string(
        "members/_member_feed.html",
        {"feed_url": private_feed_url(request, request.user)},
        request=request,
    )


def registered_events(request):
    """The events the reader holds a registration for, read once per request."""
    return per_request("members:registered-events", lambda: registered_event_ids(request.user))


def registered_badge(request, event_id):
    context = {"event": {"pk": int(event_id)}, "registered": registered_events(request)}
    return render_to_string("components/_registered_badge.html", context, request=request)


def served_page(model, page_id):
    """The page being served when the part is about it (members.models.base), else read."""
    page_id = int(page_id)

    def read():
        return model.objects.get(pk=page_id)

    page = per_request(served_page_key(page_id), read)
    # The page served under this identifier is of another type than the part expects.
    return page if isinstance(page, model) else read()


def event_registration(request, event_id):
    event = served_page(EventPage, event_id)
    context = {"page": event, **registration_context(event, request)}
    return render_to_string("components/_event_registration.html", context, request=request)


def draft_feedback(request, draft_id):
    """The reader's feedback on a strategy draft, and the form to give more (members.views
    draft_page_view renders the same section for a form sent back with its errors)."""
    draft = served_page(StrategyDraftPage, draft_id)
    form = StrategyFeedbackForm() if draft.accepts_feedback else None
    context = {
        "page": draft,
        "my_feedback": draft.feedback_of(request.user),
        **feedback_section(request, form),
    }
    return render_to_string("members/_draft_feedback.html", context, request=request)


def reader_values(user):
    """What only this reader may see: a shared rendering that holds any of it is not kept.

    Not their name: shared pages show people's names (facilitators, who changed an action).
    """
    return [user.email, user.calendar_token]


def register():
    register_personal_part("member-who", who)
    register_personal_part("member-feed", member_feed)
    register_personal_part("registered-badge", registered_badge)
    register_personal_part("event-registration", event_registration)
    register_personal_part("draft-feedback", draft_feedback)
    register_personal_values(reader_values)
    # The member agenda's period, the action plan's filters and sort, the thanks for a
    # feedback and for a registration request.
    register_shared_parameters(
        "periode", "commission", "organisation", "etat", "echeance", "tri", "avis", "inscription"
    )
