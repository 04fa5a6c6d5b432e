"""Site search finds public content of every kind, and nothing private, draft or expired."""

from django.db import connection

import pytest

from tests import factories
from tests.support import get, soup

pytestmark = pytest.mark.django_db

SEARCH = "/recherche/"


def search(client, query, **params):
    """The response, the titles of the page results, and the organisation names found."""
    response = get(client, SEARCH + "?" + _encode({"q": query, **params}))
    document = soup(response)
    pages = [a.get_text(strip=True) for a in document.select(".search-result__title a")]
    organisations = [o.name for o in response.context["organisations"]]
    return response, pages, organisations


def _encode(params):
    from urllib.parse import urlencode

    return urlencode(params)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("usine", "industry_news"),
        ("ingénieure", "story"),
        ("engagements", "standard"),
    ],
)
def test_search_finds_each_kind_of_page(client, public_site, word, expected):
    """A word of a news item, a portrait or a standard page finds it."""
    _, pages, _ = search(client, word)
    assert getattr(public_site, expected).title in pages


def test_search_finds_organisations(client, public_site):
    """A word of a partner's presentation finds the partner in the directory results."""
    _, _, organisations = search(client, "manufacture")
    assert organisations == ["Porcelaine du Limousin"]


def test_search_leaves_out_organisations_hidden_from_the_directory(client, public_site):
    """An organisation kept out of the public directory is not found either."""
    factories.OrganisationFactory(
        name="Société discrète",
        description="Une manufacture confidentielle.",
        show_in_directory=False,
    )
    _, _, organisations = search(client, "manufacture")
    assert organisations == ["Porcelaine du Limousin"]


def test_search_never_returns_private_draft_or_expired_pages(client, public_site):
    """Only the public, published page carrying a word is found; its hidden twins are not."""
    index = public_site.news_index
    visible = factories.NewsPageFactory(parent=index, title="Le zythogramme public")
    draft = factories.NewsPageFactory(parent=index, title="Le zythogramme brouillon", live=False)
    private = factories.NewsPageFactory(parent=index, title="Le zythogramme privé")
    factories.restrict_to_logged_in(private)
    expired = factories.NewsPageFactory(parent=index, title="Le zythogramme expiré")
    factories.expire(expired)
    private_section = factories.StandardPageFactory(
        parent=public_site.home, title="Section réservée au zythogramme"
    )
    factories.restrict_to_logged_in(private_section)
    below = factories.StandardPageFactory(parent=private_section, title="Sous-page zythogramme")

    response, pages, _ = search(client, "zythogramme")
    assert pages == [visible.title]
    text = soup(response).get_text(" ")
    for hidden in (draft, private, expired, private_section, below):
        assert hidden.title not in text


def test_search_results_are_paginated(client, public_site):
    """Many results come ten at a time; a wrong page number still gives a page."""
    for number in range(12):
        factories.NewsPageFactory(parent=public_site.news_index, title=f"Le zythogramme {number}")
    response, pages, _ = search(client, "zythogramme")
    assert response.context["results"].paginator.count == 12
    assert len(pages) == 10
    for page in ("2", "abc", "999"):
        response, pages, _ = search(client, "zythogramme", page=page)
        assert len(pages) == (10 if page == "abc" else 2)


def test_empty_search_shows_the_form(client, public_site):
    """Without a query, the page invites the visitor to type words."""
    response = get(client, SEARCH)
    assert response.context["results"] is None
    assert soup(response).find("input", attrs={"name": "q"}) is not None


@pytest.mark.parametrize(
    "query",
    [
        "charte\x00",
        "\x00",
        "charte " * 1500,
        "x" * 10_000,
        "<script>alert('xss')</script>",
        '"><img src=x onerror=alert(1)>',
        "charte AND OR NOT * ( ) \" ' ^ -",
        "%' OR 1=1 --",
    ],
    ids=["null-byte", "only-null", "long-words", "10k-chars", "script", "attr", "ops", "sql"],
)
def test_hostile_queries_are_harmless(client, public_site, query):
    """Null bytes, huge and markup-laden queries answer 200 and come back escaped."""
    response = client.get(SEARCH, {"q": query})
    assert response.status_code == 200
    body = response.content.decode()
    assert "<script>alert" not in body
    assert "<img src=x" not in body
    assert "\x00" not in body
    if "<script>" in query:
        assert "&lt;script&gt;alert(" in body


@pytest.mark.skipif(connection.vendor != "postgresql", reason="French stemming needs PostgreSQL")
def test_french_stemming_on_postgresql(client, public_site):
    """« entreprises » finds a page that only says « entreprise »."""
    page = factories.StandardPageFactory(
        parent=public_site.home,
        title="Accompagner une entreprise",
        introduction="Le réseau aide chaque entreprise du territoire.",
        body=[],
    )
    _, pages, _ = search(client, "entreprises")
    assert page.title in pages


@pytest.fixture
def strategy_page(public_site):
    return factories.StandardPageFactory(
        parent=public_site.home,
        title="Notre stratégie de développement",
        summary="",
        introduction="Le réseau présente ses priorités.",
        body=[],
    )


@pytest.mark.parametrize(
    "query", ["strategie", "STRATEGIE", "stratégie", "developpement", "DEVELOPPEMENT"]
)
def test_search_ignores_accents_and_case(client, strategy_page, query):
    """« strategie » or « developpement », typed without accents or in capitals, find
    « stratégie » and « développement » (French stemming alone drops the accent of the first
    but not of the second)."""
    _, pages, _ = search(client, query)
    assert strategy_page.title in pages


def test_search_ignores_accents_in_every_word(client, strategy_page):
    """Every word of the query may lose its accents: « developpement strategie »."""
    _, pages, _ = search(client, "developpement strategie")
    assert strategy_page.title in pages


@pytest.mark.skipif(connection.vendor != "postgresql", reason="French stemming needs PostgreSQL")
@pytest.mark.parametrize("query", ["développements", "developpements", "stratégies"])
def test_french_stemming_and_accents_together_on_postgresql(client, strategy_page, query):
    """A plural, with or without its accents, finds the singular: stems are compared unaccented."""
    _, pages, _ = search(client, query)
    assert strategy_page.title in pages


@pytest.mark.skipif(connection.vendor != "postgresql", reason="Ranked by PostgreSQL's ts_rank")
def test_a_title_match_ranks_before_a_passing_mention(client, public_site):
    """The page titled with the word comes before one whose body names it once."""
    mention = factories.StandardPageFactory(
        parent=public_site.home,
        title="Les rencontres du réseau",
        summary="",
        introduction="Un mot sur la stratégie, parmi bien d'autres sujets.",
        body=[],
    )
    titled = factories.StandardPageFactory(
        parent=public_site.home, title="La stratégie", summary="", introduction="", body=[]
    )
    _, pages, _ = search(client, "strategie")
    assert pages.index(titled.title) < pages.index(mention.title)
