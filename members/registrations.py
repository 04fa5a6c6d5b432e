"""Registrations to events: seats and the waiting list, visitors' confirmation by e-mail,
cancellation, and the reminder the day before, all e-mails going through the task queue."""

import datetime
import logging

from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from django_tasks import task

from .calendar import ics_bytes
from .models import EventPage, EventRegistration
from .models.events import local_moment

logger = logging.getLogger(__name__)

Status = EventRegistration.Status
REMINDER_TIME = datetime.time(9, 0)
# Registrations are personal data kept for the event: deleted this long after it ended (the
# visitors' form says so).
RETENTION_AFTER_EVENT = datetime.timedelta(days=30)

MAIL_TEMPLATES = {
    "confirm_link": "members/emails/registration_confirm_link.txt",
    "already": "members/emails/registration_already.txt",
    "confirmed": "members/emails/registration_confirmed.txt",
    "waitlist": "members/emails/registration_waitlist.txt",
    "promoted": "members/emails/registration_promoted.txt",
    "cancelled": "members/emails/registration_cancelled.txt",
    "reminder": "members/emails/registration_reminder.txt",
}
# These carry the event as an `.ics` file: the seat is certain.
WITH_CALENDAR = frozenset({"confirmed", "promoted", "reminder"})


class RegistrationClosed(Exception):
    """The event takes no more registrations (over, started, or past its closing date)."""


def lock_event(event):
    """Serialise seat allocation for one event (a row lock on PostgreSQL; SQLite serialises
    every write anyway), so that two last-second registrations never share the last seat."""
    EventPage.objects.select_for_update(of=("self",)).filter(pk=event.pk).first()


def next_status(event):
    """A seat while some are left, the waiting list after."""
    if event.capacity is None:
        return Status.CONFIRMED
    taken = event.registrations.filter(status=Status.CONFIRMED).count()
    return Status.CONFIRMED if taken < event.capacity else Status.WAITLIST


def active_registration(event, *, user=None, email=None):
    registrations = event.registrations.exclude(status=Status.CANCELLED)
    if user is not None:
        return registrations.filter(user=user).first() or (
            registrations.filter(email=user.email.lower()).first()
        )
    return registrations.filter(email=email.lower()).first()


def queue_mail(registration, kind):
    # Queued in the same transaction as the change it reports (the database backend stores
    # the task with it), like every e-mail a visitor's action sends.
    send_registration_mail.enqueue(registration.pk, kind)


def register_member(event, user, now=None):
    """A signed-in partner's one-click registration: a seat or the waiting list.
    Returns the registration and whether it is new."""
    if not event.registration_is_open(now):
        raise RegistrationClosed
    with transaction.atomic():
        lock_event(event)
        existing = active_registration(event, user=user)
        if existing is not None:
            if existing.status != Status.PENDING:
                return existing, False
            # A visitor's request from the same address, never confirmed: the account does.
            registration = existing
        else:
            registration = EventRegistration(event=event, email=user.email.lower())
        registration.user = user
        registration.name = user.get_full_name() or user.email
        registration.organisation_name = user.organisation.name if user.organisation_id else ""
        registration.status = next_status(event)
        registration.confirmed_at = timezone.now()
        registration.save()
        queue_mail(registration, registration.status)
    return registration, True


def request_visitor_registration(event, name, email, organisation_name="", now=None):
    """A visitor's request: nothing is held until they confirm from the e-mailed link. The
    answer on the page is the same whatever the address already has (no one learns who
    registered); the e-mail says what applies."""
    if not event.registration_is_open(now) or not event.admits_visitors:
        raise RegistrationClosed
    email = email.strip().lower()
    try:
        with transaction.atomic():
            existing = active_registration(event, email=email)
            if existing is None:
                existing = EventRegistration.objects.create(
                    event=event, name=name, email=email, organisation_name=organisation_name
                )
                kind = "confirm_link"
            elif existing.status == Status.PENDING:
                kind = "confirm_link"
            else:
                kind = "already"
            queue_mail(existing, kind)
    except IntegrityError:
        # The same address sent twice at once: the first request stands and sends its link.
        return None
    return existing


def confirm_registration(registration, now=None):
    """A visitor's confirmation link: the seat (or the waiting list) is given now."""
    if registration.status != Status.PENDING:
        return registration
    if not registration.event.registration_is_open(now):
        raise RegistrationClosed
    with transaction.atomic():
        lock_event(registration.event)
        registration.status = next_status(registration.event)
        registration.confirmed_at = timezone.now()
        registration.save(update_fields=["status", "confirmed_at"])
        queue_mail(registration, registration.status)
    return registration


def cancel_registration(registration, now=None):
    """Give the seat back; the first person waiting gets it and is told by e-mail."""
    if registration.status == Status.CANCELLED:
        return None
    if registration.event.has_started(now):
        raise RegistrationClosed
    promoted = None
    with transaction.atomic():
        lock_event(registration.event)
        held_seat = registration.status == Status.CONFIRMED
        registration.status = Status.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        queue_mail(registration, "cancelled")
        if held_seat:
            promoted = (
                registration.event.registrations.filter(status=Status.WAITLIST)
                .order_by("created_at", "pk")
                .first()
            )
            if promoted is not None:
                promoted.status = Status.CONFIRMED
                promoted.save(update_fields=["status"])
                queue_mail(promoted, "promoted")
    return promoted


def manage_url(registration):
    event = registration.event.specific_deferred
    return event.full_url + event.reverse_subpage(
        "registration_view", kwargs={"token": registration.token}
    )


def registration_message(registration, kind):
    event = registration.event.specific
    context = {
        "registration": registration,
        "event": event,
        "event_url": event.full_url,
        "manage_url": manage_url(registration),
    }
    subject, _, body = render_to_string(MAIL_TEMPLATES[kind], context).partition("\n")
    message = EmailMessage(subject.strip(), body.strip() + "\n", to=[registration.email])
    if kind in WITH_CALENDAR:
        message.attach(
            f"{event.slug}.ics", ics_bytes([event], event.title), "text/calendar; charset=utf-8"
        )
    return message


@task()
def send_registration_mail(registration_id, kind):
    """One e-mail about a registration (link to confirm, seat, waiting list, cancellation)."""
    registration = (
        EventRegistration.objects.filter(pk=registration_id).select_related("event").first()
    )
    if registration is None:
        return False
    registration_message(registration, kind).send()
    return True


def moment_key(moment):
    """A moment as text, the same whichever time zone the datetime carries."""
    return moment.astimezone(datetime.UTC).isoformat()


def reminder_moment(event):
    """The day before the event, at nine in Limoges."""
    return local_moment(event.start_date - datetime.timedelta(days=1), REMINDER_TIME)


def schedule_event_tasks(event, now=None):
    """Queue, at each publication of an event that takes registrations, the reminder for the
    day before and the deletion of its registrations a month after it ends.

    A task queued for an earlier date finds, when it runs, that the event moved and does
    nothing. Returns the reminder's moment, or None when there is none to queue.
    """
    now = now or timezone.now()
    if not event.takes_registrations:
        return None
    if not send_event_reminders.get_backend().supports_defer:
        # The immediate backend of development runs tasks at once: a reminder sent today
        # would be wrong, so it is left out there (production queues it in the database).
        logger.info("Tasks of event %s not queued: the task backend cannot defer", event.pk)
        return None
    purge_registrations.using(run_after=event.ends_at + RETENTION_AFTER_EVENT).enqueue(event.pk)
    moment = reminder_moment(event)
    if moment <= now:
        return None
    send_event_reminders.using(run_after=moment).enqueue(event.pk, moment_key(event.starts_at))
    return moment


@task()
def purge_registrations(event_id, now=None):
    """Delete the registrations of an event over for a month (none if it moved later)."""
    now = now or timezone.now()
    event = EventPage.objects.filter(pk=event_id).first()
    if event is None or event.ends_at + RETENTION_AFTER_EVENT > now:
        return 0
    deleted, _ = event.registrations.all().delete()
    return deleted


@task()
def send_event_reminders(event_id, starts_at):
    """Remind everyone holding a seat, once, if the event still starts when it was queued."""
    event = EventPage.objects.live().filter(pk=event_id).first()
    if event is None or moment_key(event.starts_at) != starts_at:
        return 0
    if event.starts_at <= timezone.now():
        return 0
    sent = 0
    for registration in event.registrations.filter(
        status=Status.CONFIRMED, reminder_sent_at__isnull=True
    ):
        registration.event = event
        registration_message(registration, "reminder").send()
        registration.reminder_sent_at = timezone.now()
        registration.save(update_fields=["reminder_sent_at"])
        sent += 1
    return sent
