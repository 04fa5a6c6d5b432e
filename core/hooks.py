"""Registries that features fill when they start, so that the platform never imports them.

`core` knows nothing of news or of the member area; each feature tells it, from its
`AppConfig.ready()`, which paths are personal, which of its models public pages show, which
other addresses list one of its pages, and which entries it adds to the site's header.
"""

from dataclasses import dataclass

_private_prefixes = []
_cache_dependencies = []
_related_url_providers = []
_site_url_providers = []
_menu_entries = []


def register_private_prefixes(*prefixes):
    """Paths whose answers depend on who asks: never cached, always marked private."""
    for prefix in prefixes:
        if prefix not in _private_prefixes:
            _private_prefixes.append(prefix)


def private_prefixes():
    return tuple(_private_prefixes)


def register_cache_dependencies(*labels):
    """Models ("app.Model") shown on public pages outside the page tree: a change to one
    makes every cached page stale."""
    for label in labels:
        if label not in _cache_dependencies:
            _cache_dependencies.append(label)


def cache_dependencies():
    return tuple(_cache_dependencies)


def register_related_urls(provider):
    """`provider(page, ancestor, ancestor_url)` returns the addresses under `ancestor` that
    list `page` besides the ancestor itself (feeds, tag listings); used to purge a CDN."""
    if provider not in _related_url_providers:
        _related_url_providers.append(provider)
    return provider


def related_url_providers():
    return tuple(_related_url_providers)


def register_site_urls(provider):
    """`provider(page, root_url)` returns the site-wide addresses that list `page` wherever
    it sits in the tree (the sitemap and its sections); used to purge a CDN."""
    if provider not in _site_url_providers:
        _site_url_providers.append(provider)
    return provider


def site_url_providers():
    return tuple(_site_url_providers)


@dataclass(frozen=True)
class MenuEntry:
    """A link a feature adds to the site's header, beside the page menu."""

    label: str
    url: str
    css_class: str = ""


def register_menu_entry(entry):
    if entry not in _menu_entries:
        _menu_entries.append(entry)


def menu_entries():
    return tuple(_menu_entries)
