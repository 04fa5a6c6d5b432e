"""Personal data: every personal field is exported; « Télécharger mes données » and
« Supprimer mon compte » for members and for editors; retention rules with time moved forward;
erasure survives a restore; the register is the same in the admin and on the privacy page."""

import datetime
import fnmatch
import io
import json
import re
import shutil

from django.apps import apps
from django.core import mail
from django.core.management import call_command
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

import pytest
from axes.models import AccessAttempt, AccessLog

from core.models import AudienceDay, ErasureRecord, RetentionRun
from core.personal_data import (
    erase_person,
    exemptions,
    export_person,
    exported_fields,
    ledger_entries,
    processings,
)
from core.retention import run_retention
from members.models import (
    ActionStatusChange,
    EventRegistration,
    MembershipApplication,
    StrategyFeedback,
    User,
)
from tests.factories import TEST_PASSWORD, StandardPageFactory
from tests.members import member_factories as mf

pytestmark = pytest.mark.django_db

PROJECT_APPS = {"core", "home", "news", "members", "axes"}
PERSONAL_NAME = re.compile(
    r"(^|_)(email|phone|first_name|last_name|contact|attendees|ip_address|user_agent|username"
    r"|signatory|author|changed_by|person|job_title)(_|$)"
)


def personal_fields():
    """Every field of the project's models that holds, or points to, data on a person."""
    found = set()
    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS:
            continue
        fields = model._meta.get_fields()
        is_about_a_person = any(isinstance(f, models.EmailField) for f in fields)
        for field in fields:
            if field.auto_created and not field.concrete:
                continue
            related_to_user = field.is_relation and field.related_model is User
            if (
                related_to_user
                or isinstance(field, (models.EmailField, models.GenericIPAddressField))
                or PERSONAL_NAME.search(field.name)
                or (is_about_a_person and field.name == "name")
            ):
                found.add(f"{model._meta.label_lower}.{field.name}")
    return found


def test_every_personal_field_is_exported_or_kept_for_a_stated_reason():
    """A new field holding personal data fails here until the export (or the register's
    reason to keep it) covers it."""
    covered = {f"{model}.{name}" for model, names in exported_fields().items() for name in names}
    patterns = [name.lower() for name in exemptions()]
    missing = sorted(
        name
        for name in personal_fields() - covered
        if not any(fnmatch.fnmatch(name, pattern) for pattern in patterns)
    )
    assert not missing, f"Champs personnels ni exportés ni justifiés : {missing}"
    # The walk does find what it should: the test would fail without the declarations.
    assert {"members.eventregistration.email", "members.user.email"} <= personal_fields()


@pytest.fixture
def person(member_area, accounts, home_page):
    """The council account with something of each kind held on it."""
    user = User.objects.get(pk=accounts["council"].pk)
    StrategyFeedback.objects.create(
        draft=member_area["draft"], author=user, section="Axe 2", text="Mon avis singulier"
    )
    event = mf.EventPageFactory(
        parent=mf.AgendaIndexPageFactory(parent=home_page), registration="open"
    )
    EventRegistration.objects.create(
        event=event, user=user, name=user.get_full_name(), email=user.email, status="confirmed"
    )
    action = mf.add_action(member_area["minutes"], description="Action suivie")
    ActionStatusChange.objects.create(
        action=action,
        old_status="todo",
        new_status="done",
        changed_by=user,
        changed_by_name=user.get_full_name(),
        note="Fait par moi",
    )
    MembershipApplication.objects.create(
        organisation_name="Atelier du Conseil",
        siret="73282932000074",
        contact_first_name=user.first_name,
        contact_last_name=user.last_name,
        email=user.email,
        phone="05 55 00 00 00",
        motivation="Ma motivation personnelle",
        status="approved",
    )
    AccessLog.objects.create(
        username=user.email, ip_address="192.0.2.7", user_agent="Navigateur", http_accept="*/*"
    )
    AccessAttempt.objects.create(
        username=user.email,
        ip_address="192.0.2.7",
        user_agent="Navigateur",
        failures_since_start=1,
        get_data="",
        post_data="",
        http_accept="*/*",
        path_info="/connexion/",
    )
    return user


def test_the_export_holds_everything_held_on_the_person(person):
    data = export_person(person)
    sections = {section["label"]: section["rows"] for section in data["sections"]}
    flat = json.dumps(data, ensure_ascii=False)
    assert sections["Compte"][0]["email"] == person.email
    assert sections["Avis sur la stratégie"][0]["text"] == "Mon avis singulier"
    assert sections["Inscriptions aux événements"][0]["status"] == "confirmed"
    assert sections["Changements d'état d'actions"][0]["note"] == "Fait par moi"
    assert "Ma motivation personnelle" in flat
    assert "192.0.2.7" in flat
    assert person.organisation.name in flat


def test_members_download_their_data_as_json_and_read_it(client, person):
    client.force_login(person)
    page = client.get(reverse("member_data"))
    assert page.status_code == 200
    assert "Mon avis singulier" in page.content.decode()
    assert "private" in page["Cache-Control"]
    download = client.get(reverse("member_data"), {"format": "json"})
    assert "attachment" in download["Content-Disposition"]
    assert json.loads(download.content)["sections"]


def nothing_left_of(email, name):
    """Every text column of the project's models that still holds the address or the name
    (« Ancien membre » rows and the minutes' attendee lists aside)."""
    found = []
    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS:
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, (models.CharField, models.TextField)):
                for needle in (email, name):
                    lookup = {f"{field.name}__icontains": needle}
                    if model._default_manager.filter(**lookup).exists():
                        found.append(f"{model._meta.label}.{field.name}")
    return [place for place in found if place != "members.CommissionMinutesPage.attendees"]


def test_deleting_my_account_keeps_my_words_under_ancien_membre(
    client, person, django_capture_on_commit_callbacks
):
    email, name = person.email, person.get_full_name()
    client.force_login(person)
    # A wrong password deletes nothing and says why, in French.
    wrong = client.post(reverse("member_delete_account"), {"password": "mauvais", "confirm": "on"})
    assert "Mot de passe incorrect" in wrong.content.decode()
    assert User.objects.filter(pk=person.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            reverse("member_delete_account"),
            {"password": TEST_PASSWORD, "confirm": "on"},
        )
    assert done.status_code == 200
    assert "Votre compte est supprimé" in done.content.decode()
    assert not User.objects.filter(email=email).exists()
    feedback = StrategyFeedback.objects.get(text="Mon avis singulier")
    assert feedback.author is None and feedback.author_name == "Ancien membre"
    assert not EventRegistration.objects.exists()
    assert not AccessLog.objects.filter(username=email).exists()
    assert ActionStatusChange.objects.get().changed_by_name == "Ancien membre"
    assert nothing_left_of(email, name) == []
    receipt = mail.outbox[-1]
    assert receipt.to == [email] and "supprimés" in receipt.subject
    record = ErasureRecord.objects.get()
    assert record.reason == "request" and email not in record.email_digest
    assert ledger_entries()[-1]["user_id"] == person.pk
    # The member area is closed to the former account.
    assert client.get("/espace-membres/").status_code == 302


def test_a_member_may_ask_that_their_words_go_too(person):
    erase_person(person, remove_text=True)
    assert not StrategyFeedback.objects.exists()
    assert ActionStatusChange.objects.get().note == ""


def test_editors_export_and_erase_for_someone_who_writes_in(client, person, accounts):
    client.force_login(accounts["editor"])
    export = client.get(reverse("member_personal_data_export", args=[person.pk]))
    assert json.loads(export.content)["sections"][0]["rows"][0]["email"] == person.email
    confirm = client.get(reverse("member_personal_data_erase", args=[person.pk]))
    assert confirm.status_code == 200
    client.post(reverse("member_personal_data_erase", args=[person.pk]), {"remove_text": "on"})
    assert not User.objects.filter(pk=person.pk).exists()
    record = ErasureRecord.objects.get()
    assert record.reason == "editor" and record.by_label == accounts["editor"].email
    from wagtail.models import ModelLogEntry

    actions = set(
        ModelLogEntry.objects.filter(object_id=str(person.pk)).values_list("action", flat=True)
    )
    assert {"members.personal_data.export", "members.personal_data.erase"} <= actions


def test_editors_cannot_erase_staff_accounts_and_partners_cannot_erase_anyone(client, accounts):
    client.force_login(accounts["editor"])
    admin = User.objects.create_superuser(email="root@example.org", password="x-Secret-2026")
    response = client.post(reverse("member_personal_data_erase", args=[admin.pk]))
    assert response.status_code in (302, 403)
    assert User.objects.filter(pk=admin.pk).exists()
    client.force_login(accounts["partner"])
    target = accounts["cotech"]
    response = client.post(reverse("member_personal_data_erase", args=[target.pk]))
    assert response.status_code in (302, 403)
    assert User.objects.filter(pk=target.pk).exists()


# Retention, with time moved forward


def later(days):
    return timezone.now() + datetime.timedelta(days=days)


def test_rejected_applications_go_six_months_after_the_decision(db):
    from members.privacy import delete_rejected_applications

    MembershipApplication.objects.create(
        organisation_name="Refusée",
        siret="73282932000074",
        contact_first_name="A",
        contact_last_name="B",
        email="a@example.com",
        phone="0",
        motivation="m",
        status="rejected",
        decided_at=timezone.now(),
    )
    assert delete_rejected_applications(later(180)) == 0
    assert delete_rejected_applications(later(190)) == 1


def test_inactive_members_are_warned_then_erased(accounts):
    from members.privacy import handle_inactive_accounts

    partner = User.objects.get(pk=accounts["partner"].pk)
    partner.last_login = timezone.now()
    partner.save()
    mail.outbox.clear()
    assert handle_inactive_accounts(later(600)) == 0
    # 23 months on: a warning, once.
    assert handle_inactive_accounts(later(705)) >= 1
    warning = next(m for m in mail.outbox if m.to == [partner.email])
    assert "supprimé" in warning.subject
    partner.refresh_from_db()
    assert partner.inactivity_warned_at is not None
    # Two years on, but the warning is not a month old yet: still here.
    handle_inactive_accounts(later(731))
    assert User.objects.filter(pk=partner.pk).exists()
    # A month after the warning: erased, like a deletion asked by the person.
    handle_inactive_accounts(later(740))
    assert not User.objects.filter(pk=partner.pk).exists()
    assert ErasureRecord.objects.filter(reason="inactivity", user_id=partner.pk).exists()
    # Editors are never erased for inactivity.
    assert User.objects.filter(pk=accounts["editor"].pk).exists()


def test_signing_in_again_lifts_the_inactivity_warning(client, accounts):
    partner = accounts["partner"]
    User.objects.filter(pk=partner.pk).update(inactivity_warned_at=timezone.now())
    client.post("/connexion/", {"username": partner.email, "password": TEST_PASSWORD})
    partner.refresh_from_db()
    assert partner.inactivity_warned_at is None


def test_each_retention_run_is_recorded_for_the_editors(accounts):
    AccessAttempt.objects.create(
        username="x@example.org",
        ip_address="192.0.2.8",
        user_agent="",
        failures_since_start=1,
        get_data="",
        post_data="",
        http_accept="",
        path_info="/connexion/",
    )
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(days=40))
    AudienceDay.objects.create(
        day=timezone.localdate() - datetime.timedelta(days=800), path="/", views=3
    )
    done = run_retention()
    assert done["Tentatives de connexion et journal des connexions"] == 1
    assert done["Mesure d'audience de plus de 25 mois"] == 1
    assert not AccessAttempt.objects.exists() and not AudienceDay.objects.exists()
    assert RetentionRun.objects.count() == len(done)
    out = io.StringIO()
    call_command("apply_retention", "--now", stdout=out)
    assert "Candidatures refusées depuis plus de 6 mois : 0" in out.getvalue()


def test_the_register_is_the_same_in_the_admin_and_on_the_privacy_page(client, accounts, home_page):
    page = StandardPageFactory(
        parent=home_page,
        title="Données personnelles",
        body=[{"type": "processing_register", "value": None}],
    )
    public = client.get(page.url).content.decode()
    client.force_login(accounts["editor"])
    admin = client.get(reverse("processing_register")).content.decode()
    for processing in processings():
        assert escape(str(processing.name)) in public
        assert escape(str(processing.name)) in admin
        assert escape(str(processing.retention)) in public


@pytest.mark.django_db(transaction=True)
def test_an_erasure_survives_the_restore_of_an_older_backup(
    settings, tmp_path, accounts, member_area
):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    settings.ERASURE_LEDGER = tmp_path / "registre" / "effacements.jsonl"
    person = User.objects.get(pk=accounts["cotech"].pk)
    StrategyFeedback.objects.create(draft=member_area["draft"], author=person, text="Avant")
    backup = tmp_path / "sauvegarde"
    call_command("backup_site", str(backup), verbosity=0)
    erase_person(person)  # committed: the ledger gets its line
    assert len(ledger_entries()) == 1
    # Disaster, then the backup (taken before the erasure) comes back.
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(settings.MEDIA_ROOT)
    settings.MEDIA_ROOT.mkdir()
    call_command("restore_site", str(backup), verbosity=0)
    assert not User.objects.filter(email="cotech@example.org").exists()
    assert StrategyFeedback.objects.get(text="Avant").author_name == "Ancien membre"
    assert User.objects.filter(email="conseil@example.org").exists()
    assert ErasureRecord.objects.filter(reason="restore").exists()
    assert settings.ERASURE_LEDGER.exists()


@pytest.mark.parametrize("viewset", ["retention_runs", "erasure_records"])
def test_the_compliance_records_are_read_only_on_every_view(client, accounts, viewset):
    """Editors read retention runs and erasures; no view of the viewset writes one."""
    RetentionRun.objects.create(rule="r", label="Règle", count=1)
    ErasureRecord.objects.create(user_id=1, email_digest="0" * 64, reason="request")
    model = RetentionRun if viewset == "retention_runs" else ErasureRecord
    record = model.objects.get()
    client.force_login(accounts["editor"])
    assert client.get(reverse(f"{viewset}:index")).status_code == 200
    assert client.get(reverse(f"{viewset}:inspect", args=[record.pk])).status_code == 200
    for name, args in (("add", []), ("edit", [record.pk]), ("delete", [record.pk])):
        for method in ("get", "post"):
            response = getattr(client, method)(reverse(f"{viewset}:{name}", args=args))
            assert response.status_code in (302, 403), (name, method)
    assert model.objects.filter(pk=record.pk).exists()
    client.force_login(accounts["partner"])
    assert client.get(reverse(f"{viewset}:index")).status_code == 302


def test_registrations_of_past_events_and_unconfirmed_requests_go(home_page):
    from members.privacy import delete_old_registrations

    event = mf.EventPageFactory(
        parent=mf.AgendaIndexPageFactory(parent=home_page), registration="open"
    )
    EventRegistration.objects.create(event=event, name="A", email="a@example.com")
    EventRegistration.objects.create(
        event=event, name="B", email="b@example.com", status="confirmed"
    )
    # A week on: the request never confirmed goes, the seat stays.
    assert delete_old_registrations(later(8)) == 1
    assert EventRegistration.objects.get().email == "b@example.com"
    # A month after the event: nothing is left.
    assert delete_old_registrations(event.ends_at + datetime.timedelta(days=31)) == 1
    assert not EventRegistration.objects.exists()


def test_finished_task_results_go_after_a_month(db):
    from django_tasks_db.models import DBTaskResult

    from core.retention import purge_task_results

    DBTaskResult.objects.create(
        task_path="members.mail.send_erasure_receipt",
        args_kwargs={"args": ["personne@example.org"], "kwargs": {}},
        status="SUCCESSFUL",
        finished_at=timezone.now(),
        backend_name="default",
    )
    assert purge_task_results(later(20)) == 0
    assert purge_task_results(later(31)) == 1
