"""Every public page type renders, in French, with its feeds announced and a skip link."""

import pytest

from tests.support import get, public_page_urls, soup

pytestmark = pytest.mark.django_db

PAGE_TYPES = [
    "accueil",
    "page standard",
    "index des actualités",
    "actualité",
    "étiquette",
    "catégorie",
    "archive annuelle",
    "index des portraits",
    "portrait",
    "annuaire",
    "recherche",
]
LISTS_THE_CHARTER_NEWS = [
    "accueil",
    "index des actualités",
    "actualité",
    "étiquette",
    "catégorie",
    "archive annuelle",
    "recherche",
]


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_public_page_renders_in_french(client, public_site, page_type):
    """Each public page type answers 200 with a French HTML document."""
    response = get(client, public_page_urls(public_site)[page_type])
    assert response["Content-Type"].startswith("text/html")
    document = soup(response)
    assert document.html["lang"] == "fr"
    assert document.title.get_text(strip=True)
    assert len(document.find_all("h1")) == 1


@pytest.mark.parametrize("page_type", LISTS_THE_CHARTER_NEWS)
def test_news_dates_are_written_in_french(client, public_site, page_type):
    """The news published on 2023-06-01 reads « 1er juin 2023 » wherever it appears."""
    text = soup(get(client, public_page_urls(public_site)[page_type])).get_text(" ")
    assert public_site.charter_news.title in text
    assert "1er juin 2023" in text
    assert "1 juin" not in text
    assert "June" not in text


def test_story_date_is_written_in_french(client, public_site):
    """A portrait shows its publication date in French."""
    response = get(client, public_site.story.url)
    assert "12 mars 2024" in response.text


@pytest.mark.parametrize("page_type", [*PAGE_TYPES, "404"])
def test_news_feeds_are_announced_in_the_head(client, public_site, page_type):
    """Every public page points feed readers at the RSS and Atom news feeds."""
    url = public_page_urls(public_site).get(page_type, "/cette-page-n-existe-pas/")
    response = get(client, url, status=404 if page_type == "404" else 200)
    head = soup(response).head
    rss = head.find("link", rel="alternate", type="application/rss+xml")
    atom = head.find("link", rel="alternate", type="application/atom+xml")
    assert rss is not None and atom is not None
    assert rss["href"].endswith(f"{public_site.news_index.url}flux/rss/")
    assert atom["href"].endswith(f"{public_site.news_index.url}flux/atom/")
    assert get(client, rss["href"])["Content-Type"].startswith("application/rss+xml")
    assert get(client, atom["href"])["Content-Type"].startswith("application/atom+xml")


@pytest.mark.parametrize("page_type", [*PAGE_TYPES, "404"])
def test_skip_link_leads_to_main_content(client, public_site, page_type):
    """The first link of every page skips to the main content."""
    url = public_page_urls(public_site).get(page_type, "/cette-page-n-existe-pas/")
    document = soup(get(client, url, status=404 if page_type == "404" else 200))
    first_link = document.body.find("a")
    assert first_link["href"] == "#main-content"
    assert document.find("main", id="main-content") is not None


def test_unknown_address_gives_a_french_404(client, public_site):
    """A mistyped address answers 404 with a French explanation and a search form."""
    response = get(client, "/cette-page-n-existe-pas/", status=404)
    assert "Page introuvable" in response.text
    assert 'action="/recherche/"' in response.text


@pytest.mark.parametrize(
    "suffix", ["etiquette/inconnue/", "categorie/inconnue/", "?tag=inconnue", "?categorie=x"]
)
def test_unknown_tag_or_category_gives_a_french_404(client, public_site, suffix):
    """Filters on a tag or category that does not exist are a 404, not an empty page."""
    response = get(client, public_site.news_index.url + suffix, status=404)
    assert "Page introuvable" in response.text


def test_home_page_shows_news_stories_and_founders(client, public_site):
    """The home page lists the latest news, the featured portrait and the founding members."""
    text = soup(get(client, "/")).get_text(" ")
    assert public_site.industry_news.title in text
    assert public_site.story.title in text
    assert public_site.founder.name in text
    assert public_site.partner.name not in text


def test_directory_groups_founders_and_club_partners(client, public_site):
    """The directory lists founding members and club partners under their own headings."""
    response = get(client, public_site.directory.url)
    groups = dict(response.context["groups"])
    assert [o.name for o in groups["Membre fondateur"]] == ["Legrand"]
    assert [o.name for o in groups["Partenaire du club"]] == ["Porcelaine du Limousin"]
    assert "Membre fondateur" in response.text


def test_the_hero_image_reads_its_renditions_in_one_query(client, home_page, settings, monkeypatch):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from core.images import HERO_SIZES, expand_specs, generate_renditions
    from core.models import SiteRendition
    from tests import factories

    settings.FRAGMENT_CACHE_ENABLED = False
    image = factories.SiteImageFactory(alt_text="Le pont Saint-Étienne")
    generate_renditions([([image], expand_specs(HERO_SIZES))])
    home_page.hero_image = image
    home_page.save_revision().publish()
    client.get("/")
    cache.clear()
    # Not through Wagtail's rendition cache, which pickles them at every visit.
    asked = []
    backend = SiteRendition.cache_backend
    monkeypatch.setattr(backend, "get_many", lambda keys, **kw: asked.append(keys) or {})
    with CaptureQueriesContext(connection) as captured:
        body = client.get("/").content.decode()
    # The hero's own sizes (the page's listings read theirs apart).
    renditions = [
        q
        for q in captured.captured_queries
        if "siterendition" in q["sql"] and "1280x960" in q["sql"]
    ]
    assert len(renditions) == 1
    assert asked == []
    assert body.count('type="image/avif"') >= 1 and 'alt="Le pont Saint-Étienne"' in body
    for spec in ("640x480", "960x720", "1280x960"):
        assert spec in body
