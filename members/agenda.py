"""The agenda's views: public listing and archive, event pages, `.ics` files and feeds,
registration, and the member agenda."""

import datetime

from django.contrib import messages
from django.core.cache import cache
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.cache import remember_per_request
from core.listings import filter_by_sector, filter_value_or_404, paginate, paginate_public_listing
from core.security import client_fingerprint, count_in_window, mark_private, resubmitted_data

from .access import readable_member_pages
from .calendar import ics_response
from .forms import VisitorRegistrationForm
from .models import EventPage, EventRegistration, User
from .models.base import served_page_key
from .models.events import PARIS, local_moment
from .registrations import (
    RegistrationClosed,
    active_registration,
    cancel_registration,
    confirm_registration,
    register_member,
    request_visitor_registration,
)
from .roles import can_enter_member_area

# Feeds carry what is coming and what just happened (a calendar keeps what it has seen).
FEED_PAST_DAYS = 90
FEED_LIMIT = 500
MEMBER_AGENDA_PER_PAGE = 20
# Visitors' registration requests per client address and hour: each one sends an e-mail.
REGISTRATION_RATE_LIMIT = 10
REGISTRATION_RATE_WINDOW = 60 * 60
FIRST_ARCHIVE_YEAR = 2023


def year_bounds(year):
    return (
        local_moment(datetime.date(year, 1, 1), datetime.time.min),
        local_moment(datetime.date(year + 1, 1, 1), datetime.time.min),
    )


def kind_filter(request, events, present):
    """The `?type=` filter: only the kinds `present` are offered; an unknown one is a 404."""
    kind = request.GET.get("type")
    if kind:
        filter_value_or_404(kind)
        if kind not in EventPage.Kind.values:
            raise Http404
        events = events.filter(kind=kind)
    kinds = [(value, label) for value, label in EventPage.Kind.choices if value in present]
    return events, {
        "kinds": kinds,
        "current_kind": kind,
        "current_kind_label": EventPage.Kind(kind).label if kind else "",
    }


def agenda_index_view(page, request, year=None):
    """Upcoming public events, or the events of one past year, filtered by type and sector."""
    listed = page.events()
    if year is None:
        listed = listed.upcoming()
    else:
        today = timezone.localdate()
        if not FIRST_ARCHIVE_YEAR <= year <= today.year:
            raise Http404
        start, end = year_bounds(year)
        listed = listed.past().filter(starts_at__gte=start, starts_at__lt=end)
    events = listed.for_listing()
    # The kinds and sectors the filters offer, read together: one scan of the listing.
    present = set(listed.order_by().values_list("kind", "sector_id").distinct())
    events, kind_context = kind_filter(request, events, {kind for kind, _ in present})
    events, sector_context = filter_by_sector(
        request, events, listed, present={sector for _, sector in present}
    )
    archive_years = [
        moment.year for moment in page.events().past().datetimes("starts_at", "year", tzinfo=PARIS)
    ]
    if year is not None and year not in archive_years:
        raise Http404
    listing = paginate_public_listing(request, events)
    context = {
        "events": listing,
        "listing": listing,
        "archive_year": year,
        "archive_label": f"Archives {year}" if year else "",
        "archive_years": sorted(set(archive_years), reverse=True),
        "feed_url": page.url + page.reverse_subpage("feed_view"),
        **kind_context,
        **sector_context,
    }
    return page.render(request, context_overrides=context)


def public_feed_view(page, request):
    """The public iCal feed: what anyone may see of the agenda."""
    since = timezone.now() - datetime.timedelta(days=FEED_PAST_DAYS)
    events = (
        page.events()
        .select_related("organiser")
        .filter(ends_at__gte=since)
        .order_by("starts_at", "pk")[:FEED_LIMIT]
    )
    return ics_response(events, _("Agenda de Limoges attractivité"))


def event_ics_view(event, request):
    """« Ajouter à mon agenda »: this event alone, as a file."""
    response = ics_response([event], event.title, filename=f"{event.slug}.ics")
    return mark_private(response) if event.member_only else response


def registration_context(event, request, form=None):
    """What the registration section shows to this person."""
    user = request.user
    context = {"registration_open": event.registration_is_open(), "seats_left": None}
    if not event.takes_registrations:
        return context
    context["seats_left"] = event.seats_left()
    if user.is_authenticated and can_enter_member_area(user):
        # None for an admin preview of a page never saved.
        context["my_registration"] = event.pk and active_registration(event, user=user)
        context["registers_as_member"] = True
    elif event.admits_visitors and context["registration_open"]:
        context["visitor_form"] = form or VisitorRegistrationForm(resubmitted_data(request))
    context["registration_requested"] = request.GET.get("inscription") == "demandee"
    return context


def linked_minutes(event, user):
    """The minutes of this meeting that the person may read."""
    if not user.is_authenticated or event.pk is None:
        return []
    return readable_member_pages(event.minutes.live(), user).order_by("-meeting_date")


def event_view(event, request, form=None, status=200):
    if event.pk is not None:
        # Its registration part (members.personal) is written with the page already read.
        remember_per_request(served_page_key(event.pk), event)
    context = registration_context(event, request, form)
    context["minutes"] = linked_minutes(event, request.user)
    context["ics_url"] = event.url + event.reverse_subpage("ics_view")
    response = event.render(request, context_overrides=context)
    response.status_code = status
    # A signed-in person sees their own registration: never stored for anyone else.
    if request.user.is_authenticated or event.member_only:
        mark_private(response)
    return response


def registration_rate_key(request):
    return "event-registration-rate:" + client_fingerprint(request)


def register_view(event, request):
    """The registration form's target: one click for a partner, name and e-mail otherwise."""
    if request.method != "POST":
        return HttpResponseRedirect(event.url)
    user = request.user
    anchor = event.url + "#inscription"
    if user.is_authenticated and can_enter_member_area(user):
        try:
            if request.POST.get("action") == "cancel":
                registration = active_registration(event, user=user)
                if registration is not None:
                    cancel_registration(registration)
                    messages.success(request, _("Votre inscription est annulée."))
                return mark_private(HttpResponseRedirect(anchor))
            registration, created = register_member(event, user)
        except RegistrationClosed:
            messages.error(request, _("Les inscriptions à cet événement sont closes."))
            return mark_private(HttpResponseRedirect(anchor))
        if registration.status == EventRegistration.Status.WAITLIST:
            messages.warning(
                request,
                _(
                    "L'événement est complet : vous êtes sur la liste d'attente. Nous vous "
                    "écrirons si une place se libère."
                ),
            )
        elif created:
            messages.success(
                request,
                _(
                    "Vous êtes inscrit. Un courriel de confirmation vous a été envoyé, avec "
                    "l'événement à ajouter à votre agenda."
                ),
            )
        return mark_private(HttpResponseRedirect(anchor))
    if not event.admits_visitors:
        raise Http404
    form = VisitorRegistrationForm(request.POST)
    if not event.registration_is_open():
        messages.error(request, _("Les inscriptions à cet événement sont closes."))
        return HttpResponseRedirect(anchor)
    key = registration_rate_key(request)
    if cache.get(key, 0) >= REGISTRATION_RATE_LIMIT:
        form.is_valid()
        form.add_error(
            None,
            _(
                "Trop de demandes d'inscription ont été envoyées depuis votre connexion. "
                "Réessayez dans une heure ; vos réponses sont conservées ci-dessous."
            ),
        )
        return event_view(event, request, form=form, status=429)
    if not form.is_valid():
        return event_view(event, request, form=form)
    count_in_window(cache, key, REGISTRATION_RATE_WINDOW)
    if not form.is_spam():
        try:
            request_visitor_registration(
                event,
                form.cleaned_data["name"],
                form.cleaned_data["email"],
                form.cleaned_data["organisation_name"],
            )
        except RegistrationClosed:
            messages.error(request, _("Les inscriptions à cet événement sont closes."))
            return HttpResponseRedirect(anchor)
    return HttpResponseRedirect(event.url + "?inscription=demandee#inscription")


def registration_view(event, request, token):
    """The page of the link sent by e-mail: confirm a request, or give a seat back."""
    registration = get_object_or_404(EventRegistration, event=event, token=token)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "confirm":
                confirm_registration(registration)
            elif action == "cancel":
                cancel_registration(registration)
                messages.success(request, _("Votre inscription est annulée."))
        except RegistrationClosed:
            messages.error(request, _("Cet événement ne prend plus d'inscription ni d'annulation."))
        response = HttpResponseRedirect(request.path)
    else:
        registration.refresh_from_db()
        response = TemplateResponse(
            request,
            "pages/event_registration.html",
            {
                "page": event,
                "event": event,
                "registration": registration,
                "can_change": not event.has_started(),
                "ics_url": event.url + event.reverse_subpage("ics_view"),
            },
        )
    # The address holds the secret of the registration: never sent on to another site (and
    # still to this one, whose forms check where a POST comes from).
    response["Referrer-Policy"] = "same-origin"
    return mark_private(response)


def member_agenda_view(page, request):
    """What this person may attend: public events and the member events meant for them."""
    user = request.user
    past = request.GET.get("periode") == "passes"
    events = readable_member_pages(
        EventPage.objects.for_listing().select_related(
            "membereventpage", "membereventpage__commission"
        ),
        user,
    )
    events = events.past() if past else events.upcoming()
    listing = paginate(request, events, MEMBER_AGENDA_PER_PAGE)
    registered = registered_event_ids(user, [event.pk for event in listing.object_list])
    context = {
        "events": listing,
        "past": past,
        "registered": registered,
        "feed_url": private_feed_url(request, user),
    }
    return mark_private(page.render(request, context_overrides=context))


def registered_event_ids(user, event_ids=None):
    """The events this person holds a registration for (cancelled ones aside), among
    `event_ids` when given."""
    registrations = EventRegistration.objects.filter(user=user).exclude(
        status=EventRegistration.Status.CANCELLED
    )
    if event_ids is not None:
        registrations = registrations.filter(event__in=event_ids)
    return set(registrations.values_list("event_id", flat=True))


def private_feed_url(request, user):
    if not user.calendar_token:
        return None
    return request.build_absolute_uri(reverse("member_calendar_feed", args=[user.calendar_token]))


@require_GET
def private_feed_view(request, token):
    """A member's private feed: exactly the events their pages would show them."""
    user = (
        User.objects.filter(calendar_token=token, is_active=True)
        .select_related("organisation")
        .prefetch_related("groups")
        .first()
    )
    if user is None or not can_enter_member_area(user):
        raise Http404
    since = timezone.now() - datetime.timedelta(days=FEED_PAST_DAYS)
    events = readable_member_pages(
        EventPage.objects.live().filter(ends_at__gte=since).select_related("organiser"), user
    ).order_by("starts_at", "pk")[:FEED_LIMIT]
    response = ics_response(events, _("Agenda des membres — Limoges attractivité"))
    response["Referrer-Policy"] = "same-origin"
    return mark_private(response)
