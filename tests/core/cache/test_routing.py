"""The route map (core.cache.routing): fewer queries per page, never a wrong or unguarded page."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

import pytest

from tests import factories
from tests.support import build_public_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(settings, home_page):
    settings.PAGE_CACHE_ENABLED = False
    settings.FRAGMENT_CACHE_ENABLED = True
    return build_public_site(home_page)


def newsroom_urls(site):
    """The home page and the newsroom's addresses: listings, filters, archives, an item."""
    news = site.news_index.url
    return [
        "/",
        news,
        f"{news}?page=2",
        f"{news}etiquette/charte/",
        f"{news}categorie/economie/",
        f"{news}2023/",
        f"{news}1999/",
        site.charter_news.url,
    ]


def get(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response, len(captured.captured_queries)


def test_a_known_address_costs_fewer_queries_and_gives_the_same_page(client, site):
    news_index = site.news_index.url
    for url in (site.charter_news.url, news_index, f"{news_index}etiquette/charte/", "/"):
        first, routed = get(client, url)
        second, mapped = get(client, url)
        assert first.status_code == second.status_code == 200, url
        assert first.content == second.content, url
        assert mapped < routed, (url, routed, mapped)


def test_unpublished_and_renamed_pages_leave_the_map_at_once(client, site):
    page = site.charter_news
    old_url = page.url
    assert get(client, old_url)[0].status_code == 200
    assert get(client, old_url)[0].status_code == 200
    page.slug = "charte-signee"
    page.save_revision().publish()
    page.refresh_from_db()
    assert get(client, old_url)[0].status_code == 404
    assert get(client, page.url)[0].status_code == 200
    page.unpublish()
    assert get(client, page.url)[0].status_code == 404


def test_a_page_made_private_is_closed_at_once_with_its_children(client, site, home_page):
    parent = factories.StandardPageFactory(parent=home_page, title="Le réseau", slug="reseau")
    child = factories.StandardPageFactory(parent=parent, title="Les statuts", slug="statuts")
    for url in (parent.url, child.url):
        assert get(client, url)[0].status_code == 200
        assert get(client, url)[0].status_code == 200
    factories.restrict_to_logged_in(parent)
    for url in (parent.url, child.url):
        response = get(client, url)[0]
        assert response.status_code == 302, url
        assert "/connexion/" in response["Location"]
    PageViewRestriction.objects.filter(page=parent).delete()
    assert get(client, child.url)[0].status_code == 200


def test_an_alias_keeps_the_restrictions_of_its_source(client, site, home_page):
    private = factories.StandardPageFactory(parent=home_page, title="Réservé", slug="reserve")
    factories.restrict_to_logged_in(private)
    public = factories.StandardPageFactory(parent=home_page, title="Public", slug="public")
    alias = private.create_alias(parent=public, update_slug="reserve-alias")
    for _ in range(2):
        response = get(client, alias.url)[0]
        assert response.status_code == 302
        assert "/connexion/" in response["Location"]


def test_pages_read_the_same_with_fragments_off_cold_and_warm(client, site, settings):
    """Cards, sidebars and page identifiers from the cache give exactly the page rendered fresh."""
    urls = [*newsroom_urls(site), "/recherche/?q=charte"]
    settings.FRAGMENT_CACHE_ENABLED = False
    fresh = {url: client.get(url) for url in urls}
    settings.FRAGMENT_CACHE_ENABLED = True
    cold = {url: client.get(url) for url in urls}
    warm = {url: client.get(url) for url in urls}
    for url in urls:
        assert fresh[url].status_code == cold[url].status_code == warm[url].status_code, url
        assert fresh[url].content == cold[url].content == warm[url].content, url


# The contract with Wagtail. core.cache.routing is the one module that sets Wagtail's
# per-request attributes; these tests fail as soon as a Wagtail release stops honouring them,
# so that an upgrade shows at once what to change (or that the route map must go).


def test_wagtail_routes_a_request_from_the_route_it_carries(rf, home_page):
    from wagtail.models import Page

    request = rf.get("/nowhere/")
    primed = (home_page, [], {})
    request._wagtail_route_for_request = primed
    assert Page.route_for_request(request, "/nowhere/") is primed


def test_wagtail_finds_the_site_a_request_carries(rf, home_page):
    from wagtail.models import Site

    request = rf.get("/", HTTP_HOST="ailleurs.example")
    site = Site.objects.get(is_default_site=True)
    request._wagtail_site = site
    assert Site.find_for_request(request) is site


def test_page_addresses_are_served_by_wagtails_serve_view():
    from django.urls import resolve

    from wagtail import views

    assert resolve("/une/page/").func is views.serve
    assert resolve("/").func is views.serve


def test_the_middleware_primes_only_wagtails_own_routes(client, site):
    from django.conf import settings

    assert "core.cache.routing.RouteCacheMiddleware" in settings.MIDDLEWARE
    response = client.get(site.charter_news.url)
    assert response.status_code == 200
    assert response.wsgi_request._wagtail_route_for_request[0].pk == site.charter_news.pk


# Without fragments (make run's default), pages are found from their stored addresses
# (core.cache.routing.entry_from_url_paths): one query for the pages along the path instead of
# two per level, with exactly Wagtail's outcome.


def test_stored_addresses_route_exactly_as_wagtail_does(client, site, settings, home_page):
    settings.FRAGMENT_CACHE_ENABLED = False
    news = site.news_index.url
    draft_parent = factories.StandardPageFactory(
        parent=home_page, title="Brouillon", slug="brouillon"
    )
    live_child = factories.StandardPageFactory(parent=draft_parent, title="Publiée", slug="publiee")
    draft_parent.unpublish()
    private = factories.StandardPageFactory(parent=home_page, title="Réservé", slug="reserve")
    factories.restrict_to_logged_in(private)
    alias = site.charter_news.create_alias(parent=home_page, update_slug="charte-alias")
    # A child whose slug one of the newsroom's own routes also matches: the route wins.
    factories.NewsPageFactory(parent=site.news_index, title="Deux mille vingt-trois", slug="2023")
    urls = [
        *newsroom_urls(site),
        f"{news}flux/rss/",
        f"{site.charter_news.url}suite/",
        f"{news}n-existe-pas/",
        "/n-existe/pas/du/tout/",
        draft_parent.url or "/brouillon/",
        "/brouillon/publiee/",
        private.url,
        alias.url,
        "/ACTUALITES/",
    ]
    ours = {}
    for url in urls:
        client.get(url)  # Warm: Wagtail's and Django's per-process caches are filled.
        response, count = get(client, url)
        ours[url] = (response.status_code, response.content, response.get("Location"), count)
    assert live_child.live
    settings.MIDDLEWARE = [
        name for name in settings.MIDDLEWARE if name != "core.cache.routing.RouteCacheMiddleware"
    ]
    client.handler.load_middleware()
    for url in urls:
        response, count = get(client, url)
        status, content, location, our_count = ours[url]
        assert (status, location) == (response.status_code, response.get("Location")), url
        assert content == response.content, url
        # An alias is left to Wagtail once its stored address is read: one query more.
        assert our_count <= count + (url == alias.url), (url, our_count, count)
    # Two levels down: one query for the pages along the path and one for the page itself,
    # where Wagtail walks the tree level by level.
    assert ours[site.charter_news.url][3] < get(client, site.charter_news.url)[1]


# The site of a request without fragments (core.cache.routing.find_site): every site read by
# one statement, then Wagtail's ranking in Python.


@pytest.mark.parametrize(
    "sites",
    [
        # (hostname, port, default)
        [("localhost", 80, True)],
        [("localhost", 80, True), ("autre.example", 80, False)],
        [("localhost", 80, True), ("autre.example", 8000, False)],
        [("localhost", 80, False), ("autre.example", 443, False)],
        [("localhost", 80, True), ("autre.example", 80, False), ("autre.example", 8000, False)],
        [("autre.example", 80, True), ("autre.example", 8000, False)],
        [("autre.example", 443, False), ("autre.example", 8000, False)],
        [("autre.example", 8000, False)],
    ],
)
def test_the_site_of_a_host_is_the_one_wagtail_finds(sites, home_page, rf):
    from wagtail.models import Site
    from wagtail.models.sites import get_site_for_hostname

    from core.cache.routing import find_site

    Site.objects.all().delete()
    for hostname, port, default in sites:
        Site.objects.create(
            hostname=hostname, port=port, is_default_site=default, root_page=home_page
        )
    for host in ["localhost", "autre.example", "inconnu.example"]:
        for port in ["80", "443", "8000", "pas-un-port"]:
            # A port that is no number (a proxy's header) is one no site has.
            asked = port if port.isdigit() else "1"
            try:
                expected = get_site_for_hostname(host, asked)
            except Site.DoesNotExist:
                expected = None
            request = rf.get("/", HTTP_HOST=host)
            request.META["SERVER_PORT"] = port
            found = find_site(request)
            assert (found and found.pk) == (expected and expected.pk), (sites, host, port)
            if found:
                # With its root page, as Wagtail reads it.
                assert found.root_page.pk == home_page.pk
