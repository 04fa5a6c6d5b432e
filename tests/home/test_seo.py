"""What search engines and social networks read: sitemap, robots.txt, canonical, OG, JSON-LD."""

import datetime
import json
import re
import xml.etree.ElementTree as ET  # noqa: S405 - parses our own sitemap

import pytest

from tests import factories
from tests.support import get, soup

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ORIGIN = "http://testserver"


def sitemap_locations(client):
    response = get(client, "/sitemap.xml")
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)  # noqa: S314
    assert root.tag == f"{SITEMAP}urlset"
    return [url.findtext(f"{SITEMAP}loc") for url in root.findall(f"{SITEMAP}url")]


def test_sitemap_lists_every_public_page(client, public_site):
    """Each public page, and each year of the news archive, has its absolute address."""
    locations = sitemap_locations(client)
    assert len(locations) == len(set(locations))
    expected = [
        public_site.home,
        public_site.standard,
        public_site.news_index,
        public_site.charter_news,
        public_site.club_news,
        public_site.industry_news,
        public_site.story_index,
        public_site.story,
        public_site.directory,
    ]
    for page in expected:
        assert ORIGIN + page.url in locations, page.title
    assert f"{ORIGIN}/actualites/2023/" in locations
    assert f"{ORIGIN}/actualites/2024/" in locations
    assert all(location.startswith(f"{ORIGIN}/") for location in locations)


def test_sitemap_leaves_out_drafts_private_and_expired_pages(client, public_site):
    """Drafts, private pages, pages under a private section and expired pages are not listed."""
    draft = factories.NewsPageFactory(parent=public_site.news_index, live=False)
    private = factories.NewsPageFactory(parent=public_site.news_index)
    factories.restrict_to_logged_in(private)
    expired = factories.NewsPageFactory(parent=public_site.news_index)
    factories.expire(expired)
    section = factories.StandardPageFactory(parent=public_site.home, title="Section privée")
    factories.restrict_to_logged_in(section)
    below = factories.StandardPageFactory(parent=section, title="Sous-page privée")
    locations = " ".join(sitemap_locations(client))
    for hidden in (draft, private, expired, section, below):
        assert f"/{hidden.slug}/" not in locations, hidden.title


def test_robots_txt_points_to_the_sitemap(client, public_site):
    """robots.txt announces the absolute sitemap address and keeps crawlers out of the admin."""
    response = get(client, "/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert f"Sitemap: {ORIGIN}/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines


def test_news_page_has_canonical_and_social_metadata(client, public_site):
    """A news page names its canonical address and gives social networks a title and image."""
    document = soup(get(client, public_site.charter_news.url))
    head = document.head
    canonical = head.find("link", rel="canonical")
    assert canonical["href"] == f"{ORIGIN}/actualites/signature-de-la-charte/"
    og = {
        meta["property"]: meta["content"]
        for meta in head.find_all("meta", property=True)
        if meta.get("content")
    }
    assert og["og:title"] == public_site.charter_news.title
    assert og["og:type"] == "article"
    assert og["og:url"] == canonical["href"]
    assert og["og:image"].startswith(f"{ORIGIN}/media/images/")
    assert og.get("og:image:alt") == public_site.image.alt_text
    image = get(client, og["og:image"].removeprefix(ORIGIN))
    # Reading the whole stream closes the file the way a WSGI server would. Closing the
    # response by hand would also close the database connection in the middle of the test.
    content = b"".join(image.streaming_content)
    assert content.startswith(b"\xff\xd8")
    assert image["Content-Type"] == "image/jpeg"
    assert "immutable" in image["Cache-Control"]


@pytest.mark.parametrize("name", ["home", "standard", "story", "directory", "story_index"])
def test_public_pages_name_their_canonical_address(client, public_site, name):
    """Every public page names its absolute canonical address."""
    target = getattr(public_site, name)
    canonical = soup(get(client, target.url)).head.find("link", rel="canonical")
    assert canonical is not None
    assert canonical["href"] == ORIGIN + target.url


def json_ld(response):
    scripts = soup(response).find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


def test_news_page_describes_itself_as_a_news_article(client, public_site):
    """The news page carries a schema.org NewsArticle that parses as JSON."""
    data = json_ld(get(client, public_site.charter_news.url))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == public_site.charter_news.title
    assert datetime.date.fromisoformat(data["datePublished"][:10]) == datetime.date(2023, 6, 1)
    assert data["image"][0].startswith(f"{ORIGIN}/media/images/")


def test_json_ld_survives_a_hostile_title(client, public_site):
    """A title containing a closing script tag cannot break out of the JSON-LD block."""
    news = factories.NewsPageFactory(
        parent=public_site.news_index,
        title="Fin </script><script>alert('piège')</script> & <!-- commentaire",
        slug="titre-piege",
    )
    response = get(client, news.url)
    assert "<script>alert(" not in response.content.decode()
    assert json_ld(response)["headline"] == news.title[:110]


@pytest.mark.parametrize(
    "url",
    [
        lambda site: site.standard.url,
        lambda site: site.directory.url,
        lambda site: f"{site.news_index.url}2023/",
        lambda site: f"{site.news_index.url}etiquette/charte/",
        lambda site: "/recherche/?q=charte",
    ],
)
def test_every_public_page_has_a_meta_description(client, public_site, url):
    response = get(client, url(public_site))
    found = re.search(r'<meta name="description" content="([^"]+)">', response.content.decode())
    assert found and len(found[1]) > 20


def test_a_year_archive_is_described_as_such(client, public_site):
    body = get(client, f"{public_site.news_index.url}2023/").content.decode()
    assert 'content="Les actualités publiées en 2023' in body
