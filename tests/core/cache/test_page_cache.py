"""The page cache serves anonymous visitors fast and never shows a stale or personal page."""

import datetime
from unittest import mock

from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Site

import pytest

from core import cache as page_cache_module
from home.models import SiteSettings
from members.models import JoinClubPage
from tests import factories
from tests.members import member_factories as mf
from tests.support import build_public_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(page_cache, home_page):
    return build_public_site(home_page)


def fetch(client, url, status=200, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code == status, (url, response.status_code)
    return response


def text(response):
    return response.content.decode()


def addresses(site):
    """Every public page that lists or shows the charter news (the sitemap: its address, in
    the section of its year; the index: the section's address and date)."""
    news = site.news_index.url
    year = site.charter_news.published_on.year
    return {
        "la page": site.charter_news.url,
        "son index": news,
        "l'accueil": "/",
        "une étiquette": f"{news}etiquette/charte/",
        "le flux RSS": f"{news}flux/rss/",
        "le flux Atom": f"{news}flux/atom/",
        "le flux d'étiquette": f"{news}etiquette/charte/flux/rss/",
        "le plan du site": "/sitemap.xml",
        "sa section du plan du site": f"/sitemap-actualites-{year}.xml",
    }


def warm(client, urls):
    """Fetch each address twice: the second answer must come from the cache."""
    for url in urls:
        assert fetch(client, url)["X-Cache"] == "MISS", url
        assert fetch(client, url)["X-Cache"] == "HIT", url


def test_anonymous_pages_are_served_from_the_cache(client, site):
    """The second anonymous visit of each public page is a cache hit with the same content."""
    for url in addresses(site).values():
        first = fetch(client, url)
        second = fetch(client, url)
        assert (first["X-Cache"], second["X-Cache"]) == ("MISS", "HIT"), url
        assert second.content == first.content
        assert second["Content-Type"] == first["Content-Type"]


def test_head_requests_are_answered_from_the_cache(client, site):
    """A HEAD after a GET is a hit too (crawlers check pages that way)."""
    fetch(client, site.news_index.url)
    assert client.head(site.news_index.url)["X-Cache"] == "HIT"


def test_publishing_a_news_item_purges_every_page_that_lists_it(client, site):
    """A new publication appears at once on its page, index, home, tag listing, feeds, sitemap."""
    urls = addresses(site)
    warm(client, urls.values())
    fresh = factories.NewsPageFactory(
        parent=site.news_index,
        title="Nouvelle signature de la charte",
        slug="nouvelle-signature",
        # The day after the charter news: the same section of the sitemap lists both.
        published_on=datetime.date(2023, 6, 2),
        category=site.network,
        listing_image=site.image,
        tags=["charte"],
    )
    for label, url in urls.items():
        if label == "la page":
            continue
        response = fetch(client, url)
        assert response["X-Cache"] == "MISS", label
        if label != "le plan du site":  # the index names sections, not pages
            assert fresh.title in text(response) or fresh.slug in text(response), label
    assert fetch(client, fresh.url)["X-Cache"] == "MISS"


def test_republishing_a_change_purges_the_page_and_its_listings(client, site):
    """A corrected title replaces the old one everywhere at the next visit."""
    urls = addresses(site)
    warm(client, urls.values())
    news = Page.objects.get(pk=site.charter_news.pk).specific
    news.title = "Signature historique de la charte"
    news.save_revision().publish()
    for label, url in urls.items():
        response = fetch(client, url)
        assert response["X-Cache"] == "MISS", label
        if not url.startswith("/sitemap"):  # addresses only, no titles
            assert "Signature historique de la charte" in text(response), label


def test_unpublishing_removes_the_page_everywhere(client, site):
    """An unpublished item answers 404 and leaves the listings at once."""
    urls = addresses(site)
    warm(client, urls.values())
    Page.objects.get(pk=site.charter_news.pk).unpublish()
    fetch(client, urls["la page"], status=404)
    for label in ("son index", "l'accueil", "le flux RSS"):
        assert site.charter_news.title not in text(fetch(client, urls[label])), label
    assert site.charter_news.url not in text(fetch(client, urls["sa section du plan du site"]))


def test_moving_a_page_purges_its_old_and_new_addresses(client, site):
    """After a move, the old address is gone and the new one answers."""
    charter = site.standard
    other = factories.StandardPageFactory(parent=site.home, title="Le réseau", slug="le-reseau")
    old_url = charter.url
    warm(client, [old_url, "/", "/sitemap.xml", "/sitemap-pages.xml"])
    Page.objects.get(pk=charter.pk).move(Page.objects.get(pk=other.pk), pos="last-child")
    new_url = Page.objects.get(pk=charter.pk).url
    assert new_url == "/le-reseau/charte/"
    # Wagtail leaves a permanent redirect at the old address.
    moved = fetch(client, old_url, status=301)
    assert moved["Location"].endswith(new_url)
    assert fetch(client, new_url)["X-Cache"] == "MISS"
    assert new_url in text(fetch(client, "/sitemap-pages.xml"))


def test_deleting_a_page_purges_it_and_its_listings(client, site):
    """A deleted item answers 404 and leaves the index at once."""
    urls = addresses(site)
    warm(client, urls.values())
    Page.objects.get(pk=site.charter_news.pk).delete()
    fetch(client, urls["la page"], status=404)
    assert site.charter_news.title not in text(fetch(client, urls["son index"]))


def test_restricting_a_page_purges_its_public_copy(client, site):
    """A page made private stops being served to anonymous visitors at once."""
    url = site.charter_news.url
    warm(client, [url])
    factories.restrict_to_logged_in(Page.objects.get(pk=site.charter_news.pk))
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/connexion/")


@pytest.mark.parametrize("change", ["organisation", "secteur", "catégorie", "étiquette", "image"])
def test_changing_a_snippet_purges_the_pages_showing_it(client, site, change):
    """Organisations, sectors, categories, tags and images show on pages: a change purges them."""
    if change == "organisation":
        url, obj, field, value = site.directory.url, site.partner, "name", "Porcelaine Royale"
    elif change == "secteur":
        url, obj, field, value = site.directory.url, site.partner.sector, "name", "Arts du feu"
    elif change == "catégorie":
        url, obj, field, value = site.news_index.url, site.network, "name", "Vie du club"
    elif change == "étiquette":
        tag = site.charter_news.tags.get(slug="charte")
        url, obj, field, value = site.charter_news.url, tag, "name", "Charte signée"
    else:
        url, obj, field, value = site.charter_news.url, site.image, "alt_text", "Un quai de gare"
    warm(client, [url])
    setattr(obj, field, value)
    obj.save()
    response = fetch(client, url)
    assert response["X-Cache"] == "MISS"
    assert value in text(response)


def test_changing_the_site_settings_purges_every_page(client, site):
    """The footer's contact details change on every page at once."""
    warm(client, ["/", site.news_index.url])
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.email = "bonjour@limoges-attractivite.fr"
    settings.save()
    for url in ["/", site.news_index.url]:
        assert "bonjour@limoges-attractivite.fr" in text(fetch(client, url))


def test_adding_a_redirect_replaces_a_cached_not_found(client, site):
    """A cached 404 gives way to a redirect created afterwards."""
    assert fetch(client, "/ancienne-adresse/", status=404)["X-Cache"] == "MISS"
    assert fetch(client, "/ancienne-adresse/", status=404)["X-Cache"] == "HIT"
    Redirect.objects.create(old_path="/ancienne-adresse", redirect_page=site.standard)
    response = client.get("/ancienne-adresse/")
    assert response.status_code == 301
    assert response["Location"].endswith(site.standard.url)


def test_signed_in_visitors_never_read_nor_fill_the_cache(client, site, superuser):
    """A signed-in visit bypasses the cache both ways: nothing personal is stored or served."""
    url = site.news_index.url
    fetch(client, url)
    client.force_login(superuser)
    for _ in range(2):
        response = fetch(client, url)
        assert "X-Cache" not in response
    client.logout()
    assert fetch(client, url)["X-Cache"] == "HIT"
    client.force_login(superuser)
    fetch(client, site.standard.url)
    client.logout()
    assert fetch(client, site.standard.url)["X-Cache"] == "MISS"


@pytest.mark.parametrize("who", ["anonymous", "partner"])
def test_member_pages_and_documents_are_never_cached(client_for, member_area, page_cache, who):
    """Member pages and documents are never stored, whoever asks for them."""
    client = client_for(who)
    urls = [member_area["area"].url, member_area["minutes"].url, member_area["minutes_pdf"].url]
    for url in urls:
        for _ in range(2):
            response = client.get(url)
            if response.streaming:
                # Read to the end: the test client then closes the file it streams.
                b"".join(response.streaming_content)
            assert response.get("X-Cache") != "HIT", url
            assert "no-store" in response["Cache-Control"], url
    assert not any(key.startswith(page_cache_module.KEY_PREFIX) for key in _stored_keys())


def _stored_keys():
    from django.core.cache import cache

    # Local memory keys carry Django's prefix and version: ":1:pagecache:page:…".
    return [key.split(":", 2)[-1] for key in getattr(cache, "_cache", {})]


def test_forms_with_a_csrf_token_are_never_cached(client, page_cache, home_page):
    """The join form carries a CSRF token and sets its cookie: it is rendered for each visitor."""
    page = JoinClubPage(title="Rejoindre le club", slug="rejoindre-le-club")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    for _ in range(2):
        response = fetch(client, page.url)
        assert response["X-Cache"] == "BYPASS"
        assert "csrfmiddlewaretoken" in text(response)


def test_admin_and_sign_in_are_never_cached(client, site):
    """The admin and the sign-in page are outside the page cache."""
    for url in ["/admin/login/", "/connexion/"]:
        for _ in range(2):
            assert "X-Cache" not in client.get(url)


def test_unknown_query_parameters_are_not_cached(client, site):
    """Tracking or cache-busting parameters get a fresh page and fill nothing."""
    url = site.news_index.url + "?utm_source=lettre"
    for _ in range(2):
        assert "X-Cache" not in fetch(client, url)
    fetch(client, site.news_index.url + "?page=1")
    assert fetch(client, site.news_index.url + "?page=1")["X-Cache"] == "HIT"
    assert fetch(client, site.news_index.url)["X-Cache"] == "MISS"


def test_cache_off_means_no_cache(client, site, settings):
    """With PAGE_CACHE_ENABLED off, every visit renders the page."""
    settings.PAGE_CACHE_ENABLED = False
    for _ in range(2):
        assert "X-Cache" not in fetch(client, "/")


def stored(response, **request_attributes):
    request = RequestFactory().get("/actualites/")
    request.user = AnonymousUser()
    for name, value in request_attributes.items():
        setattr(request, name, value)
    return page_cache_module.may_store(request, response)


def test_responses_that_set_cookies_are_not_stored():
    """A response setting any cookie is personal."""
    response = HttpResponse("<p>Bonjour</p>")
    assert stored(response)
    response.set_cookie("preference", "1")
    assert not stored(response)


@pytest.mark.parametrize(
    "cache_control", ["private", "no-store", "no-cache", "max-age=0", "private, max-age=600"]
)
def test_responses_marked_private_are_not_stored(cache_control):
    """Whatever a view marks private or unstorable stays out of the cache."""
    response = HttpResponse("<p>Bonjour</p>")
    response["Cache-Control"] = cache_control
    assert not stored(response)


def test_previews_are_not_stored():
    """A preview shows a draft: it is never stored."""
    assert not stored(HttpResponse("<p>Brouillon</p>"), is_preview=True)


def test_responses_with_a_csp_nonce_are_not_stored():
    """A per-request nonce must never be replayed to another visitor."""
    response = HttpResponse("<p>Bonjour</p>")
    response["Content-Security-Policy"] = "script-src 'self' 'nonce-abc123'"
    assert not stored(response)


def test_a_lost_generation_never_brings_old_pages_back(page_cache, db):
    """If the generation is evicted, the next one differs from every generation used before."""
    from django.core.cache import cache

    first = page_cache_module.current_generation()
    page_cache_module.bump_generation()
    second = page_cache_module.current_generation()
    assert second == first + 1
    cache.delete(page_cache_module.GENERATION_KEY)
    assert page_cache_module.current_generation() not in {first, second}


def test_one_purge_after_commit_per_transaction(db, django_capture_on_commit_callbacks):
    """Deleting many pages in one transaction bumps the generation once after commit."""
    with django_capture_on_commit_callbacks() as callbacks:
        for _ in range(5):
            page_cache_module.purge_everything()
    with mock.patch.object(page_cache_module, "bump_generation") as bump:
        for callback in callbacks:
            callback()
    assert bump.call_count == 1


def test_a_rolled_back_transaction_does_not_cancel_the_next_purge(transactional_db):
    """The bump a rolled back transaction had asked for is gone; the next one still bumps."""
    from django.db import transaction

    with mock.patch.object(page_cache_module, "bump_generation") as bump:
        try:
            with transaction.atomic():
                page_cache_module.purge_everything()
                raise RuntimeError
        except RuntimeError:
            pass
        with transaction.atomic():
            page_cache_module.purge_everything()
            page_cache_module.purge_everything()
        # Three immediate bumps, and one once the second transaction committed.
        assert bump.call_count == 4


PURGED = []


class RecordingBackend:
    """A CDN that only remembers what it was asked to forget."""

    def __init__(self, params):
        self.params = params

    def invalidates_hostname(self, hostname):
        return True

    def purge(self, url):
        PURGED.append(url)

    def purge_batch(self, urls):
        PURGED.extend(urls)


def test_a_publication_purges_the_cdn_copies_of_its_listings(
    site, settings, django_capture_on_commit_callbacks
):
    """With a CDN set up, the page, its index, home, tag listings, feeds and sitemap are purged."""
    settings.WAGTAILFRONTENDCACHE = {"test": {"BACKEND": f"{__name__}.RecordingBackend"}}
    PURGED.clear()
    with django_capture_on_commit_callbacks(execute=True):
        news = factories.NewsPageFactory(
            parent=site.news_index, title="Publié vers le CDN", slug="cdn", tags=["charte"]
        )
    base = "http://testserver"
    expected = {
        f"{base}{news.url}",
        f"{base}{site.news_index.url}",
        f"{base}/",
        f"{base}{site.news_index.url}flux/rss/",
        f"{base}{site.news_index.url}etiquette/charte/",
        f"{base}{site.news_index.url}etiquette/charte/flux/atom/",
        f"{base}/sitemap.xml",
        f"{base}/sitemap-actualites-{news.published_on.year}.xml",
        # The news index's yearly archives are listed there.
        f"{base}/sitemap-pages.xml",
    }
    assert expected <= set(PURGED), sorted(set(PURGED))


def sitemap_purges(urls):
    return sorted(url.removeprefix("http://testserver") for url in urls if "/sitemap" in url)


def test_a_change_of_date_purges_the_sitemap_sections_of_both_years(
    site, settings, django_capture_on_commit_callbacks
):
    """A news item redated from 2023 to 2021 leaves the 2023 section and joins the 2021 one:
    the CDN forgets both, the index and the pages that list the yearly archives."""
    settings.WAGTAILFRONTENDCACHE = {"test": {"BACKEND": f"{__name__}.RecordingBackend"}}
    PURGED.clear()
    news = Page.objects.get(pk=site.club_news.pk).specific
    news.published_on = datetime.date(2021, 3, 1)
    with django_capture_on_commit_callbacks(execute=True):
        news.save_revision().publish()
    assert sitemap_purges(PURGED) == [
        "/sitemap-actualites-2021.xml",
        "/sitemap-actualites-2023.xml",
        "/sitemap-actualites-2024.xml",
        "/sitemap-pages.xml",
        "/sitemap.xml",
    ]


@pytest.mark.parametrize(
    ("kind", "section"),
    [("portrait", "portraits"), ("événement", "agenda"), ("page standard", "pages")],
)
def test_a_publication_purges_the_sitemap_section_that_lists_it(
    site, settings, django_capture_on_commit_callbacks, kind, section
):
    """Stories, public events and other pages each purge the index and their own section."""
    settings.WAGTAILFRONTENDCACHE = {"test": {"BACKEND": f"{__name__}.RecordingBackend"}}
    make = {
        "portrait": lambda: factories.StoryPageFactory(parent=site.story_index),
        "événement": lambda: mf.EventPageFactory(
            parent=mf.AgendaIndexPageFactory(parent=site.home)
        ),
        "page standard": lambda: factories.StandardPageFactory(parent=site.home),
    }[kind]
    PURGED.clear()
    with django_capture_on_commit_callbacks(execute=True):
        make()
    assert f"/sitemap-{section}.xml" in sitemap_purges(PURGED)
    assert "/sitemap.xml" in sitemap_purges(PURGED)
    assert not any("actualites" in url for url in sitemap_purges(PURGED))


def test_a_member_page_purges_no_sitemap_section(
    site, settings, django_capture_on_commit_callbacks
):
    """Member pages are in no section: publishing one purges nothing of the sitemap."""
    settings.WAGTAILFRONTENDCACHE = {"test": {"BACKEND": f"{__name__}.RecordingBackend"}}
    area = mf.MemberAreaPageFactory(parent=site.home)
    PURGED.clear()
    with django_capture_on_commit_callbacks(execute=True):
        mf.CommissionIndexPageFactory(parent=area)
    assert PURGED
    assert sitemap_purges(PURGED) == []


def count_queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        body = text(fetch(client, url))
    return len(captured.captured_queries), body


def test_fragments_follow_publications(client, site, settings):
    """Cards, tag counts and listing counts are reused between pages, and renewed on publish."""
    settings.PAGE_CACHE_ENABLED = False
    url = site.news_index.url
    settings.FRAGMENT_CACHE_ENABLED = False
    fetch(client, url)
    rendered, first = count_queries(client, url)
    settings.FRAGMENT_CACHE_ENABLED = True
    fetch(client, url)
    reused, second = count_queries(client, url)
    assert second == first
    assert "3 actualités" in first
    # Tag counts, archive years, categories and the listing's count are not asked for again.
    assert reused <= rendered - 4, (rendered, reused)

    factories.NewsPageFactory(
        parent=site.news_index,
        title="Une filière hydrogène à Limoges",
        published_on=datetime.date(2024, 6, 3),
        listing_image=site.image,
        tags=["hydrogène"],
    )
    news = Page.objects.get(pk=site.club_news.pk).specific
    news.title = "Le club des partenaires a un an"
    news.save_revision().publish()

    after = text(fetch(client, url))
    assert "4 actualités" in after
    assert "Une filière hydrogène à Limoges" in after
    assert "Le club des partenaires a un an" in after
    assert ">Le club des partenaires se lance</a>" not in after  # the old card title
    assert 'href="/actualites/etiquette/hydrogene/"' in after


def test_a_forbidden_host_gets_a_400_without_a_cache_error_in_the_log(client, site, caplog):
    with caplog.at_level("ERROR", logger="core.cache"):
        response = client.get("/", headers={"host": "evil.example"})
    assert response.status_code == 400
    assert not [record for record in caplog.records if record.name.startswith("core.cache")]
