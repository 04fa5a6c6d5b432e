"""Member pages: tree rules, dashboard, minutes, drafts with their comparison and feedback."""

import datetime
import re

from django.urls import reverse
from django.utils import timezone

from wagtail.test.utils import WagtailPageTestCase

import pytest

from home.models import HomePage
from members.diff import compare_texts
from members.models import (
    ActionPlanPage,
    AgendaIndexPage,
    CommissionIndexPage,
    CommissionMinutesPage,
    CommissionPage,
    EventPage,
    MemberAgendaPage,
    MemberAreaPage,
    MemberEventPage,
    StrategyDraftIndexPage,
    StrategyDraftPage,
    StrategyFeedback,
)
from tests.members import member_factories as mf

pytestmark = pytest.mark.django_db


class TreeRules(WagtailPageTestCase):
    """Pins where member pages may live."""

    def test_member_area_lives_under_home(self):
        self.assertAllowedParentPageTypes(MemberAreaPage, {HomePage})
        self.assertAllowedSubpageTypes(
            MemberAreaPage,
            {MemberAgendaPage, ActionPlanPage, CommissionIndexPage, StrategyDraftIndexPage},
        )

    def test_agenda_trees(self):
        self.assertAllowedParentPageTypes(AgendaIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(AgendaIndexPage, {EventPage})
        self.assertAllowedParentPageTypes(EventPage, {AgendaIndexPage})
        self.assertAllowedSubpageTypes(EventPage, set())
        self.assertAllowedParentPageTypes(MemberAgendaPage, {MemberAreaPage})
        self.assertAllowedSubpageTypes(MemberAgendaPage, {MemberEventPage})
        self.assertAllowedParentPageTypes(MemberEventPage, {MemberAgendaPage})
        self.assertAllowedSubpageTypes(MemberEventPage, set())
        self.assertAllowedParentPageTypes(ActionPlanPage, {MemberAreaPage})
        self.assertAllowedSubpageTypes(ActionPlanPage, set())

    def test_commission_tree(self):
        self.assertAllowedSubpageTypes(CommissionIndexPage, {CommissionPage})
        self.assertAllowedSubpageTypes(CommissionPage, {CommissionMinutesPage})
        self.assertAllowedSubpageTypes(CommissionMinutesPage, set())

    def test_strategy_tree(self):
        self.assertAllowedSubpageTypes(StrategyDraftIndexPage, {StrategyDraftPage})
        self.assertAllowedSubpageTypes(StrategyDraftPage, set())


@pytest.mark.parametrize(
    "target", ["area", "commission_index", "commission", "minutes", "strategy_index", "draft"]
)
def test_admin_edit_forms_render(client, member_area, superuser, target):
    """Every member page type opens in the admin editor."""
    client.force_login(superuser)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[member_area[target].pk]))
    assert response.status_code == 200


def test_draft_in_consultation_needs_an_end_date(member_area):
    """A draft put in consultation without a deadline is refused with a French message."""
    draft = member_area["draft"]
    draft.consultation_ends_on = None
    with pytest.raises(Exception) as error:
        draft.full_clean()
    assert "Indiquez la date de fin de la consultation" in str(error.value)


def test_dashboard_shows_what_the_member_may_read(client_for, member_area):
    """The dashboard lists latest minutes, next meetings and, for the council, open drafts."""
    partner = client_for("partner").get("/espace-membres/").content.decode()
    assert "Réunion confidentielle" in partner
    assert "Commission marque territoriale" in partner
    assert "Stratégie version 3" not in partner
    council = client_for("council").get("/espace-membres/").content.decode()
    assert "Stratégie version 3" in council
    assert "Avis attendus jusqu" in council


def test_minutes_page_shows_everything_recorded(client_for, member_area):
    """Minutes show date, place, decisions, action items and attachments."""
    minutes = member_area["minutes"]
    minutes.action_items.create(description="Rédiger la synthèse", owner="COTECH")
    minutes.save_revision().publish()
    body = client_for("partner").get(minutes.url).content.decode()
    assert "14 mars 2024" in body
    assert "Le mot zythogale est confidentiel" in body
    assert "Rédiger la synthèse" in body
    assert member_area["minutes_pdf"].url in body


def test_draft_shows_a_readable_comparison_with_the_previous_version(client_for, member_area):
    """Members see what changed since the previous version, word by word."""
    draft = member_area["draft"]
    mf.StrategyDraftPageFactory(
        parent=draft.get_parent(),
        version_number=2,
        body=[{"type": "paragraph", "value": "<p>Le mot quokkarde est important.</p>"}],
    )
    body = client_for("council").get(draft.url).content.decode()
    assert "<del>important.</del>" in body
    assert "<ins>stratégique.</ins>" in body


def test_compare_texts_marks_added_removed_and_changed_paragraphs():
    """The comparison distinguishes new, removed and edited paragraphs."""
    rows = compare_texts(["Un", "Deux trois", "Quatre"], ["Un", "Deux cinq", "Six", "Sept"])
    kinds = [kind for kind, _ in rows]
    assert kinds[0] == "same"
    assert "changed" in kinds or "added" in kinds
    flattened = [part for _, parts in rows for part in parts]
    assert ("added", "Sept") in flattened
    assert ("removed", "Quatre") in flattened or ("removed", "Quatre") in [
        p for _, parts in rows for p in parts
    ]


def test_member_leaves_edits_and_sees_feedback(client_for, member_area):
    """While in consultation, a member leaves feedback, sees it was received and edits it."""
    draft = member_area["draft"]
    client = client_for("council")
    empty = client.post(draft.url, {"section": "Axe 2", "text": "   "})
    assert empty.status_code == 200
    assert "Écrivez votre avis" in empty.content.decode()
    assert 'value="Axe 2"' in empty.content.decode()
    response = client.post(draft.url, {"section": "Axe 2", "text": "Associer les étudiants."})
    assert response.status_code == 302
    feedback = StrategyFeedback.objects.get()
    assert feedback.author.email == "conseil@example.org"
    # The thanks appear in the feedback section, where the person is, and take focus there.
    assert response["Location"] == draft.url + "?avis=recu#avis-merci"
    page = client.get(response["Location"]).content.decode()
    thanks = page.index('id="avis-merci"')
    assert page.index('id="mes-avis"') < thanks < page.index("votre avis a bien été reçu")
    assert "data-focus-on-load" in page[thanks - 200 : thanks + 50]
    assert "Associer les étudiants." in page
    edit_url = f"{draft.url}avis/{feedback.pk}/modifier/"
    client.post(edit_url, {"section": "Axe 2", "text": "Associer aussi les lycéens."})
    feedback.refresh_from_db()
    assert feedback.text == "Associer aussi les lycéens."
    assert StrategyFeedback.objects.count() == 1


def test_feedback_is_refused_after_the_deadline(client_for, member_area):
    """Once the consultation is over, feedback can neither be left nor edited."""
    draft = member_area["draft"]
    draft.consultation_ends_on = timezone.localdate() - datetime.timedelta(days=1)
    draft.save_revision().publish()
    client = client_for("council")
    response = client.post(draft.url, {"text": "Trop tard ?"}, follow=True)
    assert "La consultation est close" in response.content.decode()
    assert not StrategyFeedback.objects.exists()


def test_members_cannot_edit_someone_elses_feedback(client_for, member_area, accounts):
    """Editing another member's feedback answers 404."""
    draft = member_area["draft"]
    other = StrategyFeedback.objects.create(draft=draft, author=accounts["cotech"], text="Avis")
    response = client_for("council").post(
        f"{draft.url}avis/{other.pk}/modifier/", {"text": "Détourné"}
    )
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.text == "Avis"


def test_partners_cannot_post_feedback_on_council_drafts(client_for, member_area):
    """A club partner cannot reach a draft, not even by POST."""
    response = client_for("partner").post(member_area["draft"].url, {"text": "Intrusion"})
    assert response.status_code == 403
    assert not StrategyFeedback.objects.exists()


def test_editors_export_feedback_as_csv(client, member_area, accounts):
    """Editors list feedback in the admin and export it as CSV."""
    StrategyFeedback.objects.create(
        draft=member_area["draft"], author=accounts["council"], section="Axe 1", text="Oui"
    )
    client.force_login(accounts["editor"])
    listing = client.get(reverse("strategy_feedback:index"))
    assert listing.status_code == 200
    export = client.get(reverse("strategy_feedback:index") + "?export=csv")
    assert export.status_code == 200
    content = b"".join(export.streaming_content).decode("utf-8-sig")
    assert "Axe 1" in content
    assert "conseil@example.org" in content


def count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def add_minutes(member_area, count):
    commission = member_area["commission"]
    for _ in range(count):
        mf.CommissionMinutesPageFactory(parent=commission)
    other = mf.CommissionPageFactory(parent=member_area["commission_index"])
    for _ in range(count):
        mf.CommissionMinutesPageFactory(parent=other)


@pytest.mark.parametrize("visitor", ["partner", "council"])
def test_member_query_counts_do_not_grow_with_content(client_for, member_area, visitor):
    """Dashboard, commission page and member search cost the same with 2 or 12 more minutes."""
    client = client_for(visitor)
    urls = [
        "/espace-membres/",
        member_area["commission"].url,
        member_area["commission_index"].url,
        reverse("member_search") + "?q=zythogale",
    ]
    for url in urls:
        client.get(url)
    before = [count_queries(client, url) for url in urls]
    add_minutes(member_area, 6)
    for url in urls:
        client.get(url)
    after = [count_queries(client, url) for url in urls]
    assert before == after


@pytest.mark.parametrize(
    ("account", "offered", "withheld"),
    [
        ("partner", ["Tableau de bord", "Rechercher", "Mon compte"], ["strategie"]),
        ("council", ["Tableau de bord", "Rechercher", "Mon compte"], []),
    ],
)
def test_the_member_menu_offers_only_what_the_person_may_open(
    client_for, member_area, account, offered, withheld
):
    client = client_for(account)
    page = client.get(member_area["area"].url).content.decode()
    menu = page[page.index('id="menu-membres"') :]
    menu = menu[: menu.index("</nav>")]
    for label in offered:
        assert label in menu
    links = re.findall(r'href="([^"]+)"', menu)
    for url in links:
        if url.startswith("/espace-membres/"):
            assert client.get(url).status_code == 200, url
    assert not [url for url in links if any(word in url for word in withheld)]
    if account == "council":
        assert member_area["strategy_index"].url in links


@pytest.mark.parametrize(("account", "told"), [("partner", False), ("council", True)])
def test_the_dashboard_tells_of_strategy_drafts_only_their_audience(
    client_for, member_area, account, told
):
    page = client_for(account).get(member_area["area"].url).content.decode()
    assert ("Versions de la stratégie en consultation" in page) is told
