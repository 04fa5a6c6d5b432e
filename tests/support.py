"""Helpers shared by client and browser tests: a public site, its addresses, HTML parsing."""

import datetime
import xml.etree.ElementTree as ET  # noqa: S405 - parses our own sitemap
from contextlib import contextmanager
from types import SimpleNamespace
from urllib.parse import urlsplit

from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bs4 import BeautifulSoup

from tests import factories


@contextmanager
def module_transaction(django_db_blocker):
    """Hold data built once for a test module; everything is rolled back afterwards.

    Each test of the module still runs in its own savepoint (pytest-django's `db`).
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            cache.clear()
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def public_page_urls(site):
    """Map a French label to the path of one page of each public type of `site`."""
    news = site.news_index.url
    return {
        "accueil": site.home.url,
        "page standard": site.standard.url,
        "index des actualités": news,
        "actualité": site.charter_news.url,
        "étiquette": f"{news}etiquette/charte/",
        "catégorie": f"{news}categorie/vie-du-reseau/",
        "archive annuelle": f"{news}2023/",
        "index des portraits": site.story_index.url,
        "portrait": site.story.url,
        "annuaire": site.directory.url,
        "recherche": "/recherche/?q=charte",
    }


SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def sitemap_xml(client: Client, url):
    """The parsed sitemap document at `url`, checked to be served as XML."""
    response = get(client, url)
    assert response["Content-Type"].startswith("application/xml"), url
    return ET.fromstring(response.content)  # noqa: S314


def sitemap_sections(client: Client):
    """The absolute addresses of the sections the sitemap index at /sitemap.xml lists."""
    index = sitemap_xml(client, "/sitemap.xml")
    assert index.tag == f"{SITEMAP}sitemapindex"
    return [entry.findtext(f"{SITEMAP}loc") for entry in index.findall(f"{SITEMAP}sitemap")]


def sitemap_bodies(client: Client):
    """The text of the sitemap index and of every section it lists, by path."""
    paths = ["/sitemap.xml", *(path_of(url) for url in sitemap_sections(client))]
    return {path: get(client, path).content.decode() for path in paths}


def path_of(url):
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def sitemap_locations(client: Client):
    """Every address of every section of the sitemap, in the order the sections give them."""
    locations = []
    for url in sitemap_sections(client):
        urlset = sitemap_xml(client, path_of(url))
        assert urlset.tag == f"{SITEMAP}urlset", url
        locations += [entry.findtext(f"{SITEMAP}loc") for entry in urlset.findall(f"{SITEMAP}url")]
    return locations


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def get(client: Client, url, status=200):
    """GET `url` and fail with the start of the body when the status is unexpected."""
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code, response.content[:500])
    return response


def build_public_site(home_page):
    """One published page of every public type; the charter news is dated 1 June 2023."""
    news_index = factories.NewsIndexPageFactory(parent=home_page)
    economy = factories.NewsCategoryFactory(name="Économie", slug="economie")
    network = factories.NewsCategoryFactory(name="Vie du réseau", slug="vie-du-reseau")
    station = factories.SiteImageFactory(
        title="Gare des Bénédictins", alt_text="La gare des Bénédictins sous un ciel bleu"
    )
    charter_news = factories.NewsPageFactory(
        parent=news_index,
        title="Signature de la charte d'attractivité",
        slug="signature-de-la-charte",
        published_on=datetime.date(2023, 6, 1),
        category=network,
        listing_image=station,
        tags=["charte", "attractivité"],
    )
    club_news = factories.NewsPageFactory(
        parent=news_index,
        title="Le club des partenaires se lance",
        slug="le-club-des-partenaires-se-lance",
        published_on=datetime.date(2023, 9, 15),
        category=network,
        listing_image=station,
        tags=["club", "charte"],
    )
    industry_news = factories.NewsPageFactory(
        parent=news_index,
        title="Une usine agrandie à Limoges",
        slug="une-usine-agrandie",
        published_on=datetime.date(2024, 2, 20),
        category=economy,
        listing_image=station,
        tags=["industrie"],
    )
    industry = factories.SectorFactory(name="Industrie")
    founder = factories.OrganisationFactory(
        name="Legrand",
        founding=True,
        sector=industry,
        description="Spécialiste des infrastructures électriques, fondateur du réseau.",
    )
    partner = factories.OrganisationFactory(
        name="Porcelaine du Limousin",
        sector=factories.SectorFactory(name="Artisanat d'art"),
        description="Une manufacture qui exporte la porcelaine de Limoges.",
    )
    story_index = factories.StoryIndexPageFactory(parent=home_page)
    story = factories.StoryPageFactory(
        parent=story_index,
        title="Claire, ingénieure chez Legrand",
        slug="claire-ingenieure",
        published_on=datetime.date(2024, 3, 12),
        person_name="Claire Dupont",
        person_role="Ingénieure",
        organisation=founder,
        sector=industry,
    )
    home_page.featured_stories.add(story)
    factories.publish(home_page)
    directory = factories.PartnerDirectoryPageFactory(parent=home_page)
    standard = factories.StandardPageFactory(
        parent=home_page,
        title="La charte de partenariat",
        slug="charte",
        introduction="Les engagements des signataires du réseau.",
    )
    return SimpleNamespace(
        home=home_page,
        news_index=news_index,
        charter_news=charter_news,
        club_news=club_news,
        industry_news=industry_news,
        economy=economy,
        network=network,
        image=station,
        story_index=story_index,
        story=story,
        founder=founder,
        partner=partner,
        directory=directory,
        standard=standard,
    )


def count_queries(client: Client, url):
    """The SQL of one warm request to `url`: asked once beforehand, so that renditions and
    Wagtail's site cache exist, as for a visitor on a warm site."""
    warm_up = client.get(url)
    assert warm_up.status_code == 200, (url, warm_up.status_code)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return [query["sql"] for query in queries.captured_queries]
