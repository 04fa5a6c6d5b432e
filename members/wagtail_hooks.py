"""Admin registration of partner organisations and sectors."""

from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.views.generic.models import EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.exports import FormulaSafeExportMixin
from core.models import Sector

from . import admin_personal_data
from .access import check_document_access, member_page_response
from .admin_agenda import ActionItemViewSet, EventRegistrationViewSet
from .admin_records import (
    ReadOnlyEditView,
    ReadOnlyIndexView,
    ReadOnlyInspectView,
    RefusedCreateView,
)
from .admin_users import GUARDED_BULK_ACTIONS
from .admin_views import ApplicationReviewView, AttentionPanel
from .models import (
    EventPage,
    MemberAreaPage,
    MembershipApplication,
    Organisation,
    StrategyFeedback,
)
from .roles import may_see_member_area_in_admin


class OrganisationIndexView(FormulaSafeExportMixin, SnippetIndexView):
    """The organisations listing, exported without formulas."""


class OrganisationViewSet(SnippetViewSet):
    """The network's member organisations."""

    model = Organisation
    index_view_class = OrganisationIndexView
    icon = "group"
    menu_label = _("Organisations")
    list_display = [
        "name",
        "kind",
        "sector",
        "charter_version",
        "charter_signed_on",
        "charter_signatory_name",
    ]
    list_filter = {
        "kind": ["exact"],
        "sector": ["exact"],
        "charter_signed_on": ["isnull", "gte", "lte"],
        "show_in_directory": ["exact"],
    }
    list_export = [
        "name",
        "get_kind_display",
        "sector",
        "siret",
        "website",
        "charter_version",
        "charter_signed_on",
        "charter_signatory_name",
        "charter_signatory_role",
    ]
    export_headings = {"get_kind_display": _("Type de membre")}
    export_filename = "registre-charte"
    search_fields = ["name", "description"]
    ordering = ["name"]


class SectorViewSet(SnippetViewSet):
    """Sectors of activity shared by organisations and stories."""

    model = Sector
    icon = "tag"
    menu_label = _("Secteurs d'activité")
    list_display = ["name", "slug"]


class PartnersViewSetGroup(SnippetViewSetGroup):
    """The partners menu of the admin."""

    items = (OrganisationViewSet, SectorViewSet)
    menu_icon = "group"
    menu_label = _("Partenaires")
    menu_name = "partenaires"
    menu_order = 200


register_snippet(PartnersViewSetGroup)


@hooks.register("before_serve_page", order=-100)
def close_member_pages(page, request, serve_args, serve_kwargs):
    """Member pages answer only to entitled members, before any other serving logic: the one
    gate of member-only page types (`member_only`), sub-addresses of routable pages included."""
    if getattr(page, "member_only", False):
        return member_page_response(page, request)
    return None


# First, so that Wagtail's own check of the collection reads the restrictions ours read.
@hooks.register("before_serve_document", order=-1)
def check_member_documents(document, request):
    """Documents of restricted collections or restricted pages reach only their readers."""
    return check_document_access(document, request)


class FeedbackCreateView(RefusedCreateView):
    refusal = _(
        "Les avis sont déposés par les membres dans leur espace, pas dans l'administration."
    )


class StrategyFeedbackViewSet(ModelViewSet):
    """Feedback received on strategy drafts, for editors to read and export."""

    model = StrategyFeedback
    # A member's feedback is read and exported as written, never rewritten by an editor.
    index_view_class = ReadOnlyIndexView
    add_view_class = FeedbackCreateView
    edit_view_class = ReadOnlyEditView
    inspect_view_class = ReadOnlyInspectView
    copy_view_enabled = False
    icon = "comment"
    menu_label = _("Avis sur la stratégie")
    menu_order = 220
    add_to_admin_menu = True
    form_fields = ["section", "text"]
    list_display = ["draft_label", "author_name", "organisation_name", "section", "created_at"]
    list_filter = ["draft", "created_at"]
    list_export = [
        "draft_label",
        "author_name",
        "organisation_name",
        "section",
        "text",
        "created_at",
    ]
    export_filename = "avis-strategie"
    search_fields = ["text", "section"]
    inspect_view_enabled = True

    def get_queryset(self, request):
        return StrategyFeedback.objects.select_related("draft", "author__organisation")


@hooks.register("register_admin_viewset")
def register_feedback_viewset():
    return StrategyFeedbackViewSet("strategy_feedback")


class ApplicationIndexView(FormulaSafeExportMixin, IndexView):
    """The applications listing: each name opens its review page, where decisions are taken."""

    def get_add_url(self):
        return None

    def get_edit_url(self, instance):
        return reverse("membership_application_review", args=[instance.pk])

    def get_list_more_buttons(self, instance):
        return [
            ListingButton(
                _("Examiner"),
                url=reverse("membership_application_review", args=[instance.pk]),
                icon_name="view",
                priority=5,
            )
        ]


class ApplicationCreateView(RefusedCreateView):
    refusal = _(
        "Les candidatures arrivent par le formulaire « Rejoindre le club » du site, "
        "pas par l'administration."
    )


class ApplicationEditView(EditView):
    """Applications are decided on their review page, never edited as a bare form."""

    def dispatch(self, request, *args, **kwargs):
        return redirect("membership_application_review", pk=kwargs["pk"])


class MembershipApplicationViewSet(ModelViewSet):
    """Applications to join the club, filtered by status."""

    model = MembershipApplication
    icon = "user"
    menu_label = _("Candidatures au club")
    menu_order = 205
    add_to_admin_menu = True
    index_view_class = ApplicationIndexView
    add_view_class = ApplicationCreateView
    edit_view_class = ApplicationEditView
    copy_view_enabled = False
    list_display = ["organisation_name", "contact_name", "email", "status", "submitted_at"]
    list_filter = ["status", "sector"]
    list_export = [
        "organisation_name",
        "siret",
        "contact_name",
        "email",
        "phone",
        "get_status_display",
        "submitted_at",
        "decided_at",
    ]
    export_headings = {"get_status_display": _("Statut")}
    export_filename = "candidatures-club"
    search_fields = ["organisation_name", "email", "contact_last_name", "siret"]
    form_fields = ["decision_message"]
    ordering = ["-submitted_at"]

    def get_queryset(self, request):
        return MembershipApplication.objects.select_related("sector")


@hooks.register("register_admin_viewset")
def register_application_viewset():
    return MembershipApplicationViewSet("membership_applications")


@hooks.register("register_admin_viewset")
def register_action_viewset():
    return ActionItemViewSet("action_plan")


@hooks.register("register_admin_viewset")
def register_registration_viewset():
    return EventRegistrationViewSet("event_registrations")


@hooks.register("register_page_listing_more_buttons")
def registrations_button(page, user, next_url=None):
    """« Inscriptions » in an event's menu of the page explorer, for who may read them."""
    page_type = page.specific_class
    if page_type is None or not issubclass(page_type, EventPage):
        return
    if not user.has_perm("members.view_eventregistration"):
        return
    yield PageMenuItem(
        _("Inscriptions"),
        reverse("event_registrations:index") + f"?event={page.pk}",
        icon_name="date",
        priority=45,
        page=page,
    )


@hooks.register("register_admin_urls")
def register_application_review_url():
    return [
        path(
            "candidatures/<int:pk>/examiner/",
            ApplicationReviewView.as_view(),
            name="membership_application_review",
        )
    ]


@hooks.register("register_admin_urls")
def register_personal_data_urls():
    return [
        path(
            "comptes/<int:pk>/donnees/",
            admin_personal_data.export_view,
            name="member_personal_data_export",
        ),
        path(
            "comptes/<int:pk>/effacer/",
            admin_personal_data.erase_view,
            name="member_personal_data_erase",
        ),
    ]


hooks.register("register_user_listing_buttons", admin_personal_data.listing_buttons)


@hooks.register("register_log_actions")
def register_application_log_actions(actions):
    actions.register_action(
        "members.application.approve", _("Candidature approuvée"), _("Candidature approuvée")
    )
    actions.register_action(
        "members.application.reject", _("Candidature refusée"), _("Candidature refusée")
    )
    actions.register_action(
        "members.personal_data.export",
        _("Données personnelles exportées"),
        _("Données personnelles exportées"),
    )
    actions.register_action(
        "members.personal_data.erase",
        _("Compte et données effacés"),
        _("Compte et données effacés"),
    )


@hooks.register("construct_homepage_panels")
def add_attention_panel(request, panels):
    if request.user.has_perm("members.change_membershipapplication") or request.user.has_perm(
        "members.view_strategyfeedback"
    ):
        panels.append(AttentionPanel(request))


# After Wagtail's own user bulk actions (higher order): the registry keeps the last class
# registered for each action type, so ours replace them.
for bulk_action in GUARDED_BULK_ACTIONS:
    hooks.register("register_bulk_action", bulk_action, order=100)


# Nothing of the member area reaches « Rédacteurs » in the admin. The explorer, admin search
# and most reports already follow page permissions (writers have none there); the page
# chooser lists every page, and the page types report names the latest edited page of each
# type, so both are narrowed or closed here. Documents follow collection permissions
# (members.roles gives writers one public collection).


def member_area_paths():
    return list(MemberAreaPage.objects.values_list("path", flat=True))


@hooks.register("construct_page_chooser_queryset")
def hide_member_pages_from_writers(pages, request):
    if may_see_member_area_in_admin(request.user):
        return pages
    for area_path in member_area_paths():
        pages = pages.exclude(path__startswith=area_path)
    return pages


@hooks.register("construct_reports_menu")
def hide_reports_from_writers(request, menu_items):
    if not may_see_member_area_in_admin(request.user):
        menu_items[:] = []
