"""Admin registration of partner organisations and sectors."""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .access import check_document_access, member_page_response
from .models import MemberAccessMixin, Organisation, Sector, StrategyFeedback


class OrganisationViewSet(SnippetViewSet):
    """The network's member organisations."""

    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    list_display = ["name", "kind", "sector", "charter_signed_on", "show_in_directory"]
    list_filter = ["kind", "sector", "show_in_directory"]
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
    """Member pages answer only to entitled members, before any other serving logic."""
    if isinstance(page, MemberAccessMixin):
        return member_page_response(page, request)
    return None


@hooks.register("before_serve_document")
def check_member_documents(document, request):
    """Documents of restricted collections or restricted pages reach only their readers."""
    return check_document_access(document, request)


class StrategyFeedbackViewSet(ModelViewSet):
    """Feedback received on strategy drafts, for editors to read and export."""

    model = StrategyFeedback
    icon = "comment"
    menu_label = _("Avis sur la stratégie")
    menu_order = 220
    add_to_admin_menu = True
    form_fields = ["section", "text"]
    list_display = ["draft_label", "author", "organisation_name", "section", "created_at"]
    list_filter = ["draft", "created_at"]
    list_export = ["draft_label", "author", "organisation_name", "section", "text", "created_at"]
    export_filename = "avis-strategie"
    search_fields = ["text", "section"]
    inspect_view_enabled = True

    def get_queryset(self, request):
        return StrategyFeedback.objects.select_related("draft", "author__organisation")


@hooks.register("register_admin_viewset")
def register_feedback_viewset():
    return StrategyFeedbackViewSet("strategy_feedback")
