"""Admin registration of partner organisations and sectors."""

from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Organisation, Sector


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
