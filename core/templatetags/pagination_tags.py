"""Page numbers for pagination links, in constant time whatever the length of the listing."""

from django import template

register = template.Library()


@register.filter
def elided_page_range(pager):
    """The first and last pages and two on each side of the current one, gaps marked `…`.

    Looping over every page number in the template made page 1 of a 10,000-item archive
    evaluate thousands of conditions.
    """
    return list(pager.paginator.get_elided_page_range(pager.number, on_each_side=2, on_ends=1))
