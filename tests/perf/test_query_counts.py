"""Every page of the benchmark costs the same number of queries on a small or a large site.

The public listings are pinned in tests/news/test_query_counts.py; here, the pages the
benchmark adds: the partner directory, a story, a news page, the public agenda and an event,
and signed in, the dashboard, minutes, a document download, the member agenda, a member
event and the action plan. Each is measured warm (renditions and Wagtail's caches
exist), then again after the site grows several times over.
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from tests import factories
from tests.members import member_factories as mf

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def queries(client, url):
    """The SQL of one warm request to `url` (streamed bodies included)."""
    for _ in range(2):
        warm = client.get(url)
        assert warm.status_code == 200, (url, warm.status_code)
        if warm.streaming:
            b"".join(warm.streaming_content)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200, url
    return [query["sql"] for query in captured.captured_queries]


def grow(site, member_area):
    """Several times the content of each kind the measured pages list or look through."""
    images = factories.SiteImageFactory.create_batch(2)
    factories.add_published_news(
        site["news_index"],
        30,
        images=images,
        categories=[site["news"].category],
        tags=[["emploi"], ["charte", "club"]],
    )
    for number in range(8):
        factories.StoryPageFactory(parent=site["story_index"], portrait_image=images[0])
        factories.OrganisationFactory(name=f"Partenaire en plus {number}", logo=images[1])
    commission = member_area["commission"]
    for number in range(6):
        minutes = mf.CommissionMinutesPageFactory(parent=commission)
        mf.attach(minutes, mf.SiteDocumentFactory(title=f"Annexe {number}"), "Annexe")
        mf.add_action(minutes, due_on=mf.in_days(number - 3), status="in_progress")
    sector = factories.SectorFactory(name="Secteur en plus")
    for number in range(6):
        mf.EventPageFactory(
            parent=site["agenda"],
            kind="atelier",
            sector=sector,
            image=images[0],
            registration="open",
            start_date=mf.in_days(3 + number),
        )
        mf.MemberEventPageFactory(parent=site["member_agenda"], start_date=mf.in_days(2 + number))
        mf.MemberEventPageFactory(
            parent=site["member_agenda"],
            audience="commission",
            commission=commission,
            start_date=mf.in_days(4 + number),
        )


@pytest.fixture
def site(home_page, member_area):
    news_index = factories.NewsIndexPageFactory(parent=home_page)
    story_index = factories.StoryIndexPageFactory(parent=home_page)
    logo = factories.SiteImageFactory()
    for number in range(3):
        factories.OrganisationFactory(name=f"Membre fondateur {number}", founding=True, logo=logo)
    # A news page lists three related items: give it three from the start, so that the
    # comparison is between two full pages rather than an empty list and a full one.
    factories.NewsPageFactory.create_batch(3, parent=news_index, tags=["emploi"])
    agenda = mf.AgendaIndexPageFactory(parent=home_page)
    member_agenda = mf.MemberAgendaPageFactory(parent=member_area["area"])
    mf.ActionPlanPageFactory(parent=member_area["area"])
    mf.add_action(member_area["minutes"], due_on=mf.in_days(-1))
    return {
        "agenda": agenda,
        # With a sector from the start: the agenda's sector filter reads the sectors present
        # by their identifiers, and none at all costs no query.
        "event": mf.EventPageFactory(
            parent=agenda,
            registration="open",
            capacity=5,
            sector=factories.SectorFactory(name="Secteur de départ"),
        ),
        "member_agenda": member_agenda,
        "member_event": mf.MemberEventPageFactory(parent=member_agenda),
        "news_index": news_index,
        "news": factories.NewsPageFactory(parent=news_index, tags=["emploi"]),
        "story_index": story_index,
        "story": factories.StoryPageFactory(parent=story_index, portrait_image=logo),
        "directory": factories.PartnerDirectoryPageFactory(parent=home_page),
    }


def test_benchmark_pages_cost_the_same_queries_as_the_site_grows(client_for, member_area, site):
    """Directory, story, news page, dashboard, minutes and download: no query more."""
    public = {
        "annuaire": site["directory"].url,
        "portrait": site["story"].url,
        "actualité": site["news"].url,
        "agenda": site["agenda"].url,
        "événement": site["event"].url,
    }
    signed_in = {
        "tableau de bord": member_area["area"].url,
        "compte rendu": member_area["minutes"].url,
        "document": member_area["minutes_pdf"].url,
        "agenda des membres": site["member_agenda"].url,
        "événement des membres": site["member_event"].url,
        "plan d'actions": "/espace-membres/plan-d-actions/",
        "plan d'actions en retard": "/espace-membres/plan-d-actions/?echeance=retard",
        "commission": member_area["commission"].url,
    }

    def measure():
        anonymous = client_for("anonymous")
        counts = {name: queries(anonymous, url) for name, url in public.items()}
        council = client_for("council")
        counts.update({name: queries(council, url) for name, url in signed_in.items()})
        return counts

    before = measure()
    grow(site, member_area)
    after = measure()
    grown = {name: (len(before[name]), len(after[name])) for name in before}
    assert all(old == new for old, new in grown.values()), "\n".join(
        f"{name}: {old} → {new} queries\n  "
        + "\n  ".join(q[:160] for q in after[name] if q not in before[name])
        for name, (old, new) in grown.items()
        if old != new
    )
