"""The partner directory comes a page at a time, by kind, filterable by sector."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from members.models import PartnerDirectoryPage
from tests import factories
from tests.support import get, soup

pytestmark = pytest.mark.django_db

PER_PAGE = PartnerDirectoryPage.ORGANISATIONS_PER_PAGE


@pytest.fixture
def directory(home_page):
    return factories.PartnerDirectoryPageFactory(parent=home_page)


def add_organisations(count, start=0, **kwargs):
    return [
        factories.OrganisationFactory(name=f"Organisation {start + number:03d}", **kwargs)
        for number in range(count)
    ]


def card_names(response):
    return [h.get_text(strip=True) for h in soup(response).select(".card--organisation h3")]


def test_directory_is_paginated_with_founders_first(client, directory):
    """Founders come first, then club partners, each by name, PER_PAGE to a page."""
    founders = add_organisations(3, start=900, founding=True)
    partners = add_organisations(PER_PAGE + 5)
    first = get(client, directory.url)
    names = card_names(first)
    assert len(names) == PER_PAGE
    assert names[:3] == [o.name for o in founders]
    assert names[3:] == [o.name for o in partners[: PER_PAGE - 3]]
    document = soup(first)
    assert document.select_one(".result-count").get_text(strip=True) == (
        f"{PER_PAGE + 8} organisations, page 1 sur 2"
    )
    nav = document.select_one("nav.pagination")
    assert nav["aria-label"]
    assert nav.select_one('[aria-current="page"]').get_text(" ", strip=True) == "Page 1"

    second = get(client, directory.url + "?page=2")
    assert card_names(second) == [o.name for o in partners[PER_PAGE - 3 :]]
    document = soup(second)
    assert "(page 2)" in document.title.get_text()
    assert document.select_one('link[rel="canonical"]')["href"].endswith("/partenaires/?page=2")
    # Only the kinds present on the page get a heading.
    assert [h.get_text(strip=True) for h in document.select(".directory-group h2")] == [
        "Partenaire du club"
    ]


def test_bad_page_numbers_still_give_a_page(client, directory):
    add_organisations(PER_PAGE + 1)
    assert len(card_names(get(client, directory.url + "?page=abc"))) == PER_PAGE
    assert len(card_names(get(client, directory.url + "?page=999"))) == 1


def test_sector_filter_and_page_combine(client, directory):
    """?secteur= and ?page= work together, in the links, the title and the canonical."""
    sector = factories.SectorFactory(name="Céramique", slug="ceramique")
    in_sector = add_organisations(PER_PAGE + 2, sector=sector)
    add_organisations(4, start=500)
    response = get(client, directory.url + "?secteur=ceramique&page=2")
    assert card_names(response) == [o.name for o in in_sector[PER_PAGE:]]
    document = soup(response)
    assert "Annuaire des partenaires : Céramique (page 2)" in document.title.get_text()
    assert document.select_one('link[rel="canonical"]')["href"].endswith(
        "/partenaires/?secteur=ceramique&page=2"
    )
    previous = document.select_one("nav.pagination a[rel=prev]")["href"]
    assert "secteur=ceramique" in previous and "page=" not in previous


def test_a_partner_link_leads_to_its_page_and_card(client, directory):
    """?partenaire=<slug> redirects to the page and the card of that organisation."""
    partners = add_organisations(PER_PAGE + 3)
    target = partners[PER_PAGE + 1]
    response = client.get(directory.url + f"?partenaire={target.slug}")
    assert response.status_code == 302
    assert response["Location"] == f"{directory.url}?page=2#{target.anchor}"
    assert target.name in card_names(get(client, response["Location"].split("#")[0]))

    first = client.get(directory.url + f"?partenaire={partners[0].slug}")
    assert first["Location"] == f"{directory.url}#{partners[0].anchor}"
    unknown = client.get(directory.url + "?partenaire=inconnue")
    assert unknown["Location"] == directory.url


def test_directory_queries_do_not_grow_with_the_organisations(client, directory):
    """The same number of queries with 10 organisations (and logos) as with a full page."""
    image = factories.SiteImageFactory()
    add_organisations(10, with_logo=False, logo=image)

    def count():
        get(client, directory.url)
        with CaptureQueriesContext(connection) as queries:
            get(client, directory.url)
        return len(queries.captured_queries)

    before = count()
    add_organisations(3 * PER_PAGE, start=100, logo=image)
    assert count() == before
