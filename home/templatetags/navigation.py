"""The breadcrumb trail of a page, from the pages the site's navigation has read already."""

from django import template

register = template.Library()


@register.filter
def trail_to(navigation, page):
    """`page`'s ancestors from the site's root down (home.context_processors.SiteNavigation)."""
    return navigation.ancestors_of(page)


@register.filter
def parent_of(navigation, page):
    """`page`'s parent: among the pages the menus read when it is one (an index under the home
    page), read otherwise."""
    trail = navigation.ancestors_of(page)
    return trail[-1] if trail else page.get_parent()
