"""What search engines and social networks read: sitemap, robots.txt, canonical, OG, JSON-LD."""

import datetime
import json
import re

from django.test import RequestFactory

from wagtail.contrib.sitemaps.sitemap_generator import Sitemap

import pytest

from core.models import without_member_only
from tests import factories
from tests.members import member_factories as mf
from tests.support import (
    SITEMAP,
    get,
    path_of,
    sitemap_locations,
    sitemap_sections,
    sitemap_xml,
    soup,
)

pytestmark = pytest.mark.django_db

ORIGIN = "http://testserver"


def section_locations(client, path):
    urlset = sitemap_xml(client, path)
    return [url.findtext(f"{SITEMAP}loc") for url in urlset.findall(f"{SITEMAP}url")]


def test_sitemap_is_an_index_of_dated_sections(client, public_site):
    """/sitemap.xml lists the other pages, one section per year of news and the stories, each
    with its latest change; an empty section (no public event here) is not listed."""
    response = get(client, "/sitemap.xml")
    assert response["X-Robots-Tag"].startswith("noindex")
    index = sitemap_xml(client, "/sitemap.xml")
    entries = {
        entry.findtext(f"{SITEMAP}loc"): entry.findtext(f"{SITEMAP}lastmod")
        for entry in index.findall(f"{SITEMAP}sitemap")
    }
    assert list(entries) == [
        f"{ORIGIN}/sitemap-pages.xml",
        f"{ORIGIN}/sitemap-actualites-2024.xml",
        f"{ORIGIN}/sitemap-actualites-2023.xml",
        f"{ORIGIN}/sitemap-portraits.xml",
    ]
    assert all(entries.values()), entries
    # Crawlers also check the index and its sections with HEAD.
    assert client.head("/sitemap.xml").status_code == 200
    assert client.head("/sitemap-pages.xml").status_code == 200


def test_each_section_lists_its_own_pages(client, public_site):
    """News go to the section of their year, stories to theirs, every other page to « pages »."""
    sections = {
        name: section_locations(client, f"/sitemap-{name}.xml")
        for name in ("pages", "actualites-2023", "actualites-2024", "portraits")
    }
    assert sections["actualites-2023"] == [
        ORIGIN + public_site.club_news.url,
        ORIGIN + public_site.charter_news.url,
    ]
    assert sections["actualites-2024"] == [ORIGIN + public_site.industry_news.url]
    assert sections["portraits"] == [ORIGIN + public_site.story.url]
    for page in (
        public_site.home,
        public_site.standard,
        public_site.news_index,
        public_site.story_index,
        public_site.directory,
    ):
        assert ORIGIN + page.url in sections["pages"], page.title
    assert f"{ORIGIN}/actualites/2023/" in sections["pages"]
    urlset = sitemap_xml(client, "/sitemap-actualites-2023.xml")
    assert all(url.findtext(f"{SITEMAP}lastmod") for url in urlset.findall(f"{SITEMAP}url"))


@pytest.mark.parametrize(
    "path",
    [
        "/sitemap-actualites-1999.xml",
        "/sitemap-agenda.xml",
        "/sitemap-inconnu.xml",
        "/sitemap-pages.xml?p=2",
        "/sitemap-pages.xml?p=x",
    ],
)
def test_unknown_or_empty_sections_are_not_found(client, public_site, path):
    """A year without news, an empty section, a misspelt one or a page past the end: 404."""
    get(client, path, status=404)


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


def single_sitemap_locations():
    """What the single sitemap listed before the index: Wagtail's sitemap of the site's live
    public pages without the member-only types, each with its `get_sitemap_urls()`."""
    request = RequestFactory().get("/")
    pages = without_member_only(Sitemap(request).items())
    return [url["location"] for page in pages for url in page.get_sitemap_urls(request)]


def test_sections_cover_exactly_what_the_single_sitemap_covered(client, public_site):
    """Together the sections list the same addresses as the former single sitemap, on a site
    with the member area, member and public events, drafts and a private section."""
    area = mf.MemberAreaPageFactory(parent=public_site.home)
    factories.restrict_to_logged_in(area)
    mf.CommissionMinutesPageFactory(
        parent=mf.CommissionPageFactory(parent=mf.CommissionIndexPageFactory(parent=area))
    )
    member_event = mf.MemberEventPageFactory(parent=mf.MemberAgendaPageFactory(parent=area))
    agenda = mf.AgendaIndexPageFactory(parent=public_site.home)
    event = mf.EventPageFactory(parent=agenda, title="Forum public de l'attractivité")
    mf.EventPageFactory(parent=agenda, live=False)
    private = factories.StandardPageFactory(parent=public_site.home, title="Section privée")
    factories.restrict_to_logged_in(private)
    factories.NewsPageFactory(parent=public_site.news_index, published_on=datetime.date(2021, 5, 4))

    locations = sitemap_locations(client)
    assert sorted(locations) == sorted(single_sitemap_locations())
    assert section_locations(client, "/sitemap-agenda.xml") == [ORIGIN + event.url]
    assert not any("espace-membres" in location for location in locations)
    assert member_event.slug not in " ".join(locations)
    assert f"{ORIGIN}/sitemap-actualites-2021.xml" in sitemap_sections(client)


def test_every_section_is_an_absolute_address_of_this_site(client, public_site):
    """Crawlers fetch the sections the index names: each answers with a set of addresses."""
    for url in sitemap_sections(client):
        assert url.startswith(f"{ORIGIN}/sitemap-")
        assert sitemap_xml(client, path_of(url)).tag == f"{SITEMAP}urlset"


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
