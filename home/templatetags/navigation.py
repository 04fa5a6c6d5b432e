"""The breadcrumb trail of a page, from the pages the site's navigation has read already."""

from django import template

register = template.Library()


@register.filter
def trail_to(navigation, page):
    """`page`'s ancestors from the site's root down (home.context_processors.SiteNavigation)."""
    return navigation.ancestors_of(page)
