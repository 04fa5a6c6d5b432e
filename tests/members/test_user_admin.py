"""Accounts in the admin: editors manage partners only, and no view or bulk action escalates."""

from django.contrib.auth.models import Group
from django.core import mail

import pytest

from core.roles import COMMS_MANAGERS, WRITERS
from members.models import User
from members.roles import CLUB, COUNCIL
from tests.factories import TEST_PASSWORD
from tests.members import member_factories as mf
from tests.support import soup

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(home_page, superuser):
    return {
        "editor": mf.member("editeur@example.org", COMMS_MANAGERS),
        "colleague": mf.member("collegue@example.org", COMMS_MANAGERS),
        "writer": mf.member("redacteur@example.org", WRITERS),
        "partner": mf.member("partenaire@example.org", CLUB),
        "admin": superuser,
    }


@pytest.fixture
def editor_client(client, staff):
    client.force_login(staff["editor"])
    return client


def refused(response):
    """Wagtail answers a refused admin view with a 403 or a redirect to the dashboard."""
    return (
        response.status_code == 403
        or (response.status_code == 302 and response["Location"] in {"/admin/", "/admin/login/"})
        or (response.status_code == 302 and response["Location"].startswith("/admin/login/"))
    )


def form_data(response, form_selector="form[method=post]"):
    """What the browser would send for the rendered form, as a person leaves it."""
    form = soup(response).select_one(form_selector)
    data = {}
    for field in form.select("input[name], select[name], textarea[name]"):
        name = field["name"]
        kind = field.get("type", "")
        if field.name == "select":
            selected = field.select("option[selected]") or field.select("option")[:1]
            values = [option.get("value", "") for option in selected]
        elif kind in {"checkbox", "radio"}:
            if not field.has_attr("checked"):
                continue
            values = [field.get("value", "on")]
        elif field.name == "textarea":
            values = [field.text]
        else:
            values = [field.get("value", "")]
        data.setdefault(name, []).extend(values)
    return data


def test_editor_cannot_open_the_copy_view_of_any_account(editor_client, staff):
    """The copy view, which copied groups and rights into a new account, does not exist."""
    for account in (staff["admin"], staff["partner"]):
        assert editor_client.get(f"/admin/users/copy/{account.pk}/").status_code == 404


def test_copy_post_cannot_rewrite_the_source_account(editor_client, staff):
    """A POST to the old copy address changes neither the administrator's e-mail nor password."""
    admin = staff["admin"]
    response = editor_client.post(
        f"/admin/users/copy/{admin.pk}/",
        {
            "email": "pirate@example.org",
            "first_name": "P",
            "last_name": "P",
            "password1": "Un-mot-de-passe-pirate-2026",
            "password2": "Un-mot-de-passe-pirate-2026",
            "is_superuser": "on",
        },
    )
    assert response.status_code == 404
    admin.refresh_from_db()
    assert admin.email == "admin@example.org"
    assert admin.check_password(TEST_PASSWORD)
    assert not User.objects.filter(email="pirate@example.org").exists()


@pytest.mark.parametrize("view", ["edit", "delete", "history", "usage"])
@pytest.mark.parametrize("target", ["admin", "colleague", "writer"])
def test_editor_cannot_open_any_view_of_a_staff_account(editor_client, staff, view, target):
    """Every per-account view refuses an editor on an administrator's or a colleague's account."""
    account = staff[target]
    assert refused(editor_client.get(f"/admin/users/{view}/{account.pk}/"))
    assert refused(editor_client.post(f"/admin/users/{view}/{account.pk}/", {}))
    assert User.objects.filter(pk=account.pk, is_active=True).exists()


def test_editor_lists_and_searches_partner_accounts_only(editor_client, staff):
    """Staff accounts do not appear in the editor's listing, search or results fragment."""
    for url in ("/admin/users/", "/admin/users/?q=example", "/admin/users/results/?q=example"):
        html = editor_client.get(url).content.decode()
        assert "partenaire@example.org" in html
        for name in ("admin", "colleague", "writer"):
            assert staff[name].email not in html, (url, name)


def test_editor_cannot_make_a_partner_administrator_through_the_edit_form(editor_client, staff):
    """« Administrateur » and staff groups are not offered, and posting them grants nothing."""
    partner = staff["partner"]
    url = f"/admin/users/edit/{partner.pk}/"
    response = editor_client.get(url)
    assert 'name="is_superuser"' not in response.content.decode()
    offered = {option.get_text(strip=True) for option in soup(response).select("[name=groups]")}
    assert COMMS_MANAGERS not in str(soup(response).select_one("#id_groups"))
    assert offered is not None
    data = form_data(response)
    data["is_superuser"] = ["on"]
    data["groups"] = [str(Group.objects.get(name=COMMS_MANAGERS).pk)]
    editor_client.post(url, data)
    partner.refresh_from_db()
    assert not partner.is_superuser
    assert not partner.groups.filter(name=COMMS_MANAGERS).exists()


def test_editor_creates_a_partner_account_from_the_rendered_form(
    editor_client, staff, django_capture_on_commit_callbacks
):
    """The form as rendered, filled in as an editor would, creates the account and invites it."""
    response = editor_client.get("/admin/users/new/")
    html = response.content.decode()
    for label in ("Adresse électronique", "Prénom", "Nom", "Notifications par courriel"):
        assert label in html
    data = form_data(response)
    data.update(
        {
            "email": ["nouvelle@porcelaine.example"],
            "first_name": ["Nina"],
            "last_name": ["Porcher"],
            "job_title": ["Directrice"],
            "notification_frequency": ["weekly"],
            "groups": [str(Group.objects.get(name=CLUB).pk)],
        }
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post("/admin/users/new/", data)
    assert response.status_code == 302, soup(response).select(".error-message")
    account = User.objects.get(email="nouvelle@porcelaine.example")
    assert account.notification_frequency == "weekly"
    assert list(account.groups.values_list("name", flat=True)) == [CLUB]
    assert not account.is_superuser and not account.is_staff
    assert not account.has_usable_password()
    invitation = mail.outbox[-1]
    assert invitation.to == ["nouvelle@porcelaine.example"]
    assert "/connexion/invitation/" in invitation.body


def test_editor_edits_a_partner_account_from_the_rendered_form(editor_client, staff):
    """Editing as rendered keeps everything and saves the new notification preference."""
    partner = staff["partner"]
    url = f"/admin/users/edit/{partner.pk}/"
    data = form_data(editor_client.get(url))
    data["notification_frequency"] = ["never"]
    data["groups"] = [str(Group.objects.get(name=COUNCIL).pk)]
    response = editor_client.post(url, data)
    assert response.status_code == 302, soup(response).select(".error-message")
    partner.refresh_from_db()
    assert partner.notification_frequency == "never"
    assert list(partner.groups.values_list("name", flat=True)) == [COUNCIL]
    assert partner.check_password(TEST_PASSWORD)


def test_administrator_creates_an_editor_account(client, staff):
    """Administrators alone create staff accounts, from the same form."""
    client.force_login(staff["admin"])
    response = client.get("/admin/users/new/")
    assert 'name="is_superuser"' in response.content.decode()
    data = form_data(response)
    data.update(
        {
            "email": ["nouvel-editeur@example.org"],
            "first_name": ["Noé"],
            "last_name": ["Éditeur"],
            "groups": [str(Group.objects.get(name=COMMS_MANAGERS).pk)],
        }
    )
    assert client.post("/admin/users/new/", data).status_code == 302
    assert User.objects.get(email="nouvel-editeur@example.org").groups.filter(name=COMMS_MANAGERS)


def bulk(client, action, accounts, **data):
    ids = "&".join(f"id={account.pk}" for account in accounts)
    url = f"/admin/bulk/members/user/{action}/?next=/admin/users/&{ids}"
    return client.post(url, data)


def test_editor_cannot_deactivate_a_colleague_in_bulk(editor_client, staff):
    """Setting the active state in bulk leaves staff accounts untouched."""
    bulk(
        editor_client,
        "set_active_state",
        [staff["colleague"], staff["admin"]],
        mark_as_active="False",
    )
    assert User.objects.get(pk=staff["colleague"].pk).is_active
    assert User.objects.get(pk=staff["admin"].pk).is_active


def test_editor_deactivates_partners_in_bulk(editor_client, staff):
    """The same bulk action still works on partner accounts."""
    bulk(editor_client, "set_active_state", [staff["partner"]], mark_as_active="False")
    assert not User.objects.get(pk=staff["partner"].pk).is_active


def test_editor_cannot_assign_a_staff_group_in_bulk(editor_client, staff):
    """Assigning a role in bulk offers member groups only and refuses a staff group."""
    managers = Group.objects.get(name=COMMS_MANAGERS)
    url = f"/admin/bulk/members/user/assign_role/?next=/admin/users/&id={staff['partner'].pk}"
    offered = editor_client.get(url).content.decode()
    assert COMMS_MANAGERS not in offered
    bulk(editor_client, "assign_role", [staff["partner"]], role=managers.pk)
    assert not staff["partner"].groups.filter(pk=managers.pk).exists()


def test_editor_cannot_add_a_colleague_to_a_group_in_bulk(editor_client, staff):
    """Even a member group cannot be added to a staff account by an editor."""
    club = Group.objects.get(name=CLUB)
    bulk(editor_client, "assign_role", [staff["colleague"]], role=club.pk)
    assert not staff["colleague"].groups.filter(pk=club.pk).exists()


def test_editor_cannot_delete_a_colleague_in_bulk(editor_client, staff):
    """Deleting in bulk leaves staff accounts in place."""
    bulk(editor_client, "delete", [staff["colleague"], staff["writer"]])
    assert User.objects.filter(pk__in=[staff["colleague"].pk, staff["writer"].pk]).count() == 2


def test_editor_cannot_manage_groups(editor_client):
    """Group management, where rights are granted, is for administrators."""
    for url in ("/admin/groups/", "/admin/groups/new/"):
        assert refused(editor_client.get(url)), url


def test_writer_cannot_manage_accounts(client, staff):
    """« Rédacteurs » have no access to accounts at all."""
    client.force_login(staff["writer"])
    for url in (
        "/admin/users/",
        "/admin/users/new/",
        f"/admin/users/edit/{staff['partner'].pk}/",
        f"/admin/bulk/members/user/set_active_state/?next=/admin/users/&id={staff['partner'].pk}",
    ):
        assert refused(client.get(url)), url
