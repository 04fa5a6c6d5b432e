"""Member search: accents and capitals ignored, French stems on PostgreSQL, best matches
first, and the access rule applied inside the query, whatever the words."""

from django.contrib.auth.models import Group
from django.db import connection
from django.urls import reverse

from wagtail.models import PageViewRestriction

import pytest

from members.roles import COUNCIL
from tests.members import member_factories as mf
from tests.support import soup

pytestmark = pytest.mark.django_db


def found_titles(client, query):
    response = client.get(reverse("member_search"), {"q": query})
    assert response.status_code == 200
    return [link.get_text(strip=True) for link in soup(response).select(".member-list__item a")]


@pytest.fixture
def development_minutes(member_area):
    return mf.CommissionMinutesPageFactory(
        parent=member_area["commission"],
        # No punctuation: SQLite's full-text syntax (the development fallback) refuses « : ».
        title="Développement économique et réunion de lancement",
        decisions="<p>La commission adopte son programme.</p>",
    )


@pytest.mark.parametrize(
    "query", ["strategie version", "STRATEGIE VERSION", "stratégie version", "Stratégie"]
)
def test_member_search_ignores_accents_and_case(client_for, member_area, query):
    """The council finds « Stratégie version 3 » however the words are typed."""
    assert member_area["draft"].title in found_titles(client_for("council"), query)


@pytest.mark.parametrize("query", ["developpement", "DEVELOPPEMENT ECONOMIQUE", "économique"])
def test_member_search_ignores_accents_for_partners_too(client_for, development_minutes, query):
    """A club partner finds minutes whose title is accented, typing without accents."""
    assert development_minutes.title in found_titles(client_for("partner"), query)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="French stemming needs PostgreSQL")
@pytest.mark.parametrize("query", ["développements", "developpements", "economiques"])
def test_member_search_stems_french_words_on_postgresql(client_for, development_minutes, query):
    """Plurals, accented or not, find the singular."""
    assert development_minutes.title in found_titles(client_for("partner"), query)


@pytest.mark.parametrize("query", ["Stratégie version 3", "strategie version 3", "STRATEGIE"])
def test_a_partner_never_finds_a_council_draft_even_by_its_exact_title(
    client_for, member_area, query
):
    """Drafts are for the council and COTECH: a club partner's search never returns one."""
    assert member_area["draft"].title not in found_titles(client_for("partner"), query)


def test_a_partner_never_finds_a_council_only_commission_by_its_exact_title(
    client_for, member_area, development_minutes
):
    """An editor's restriction to the council holds in search, typed exactly or unaccented."""
    restriction = PageViewRestriction.objects.create(
        page=member_area["commission"], restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.get(name=COUNCIL)])
    for query in (development_minutes.title, "developpement economique"):
        assert development_minutes.title not in found_titles(client_for("partner"), query)
        assert development_minutes.title in found_titles(client_for("council"), query)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="Ranked by PostgreSQL's ts_rank")
def test_member_search_ranks_a_title_before_a_passing_mention(client_for, member_area):
    """Minutes titled with the word come before minutes that mention it once."""
    mention = mf.CommissionMinutesPageFactory(
        parent=member_area["commission"],
        title="Réunion de rentrée",
        decisions="<p>Un point rapide sur la trésorerie, parmi d'autres sujets.</p>",
    )
    titled = mf.CommissionMinutesPageFactory(
        parent=member_area["commission"],
        title="Trésorerie de l'association",
        decisions="<p>Les comptes sont approuvés.</p>",
    )
    titles = found_titles(client_for("partner"), "tresorerie")
    assert titles.index(titled.title) < titles.index(mention.title)
