"""The site's authentication backend: an account's rights read in one query, the same answers."""

from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from members.backends import MemberBackend
from members.models import User

pytestmark = pytest.mark.django_db


def fresh(user):
    """The account as a request loads it."""
    with CaptureQueriesContext(connection) as captured:
        loaded = MemberBackend().get_user(user.pk)
    return loaded, len(captured.captured_queries)


def test_rights_come_with_the_account_and_match_djangos_own(accounts, member_area):
    editor = accounts["editor"]
    editor.user_permissions.add(Permission.objects.get(codename="view_permission"))
    for name in ("partner", "council", "editor"):
        loaded, queries = fresh(accounts[name])
        # The account with its organisation, then its groups and every right in one query.
        assert queries == 2, name
        reference = User.objects.get(pk=loaded.pk)
        expected = reference.get_all_permissions()
        expected_groups = list(reference.groups.order_by("pk"))
        with CaptureQueriesContext(connection) as captured:
            assert loaded.get_all_permissions() == expected
            assert loaded.has_perm("wagtailadmin.access_admin") == (name == "editor")
            assert list(loaded.groups.all()) == expected_groups
            assert [group.name for group in loaded.groups.all()] == [
                group.name for group in expected_groups
            ]
        assert captured.captured_queries == [], name
    loaded, _ = fresh(editor)
    assert "auth.view_permission" in loaded.get_user_permissions()
    assert "auth.view_permission" not in loaded.get_group_permissions()


def test_a_facilitator_holds_the_trackers_rights_and_only_while_the_commission_is_live(
    accounts, member_area
):
    commission = member_area["commission"]
    commission.facilitators.add(accounts["cotech"])
    commission.save_revision().publish()
    loaded, _ = fresh(accounts["cotech"])
    assert loaded.has_perm("members.change_minutesactionitem")
    assert loaded.has_perm("wagtailadmin.access_admin")
    commission.unpublish()
    loaded, _ = fresh(accounts["cotech"])
    assert not loaded.has_perm("members.change_minutesactionitem")
    assert not loaded.has_perm("wagtailadmin.access_admin")


def test_a_superuser_is_loaded_without_reading_rights(accounts):
    admin = User.objects.create_superuser(email="racine@example.org", password="x" * 16)
    admin.groups.add(Group.objects.get_or_create(name="Administrateurs")[0])
    loaded, queries = fresh(admin)
    assert queries == 2
    assert loaded.has_perm("members.delete_user")
    assert [group.name for group in loaded.groups.all()] == ["Administrateurs"]
