"""Moving images, documents and sectors to core: a database made before the move, holding the
demo content, migrates forward without losing a row, and every page still answers.

The move changes Django's state and the content types, never a table: so the database of
before is made here by loading the demo at today's head and migrating back to the heads of
the previous release (their content types go back to `home` and `members`), then forward.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from wagtail.models import Page, ReferenceIndex

import pytest

from core.models import Sector, SiteDocument, SiteImage, SiteRendition
from core.roles import COMMS_MANAGERS
from members.models import MinutesAttachment, Organisation
from news.models import StoryPage
from tests.cms.test_demo import stub_rendition_file
from tests.factories import ensure_wagtail_root

pytestmark = [pytest.mark.slow]

MOVED = {
    "siteimage": "home",
    "siterendition": "home",
    "sitedocument": "home",
    "sector": "members",
}


def content_type_apps():
    found = ContentType.objects.filter(model__in=MOVED)
    return {content_type.model: content_type.app_label for content_type in found}


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def rows():
    return {
        "images": SiteImage.objects.count(),
        "renditions": SiteRendition.objects.count(),
        "documents": SiteDocument.objects.count(),
        "sectors": Sector.objects.count(),
        "organisations with a sector": Organisation.objects.filter(sector__isnull=False).count(),
        "stories with a sector": StoryPage.objects.filter(sector__isnull=False).count(),
        "attachments": MinutesAttachment.objects.count(),
    }


@pytest.fixture
def demo_before_the_move(transactional_db, monkeypatch, client):
    """The demo (loaded once: it takes half a minute), taken back through two releases."""
    ensure_wagtail_root()
    monkeypatch.setattr(SiteImage, "generate_rendition_file", stub_rendition_file)
    call_command("load_demo", verbosity=0)
    before = rows()
    # First the release before the agenda, and back (members 0010 both ways).
    check_next_meetings_round_trip(client)
    # Then the previous release's heads: unapplying core's first migration unapplies
    # every migration that depends on it.
    migrate([("core", None)])
    yield before
    # Whatever happened, the next tests find the database at today's head.
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    ensure_wagtail_root()


def check_next_meetings_round_trip(client):
    """Going back gives each commission its next meeting and removes the agenda's pages;
    going forward turns each meeting still to come into a member event for the commission."""
    from members.models import MemberAgendaPage, MemberEventPage

    migrate([("members", "0009_agenda_and_action_plan")])
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT page_ptr_id, next_meeting_at, next_meeting_place FROM members_commissionpage"
        )
        meetings = {row[0]: row[1:] for row in cursor.fetchall() if row[1] is not None}
    assert len(meetings) == 4
    assert not Page.objects.filter(content_type__model__in=["eventpage", "membereventpage"])

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    agenda = MemberAgendaPage.objects.get()
    events = MemberEventPage.objects.child_of(agenda).live()
    assert {event.commission_id for event in events} == set(meetings)
    for event in events:
        assert event.audience == MemberEventPage.Audience.COMMISSION
        assert event.place_name == meetings[event.commission_id][1]
        assert client.get(event.url).status_code == 302  # members only
    # The tree is whole: paths, depths and children counts agree (treebeard's own check).
    assert not any(Page.find_problems())


def test_an_existing_database_moves_forward_and_every_page_answers(client, demo_before_the_move):
    assert content_type_apps() == MOVED

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    assert rows() == demo_before_the_move
    assert all(value for value in demo_before_the_move.values())
    assert content_type_apps() == dict.fromkeys(MOVED, "core")
    # Permissions follow their content type: the managers still edit sectors.
    managers = Group.objects.get(name=COMMS_MANAGERS)
    assert managers.permissions.filter(
        content_type__app_label="core", codename="change_sector"
    ).exists()
    assert not Permission.objects.filter(
        content_type__app_label="members", codename__endswith="sector"
    )
    # Document downloads still find the member pages that use a document.
    document = MinutesAttachment.objects.first().document
    assert ReferenceIndex.get_references_to(document).exists()

    # Every page still answers (one demo load for both checks: it takes half a minute).
    answers = {}
    for page in Page.objects.live().filter(depth__gt=1).specific():
        answers[page.url] = client.get(page.url).status_code
    # Member pages send visitors to sign in; everything else is served.
    assert answers and set(answers.values()) <= {200, 302}, answers
    assert list(answers.values()).count(200) > len(answers) // 2
