"""The action plan: one tracker of every action a member may read, its filters, exports and
flat cost; status changes by editors and facilitators in the admin, with their history;
the dashboard's summary and the overdue alerts."""

import datetime

from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest

from members.models import ActionStatusChange, CommissionMinutesPage, MinutesActionItem, User
from members.notifications import notify_overdue_action, send_digest
from tests.factories import OrganisationFactory
from tests.members import member_factories as mf
from tests.members.test_member_pages import count_queries

pytestmark = pytest.mark.django_db

PLAN = "/espace-membres/plan-d-actions/"


def days(number):
    return timezone.localdate() + datetime.timedelta(days=number)


@pytest.fixture
def plan(member_area, accounts):
    """Actions in two commissions; the second is closed to all but the council."""
    mf.ActionPlanPageFactory(parent=member_area["area"])
    council_commission = mf.CommissionPageFactory(
        parent=member_area["commission_index"], title="Commission du conseil"
    )
    restriction = PageViewRestriction.objects.create(
        page=council_commission, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.get(name="Conseil stratégique")])
    council_minutes = mf.CommissionMinutesPageFactory(parent=council_commission)
    partner_org = accounts["partner"].organisation
    return {
        "late": mf.add_action(
            member_area["minutes"],
            description="Recenser les offres des membres",
            decision="Créer une page commune des offres",
            owner_organisation=partner_org,
            due_on=days(-5),
            status="in_progress",
        ),
        "soon": mf.add_action(
            member_area["minutes"],
            description="Rédiger le guide des arrivants",
            owner_organisation=OrganisationFactory(name="Ville de Limoges"),
            due_on=days(10),
        ),
        "done": mf.add_action(
            member_area["minutes"],
            description="Réserver la salle",
            due_on=days(-30),
            status="done",
        ),
        "secret": mf.add_action(
            council_minutes, description="Action confidentielle du conseil", due_on=days(-2)
        ),
        "council_commission": council_commission,
    }


def test_the_tracker_lists_what_the_member_may_read_with_late_ones_flagged(client_for, plan):
    partner = client_for("partner").get(PLAN).content.decode()
    for name in ("late", "soon", "done"):
        assert plan[name].description in partner
    assert plan["secret"].description not in partner
    assert "En retard" in partner
    assert "1 action en retard" in partner
    council = client_for("council").get(PLAN).content.decode()
    assert plan["secret"].description in council
    assert "2 actions en retard" in council
    assert client_for("anonymous").get(PLAN).status_code == 302


def test_filters_and_sorting(client_for, plan, accounts):
    client = client_for("council")

    def listed(**query):
        body = client.get(PLAN, query).content.decode()
        return {
            name for name in ("late", "soon", "done", "secret") if plan[name].description in body
        }

    assert listed(echeance="retard") == {"late", "secret"}
    assert listed(echeance="30-jours") == {"soon"}
    assert listed(etat="done") == {"done"}
    assert listed(commission=plan["council_commission"].pk) == {"secret"}
    assert listed(organisation=accounts["partner"].organisation.pk) == {"late"}
    body = client.get(PLAN, {"tri": "-echeance"}).content.decode()
    assert body.index(plan["soon"].description) < body.index(plan["late"].description)
    # The form shows the choices made, and counts what it lists.
    organisation = accounts["partner"].organisation
    body = client.get(PLAN, {"organisation": organisation.pk, "etat": "todo"}).content.decode()
    assert f'<option value="{organisation.pk}" selected>{organisation.name}</option>' in body
    assert '<option value="todo" selected>' in body
    assert '<option value="echeance" selected>' in body
    assert body.count(" selected>") == 3
    for query in (
        {"etat": "perdu"},
        {"commission": "abc"},
        {"tri": "hasard"},
        {"echeance": "x"},
        # A number no database column holds is a 404, not a database error.
        {"commission": "9" * 25},
        {"organisation": "-1"},
    ):
        assert client.get(PLAN, query).status_code == 404


def test_the_partner_cannot_filter_into_a_closed_commission(client_for, plan):
    body = client_for("partner").get(PLAN, {"commission": plan["council_commission"].pk})
    assert plan["secret"].description not in body.content.decode()


def test_csv_export_follows_filters_and_access_and_is_formula_safe(client_for, plan):
    MinutesActionItem.objects.filter(pk=plan["soon"].pk).update(owner="=1+1")
    client = client_for("partner")
    response = client.get(PLAN + "export/")
    assert response["Content-Type"].startswith("text/csv")
    assert "private" in response["Cache-Control"]
    content = response.content.decode("utf-8-sig")
    assert plan["late"].description in content
    assert plan["secret"].description not in content
    assert "'=1+1" in content
    assert "oui" in content  # the late one
    only_late = client.get(PLAN + "export/", {"echeance": "retard"}).content.decode("utf-8-sig")
    assert plan["soon"].description not in only_late


def test_printable_version(client_for, plan):
    response = client_for("council").get(PLAN + "imprimer/", {"etat": "todo"})
    body = response.content.decode()
    assert response.status_code == 200
    assert plan["secret"].description in body and plan["soon"].description in body
    assert plan["late"].description not in body
    assert 'lang="fr"' in body


def test_the_tracker_costs_the_same_with_more_minutes_and_actions(client_for, plan, member_area):
    client = client_for("council")
    client.get(PLAN)
    before = count_queries(client, PLAN)
    for _ in range(5):
        minutes = mf.CommissionMinutesPageFactory(parent=member_area["commission"])
        mf.add_action(minutes, description="Encore une action", due_on=days(-1))
    client.get(PLAN)
    assert count_queries(client, PLAN) == before


def test_the_dashboard_sums_up_my_actions_and_the_late_ones(client_for, plan):
    body = client_for("partner").get("/espace-membres/").content.decode()
    assert "Mes actions" in body
    assert plan["late"].description in body  # the partner's organisation owns it
    assert plan["soon"].description not in body
    assert "1 action" in body


# Status changes in the admin


@pytest.fixture
def facilitator(plan, member_area, accounts):
    """The COTECH account facilitates the first commission (not the council's)."""
    user = accounts["cotech"]
    commission = member_area["commission"]
    commission.facilitators.add(user)
    commission.save_revision().publish()
    return User.objects.get(pk=user.pk)


def change_status(client, action, status, note=""):
    return client.post(
        reverse("action_plan:edit", args=[action.pk]), {"status": status, "note": note}
    )


def test_a_facilitator_changes_the_status_of_their_commission_actions(client, plan, facilitator):
    client.force_login(facilitator)
    index = client.get(reverse("action_plan:index"))
    assert index.status_code == 200
    assert plan["late"].description in index.content.decode()
    assert plan["secret"].description not in index.content.decode()
    response = change_status(client, plan["late"], "done", "Page publiée le 3 décembre")
    assert response.status_code == 302
    action = MinutesActionItem.objects.get(pk=plan["late"].pk)
    assert action.status == "done"
    (change,) = ActionStatusChange.objects.filter(action=action)
    assert (change.old_status, change.new_status) == ("in_progress", "done")
    assert change.changed_by == facilitator
    assert change.changed_by_name == (
        f"{facilitator.get_full_name()} ({facilitator.organisation.name})"
    )
    assert change.note == "Page publiée le 3 décembre"


@pytest.mark.parametrize("view", ["edit", "inspect", "history", "usage", "delete"])
def test_a_facilitator_cannot_reach_other_commissions_actions(client, plan, facilitator, view):
    client.force_login(facilitator)
    response = client.get(reverse(f"action_plan:{view}", args=[plan["secret"].pk]))
    assert response.status_code in (302, 403)
    assert plan["secret"].description not in response.content.decode()
    change_status(client, plan["secret"], "done")
    assert MinutesActionItem.objects.get(pk=plan["secret"].pk).status == "todo"


def test_the_facilitator_role_opens_nothing_else_of_the_admin(client, plan, facilitator):
    client.force_login(facilitator)
    for url in (
        reverse("wagtailadmin_explore_root"),
        reverse("wagtailusers_users:index"),
        reverse("event_registrations:index"),
        reverse("membership_applications:index"),
        reverse("wagtailadmin_pages:edit", args=[plan["council_commission"].pk]),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url
    # Nothing to add or delete: actions live in the minutes.
    assert client.get(reverse("action_plan:add")).status_code == 302
    client.post(reverse("action_plan:delete", args=[plan["late"].pk]))
    assert MinutesActionItem.objects.filter(pk=plan["late"].pk).exists()


def test_a_member_who_does_not_facilitate_gets_no_admin(client, plan, accounts):
    client.force_login(accounts["partner"])
    response = client.get(reverse("action_plan:index"))
    assert response.status_code in (302, 403)


def test_the_history_is_shown_to_members(client_for, plan, facilitator, client, member_area):
    client.force_login(facilitator)
    change_status(client, plan["late"], "done", "Fait")
    for page in (PLAN, member_area["minutes"].url):
        body = client_for("partner").get(page).content.decode()
        assert "Historique" in body
        assert "En cours → Terminée" in body
        assert "« Fait »" in body


def test_republishing_the_minutes_keeps_a_status_changed_in_the_tracker(
    client, plan, facilitator, member_area
):
    """The minutes' revision takes the new status: publishing them later does not undo it."""
    client.force_login(facilitator)
    change_status(client, plan["late"], "done")
    minutes = CommissionMinutesPage.objects.get(pk=member_area["minutes"].pk)
    minutes.get_latest_revision().publish()
    assert MinutesActionItem.objects.get(pk=plan["late"].pk).status == "done"


def test_an_editor_changing_the_status_in_the_minutes_leaves_a_trace(
    client, plan, accounts, member_area
):
    """The minutes' own form (an editor publishing) records the change with its author."""
    from core.audit import _acting_user

    token = _acting_user.set(accounts["editor"])
    try:
        minutes = CommissionMinutesPage.objects.get(pk=member_area["minutes"].pk)
        items = list(minutes.action_items.all())
        for item in items:
            if item.pk == plan["soon"].pk:
                item.status = "in_progress"
        minutes.action_items = items
        minutes.save_revision(user=accounts["editor"]).publish()
    finally:
        _acting_user.reset(token)
    change = ActionStatusChange.objects.get(action_id=plan["soon"].pk)
    assert change.changed_by == accounts["editor"]
    assert change.new_status == "in_progress"


# Alerts


def test_the_digest_tells_of_actions_that_became_late_per_preference(plan, accounts):
    partner = User.objects.get(pk=accounts["partner"].pk)
    partner.last_digest_sent_at = timezone.now() - datetime.timedelta(days=7)
    partner.save()
    assert send_digest(partner)
    body = mail.outbox[-1].body
    assert plan["late"].description in body  # their organisation's
    assert plan["secret"].description not in body  # not readable
    council = User.objects.get(pk=accounts["council"].pk)
    council.last_digest_sent_at = timezone.now() - datetime.timedelta(days=7)
    council.action_alerts = User.ActionAlerts.ALL
    council.save()
    send_digest(council)
    body = mail.outbox[-1].body
    assert plan["secret"].description in body and plan["late"].description in body
    council.refresh_from_db()
    council.action_alerts = User.ActionAlerts.NONE
    council.last_digest_sent_at = timezone.now() - datetime.timedelta(days=7)
    council.save()
    mail.outbox.clear()
    send_digest(council)
    assert all(plan["late"].description not in m.body for m in mail.outbox)


def test_an_overdue_alert_goes_once_and_only_if_still_late(plan, accounts):
    mail.outbox.clear()
    late = plan["late"]
    assert notify_overdue_action.call(late.pk, late.due_on.isoformat()) == 1
    (message,) = mail.outbox
    assert message.to == ["partenaire@example.org"]
    assert late.description in message.body
    assert notify_overdue_action.call(late.pk, late.due_on.isoformat()) == 0
    # Done, or given a new date, since the alert was queued: nothing is sent.
    done = plan["done"]
    assert notify_overdue_action.call(done.pk, done.due_on.isoformat()) == 0
    assert notify_overdue_action.call(late.pk, days(-6).isoformat()) == 0
