"""Querysets that hand their model rows to a function once read, as a prefetch would."""

from functools import cache

from django.db.models.query import ModelIterable


def after_reading(queryset, action):
    """`queryset`, whose model rows are handed to `action(rows)` once read.

    For what `prefetch_related` would load, read another way (a listing's renditions, its
    tags). Filtered or sliced copies keep doing so; identifiers, values and counts do not.
    """
    listing = queryset._chain()
    actions = (*getattr(listing, "_after_reading", ()), action)
    listing.__class__ = reading_class(type(listing))
    listing._after_reading = actions
    return listing


@cache
def reading_class(queryset_class):
    """`queryset_class` that runs its `_after_reading` actions on the rows it reads."""
    if getattr(queryset_class, "acts_after_reading", False):
        return queryset_class

    def _clone(self):
        clone = queryset_class._clone(self)
        clone._after_reading = self._after_reading
        return clone

    def _fetch_all(self):
        reading = self._result_cache is None
        queryset_class._fetch_all(self)
        if reading and self._iterable_class is ModelIterable:
            for action in self._after_reading:
                action(self._result_cache)

    return type(
        f"Reading{queryset_class.__name__}",
        (queryset_class,),
        {"_clone": _clone, "_fetch_all": _fetch_all, "acts_after_reading": True},
    )
