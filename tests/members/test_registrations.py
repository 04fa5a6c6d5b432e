"""Registration to events: one click for partners, a confirmed e-mail for visitors, capacity
and the waiting list, cancellation, the reminder the day before, and the editors' list."""

import datetime

from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

import icalendar
import pytest

from members.models import EventRegistration
from members.registrations import (
    purge_registrations,
    reminder_moment,
    schedule_event_tasks,
    send_event_reminders,
)
from tests.members import member_factories as mf

pytestmark = pytest.mark.django_db

Status = EventRegistration.Status
DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def workshop(member_area, home_page):
    """A public workshop with one seat, registration open."""
    return mf.EventPageFactory(
        parent=mf.AgendaIndexPageFactory(parent=home_page),
        title="Atelier marque employeur",
        registration="open",
        capacity=1,
    )


def calendar_attachment(message):
    (name, content, mimetype), *_ = message.attachments
    assert name.endswith(".ics")
    assert mimetype.startswith("text/calendar")
    return icalendar.Calendar.from_ical(content)


def test_a_partner_registers_in_one_click_and_gets_the_event_file(client_for, workshop, accounts):
    client = client_for("partner")
    response = client.post(workshop.url + "inscription/")
    assert response.status_code == 302
    registration = EventRegistration.objects.get(event=workshop)
    assert registration.user == accounts["partner"]
    assert registration.status == Status.CONFIRMED
    assert registration.organisation_name == accounts["partner"].organisation.name
    (message,) = mail.outbox
    assert message.to == ["partenaire@example.org"]
    assert "confirmée" in message.subject
    calendar = calendar_attachment(message)
    assert str(calendar.walk("VEVENT")[0]["summary"]) == workshop.title
    page = client.get(workshop.url).content.decode()
    assert "Vous êtes inscrit à cet événement" in page
    # Registering again changes nothing and sends nothing.
    client.post(workshop.url + "inscription/")
    assert EventRegistration.objects.filter(event=workshop).count() == 1
    assert len(mail.outbox) == 1


def test_beyond_capacity_people_wait_and_a_cancellation_promotes_the_first(
    client_for, workshop, accounts
):
    client_for("partner").post(workshop.url + "inscription/")
    client_for("council").post(workshop.url + "inscription/")
    client_for("cotech").post(workshop.url + "inscription/")
    statuses = dict(EventRegistration.objects.filter(event=workshop).values_list("email", "status"))
    assert statuses == {
        "partenaire@example.org": Status.CONFIRMED,
        "conseil@example.org": Status.WAITLIST,
        "cotech@example.org": Status.WAITLIST,
    }
    assert "complet" in client_for("council").get(workshop.url).content.decode()
    mail.outbox.clear()
    client_for("partner").post(workshop.url + "inscription/", {"action": "cancel"})
    statuses = dict(EventRegistration.objects.filter(event=workshop).values_list("email", "status"))
    assert statuses["partenaire@example.org"] == Status.CANCELLED
    assert statuses["conseil@example.org"] == Status.CONFIRMED
    assert statuses["cotech@example.org"] == Status.WAITLIST
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert "annulée" in subjects["partenaire@example.org"]
    assert "place s'est libérée" in subjects["conseil@example.org"]
    promoted = next(m for m in mail.outbox if m.to == ["conseil@example.org"])
    assert calendar_attachment(promoted)


def test_a_visitor_confirms_by_e_mail_before_holding_a_seat(client, workshop):
    data = {"name": "Louise Martin", "email": "Louise@Example.com", "organisation_name": ""}
    response = client.post(workshop.url + "inscription/", data)
    assert response.status_code == 302
    assert response["Location"].endswith("?inscription=demandee#inscription")
    registration = EventRegistration.objects.get(event=workshop)
    assert registration.status == Status.PENDING
    assert registration.email == "louise@example.com"
    (message,) = mail.outbox
    assert "confirmez" in message.subject.lower()
    link = next(line for line in message.body.splitlines() if "/inscription/" in line)
    assert registration.token in link
    assert not message.attachments
    # The link opens a page with a button (mail scanners that follow links confirm nothing).
    path = link[link.index("/agenda/") :]
    page = client.get(path)
    assert page.status_code == 200
    assert "Confirmer mon inscription" in page.content.decode()
    assert page["Referrer-Policy"] == "same-origin"
    assert "private" in page["Cache-Control"]
    registration.refresh_from_db()
    assert registration.status == Status.PENDING
    client.post(path, {"action": "confirm"})
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED
    assert calendar_attachment(mail.outbox[-1])
    # A second request from the same address holds nothing more; the e-mail says why.
    mail.outbox.clear()
    client.post(workshop.url + "inscription/", data)
    assert EventRegistration.objects.filter(event=workshop).count() == 1
    assert "déjà" in mail.outbox[0].body


def test_a_visitor_form_with_errors_keeps_what_was_typed(client, workshop):
    response = client.post(
        workshop.url + "inscription/",
        {"name": "Louise Martin", "email": "pas-une-adresse", "organisation_name": "Atelier L"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "adresse électronique n&#x27;est pas valide" in body
    assert 'value="Louise Martin"' in body
    assert 'value="Atelier L"' in body
    assert not EventRegistration.objects.exists()
    assert not mail.outbox


def test_the_visitor_form_carries_its_data_protection_notice(client, workshop):
    body = client.get(workshop.url).content.decode()
    assert "un mois après l'événement, puis suppression" in body
    assert "Responsable du traitement : Limoges attractivité" in body


def test_bots_filling_the_hidden_field_are_thanked_and_ignored(client, workshop):
    response = client.post(
        workshop.url + "inscription/",
        {"name": "Bot", "email": "bot@example.com", "website": "http://spam.example"},
    )
    assert response.status_code == 302
    assert not EventRegistration.objects.exists()
    assert not mail.outbox


def test_visitor_requests_are_limited_per_connection(client, workshop):
    for number in range(10):
        client.post(
            workshop.url + "inscription/",
            {"name": f"Personne {number}", "email": f"p{number}@example.com"},
        )
    response = client.post(
        workshop.url + "inscription/", {"name": "Une de trop", "email": "trop@example.com"}
    )
    assert response.status_code == 429
    assert 'value="Une de trop"' in response.content.decode()
    assert not EventRegistration.objects.filter(email="trop@example.com").exists()


def test_member_events_take_no_visitor(client, member_area):
    event = mf.MemberEventPageFactory(
        parent=mf.MemberAgendaPageFactory(parent=member_area["area"]), registration="open"
    )
    response = client.post(event.url + "inscription/", {"name": "X", "email": "x@example.com"})
    assert response.status_code == 302
    assert response["Location"].startswith("/connexion/")
    assert not EventRegistration.objects.exists()


def test_registration_closes_when_the_event_starts(client_for, workshop):
    workshop.start_date = timezone.localdate() - datetime.timedelta(days=1)
    workshop.save_revision().publish()
    client = client_for("partner")
    client.post(workshop.url + "inscription/")
    assert not EventRegistration.objects.exists()
    anonymous = client_for("anonymous")
    response = anonymous.post(
        workshop.url + "inscription/", {"name": "Tard", "email": "tard@example.com"}
    )
    assert response.status_code == 302
    assert not EventRegistration.objects.exists()
    assert "Les inscriptions sont closes" in anonymous.get(workshop.url).content.decode()


def test_an_unknown_or_foreign_token_is_a_404(client, workshop, home_page):
    other = mf.EventPageFactory(parent=workshop.get_parent(), registration="open")
    registration = EventRegistration.objects.create(event=other, name="A", email="a@example.com")
    assert client.get(f"{workshop.url}inscription/{registration.token}/").status_code == 404
    assert client.get(f"{workshop.url}inscription/{'x' * 30}/").status_code == 404


@override_settings(TASKS=DUMMY_TASKS)
def test_publishing_queues_the_reminder_for_the_day_before(workshop):
    from django_tasks import default_task_backend

    default_task_backend.clear()
    workshop.save_revision().publish()
    moment = schedule_event_tasks(workshop)
    assert moment == reminder_moment(workshop)
    assert timezone.localtime(moment).hour == 9
    assert timezone.localtime(moment).date() == workshop.start_date - datetime.timedelta(days=1)
    queued = [r for r in default_task_backend.results if r.task.name == "send_event_reminders"]
    assert queued and all(result.task.run_after == moment for result in queued)
    purges = [r for r in default_task_backend.results if r.task.name == "purge_registrations"]
    assert purges[-1].task.run_after == workshop.ends_at + datetime.timedelta(days=30)


def test_registrations_are_deleted_a_month_after_the_event(workshop):
    EventRegistration.objects.create(event=workshop, name="A", email="a@example.com")
    assert purge_registrations.call(workshop.pk) == 0
    later = workshop.ends_at + datetime.timedelta(days=31)
    assert purge_registrations.call(workshop.pk, now=later) == 1
    assert not EventRegistration.objects.exists()


def test_the_reminder_goes_once_to_seats_held_and_not_after_a_move(client_for, workshop):
    from members.registrations import moment_key

    client_for("partner").post(workshop.url + "inscription/")
    client_for("council").post(workshop.url + "inscription/")  # on the waiting list
    mail.outbox.clear()
    queued_for = moment_key(workshop.starts_at)
    assert send_event_reminders.call(workshop.pk, queued_for) == 1
    (reminder,) = mail.outbox
    assert reminder.to == ["partenaire@example.org"]
    assert reminder.subject.startswith("Rappel")
    assert calendar_attachment(reminder)
    assert send_event_reminders.call(workshop.pk, queued_for) == 0
    # Moved to another day: the reminder queued for the old date does nothing.
    EventRegistration.objects.update(reminder_sent_at=None)
    workshop.start_date += datetime.timedelta(days=7)
    workshop.save_revision().publish()
    assert send_event_reminders.call(workshop.pk, queued_for) == 0


def test_editors_see_and_export_registrants_without_formulas(client, workshop, accounts):
    EventRegistration.objects.create(
        event=workshop, name='=HYPERLINK("http://x")', email="f@example.com", status="confirmed"
    )
    client.force_login(accounts["editor"])
    index = client.get(reverse("event_registrations:index"), {"event": workshop.pk})
    assert index.status_code == 200
    export = client.get(reverse("event_registrations:index"), {"export": "csv"})
    content = b"".join(export.streaming_content).decode("utf-8-sig")
    assert "'=HYPERLINK" in content
    assert "f@example.com" in content
    # Registrations are made on the site, and read as they were typed.
    add = client.get(reverse("event_registrations:add"))
    assert add.status_code == 302
    registration = EventRegistration.objects.get()
    edit = client.get(reverse("event_registrations:edit", args=[registration.pk]))
    assert edit.status_code == 302
    assert edit["Location"] == reverse("event_registrations:inspect", args=[registration.pk])


@pytest.mark.parametrize("visitor", ["partner", "council"])
def test_members_without_admin_rights_never_reach_registrants(client_for, workshop, visitor):
    client = client_for(visitor)
    for name in ("index", "add"):
        response = client.get(reverse(f"event_registrations:{name}"))
        assert response.status_code in (302, 403)
        if response.status_code == 302:
            assert "/admin/login/" in response["Location"] or "connexion" in response["Location"]
