"""Notify members when minutes or a strategy draft are published for the first time, and
close the documents a member page attaches as soon as it is saved."""

import contextlib
import contextvars

from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.db.models.signals import post_save

from wagtail.models import ReferenceIndex
from wagtail.signals import page_published

from .models import CommissionMinutesPage, EventPage
from .notifications import NOTIFIED_PAGE_TYPES, notify_publication, schedule_overdue_alerts
from .registrations import schedule_event_tasks

_muted = contextvars.ContextVar("member_notifications_muted", default=False)


@contextlib.contextmanager
def notifications_muted():
    """Publish without e-mailing members (demo and bulk loading)."""
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


def on_page_published(sender, instance, revision=None, **kwargs):
    if _muted.get():
        return
    # At every publication (dates may have moved): reminders and overdue alerts queued for
    # an outdated date do nothing when they run.
    if isinstance(instance, EventPage):
        event = instance
        transaction.on_commit(lambda: schedule_event_tasks(event))
    if isinstance(instance, CommissionMinutesPage):
        minutes = instance
        transaction.on_commit(lambda: schedule_overdue_alerts(minutes))
    if not isinstance(instance, NOTIFIED_PAGE_TYPES):
        return
    # Only the first publication is news; corrections are not announced again.
    if instance.first_published_at != instance.last_published_at:
        return
    page_id = instance.pk
    transaction.on_commit(lambda: notify_publication.enqueue(page_id))


def index_member_page_references(sender, instance, raw=False, **kwargs):
    """Record at once which documents a member page uses.

    The document check (members.access) reads Wagtail's reference index, which Wagtail
    updates through a background task: until the worker ran, a public-collection PDF just
    attached to a council-only draft was served to anyone. Recorded once the page and its
    inline attachments are committed, within the editor's own request.
    """
    if raw or not getattr(instance, "member_only", False):
        return
    model, page_id = type(instance), instance.pk

    def index():
        page = model.objects.filter(pk=page_id).first()
        if page is not None:
            ReferenceIndex.create_or_update_for_object(page)

    transaction.on_commit(index)


def clear_inactivity_warning(sender, request, user, **kwargs):
    """Signing in again keeps the account: the inactivity warning no longer applies."""
    if getattr(user, "inactivity_warned_at", None) is not None:
        type(user).objects.filter(pk=user.pk).update(inactivity_warned_at=None)


def connect():
    user_logged_in.connect(clear_inactivity_warning, dispatch_uid="members.inactivity")
    page_published.connect(on_page_published, dispatch_uid="members.notify_publication")
    post_save.connect(index_member_page_references, dispatch_uid="members.index_member_page")
