"""The communication team's work: permissions, the review workflow, scheduling, notifications."""

import datetime

from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from wagtail.models import Page, TaskState, WorkflowState

import pytest

from cms.roles import ensure_staff_groups
from core.roles import COMMS_MANAGERS, WRITERS
from members.models import MembershipApplication, User
from members.notifications import send_digest
from members.roles import CLUB
from news.models import NewsPage
from tests.factories import (
    NewsCategoryFactory,
    NewsPageFactory,
    OrganisationFactory,
    SiteImageFactory,
    paragraph,
)
from tests.members import member_factories as mf

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom(member_area, home_page):
    """The news index with one published item, and the editor groups set up on it."""
    news_index = home_page.get_children().get(slug="actualites").specific
    ensure_staff_groups()
    item = NewsPageFactory(parent=news_index, title="Signature de la charte")
    return news_index, item


@pytest.fixture
def writer(newsroom):
    return mf.member("redacteur@example.org", WRITERS)


@pytest.fixture
def manager(newsroom, accounts):
    return accounts["editor"]


def news_form(news_index, title, category, image, action=None):
    from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

    data = nested_form_data(
        {
            "title": title,
            "slug": "",
            "published_on": "2024-05-02",
            "category": category.pk,
            "tags": "emploi",
            "summary": "Un résumé.",
            "listing_image": image.pk,
            "body": streamfield([("paragraph", rich_text("<p>Le texte.</p>"))]),
        }
    )
    data["slug"] = slugify(title)
    if action:
        data[action] = "1"
    return data


def add_news_url(news_index):
    return reverse("wagtailadmin_pages:add", args=["news", "newspage", news_index.pk])


class TestWriterPermissions:
    """« Rédacteurs » write news and stories and submit them; they publish nothing."""

    def test_writer_reaches_the_admin_and_adds_news(self, client, writer, newsroom):
        client.force_login(writer)
        assert client.get(reverse("wagtailadmin_home")).status_code == 200
        assert client.get(add_news_url(newsroom[0])).status_code == 200

    def test_writer_cannot_publish(self, client, writer, newsroom):
        news_index, _ = newsroom
        client.force_login(writer)
        data = news_form(
            news_index,
            "Essai de publication",
            NewsCategoryFactory(),
            SiteImageFactory(),
            "action-publish",
        )
        client.post(add_news_url(news_index), data)
        page = NewsPage.objects.filter(slug="essai-de-publication").first()
        assert page is not None
        assert not page.live

    @pytest.mark.parametrize(
        "url_name",
        ["wagtailusers_groups:index", "wagtailsettings:edit", "wagtailusers_users:index"],
    )
    def test_writer_cannot_manage_groups_settings_or_accounts(self, client, writer, url_name):
        client.force_login(writer)
        args = ["home", "sitesettings"] if url_name == "wagtailsettings:edit" else []
        response = client.get(reverse(url_name, args=args))
        assert response.status_code in (302, 403)

    def test_writer_cannot_edit_member_pages(self, client, writer, member_area):
        client.force_login(writer)
        response = client.get(reverse("wagtailadmin_pages:edit", args=[member_area["minutes"].pk]))
        assert response.status_code in (302, 403)


class TestManagerPermissions:
    """« Responsables communication » publish, manage member content and partner accounts."""

    def test_manager_publishes_and_edits_member_pages(self, client, manager, member_area, newsroom):
        client.force_login(manager)
        edit = reverse("wagtailadmin_pages:edit", args=[member_area["minutes"].pk])
        assert client.get(edit).status_code == 200
        news_index, _ = newsroom
        data = news_form(
            news_index,
            "Publiée directement",
            NewsCategoryFactory(),
            SiteImageFactory(),
            "action-publish",
        )
        client.post(add_news_url(news_index), data)
        assert NewsPage.objects.get(slug="publiee-directement").live

    @pytest.mark.parametrize("url_name", ["wagtailusers_groups:index", "wagtailsettings:edit"])
    def test_manager_cannot_manage_groups_or_settings(self, client, manager, url_name):
        client.force_login(manager)
        args = ["home", "sitesettings"] if url_name == "wagtailsettings:edit" else []
        assert client.get(reverse(url_name, args=args)).status_code in (302, 403)

    def test_manager_creates_partner_accounts_but_never_administrators(self, client, manager):
        client.force_login(manager)
        organisation = OrganisationFactory()
        club = Group.objects.get(name=CLUB)
        editors = Group.objects.get(name=COMMS_MANAGERS)
        form = client.get(reverse("wagtailusers_users:add")).content.decode()
        assert 'name="is_superuser"' not in form
        response = client.post(
            reverse("wagtailusers_users:add"),
            {
                "email": "nouveau@example.org",
                "first_name": "Nina",
                "last_name": "Nouvelle",
                "password1": "Un-mot-de-passe-solide-87",
                "password2": "Un-mot-de-passe-solide-87",
                "groups": [club.pk, editors.pk],
                "is_superuser": "on",
                "organisation": organisation.pk,
                "notification_frequency": "weekly",
            },
        )
        user = User.objects.filter(email="nouveau@example.org").first()
        if user is not None:
            assert not user.is_superuser
            assert not user.groups.filter(pk=editors.pk).exists()
        else:
            # Choosing a group outside the member groups is refused as invalid.
            assert response.status_code == 200
        client.post(
            reverse("wagtailusers_users:add"),
            {
                "email": "nouveau@example.org",
                "first_name": "Nina",
                "last_name": "Nouvelle",
                "password1": "Un-mot-de-passe-solide-87",
                "password2": "Un-mot-de-passe-solide-87",
                "groups": [club.pk],
                "organisation": organisation.pk,
                "notification_frequency": "weekly",
            },
        )
        user = User.objects.get(email="nouveau@example.org")
        assert list(user.groups.values_list("name", flat=True)) == [CLUB]
        assert user.organisation == organisation
        assert not user.is_superuser

    def test_manager_cannot_edit_administrators(self, client, manager, superuser):
        client.force_login(manager)
        response = client.get(reverse("wagtailusers_users:edit", args=[superuser.pk]))
        assert response.status_code in (302, 403)

    def test_manager_exports_the_charter_register(self, client, manager):
        OrganisationFactory(name="Porcelaine SA", charter_signatory_name="Jeanne Martin")
        client.force_login(manager)
        url = reverse("wagtailsnippets_members_organisation:list")
        listing = client.get(url, {"charter_signed_on__isnull": "false"})
        assert listing.status_code == 200
        export = client.get(url, {"export": "csv"})
        content = b"".join(export.streaming_content).decode("utf-8-sig")
        assert "Porcelaine SA" in content
        assert "Jeanne Martin" in content


def test_review_workflow_from_submission_to_publication(client, writer, manager, newsroom):
    """A writer submits, reviewers are e-mailed, a change request comes back, then approval."""
    news_index, _ = newsroom
    client.force_login(writer)
    data = news_form(
        news_index,
        "Relue avant publication",
        NewsCategoryFactory(),
        SiteImageFactory(),
        "action-submit",
    )
    client.post(add_news_url(news_index), data)
    page = NewsPage.objects.get(slug="relue-avant-publication")
    assert not page.live
    state = WorkflowState.objects.get(base_content_type__isnull=False, object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert any(manager.email in message.to for message in mail.outbox)
    mail.outbox.clear()

    client.force_login(manager)
    task_state = TaskState.objects.get(workflow_state=state, status=TaskState.STATUS_IN_PROGRESS)
    action = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "reject", task_state.pk])
    client.post(action, {"comment": "Précisez la date de l'événement."})
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert any(writer.email in message.to for message in mail.outbox)

    client.force_login(writer)
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data["action-submit"] = "1"
    client.post(edit, data)
    state = WorkflowState.objects.filter(object_id=str(page.pk)).order_by("-pk").first()
    client.force_login(manager)
    task_state = TaskState.objects.get(workflow_state=state, status=TaskState.STATUS_IN_PROGRESS)
    client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]),
        {"comment": "Parfait."},
    )
    page.refresh_from_db()
    assert page.live
    history = client.get(reverse("wagtailadmin_pages:history", args=[page.pk])).content.decode()
    assert "Précisez la date" in history or "approuv" in history.lower()


def test_scheduled_publishing_and_expiry_reach_every_listing(client, newsroom):
    """A page scheduled in the past goes live; an expired one leaves listings, feeds and search."""
    news_index, item = newsroom
    scheduled = NewsPageFactory(parent=news_index, title="Programmée zoulou", published=False)
    scheduled.live = False
    scheduled.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    scheduled.save()
    revision = scheduled.save_revision()
    revision.publish()  # with a future go-live date, publishing only schedules
    scheduled.refresh_from_db()
    assert not scheduled.live
    # Time passes: the scheduled moment is now behind us.
    revision.refresh_from_db()
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save()
    expiring = NewsPageFactory(parent=news_index, title="Expirante yankee")
    Page.objects.filter(pk=expiring.pk).update(
        expire_at=timezone.now() - datetime.timedelta(minutes=1)
    )

    call_command("publish_scheduled")

    scheduled.refresh_from_db()
    expiring.refresh_from_db()
    assert scheduled.live
    assert not expiring.live
    assert expiring.expired
    listing = client.get(news_index.url).content.decode()
    feed = client.get(news_index.url + "flux/atom/").content.decode()
    search = client.get(reverse("search"), {"q": "yankee"}).content.decode()
    assert "Programmée zoulou" in listing
    for body in (listing, feed, search):
        assert "Expirante yankee" not in body
    assert client.get(expiring.url).status_code == 404


class TestNotifications:
    """Publishing minutes or a draft e-mails exactly the entitled members."""

    def publish_minutes(self, member_area, django_capture_on_commit_callbacks, title):
        with django_capture_on_commit_callbacks(execute=True):
            return mf.CommissionMinutesPageFactory(
                parent=member_area["commission"], title=title, decisions="<p>Rien</p>"
            )

    def test_new_minutes_reach_every_member_who_may_read_them(
        self, member_area, accounts, django_capture_on_commit_callbacks
    ):
        mail.outbox.clear()
        self.publish_minutes(member_area, django_capture_on_commit_callbacks, "Séance de juin")
        recipients = sorted(address for message in mail.outbox for address in message.to)
        assert recipients == sorted(
            ["partenaire@example.org", "conseil@example.org", "cotech@example.org"]
        )
        assert "Séance de juin" in mail.outbox[0].body

    def test_drafts_reach_only_their_audience(
        self, member_area, accounts, django_capture_on_commit_callbacks
    ):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            mf.StrategyDraftPageFactory(
                parent=member_area["strategy_index"], version_number=4, body=paragraph("v4")
            )
        recipients = sorted(address for message in mail.outbox for address in message.to)
        assert recipients == ["conseil@example.org", "cotech@example.org"]

    def test_preferences_are_honoured(
        self, member_area, accounts, django_capture_on_commit_callbacks
    ):
        User.objects.filter(email="partenaire@example.org").update(notification_frequency="never")
        User.objects.filter(email="cotech@example.org").update(notification_frequency="weekly")
        mail.outbox.clear()
        self.publish_minutes(member_area, django_capture_on_commit_callbacks, "Séance de juillet")
        assert [message.to for message in mail.outbox] == [["conseil@example.org"]]

    def test_republishing_does_not_notify_again(
        self, member_area, accounts, django_capture_on_commit_callbacks
    ):
        minutes = self.publish_minutes(member_area, django_capture_on_commit_callbacks, "Séance")
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            minutes.save_revision().publish()
        assert not mail.outbox

    def test_members_choose_their_frequency_under_my_account(self, client, member_area, accounts):
        client.force_login(accounts["partner"])
        response = client.post(
            reverse("member_account"),
            {
                "action": "preferences",
                "notification_frequency": "weekly",
                "event_alerts": "on",
                "action_alerts": "all",
            },
            follow=True,
        )
        assert "préférences de notification sont enregistrées" in response.content.decode()
        accounts["partner"].refresh_from_db()
        assert accounts["partner"].notification_frequency == "weekly"
        assert accounts["partner"].action_alerts == "all"

    def test_digest_lists_what_is_new_and_nothing_private_to_others(
        self, member_area, accounts, django_capture_on_commit_callbacks
    ):
        partner = accounts["partner"]
        partner.last_digest_sent_at = timezone.now() - datetime.timedelta(days=7)
        partner.save()
        self.publish_minutes(member_area, django_capture_on_commit_callbacks, "Séance d'automne")
        mf.StrategyDraftPageFactory(
            parent=member_area["strategy_index"], title="Version secrète", version_number=5
        )
        mail.outbox.clear()
        assert send_digest(User.objects.get(pk=partner.pk))
        body = mail.outbox[0].body
        assert "Séance d'automne" in body
        assert "Version secrète" not in body
        # Nothing new since: no second digest.
        mail.outbox.clear()
        assert not send_digest(User.objects.get(pk=partner.pk))
        assert not mail.outbox

    def test_weekly_digest_command(self, member_area, accounts):
        council = accounts["council"]
        council.notification_frequency = "weekly"
        council.save()
        mail.outbox.clear()
        call_command("send_member_digests")
        assert [message.to for message in mail.outbox] == [["conseil@example.org"]]
        assert "Stratégie version 3" in mail.outbox[0].body


def test_dashboard_panel_lists_what_needs_attention(client, manager, member_area):
    """The admin home shows pending applications and feedback on open consultations."""
    MembershipApplication.objects.create(
        organisation_name="Atelier",
        siret="73282932000074",
        contact_first_name="A",
        contact_last_name="B",
        email="a@example.org",
        phone="0555000000",
        motivation="Oui",
    )
    client.force_login(manager)
    body = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "À traiter" in body
    assert "1 candidature au club en attente" in body
