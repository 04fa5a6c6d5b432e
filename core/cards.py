"""Listing cards read in one cache trip, the page's items loaded only for cards not cached.

A listing page then costs a query for the identifiers of its items and one cache read,
instead of loading every item with its tags, image and renditions to render markup that
was already rendered for the previous visitor.
"""

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from core.cache import cached_fragments
from core.templatetags.fragment_cache import fragment_name


def render_cards(request, pks, load, template, name, variable, vary=(), context=None):
    """The cards of `pks`, in order: cached ones read at once, the others rendered and kept.

    `load(pks)` returns the items to render; `variable` is their name in `template`; `vary`
    lists what else the card depends on, as `{% fragmentcache name pk *vary %}` does.
    """
    pks = list(pks)
    names = {pk: fragment_name(name, pk, *vary) for pk in pks}

    def render_missing(missing_names):
        missing_names = set(missing_names)
        wanted = [pk for pk in pks if names[pk] in missing_names]
        items = {item.pk: item for item in load(wanted)}
        return {
            # No context processors: each card gets what it needs in `context`.
            names[pk]: render_to_string(
                template, {**(context or {}), variable: items[pk], "request": request}
            )
            for pk in wanted
            if pk in items
        }

    found = cached_fragments(list(names.values()), render_missing)
    return [mark_safe(found[names[pk]]) for pk in pks if names[pk] in found]  # noqa: S308 - rendered template output
