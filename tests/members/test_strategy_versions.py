"""Strategy drafts: a version's comparison never reveals a version the reader may not open."""

from django.contrib.auth.models import Group

from wagtail.models import PageViewRestriction

import pytest

from members.roles import COUNCIL
from tests.members import member_factories as mf

pytestmark = pytest.mark.django_db


@pytest.fixture
def versions(member_area):
    """v1 open to the strategy groups, v2 restricted to the council, v3 (the fixture's) open."""
    index = member_area["strategy_index"]
    mf.StrategyDraftPageFactory(
        parent=index,
        title="Stratégie version 1",
        version_number=1,
        body=[{"type": "paragraph", "value": "<p>Le mot quokkarde est ouvert.</p>"}],
    )
    council_only = mf.StrategyDraftPageFactory(
        parent=index,
        title="Stratégie version 2",
        version_number=2,
        body=[{"type": "paragraph", "value": "<p>Le mot quokkarde est secret-conseil.</p>"}],
    )
    restriction = PageViewRestriction.objects.create(
        page=council_only, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.get(name=COUNCIL)])
    return member_area["draft"]


def test_cotech_member_reads_no_council_only_text_in_the_diff(client_for, versions):
    """A COTECH member's comparison skips the council-only v2 and starts from v1."""
    body = client_for("cotech").get(versions.url).content.decode()
    assert "secret-conseil" not in body
    assert "Stratégie version 2" not in body
    assert "avec la version 2" not in body
    assert "avec la version 1" in body
    assert "<del>ouvert.</del>" in body


def test_council_member_compares_with_the_council_only_version(client_for, versions):
    """The council, who may open v2, compares v3 with it."""
    body = client_for("council").get(versions.url).content.decode()
    assert "<del>secret-conseil.</del>" in body
