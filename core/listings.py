"""Listings: pagination, cached counts of public listings, and the sector filter."""

import hashlib

from django.core.paginator import Paginator
from django.utils.functional import cached_property

from .cache import cached_fragment
from .models import Sector

ITEMS_PER_PAGE = 12


def paginate(request, queryset, per_page=ITEMS_PER_PAGE):
    """The requested page of a listing; a malformed or out-of-range number gives a real page."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


class PublicListingPaginator(Paginator):
    """Counts a public listing once per publication rather than at every request.

    Only for listings that change with publications alone (core.cache purges on them).
    """

    @cached_property
    def count(self):
        sql = str(self.object_list.query)
        key = "count:" + hashlib.sha256(sql.encode()).hexdigest()
        return cached_fragment(key, lambda: Paginator.count.func(self))


def paginate_public_listing(request, queryset, per_page=ITEMS_PER_PAGE):
    """`paginate` for public listings, whose counts are cached."""
    return PublicListingPaginator(queryset, per_page).get_page(request.GET.get("page"))


def filter_by_sector(request, queryset, listed):
    """The `?secteur=` filter of a listing: the narrowed queryset and the filter's context.

    `listed` holds every row the listing may show (any sector): the filter offers only the
    sectors present there. An unknown sector leaves the listing whole.
    """
    sector = None
    if slug := request.GET.get("secteur"):
        sector = Sector.objects.filter(slug=slug).first()
        if sector is not None:
            queryset = queryset.filter(sector=sector)
    sectors = Sector.objects.filter(pk__in=listed.values("sector"))
    return queryset, {"sectors": sectors, "current_sector": sector}
