"""The member area's menu: only the sections the signed-in person may open."""

from django import template
from django.conf import settings

from core.cache import cached_fragment

from ..access import audience_key, readable_member_pages
from ..models import MemberAreaPage

register = template.Library()


def readable_sections(user):
    """(title, url) of the member area and of each of its sections this user may read."""
    area = MemberAreaPage.objects.live().first()
    if area is None:
        return []
    sections = readable_member_pages(area.get_children().live().order_by("path"), user)
    return [("Tableau de bord", area.url)] + [(page.title, page.url) for page in sections]


@register.simple_tag(takes_context=True)
def member_sections(context):
    """The sections of the menu, computed once per audience and generation (core.cache)."""
    user = context["request"].user
    return cached_fragment(f"member-menu:{audience_key(user)}", lambda: readable_sections(user))


@register.simple_tag
def member_area_url():
    return settings.MEMBER_AREA_URL
