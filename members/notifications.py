"""E-mails telling members about new minutes and strategy drafts they may read."""

import datetime

from django.core.mail import get_connection
from django.utils import timezone

from wagtail.models import Page

from django_tasks import task

from core.mail import message_from_template, send_mail_from_template

from .access import can_read_page
from .models import CommissionMinutesPage, StrategyDraftPage, User
from .roles import MEMBER_GROUPS

NOTIFIED_PAGE_TYPES = (CommissionMinutesPage, StrategyDraftPage)


def member_accounts():
    """Active accounts of the network's members, with what access checks need."""
    return (
        User.objects.filter(is_active=True, groups__name__in=MEMBER_GROUPS)
        .distinct()
        .prefetch_related("groups")
        .order_by("pk")
    )


def entitled_readers(page, frequency=None):
    """Members who may read the page (and, if given, chose this notification frequency)."""
    users = member_accounts()
    if frequency is not None:
        users = users.filter(notification_frequency=frequency)
    readers = []
    # user_group_names() reads the groups prefetched by member_accounts().
    for user in users:
        if can_read_page(page, user):
            readers.append(user)
    return readers


def absolute_url(page):
    return page.get_full_url()


@task()
def notify_publication(page_id):
    """Send one e-mail to each entitled member who asked to be told immediately."""
    page = Page.objects.get(pk=page_id).specific
    if not page.live or not isinstance(page, NOTIFIED_PAGE_TYPES):
        return 0
    readers = entitled_readers(page, User.NotificationFrequency.IMMEDIATE)
    messages = [
        message_from_template(
            "members/emails/new_content.txt",
            {"user": user, "page": page, "url": absolute_url(page)},
            user.email,
        )
        for user in readers
    ]
    with get_connection() as connection:
        connection.send_messages(messages)
    return len(messages)


def new_pages_for(user, since):
    """Minutes and drafts first published since `since` that this user may read."""
    pages = (
        Page.objects.live()
        .type(*NOTIFIED_PAGE_TYPES)
        .filter(first_published_at__gt=since)
        .specific()
        .order_by("first_published_at")
    )
    return [page for page in pages if can_read_page(page, user)]


def send_digest(user, now=None):
    """The weekly digest of what is new for this member; returns whether one was sent."""
    now = now or timezone.now()
    since = user.last_digest_sent_at or (now - datetime.timedelta(days=7))
    pages = new_pages_for(user, since)
    user.last_digest_sent_at = now
    user.save(update_fields=["last_digest_sent_at"])
    if not pages:
        return False
    send_mail_from_template(
        "members/emails/digest.txt",
        {"user": user, "items": [(page, absolute_url(page)) for page in pages]},
        user.email,
    )
    return True


@task()
def send_weekly_digests():
    """Send every weekly subscriber their digest."""
    sent = 0
    now = timezone.now()
    for user in member_accounts().filter(notification_frequency=User.NotificationFrequency.WEEKLY):
        sent += send_digest(user, now)
    return sent
