"""Listings: pagination, cached counts of public listings, and the sector filter."""

import hashlib
import re

from django.core.paginator import Paginator
from django.http import Http404
from django.utils.functional import cached_property

from .cache import cached_fragment, fragment_cache_enabled
from .models import Sector

ITEMS_PER_PAGE = 12


def paginate(request, queryset, per_page=ITEMS_PER_PAGE):
    """The requested page of a listing; a malformed or out-of-range number gives a real page."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def paginate_keys(request, queryset, load, per_page=ITEMS_PER_PAGE, count=None):
    """A page of a listing whose rows cost joins and prefetches to read, in two steps.

    The page's keys come from a narrow query (the listed table sorted and cut, nothing
    joined that the filters do not need); only those rows are then read with `load(keys)`,
    and kept in the listing's order. `count`, when the caller has it already (counted with
    other figures in one query), saves the paginator's own COUNT.
    """
    paginator = Paginator(queryset.values_list("pk", flat=True), per_page)
    if count is not None:
        paginator.count = count
    page = paginator.get_page(request.GET.get("page"))
    keys = list(page.object_list)
    page.object_list = in_key_order(keys, load(keys)) if keys else []
    return page


def in_key_order(keys, rows):
    """`rows` (read by primary key) in the order of `keys`; keys with no row are skipped."""
    by_key = {row.pk: row for row in rows}
    return [by_key[key] for key in keys if key in by_key]


class PublicListingPaginator(Paginator):
    """Counts a public listing once per publication rather than at every request.

    Only for listings that change with publications alone (core.cache purges on them).
    """

    @cached_property
    def count(self):
        if not fragment_cache_enabled():
            # Its key alone (the query compiled to SQL) would cost a good part of a count.
            return Paginator.count.func(self)
        sql = str(self.object_list.query)
        key = "count:" + hashlib.sha256(sql.encode()).hexdigest()
        return cached_fragment(key, lambda: Paginator.count.func(self))


def paginate_public_listing(request, queryset, per_page=ITEMS_PER_PAGE):
    """`paginate` for public listings, whose counts are cached."""
    return PublicListingPaginator(queryset, per_page).get_page(request.GET.get("page"))


# What a slug in a filter may look like (accents allowed, as in tag slugs).
FILTER_VALUE = re.compile(r"[-\w]{1,100}")


def filter_value_or_404(value):
    """A filter's value from the query string, or 404 when it cannot name anything.

    One rule for every listing: a value that names nothing is a 404, never an empty or
    unfiltered listing, and a value that could not be a slug (a NUL byte, a space, 10,000
    characters) never reaches the database.
    """
    if not FILTER_VALUE.fullmatch(value):
        raise Http404
    return value


def filter_by_sector(request, queryset, listed, present=None):
    """The `?secteur=` filter of a listing: the narrowed queryset and the filter's context.

    `listed` holds every row the listing may show (any sector): the filter offers only the
    sectors present there (or the identifiers in `present`, when the caller read them along
    with other filters). An unknown sector is a 404, like an unknown category or tag.
    """
    sector = None
    if slug := request.GET.get("secteur"):
        sector = Sector.objects.filter(slug=filter_value_or_404(slug)).first()
        if sector is None:
            raise Http404
        queryset = queryset.filter(sector=sector)
    if present is None:
        sectors = Sector.objects.filter(pk__in=listed.values("sector"))
    else:
        sectors = Sector.objects.filter(pk__in=[pk for pk in present if pk is not None])
    return queryset, {"sectors": sectors, "current_sector": sector}
