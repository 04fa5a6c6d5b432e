"""Serving a page without walking the page tree at every request.

Wagtail finds the page of an address by looking up the site, then each slug of the path, one
query per level, then the page's specific row, and checks its view restrictions with two more
queries. The outcome only changes with publications, moves and privacy settings, which bump
the cache generation (core.cache): so the address → page map and the list of restricted
pages are kept per generation, and a request costs one query for its page.

What is decided stays Wagtail's: the page is fetched fresh (it must still be live), its own
`route()` resolves routable sub-addresses, and its view restrictions are checked by Wagtail's
rules. The restrictions themselves, with their groups, are kept per generation like the
rest: saving or deleting one, or changing its groups, bumps the generation (core.cache).
"""

from django.apps import apps
from django.db.models import Q, Value
from django.http import Http404
from django.http.request import split_domain_port

from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, PageViewRestriction, Site

from ..compiled import compiled, reuse_sql
from . import cached_fragment, cached_fragments, fragment_cache_enabled, per_request

# Page classes whose route() is one of these two can be resumed from the page found.
STANDARD_ROUTES = (Page.route, RoutablePageMixin.route)


def has_standard_route(page):
    return type(page).route in STANDARD_ROUTES


def route_entry(request, path):
    """Route the address the normal way and describe the outcome, or None if not reusable."""
    route = Page.route_for_request(request, path)
    site = Site.find_for_request(request)
    if route is None or site is None:
        return None
    page = route[0]
    if not has_standard_route(page) or page.alias_of_id:
        return None
    components = [part for part in path.split("/") if part]
    depth_below_root = page.depth - site.root_page.depth
    remaining = components[depth_below_root:]
    if remaining and not isinstance(page, RoutablePageMixin):
        return None
    return {
        "site": site,
        "model": page._meta.label_lower,
        "pk": page.pk,
        "remaining": remaining,
    }


def entry_from_url_paths(request, path):
    """Where Wagtail's routing would end, found from the pages' stored addresses in one query.

    Wagtail walks down the tree one level at a time (the child by its slug, then its specific
    row: two queries a level). Every page stores its address (`url_path`), so the pages along
    the path are read at once and the walk is replayed in memory with Wagtail's rules: a live
    routable page answers the rest of the address if one of its routes matches, otherwise
    the child named by the next part takes over; a missing child is a 404. Anything unusual
    (an alias, a page class with its own `route()`) is left to Wagtail.
    """
    components = [part for part in path.split("/") if part]
    site = find_site(request)
    if site is None:
        return None
    root = site.root_page
    if not components:
        # The site's root, read with the site: its type says how to serve it.
        page_class = root.specific_class
        if page_class is None or root.alias_of_id or page_class.route not in STANDARD_ROUTES:
            return None
        return route_description(site, page_class, root.pk, [])
    prefixes = [root.url_path]
    for part in components:
        prefixes.append(f"{prefixes[-1]}{part}/")
    along = Page.objects.filter(url_path__in=prefixes, path__startswith=root.path).only(
        "pk", "path", "depth", "url_path", "live", "content_type_id", "alias_of_id"
    )
    # One statement per depth of address, reused (core.compiled).
    chain = {page.url_path: page for page in reuse_sql(along, "route-chain")}
    for position, prefix in enumerate(prefixes):
        page = chain.get(prefix)
        if page is None or page.depth != root.depth + position:
            # The child named by this part does not exist (Wagtail answers 404), or the
            # stored addresses disagree with the tree: let Wagtail decide.
            return {"site": site, "missing": True} if page is None else None
        page_class = page.specific_class
        if page_class is None or page.alias_of_id or page_class.route not in STANDARD_ROUTES:
            return None
        remaining = components[position:]
        if issubclass(page_class, RoutablePageMixin) and page.live:
            subpath = "/" + "".join(f"{part}/" for part in remaining)
            try:
                page_class.get_resolver().resolve(subpath)
            except Http404:
                pass
            else:
                return route_description(site, page_class, page.pk, remaining)
        if not remaining:
            return route_description(site, page_class, page.pk, remaining)
    return None


def route_description(site, page_class, pk, remaining):
    return {"site": site, "model": page_class._meta.label_lower, "pk": pk, "remaining": remaining}


def prime_route(request, path):
    """Set Wagtail's per-request route and site from the map, or from the stored addresses."""
    if hasattr(request, "_wagtail_route_for_request"):
        return
    if fragment_cache_enabled():
        key = f"route:{request.get_host()}:{request.get_port()}:{path}"
        # The restrictions the page's checks need come in the same cache trip.
        readers = {key: lambda: route_entry(request, path) or {}, **RESTRICTION_FRAGMENTS}
        values = read_fragments(readers)
        per_request("restriction-map", lambda: restriction_map_of(values))
        entry = values[key]
    else:
        entry = entry_from_url_paths(request, path)
    if not entry or hasattr(request, "_wagtail_route_for_request"):
        # Wagtail's own routing asks for the site first: found here, without its query.
        prime_site(request)
        # Nothing known, or the map was just filled by routing this very request.
        return
    request._wagtail_site = entry["site"]
    if entry.get("missing"):
        request._wagtail_route_for_request = None
        return
    model, pk = apps.get_model(entry["model"]), int(entry["pk"])
    # The same statement for every page of a type: compiled once (core.compiled).
    found = compiled(
        f"route-page:{entry['model']}",
        lambda: model.objects.filter(pk=pk).select_related(*getattr(model, "serve_related", ()))[
            :1
        ],
        [pk],
    )
    page = next(iter(found), None)
    if page is None:
        return
    try:
        request._wagtail_route_for_request = page.route(request, entry["remaining"])
    except Http404:
        request._wagtail_route_for_request = None


def site_for_host(sites, hostname, port):
    """The site answering `hostname`:`port` (a number) among `sites`, by Wagtail's rules, or
    None.

    Wagtail ranks the sites named by the host or marked default: the host and port, then the
    host on the default site, then the default site (unless exactly one other site has the
    host, on another port), then the host alone when it is the only candidate.
    """

    def rank(site):
        if site.hostname == hostname and site.port == port:
            return 0
        if site.hostname == hostname and site.is_default_site:
            return 1
        return 2 if site.is_default_site else 3

    candidates = sorted(
        (site for site in sites if site.hostname == hostname or site.is_default_site), key=rank
    )
    if not candidates:
        return None
    if len(candidates) == 1 or rank(candidates[0]) < 2:
        return candidates[0]
    if rank(candidates[0]) == 2:
        return candidates[len(candidates) == 2]
    return None


def find_site(request):
    """`Site.find_for_request()`, from every site read at once by a statement compiled once.

    Wagtail ranks the candidates in SQL with a CASE whose values change with the host: Django
    compiled it at every request (0.9 ms), for a table of one or two rows.
    """
    if not hasattr(request, "_wagtail_site"):
        # As Wagtail does: the raw host (ALLOWED_HOSTS is checked elsewhere), port apart.
        hostname = split_domain_port(request._get_raw_host())[0]
        # Ordered by identifier: the manager orders by a CASE, whose values it would compile.
        sites = compiled(
            "sites", lambda: Site.objects.select_related("root_page").order_by("pk"), []
        )
        try:
            port = int(request.get_port())
        except ValueError:
            # Not a number (a proxy's header): no site has it.
            port = None
        request._wagtail_site = site_for_host(sites, hostname, port)
    return request._wagtail_site


def prime_site(request):
    """Set Wagtail's per-request site: from the per-generation map of hosts to sites with
    the fragments, else read (core.cache.routing.find_site)."""
    if hasattr(request, "_wagtail_site"):
        return
    if not fragment_cache_enabled():
        find_site(request)
        return
    key = f"site:{request.get_host()}:{request.get_port()}"
    site = cached_fragment(key, lambda: Site.find_for_request(request) or "")
    if site and not hasattr(request, "_wagtail_site"):
        request._wagtail_site = site


class RouteCacheMiddleware:
    """Primes Wagtail's routing of page addresses, and its site, from per-generation maps."""

    def __init__(self, get_response):
        # Imported here: wagtail.views needs the models, and home.models imports this module.
        from wagtail.views import serve

        self.get_response = get_response
        self.wagtail_serve = serve

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is self.wagtail_serve:
            prime_route(request, view_args[0] if view_args else view_kwargs.get("path", ""))
        elif not request.path.startswith(("/admin/", "/django-admin/")):
            # Search, feeds, the sitemap and every template's menus ask for the site.
            prime_site(request)
        return None


def restricted_and_alias_rows():
    restricted = PageViewRestriction.objects.order_by().values_list(
        "page__path", "page_id", Value(True)
    )
    aliases = (
        Page.objects.filter(alias_of__isnull=False)
        .order_by()
        .values_list("path", "pk", Value(False))
    )
    return restricted.union(aliases, all=True)


def read_restricted_and_alias_paths():
    """Both lists of paths in one query: every page served asks for both."""
    # Every page reads it: compiled once (core.compiled); its values are the two flags.
    rows = compiled("restriction-paths", restricted_and_alias_rows, [True, False])
    return {
        "restricted": {path: page_id for path, page_id, is_restriction in rows if is_restriction},
        "aliases": sorted(path for path, _, is_restriction in rows if not is_restriction),
    }


def read_restriction_rows():
    return list(PageViewRestriction.objects.prefetch_related("groups"))


# Kept per generation with the fragments, read in one cache trip (without the fragments,
# restriction_map reads the paths once per request and leaves the rows to each page).
RESTRICTION_FRAGMENTS = {
    "restriction-paths": read_restricted_and_alias_paths,
    "view-restriction-rows": read_restriction_rows,
}


def restriction_map_of(values):
    """The restriction map from the fragments read (core.cache.routing.restriction_map)."""
    return {**values["restriction-paths"], "rows": values["view-restriction-rows"]}


def read_fragments(readers):
    """`{name: reader()}` for the fragments named, in one cache trip; only the missing ones
    are read."""
    return cached_fragments(list(readers), lambda missing: {n: readers[n]() for n in missing})


def read_restriction_fragments():
    return restriction_map_of(read_fragments(RESTRICTION_FRAGMENTS))


def prefilled(queryset, rows):
    """`queryset` standing for `rows` already read (with their prefetches): iterating,
    counting or asking `exists()` reads no more; a further filter asks the database again."""
    queryset._result_cache = list(rows)
    queryset._prefetch_done = True
    return queryset


def restricted_paths():
    """Paths of pages holding a view restriction: per generation with the fragments, else
    read once per request (a page's menus, listings and sidebars ask up to six times)."""
    return restriction_map()["restricted"]


def restriction_map():
    """Paths of pages holding a view restriction, paths of alias pages, and with the
    fragments the restrictions with their groups (in one cache trip). Read once per request,
    and forgotten when content changes within it (core.cache.purge_everything)."""
    if fragment_cache_enabled():
        return per_request("restriction-map", read_restriction_fragments)
    # Without the fragments, the restrictions themselves are read for the page that needs
    # them.
    return per_request(
        "restriction-paths", lambda: {**read_restricted_and_alias_paths(), "rows": None}
    )


def restricted_q():
    """Pages at or under a page holding a view restriction (read once per request, or per
    generation with the fragments)."""
    q = Q()
    for path in restricted_paths():
        q |= Q(path__startswith=path)
    # Like Wagtail's private_q(): match nothing when no page is restricted.
    return q if q else Q(pk__in=[])


def public_pages(queryset):
    """`queryset.public()`, reading the restrictions once per request or per generation."""
    return queryset.exclude(restricted_q())


class CachedPrivacyQuerySetMixin:
    """`public()` for page querysets without reading every restriction at each call."""

    def private_q(self):
        return restricted_q()


class CachedViewRestrictionsMixin:
    """`get_view_restrictions()` without the ancestor query, and without any query when public.

    Still a queryset of the restrictions themselves: with the fragments, filled from the rows
    of this generation (any change to a restriction or its groups bumps it); without them,
    read fresh. Pages at or under an alias keep Wagtail's own lookup, which follows aliases
    to their source.
    """

    def get_view_restrictions(self):
        known = restriction_map()
        if self.alias_of_id or any(self.path.startswith(path) for path in known["aliases"]):
            return super().get_view_restrictions()
        page_ids = [
            page_id for path, page_id in known["restricted"].items() if self.path.startswith(path)
        ]
        if not page_ids:
            return PageViewRestriction.objects.none()
        # Serving asks twice (Wagtail's hook, then the member area's rule): the same queryset
        # is handed out for this page object, so its rows and groups are read once.
        memo = self.__dict__.get("_view_restrictions_memo")
        if memo is None or memo[0] != page_ids:
            restrictions = PageViewRestriction.objects.filter(page_id__in=page_ids)
            if known["rows"] is not None:
                # The rows of this generation stand for the query's result.
                restrictions = prefilled(
                    restrictions, [row for row in known["rows"] if row.page_id in page_ids]
                )
            else:
                restrictions = restrictions.prefetch_related("groups")
            memo = (page_ids, restrictions)
            self.__dict__["_view_restrictions_memo"] = memo
        return memo[1]
