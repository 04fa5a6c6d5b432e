"""A small member area with one page of each type, documents, and one account of each kind."""

import datetime

import pytest

from cms.demo.members import private_collection
from core.roles import COMMS_MANAGERS
from members.roles import CLUB, COTECH, COUNCIL
from tests.factories import NewsIndexPageFactory, restrict_to_logged_in
from tests.members import member_factories as mf


@pytest.fixture
def accounts(home_page):
    return {
        "anonymous": None,
        "partner": mf.member("partenaire@example.org", CLUB),
        "council": mf.member("conseil@example.org", COUNCIL),
        "cotech": mf.member("cotech@example.org", COTECH),
        "editor": mf.member("editeur@example.org", COMMS_MANAGERS),
    }


@pytest.fixture
def member_area(home_page, accounts):
    """One page of each member type, a private minutes PDF and a draft PDF filed publicly."""
    area = mf.MemberAreaPageFactory(parent=home_page)
    restrict_to_logged_in(area)
    commission = mf.CommissionPageFactory(
        parent=mf.CommissionIndexPageFactory(parent=area),
        title="Commission marque territoriale",
        theme="Marque territoriale",
    )
    minutes = mf.CommissionMinutesPageFactory(
        parent=commission,
        title="Réunion confidentielle",
        decisions="<p>Le mot zythogale est confidentiel.</p>",
    )
    minutes_pdf = mf.SiteDocumentFactory(title="Compte rendu PDF", collection=private_collection())
    minutes = mf.attach(minutes, minutes_pdf, "Compte rendu")
    # Filed in the public root collection on purpose: the draft's restriction must protect it.
    draft_pdf = mf.SiteDocumentFactory(title="Stratégie PDF")
    draft = mf.StrategyDraftPageFactory(
        parent=mf.StrategyDraftIndexPageFactory(parent=area),
        title="Stratégie version 3",
        version_number=3,
        status="consultation",
        consultation_ends_on=datetime.date.today() + datetime.timedelta(days=30),
        body=[{"type": "paragraph", "value": "<p>Le mot quokkarde est stratégique.</p>"}],
        document=draft_pdf,
    )
    NewsIndexPageFactory(parent=home_page)
    return {
        "area": area,
        "commission_index": commission.get_parent().specific,
        "commission": commission,
        "minutes": minutes,
        "strategy_index": draft.get_parent().specific,
        "draft": draft,
        "minutes_pdf": minutes_pdf,
        "draft_pdf": draft_pdf,
    }


@pytest.fixture
def client_for(client, accounts):
    """A test client signed in as the named account (or anonymous)."""

    def make(name):
        client.logout()
        user = accounts[name]
        if user is not None:
            client.force_login(user)
        return client

    return make
