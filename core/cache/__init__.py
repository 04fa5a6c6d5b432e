"""The page cache: whole anonymous responses of public pages, kept in the shared cache.

Every stored response carries a *generation*, a number kept in the shared cache beside the
pages, and is served only while that generation is current. Publishing, unpublishing, moving
or deleting a page, or changing anything pages show (organisations, sectors, categories,
tags, images, settings, redirects, privacy), bumps the generation: every page stored before
is stale at once, on every application server that shares the cache. Nothing has to know
which pages show what, so a listing, a feed or the sitemap can never outlive a publication.
"""

import contextvars
import hashlib
import logging
import time
from functools import lru_cache, partial
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.core.checks import Warning as CheckWarning
from django.core.exceptions import DisallowedHost
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.http import HttpResponse
from django.utils.cache import get_max_age, patch_cache_control

from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.signals import page_published, page_unpublished, post_page_move

from core.commit import once_on_commit
from core.hooks import (
    cache_dependencies,
    private_prefixes,
    register_cache_dependencies,
    related_url_providers,
    site_url_providers,
)

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
KEY_PREFIX = "pagecache:page"
FRAGMENT_PREFIX = "pagecache:fragment"

# Paths whose answers depend on who asks, or that carry forms and private files.
# Besides these, the private paths registered in core.hooks (documents, the member area).
UNCACHED_PREFIXES = ("/admin/", "/django-admin/", "/media/", "/static/")
# Query parameters that select content; anything else (tracking tags, cache busters) is
# served fresh rather than letting arbitrary strings fill the cache.
CACHED_QUERY_PARAMETERS = frozenset({"page", "tag", "categorie", "secteur", "q"})
# 404s are cached too: crawlers ask for gone addresses over and over.
CACHED_STATUSES = frozenset({200, 301, 404})
# Cookies that make an answer personal, or that a page may still have to consume.
PERSONAL_COOKIES = ("messages",)
CSRF_FIELD = b'name="csrfmiddlewaretoken"'
# Set in the WSGI environ by core.cache.wsgi when it looked a page up and missed; not
# reachable from a request header, whose names all start with HTTP_.
LOOKED_UP = "core.cache.looked_up"


def page_cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


# What a release may change in pages: templates, the project's code, and the hashed names of
# static files.
FINGERPRINTED_SUFFIXES = (".html", ".py", ".txt")


def fingerprinted_folders(root):
    """The templates folder and the folder of every installed app of this project."""
    project_apps = [Path(config.path) for config in apps.get_app_configs()]
    folders = {root / "templates", *(path for path in project_apps if path.is_relative_to(root))}
    return sorted(path.relative_to(root) for path in folders)


@lru_cache(maxsize=1)
def release_fingerprint():
    """A short hash of this release's templates, code and static manifest, once per process.

    Part of every key, so that pages and fragments rendered by a previous release are never
    served by the next one. Built from file contents, not dates, so that every server of a
    release agrees; RELEASE_ID (e.g. the commit) replaces it when set.
    """
    if release := getattr(settings, "RELEASE_ID", ""):
        return release[:16]
    digest = hashlib.sha256()
    root = Path(settings.BASE_DIR)
    for folder in fingerprinted_folders(root):
        for path in sorted((root / folder).rglob("*")):
            if path.suffix in FINGERPRINTED_SUFFIXES and "migrations" not in path.parts:
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.exists():
        digest.update(manifest.read_bytes())
    return digest.hexdigest()[:16]


def page_cache_enabled():
    return getattr(settings, "PAGE_CACHE_ENABLED", False)


# True while Wagtail renders a preview through the middleware (its "dummy" request): a draft
# must neither show fragments of the published page nor leave its own in the shared cache.
rendering_preview = contextvars.ContextVar("rendering_preview", default=False)


def fragment_cache_enabled():
    return getattr(settings, "FRAGMENT_CACHE_ENABLED", False) and not rendering_preview.get()


def current_generation(cache=None):
    """The generation pages are stored under now; created on first use or after eviction."""
    cache = cache or page_cache()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # A clock value, never 1: keys stored under an evicted generation stay unreachable.
        generation = time.time_ns()
        if not cache.add(GENERATION_KEY, generation, timeout=None):
            generation = cache.get(GENERATION_KEY, generation)
    return generation


def bump_generation(cache=None):
    """Make every stored page unreachable; errors are logged, never raised to the editor."""
    cache = cache or page_cache()
    try:
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:
            cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
    except Exception:
        # Publishing must not fail because the cache is down; stored pages then expire
        # after PAGE_CACHE_SECONDS at the latest.
        logger.exception("Page cache: the generation could not be bumped")


def purge_everything():
    """Bump now, and again once the current transaction commits.

    The bump after commit is the one that matters: a page rendered between the first bump
    and the commit saw the old data and would otherwise be stored under the new generation.
    The immediate bump covers code that runs outside a transaction (or tests that never
    commit). Within one transaction, a single bump after commit is scheduled, so deleting a
    thousand pages costs one, not a thousand.
    """
    bump_generation()
    # What this request read of the content (restrictions, say) may have just changed.
    if values := request_values.get():
        values.clear()
    # Aggregates stored in the database follow the same changes (core.summaries).
    from core.summaries import content_changed

    content_changed()
    if transaction.get_connection().in_atomic_block:
        # Looked up when it runs, not when it is asked for.
        once_on_commit("page-cache-bump", lambda: bump_generation())


def read_current(cache, key):
    """The value stored at `key` if it was stored under the current generation, in one trip.

    Values are stored as (generation, value) under keys that do not change with the
    generation: a page is read together with the generation in a single MGET, and storing it
    again replaces the old copy rather than leaving it to expire.

    Returns (generation, value); value is None when missing or stored under another generation.
    """
    found = cache.get_many([GENERATION_KEY, key])
    generation = found.get(GENERATION_KEY)
    if generation is None:
        return current_generation(cache), None
    stored = found.get(key)
    if stored is None or stored[0] != generation:
        return generation, None
    return generation, stored[1]


def fragment_key(name):
    return f"{FRAGMENT_PREFIX}:{release_fingerprint()}:{name}"


# Values that hold for the length of one request (the list of restricted pages, say): read
# once however many querysets ask, and forgotten when the answer is sent, so that they can
# never be stale, with or without a shared cache.
request_values = contextvars.ContextVar("request_values", default=None)


def start_request_values(**kwargs):
    request_values.set({})


def end_request_values(**kwargs):
    request_values.set(None)


request_started.connect(start_request_values, dispatch_uid="core.cache.request_values:start")
request_finished.connect(end_request_values, dispatch_uid="core.cache.request_values:end")


def per_request(name, compute):
    """`compute()` once per request; outside a request (commands, tasks) every time."""
    values = request_values.get()
    if values is None:
        return compute()
    if name not in values:
        values[name] = compute()
    return values[name]


def remember_per_request(name, value):
    """Hand `value` to whatever asks `per_request(name, …)` later in this request."""
    values = request_values.get()
    if values is not None:
        values[name] = value


def cached_fragment(name, compute):
    """A value computed once per generation, e.g. a sidebar aggregated over every news item.

    Costs one cache read instead of queries whose time grows with the archive; like pages,
    the value is recomputed after any publication.
    """
    return cached_fragments([name], lambda missing: {name: compute()})[name]


def cached_fragments(names, compute_missing):
    """Several fragments of one generation in one cache trip; `compute_missing(names)` returns
    a dict for the names that were not there, which are stored in one trip too."""
    if not fragment_cache_enabled():
        return compute_missing(list(names))
    cache = page_cache()
    keys = {name: fragment_key(name) for name in names}
    try:
        found = cache.get_many([GENERATION_KEY, *keys.values()])
    except Exception:
        logger.exception("Page cache: fragments %s could not be read", list(names))
        return compute_missing(list(names))
    generation = found.get(GENERATION_KEY)
    if generation is None:
        generation = current_generation(cache)
    values, missing = {}, []
    for name, key in keys.items():
        stored = found.get(key)
        if stored is not None and stored[0] == generation:
            values[name] = stored[1]
        else:
            missing.append(name)
    if missing:
        computed = compute_missing(missing)
        values.update(computed)
        try:
            cache.set_many(
                {keys[name]: (generation, value) for name, value in computed.items()},
                page_cache_seconds(),
            )
        except Exception:
            logger.exception("Page cache: fragments %s could not be stored", missing)
    return values


def page_cache_seconds():
    return getattr(settings, "PAGE_CACHE_SECONDS", 3600)


def request_address(request):
    """Scheme, host, path and query string: the address a cached answer is kept under."""
    return f"{request.scheme}://{request.get_host()}{request.get_full_path()}"


def key_digest(text):
    # A hostile address may hold characters that do not encode: they still make a key.
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


def request_key(request):
    """The key of an anonymous GET: scheme, host, path and query string."""
    return f"{KEY_PREFIX}:{release_fingerprint()}:{key_digest(request_address(request))}"


def may_use_cache(request):
    """Whether this request may be answered from, or stored in, the page cache.

    Decided from the request alone, before sessions are loaded: a visitor holding a session
    cookie may be signed in, so they always get a page rendered for them.
    """
    if request.method not in ("GET", "HEAD"):
        return False
    if request.path.startswith((*UNCACHED_PREFIXES, *private_prefixes())):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    if any(name in request.COOKIES for name in PERSONAL_COOKIES):
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    return all(name in CACHED_QUERY_PARAMETERS for name in request.GET)


def may_store(request, response):
    """Whether a freshly rendered response is the same for every anonymous visitor."""
    if request.method != "GET" or response.status_code not in CACHED_STATUSES:
        return False
    if response.streaming or response.cookies:
        return False
    if getattr(request, "is_preview", False):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    if get_max_age(response) == 0:
        return False
    # A per-request nonce in the Content-Security-Policy must never be replayed.
    csp = response.get("Content-Security-Policy", "") + response.get(
        "Content-Security-Policy-Report-Only", ""
    )
    if "'nonce-" in csp:
        return False
    # A CSRF token is personal even when no cookie is set in this very response.
    return CSRF_FIELD not in response.content


def freeze(response):
    """A copy of the response to store: same status, headers and content, no cookie or date.

    Stored as a response object, like Django's own cache middleware does, so that a hit
    unpickles it ready to send instead of validating every header again.
    """
    frozen = HttpResponse(response.content, status=response.status_code)
    for name, value in response.items():
        if name.lower() not in ("set-cookie", "x-cache", "date"):
            frozen[name] = value
    return frozen


class PageCacheMiddleware:
    """Answers anonymous GETs of public pages from the shared cache, and stores what it may.

    First of all middleware: a hit skips the others, sessions, authentication, CSRF and the
    whole page rendering, and is the response stored with every header they had set.
    Responses say `X-Cache: HIT`, `MISS` (rendered and stored) or `BYPASS` (rendered, not
    stored). Behind gunicorn, hits are answered earlier still, by core.cache.wsgi; this
    middleware then stores what misses render, and answers hits for other handlers (ASGI,
    the test client).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if getattr(request, "is_dummy", False):
            token = rendering_preview.set(True)
            try:
                return self.get_response(request)
            finally:
                rendering_preview.reset(token)
        if not page_cache_enabled() or not may_use_cache(request):
            return self.get_response(request)
        cache = page_cache()
        try:
            key = request_key(request)
        except DisallowedHost:
            # Django answers 400 and logs it as a security event; nothing is stored for it.
            return self.get_response(request)
        try:
            looked_up = request.META.get(LOOKED_UP)
            if looked_up is not None and looked_up[0] == key:
                # The WSGI application in front (core.cache.wsgi) has just missed it.
                generation, frozen = looked_up[1], None
            else:
                # The generation read now is the one the page is stored under: a
                # publication committed while it renders makes this copy stale at once.
                generation, frozen = read_current(cache, key)
        except Exception:
            # Without its cache the site is slower, not down.
            logger.exception("Page cache: lookup failed")
            return self.get_response(request)
        if frozen is not None:
            frozen["X-Cache"] = "HIT"
            return frozen
        response = self.get_response(request)
        if may_store(request, response):
            try:
                cache.set(key, (generation, freeze(response)), page_cache_seconds())
                response["X-Cache"] = "MISS"
            except Exception:
                logger.exception("Page cache: store failed")
                response["X-Cache"] = "BYPASS"
            cdn_seconds = getattr(settings, "PAGE_CACHE_CDN_SECONDS", 0)
            if cdn_seconds:
                patch_cache_control(response, public=True, s_maxage=cdn_seconds)
        else:
            response["X-Cache"] = "BYPASS"
        return response


# Invalidation


def related_urls(page):
    """Public addresses that show `page` besides its own: its ancestors, feeds, tag listings,
    the sitemap."""
    page = page.specific_deferred
    urls = []
    for ancestor in page.get_ancestors().filter(depth__gt=1).specific():
        url = ancestor.get_full_url()
        if not url:
            continue
        urls.append(url)
        # Feeds and tag listings, from the features that have them (core.hooks).
        for provider in related_url_providers():
            urls += provider(page, ancestor, url)
    site = page.get_site()
    if site:
        # The sitemap and its sections, from the site that has them (core.hooks).
        for provider in site_url_providers():
            urls += provider(page, site.root_url)
    return urls


def cdn_configured():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def frontend_cache_urls(page):
    """The page's own cached addresses and those of the pages listing it."""
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    batch = PurgeBatch()
    batch.add_page(page)
    batch.add_urls(related_urls(page))
    return batch.urls


def purge_frontend_cache(urls):
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    try:
        purge_urls_from_cache(urls)
    except Exception:
        logger.exception("Page cache: the CDN purge failed")


def schedule_frontend_purge(page):
    """Once committed, ask the CDN to forget the page and what lists it (when one is set up)."""
    if not cdn_configured():
        return
    try:
        urls = frontend_cache_urls(page)
    except Exception:
        logger.exception("Page cache: the CDN addresses of page %s are unknown", page.pk)
        return
    transaction.on_commit(partial(purge_frontend_cache, urls), robust=True)


def on_page_changed(sender, instance, **kwargs):
    purge_everything()
    schedule_frontend_purge(instance)


def on_page_deleting(sender, instance, **kwargs):
    from wagtail.models import Page

    # Addresses are computed before the rows go; only once per page, on its base row.
    if type(instance) is Page:
        schedule_frontend_purge(instance)


def on_page_deleted(sender, instance, **kwargs):
    from wagtail.models import Page

    if isinstance(instance, Page):
        purge_everything()


# Saved by Wagtail itself while rendering (an image's size and hash are filled in lazily):
# purging on them would empty the cache at every first view of an image.
BOOKKEEPING_FIELDS = frozenset({"file_size", "file_hash"})


def on_content_changed(sender, instance=None, update_fields=None, created=False, **kwargs):
    # Never for renditions either: rendering a page creates them.
    if update_fields and set(update_fields) <= BOOKKEEPING_FIELDS:
        return
    # Wagtail creates a site's settings with their defaults while rendering the first page
    # that reads them: that page already shows those defaults.
    if created and isinstance(instance, BaseSiteSetting):
        return
    # A tag is created as soon as a draft, or a mere preview, names it; no public page shows
    # it before an article carrying it is published, and publishing purges anyway. Purging
    # here would let every preview empty the cache.
    if created and sender._meta.label == "taggit.Tag":
        return
    purge_everything()


def on_restriction_groups_changed(sender, action, **kwargs):
    if action.startswith("post_"):
        purge_everything()


# Models of the platform shown on public pages outside of the page tree, or deciding who sees
# what; features add theirs through core.hooks.register_cache_dependencies.
PLATFORM_DEPENDENCIES = (
    "core.SiteImage",
    "core.SiteDocument",
    "core.Sector",
    "taggit.Tag",
    "wagtailcore.Site",
    "wagtailcore.PageViewRestriction",
    "wagtailcore.CollectionViewRestriction",
    "auth.Group",
    "wagtailredirects.Redirect",
)


def on_any_save_or_delete(sender, **kwargs):
    # Connected for every model and filtered here, so that features may register their
    # models before or after the platform starts.
    if sender._meta.label in cache_dependencies():
        on_content_changed(sender, **kwargs)


def connect_signals():
    register_cache_dependencies(*PLATFORM_DEPENDENCIES)
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(on_page_changed, dispatch_uid=f"core.cache.{signal!r}")
    pre_delete.connect(on_page_deleting, dispatch_uid="core.cache.page_deleting")
    post_delete.connect(on_page_deleted, dispatch_uid="core.cache.page_deleted")
    post_save.connect(on_any_save_or_delete, dispatch_uid="core.cache.dependency_saved")
    post_delete.connect(on_any_save_or_delete, dispatch_uid="core.cache.dependency_deleted")
    # Who may read a restricted page also changes with the groups of a restriction.
    from wagtail.models import CollectionViewRestriction, PageViewRestriction

    for restriction_model in (PageViewRestriction, CollectionViewRestriction):
        m2m_changed.connect(
            on_restriction_groups_changed,
            sender=restriction_model.groups.through,
            dispatch_uid=f"core.cache.restriction_groups.{restriction_model.__name__}",
        )


def check_shared_cache(app_configs=None, **kwargs):
    """A per-process cache would let each worker serve its own stale copy after a publication."""
    if not (page_cache_enabled() or fragment_cache_enabled()):
        return []
    backend = settings.CACHES.get(getattr(settings, "PAGE_CACHE_ALIAS", "default"), {})
    if "locmem" in backend.get("BACKEND", "") or "dummy" in backend.get("BACKEND", ""):
        return [
            CheckWarning(
                "The page or fragment cache is on, but the cache is local to each process.",
                hint="Set REDIS_URL so that every worker and server shares one cache, "
                "or run a single process.",
                id="home.W001",
            )
        ]
    return []
