"""« Rédacteurs » write public content: nothing of the member area reaches them in the admin."""

import json

from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from wagtail.models import Collection, GroupPagePermission

import pytest

from cms.roles import ensure_staff_groups
from core.roles import WRITERS
from tests.factories import ensure_wagtail_root
from tests.members import member_factories as mf

pytestmark = pytest.mark.django_db

SECRETS = ("Réunion confidentielle", "Stratégie version 3", "Compte rendu PDF", "Stratégie PDF")


@pytest.fixture
def writer_client(client, member_area):
    ensure_staff_groups()
    client.force_login(mf.member("redacteur@example.org", WRITERS))
    return client


def assert_no_member_titles(response):
    html = response.content.decode()
    for secret in SECRETS:
        assert secret not in html, (response.request["PATH_INFO"], secret)


def test_writer_sees_no_member_page_in_the_page_chooser(writer_client, member_area):
    """Browsing and searching the page chooser lists no member page."""
    area = member_area["area"]
    for url in (
        reverse("wagtailadmin_choose_page"),
        reverse("wagtailadmin_choose_page_child", args=[area.pk]),
        reverse("wagtailadmin_choose_page_child", args=[member_area["commission"].pk]),
        reverse("wagtailadmin_choose_page_search") + "?q=Réunion",
        reverse("wagtailadmin_choose_page_search") + "?q=Stratégie",
    ):
        response = writer_client.get(url)
        assert response.status_code in {200, 404}
        assert_no_member_titles(response)


def test_writer_sees_no_member_document_in_the_document_chooser(writer_client, member_area):
    """The document chooser and listing show only the writers' public collection."""
    for url in (
        reverse("wagtaildocs_chooser:choose"),
        reverse("wagtaildocs_chooser:choose_results") + "?q=PDF",
        reverse("wagtaildocs:index"),
        reverse("wagtaildocs:index") + "?q=Stratégie",
    ):
        response = writer_client.get(url)
        assert response.status_code in {200, 302}
        assert_no_member_titles(response)


def test_writer_finds_no_member_page_in_explorer_or_admin_search(writer_client, member_area):
    """The explorer and the admin's page search stop at the pages writers may edit."""
    responses = [
        writer_client.get(reverse("wagtailadmin_explore", args=[member_area["area"].pk])),
        writer_client.get(reverse("wagtailadmin_pages:search") + "?q=Réunion"),
        writer_client.get(reverse("wagtailadmin_pages:search") + "?q=Stratégie"),
        writer_client.get("/admin/search/?q=Stratégie"),
    ]
    for response in responses:
        assert response.status_code in {200, 302, 403, 404}
        assert_no_member_titles(response)


@pytest.mark.parametrize(
    "report",
    ["locked", "aging-pages", "site-history", "page-types-usage", "workflow", "workflow_tasks"],
)
def test_writer_cannot_open_any_report(writer_client, member_area, report):
    """Reports list pages across the tree: they are closed to writers."""
    response = writer_client.get(f"/admin/reports/{report}/")
    assert response.status_code in {302, 403, 404}
    assert_no_member_titles(response)


def test_writer_cannot_preview_or_edit_member_pages(writer_client, member_area):
    """Member pages' edit, preview and history views refuse a writer."""
    draft = member_area["draft"]
    for url in (
        reverse("wagtailadmin_pages:edit", args=[draft.pk]),
        reverse("wagtailadmin_pages:preview_on_edit", args=[draft.pk]),
        reverse("wagtailadmin_pages:history", args=[draft.pk]),
    ):
        response = writer_client.get(url)
        assert response.status_code in {302, 403}, url
        assert_no_member_titles(response)


def test_writer_does_not_read_the_member_area_on_the_site(writer_client, member_area):
    """A writer's account is no pass for the member area itself."""
    for key in ("area", "minutes", "draft"):
        assert writer_client.get(member_area[key].url).status_code == 403
    pdf = member_area["minutes_pdf"]
    assert writer_client.get(pdf.url).status_code in {302, 403}


def modal_html(response):
    """The admin's privacy dialogs answer JSON holding the form's HTML."""
    return json.loads(response.content)["html"]


def test_privacy_forms_offer_no_shared_password(admin_client, member_area):
    """Page and collection privacy offer « signed in » and « groups » only."""
    page_form = modal_html(
        admin_client.get(reverse("wagtailadmin_pages:set_privacy", args=[member_area["draft"].pk]))
    )
    collection = Collection.objects.get(name="Espace membres")
    collection_form = modal_html(admin_client.get(f"/admin/collections/{collection.pk}/privacy/"))
    for html in (page_form, collection_form):
        assert 'value="password"' not in html
        assert 'value="login"' in html


def test_default_wagtail_groups_lose_root_permissions_in_migration(transactional_db):
    """The data migration removes Wagtail's « Editors » and « Moderators » and their rights."""
    executor = MigrationExecutor(connection)
    executor.migrate([("members", "0006_minutes_latest_first_index")])
    # As Wagtail's own initial data left them on every existing site.
    root = ensure_wagtail_root()
    for name in ("Editors", "Moderators"):
        group, _ = Group.objects.get_or_create(name=name)
        GroupPagePermission.objects.get_or_create(
            group=group, page=root, permission=Permission.objects.get(codename="change_page")
        )
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()
    assert not GroupPagePermission.objects.filter(page=root).exists()
