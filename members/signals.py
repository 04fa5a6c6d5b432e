"""Notify members when minutes or a strategy draft are published for the first time."""

import contextlib
import contextvars

from django.db import transaction

from wagtail.signals import page_published

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
    from .notifications import NOTIFIED_PAGE_TYPES, notify_publication

    if _muted.get() or not isinstance(instance, NOTIFIED_PAGE_TYPES):
        return
    # Only the first publication is news; corrections are not announced again.
    if instance.first_published_at != instance.last_published_at:
        return
    page_id = instance.pk
    transaction.on_commit(lambda: notify_publication.enqueue(page_id))


def connect():
    page_published.connect(on_page_published, dispatch_uid="members.notify_publication")
