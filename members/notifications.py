"""E-mails telling members about new minutes, strategy drafts and events they may read, and
about actions that became overdue."""

import datetime
import logging

from django.core.mail import get_connection
from django.db import IntegrityError, transaction
from django.utils import timezone

from wagtail.models import Page

from django_tasks import task

from core.mail import message_from_template, send_mail_from_template

from .access import can_read_page
from .models import (
    ActionOverdueNotice,
    CommissionMinutesPage,
    EventPage,
    MinutesActionItem,
    StrategyDraftPage,
    User,
)
from .models.events import local_moment
from .roles import MEMBER_GROUPS

logger = logging.getLogger(__name__)

# Events include member events (a subtype); each member hears of those they may attend.
NOTIFIED_PAGE_TYPES = (CommissionMinutesPage, StrategyDraftPage, EventPage)
OVERDUE_ALERT_TIME = datetime.time(9, 0)


def wants_page(user, page):
    """A member's preferences: events only for those who asked for them."""
    return user.event_alerts or not isinstance(page, EventPage)


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
        if wants_page(user, page) and can_read_page(page, user):
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
    return [page for page in pages if wants_page(user, page) and can_read_page(page, user)]


def alerted_actions(user, actions):
    """Narrow actions to those this member asked to hear about when overdue."""
    if user.action_alerts == User.ActionAlerts.NONE:
        return actions.none()
    if user.action_alerts == User.ActionAlerts.ORGANISATION:
        if not user.organisation_id:
            return actions.none()
        actions = actions.filter(owner_organisation_id=user.organisation_id)
    return actions.readable_by(user)


def newly_overdue_actions(user, since, now):
    """Open actions whose due date passed between the last digest and now."""
    # Due on day D, an action is late from D + 1: the previous digest (on `since`'s day)
    # told of those due before that day, this one of those due since.
    actions = MinutesActionItem.objects.open().filter(
        due_on__gte=timezone.localdate(since), due_on__lt=timezone.localdate(now)
    )
    return list(alerted_actions(user, actions).for_tracker().order_by("due_on", "pk"))


def send_digest(user, now=None):
    """The weekly digest of what is new for this member; returns whether one was sent."""
    now = now or timezone.now()
    since = user.last_digest_sent_at or (now - datetime.timedelta(days=7))
    pages = new_pages_for(user, since)
    overdue = newly_overdue_actions(user, since, now)
    user.last_digest_sent_at = now
    user.save(update_fields=["last_digest_sent_at"])
    if not pages and not overdue:
        return False
    send_mail_from_template(
        "members/emails/digest.txt",
        {
            "user": user,
            "items": [
                (page, absolute_url(page)) for page in pages if not isinstance(page, EventPage)
            ],
            "events": [(page, absolute_url(page)) for page in pages if isinstance(page, EventPage)],
            "overdue": [(action, absolute_url(action.page)) for action in overdue],
        },
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


def schedule_overdue_alerts(minutes, now=None):
    """Queue, for each open action of these minutes, an alert for the morning after its due
    date (immediate subscribers; weekly ones find it in their digest). Returns how many."""
    now = now or timezone.now()
    if not notify_overdue_action.get_backend().supports_defer:
        logger.info("Overdue alerts of minutes %s not queued: the backend cannot defer", minutes.pk)
        return 0
    queued = 0
    for action in MinutesActionItem.objects.open().filter(page=minutes).exclude(due_on=None):
        moment = local_moment(action.due_on + datetime.timedelta(days=1), OVERDUE_ALERT_TIME)
        if moment > now:
            notify_overdue_action.using(run_after=moment).enqueue(
                action.pk, action.due_on.isoformat()
            )
            queued += 1
    return queued


@task()
def notify_overdue_action(action_id, due_on):
    """Tell immediate subscribers that an action is overdue, once per due date, if it still
    is: done since, or given a new date, it says nothing."""
    action = (
        MinutesActionItem.objects.open()
        .filter(pk=action_id, due_on=due_on, due_on__lt=timezone.localdate())
        .select_related("page", "page__commission_page", "owner_organisation")
        .first()
    )
    if action is None or not action.page.live:
        return 0
    try:
        with transaction.atomic():
            ActionOverdueNotice.objects.create(action=action, due_on=action.due_on)
    except IntegrityError:
        return 0  # queued twice (the minutes were published twice): sent once
    users = member_accounts().filter(notification_frequency=User.NotificationFrequency.IMMEDIATE)
    messages = []
    for user in users:
        if alerted_actions(user, MinutesActionItem.objects.filter(pk=action.pk)).exists():
            messages.append(
                message_from_template(
                    "members/emails/action_overdue.txt",
                    {"user": user, "action": action, "url": absolute_url(action.page)},
                    user.email,
                )
            )
    with get_connection() as connection:
        connection.send_messages(messages)
    return len(messages)
