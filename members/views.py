"""Sign-in, account, member search, feedback on drafts and the 403 page."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.core.exceptions import PermissionDenied
from django.db import OperationalError
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from wagtail.models import Page

from core.cache.shared import render_shared
from core.listings import paginate
from core.models import member_only_page_types
from core.personal_data import erase_person, export_person
from core.security import (
    clean_search_query,
    database_is_reachable,
    mark_private,
    resubmitted_data,
)

from .access import member_page_response, readable_member_pages, shared_audience
from .agenda import private_feed_url
from .applications import invitation_tokens
from .forms import (
    AccountDeletionForm,
    EmailAuthenticationForm,
    MemberPasswordResetForm,
    NotificationPreferencesForm,
    StrategyFeedbackForm,
)
from .mail import send_erasure_receipt
from .models import MemberAreaPage
from .models.events import new_token
from .roles import can_enter_member_area

MAX_QUERY_LENGTH = 200


def member_area_url():
    area = MemberAreaPage.objects.live().first()
    return area.url if area else settings.LOGIN_REDIRECT_URL


class MemberLoginView(auth_views.LoginView):
    """The partners' sign-in page."""

    template_name = "registration/login.html"
    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return member_area_url()

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        # After an expired session, the address typed comes back (never the password).
        if (answers := resubmitted_data(self.request)) is not None:
            kwargs["initial"] = {"username": answers.get("username", "")}
        return kwargs

    def dispatch(self, request, *args, **kwargs):
        return mark_private(super().dispatch(request, *args, **kwargs))


class MemberLogoutView(auth_views.LogoutView):
    """Sign-out, by POST only."""

    # The sign-in page shows the message and is never cached, unlike public pages.
    next_page = reverse_lazy("login")

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.success(request, _("Déconnexion effectuée. À bientôt !"))
        return response


class MemberPasswordResetView(auth_views.PasswordResetView):
    """Sends a reset link; the answer is the same whether the address is known or not."""

    form_class = MemberPasswordResetForm
    template_name = "registration/password_reset_form.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("password_reset_done")


class MemberPasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Chooses a new password from the e-mailed link."""

    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("password_reset_complete")


class InvitationConfirmView(auth_views.PasswordResetConfirmView):
    """A new partner chooses their password from the invitation link."""

    template_name = "registration/invitation_confirm.html"
    success_url = reverse_lazy("login")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.token_generator = invitation_tokens

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(
            self.request,
            _(
                "Votre mot de passe est enregistré : "
                "connectez-vous avec votre adresse électronique."
            ),
        )
        return response


def members_only(view):
    """Signed-in members and editors only; responses are never stored."""

    @login_required
    def wrapped(request, *args, **kwargs):
        if not can_enter_member_area(request.user):
            raise PermissionDenied
        return mark_private(view(request, *args, **kwargs))

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


@members_only
def account(request):
    """The member's own account: identity, notification preferences and password change."""
    posted = request.POST if request.method == "POST" else None
    action = request.POST.get("action") if posted else None
    password_form = PasswordChangeForm(request.user, data=posted if action == "password" else None)
    preferences_form = NotificationPreferencesForm(
        data=posted if action == "preferences" else None, instance=request.user
    )
    if action == "password" and password_form.is_valid():
        user = password_form.save()
        update_session_auth_hash(request, user)
        messages.success(request, _("Votre mot de passe a été modifié."))
        return HttpResponseRedirect(reverse("member_account"))
    if action == "preferences" and preferences_form.is_valid():
        preferences_form.save()
        messages.success(request, _("Vos préférences de notification sont enregistrées."))
        return HttpResponseRedirect(reverse("member_account"))
    if action in ("calendar_create", "calendar_revoke"):
        # A new secret each time: the previous address stops working at once.
        request.user.calendar_token = new_token() if action == "calendar_create" else None
        request.user.save(update_fields=["calendar_token"])
        messages.success(
            request,
            _("Votre nouvelle adresse d'abonnement est prête ; l'ancienne ne fonctionne plus.")
            if action == "calendar_create"
            else _("Votre adresse d'abonnement est supprimée : elle ne fonctionne plus."),
        )
        return HttpResponseRedirect(reverse("member_account") + "#agenda-prive")
    return render(
        request,
        "members/account.html",
        {
            "password_form": password_form,
            "preferences_form": preferences_form,
            "calendar_feed_url": private_feed_url(request, request.user),
        },
    )


@members_only
@require_GET
def my_data(request):
    """« Télécharger mes données »: everything held on the person, as JSON or as a page."""
    data = export_person(request.user)
    if request.GET.get("format") == "json":
        response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
        stamp = timezone.localdate().isoformat()
        response["Content-Disposition"] = f'attachment; filename="mes-donnees-{stamp}.json"'
        return response
    return render(request, "members/my_data.html", {"data": data})


@members_only
def delete_account(request):
    """« Supprimer mon compte »: confirmed with the password; a receipt goes by e-mail."""
    form = AccountDeletionForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        email, name = user.email, user.get_full_name()
        remove_text = form.cleaned_data["remove_text"]
        summary = erase_person(
            user, remove_text=remove_text, reason="request", by="la personne elle-même"
        )
        logout(request)
        send_erasure_receipt.enqueue(email, name, summary.handled_labels(), remove_text)
        return render(request, "members/account_deleted.html", {"email": email})
    return render(request, "members/delete_account.html", {"form": form})


@members_only
@require_GET
def member_search(request):
    """Search over exactly what the signed-in person may read in the member area: the same
    for everyone of an audience, rendered once for it (core.cache.shared)."""
    return render_shared(request, shared_audience(request.user), lambda: search_page(request))


def search_page(request):
    query = clean_search_query(request.GET.get("q", ""))[:MAX_QUERY_LENGTH]
    results = None
    if query:
        # The access rule is part of the search query (a subquery), whatever the size of
        # the archive: no list of readable pages is ever built in Python.
        readable = readable_member_pages(
            Page.objects.live().type(*member_only_page_types()), request.user
        )
        found = Page.objects.live().filter(pk__in=readable.values("pk")).specific().search(query)
        try:
            results = paginate(request, found, 10)
            # Evaluated here so that a query the search backend cannot parse is caught.
            results.object_list = list(results.object_list)
        except OperationalError:
            if not database_is_reachable():
                raise
            results = None
    return render(request, "members/search.html", {"search_query": query, "results": results})


def draft_page_view(page, request, feedback_id=None):
    """A strategy draft, with the member's feedback form while the consultation is open."""
    denied = member_page_response(page, request)
    if denied is not None:
        return denied
    editing = None
    if feedback_id is not None:
        editing = get_object_or_404(page.feedback, pk=feedback_id, author=request.user)
    form = None
    if page.accepts_feedback:
        form = StrategyFeedbackForm(request.POST or resubmitted_data(request), instance=editing)
        if request.method == "POST" and form.is_valid():
            feedback = form.save(commit=False)
            feedback.draft = page
            feedback.author = request.user
            feedback.save()
            # The thanks appear where the person is, in the feedback section, and take focus.
            return HttpResponseRedirect(page.url + "?avis=recu#avis-merci")
    elif request.method == "POST":
        messages.error(request, _("La consultation est close : les avis ne sont plus acceptés."))
        return HttpResponseRedirect(page.url)
    # render() builds the page's own context (the comparison included): built once.
    context = feedback_section(request, form, editing)
    return mark_private(page.render(request, context_overrides=context))


def feedback_section(request, form, editing=None):
    """What the draft's « Vos avis » section shows besides the reader's own feedback: the
    form (None once the consultation is closed), the feedback being edited, the thanks."""
    return {
        "feedback_form": form,
        "editing_feedback": editing,
        "feedback_received": request.GET.get("avis") == "recu" and form is not None,
    }


def forbidden(request, exception=None):
    """The 403 page: says nothing of what was asked for."""
    return mark_private(render(request, "members/forbidden.html", status=403))
