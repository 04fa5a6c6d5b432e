"""A first-party audience measure that needs no consent (the CNIL's exemption for audience
measurement): no cookie, no identifier, no address stored, nothing shared with anyone; only
counts of page views per address and per day, and of visits arriving from other sites (their
domain name), kept 25 months at most.

Counts gather in memory in each process and reach the database in one write a minute (or
every few hundred views), so that a page served from the cache still costs no query.
"""

import atexit
import datetime
import logging
import threading
import time
from collections import Counter
from urllib.parse import urlsplit

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone

from .hooks import private_prefixes

logger = logging.getLogger(__name__)

RETENTION_MONTHS = 25
NOT_COUNTED_PREFIXES = ("/admin/", "/django-admin/", "/static/", "/media/", "/documents/")
ROBOT_WORDS = ("bot", "crawl", "spider", "slurp", "headless", "lighthouse", "preview")
FLUSH_EVERY = 500


def audience_enabled():
    return getattr(settings, "AUDIENCE_ENABLED", True)


def flush_seconds():
    return getattr(settings, "AUDIENCE_FLUSH_SECONDS", 60)


def countable(request, status_code, content_type):
    """A page a person read: an HTML page of the public site, answered 200 to a GET from a
    browser that did not ask not to be counted."""
    if request.method != "GET" or status_code != 200:
        return False
    if not content_type.startswith("text/html"):
        return False
    if request.path.startswith((*NOT_COUNTED_PREFIXES, *private_prefixes())):
        return False
    if request.META.get("HTTP_DNT") == "1" or request.META.get("HTTP_SEC_GPC") == "1":
        return False
    agent = request.META.get("HTTP_USER_AGENT", "").lower()
    return bool(agent) and not any(word in agent for word in ROBOT_WORDS)


def referrer_host(request):
    """The other site a visit comes from (its name only), or "" for this site or none."""
    referer = request.META.get("HTTP_REFERER", "")
    if not referer:
        return ""
    host = (urlsplit(referer).hostname or "").lower()[:255]
    own = request.get_host().split(":")[0].lower()
    return "" if not host or host == own else host.removeprefix("www.")


class Tally:
    """Counts of this process not yet written to the database."""

    def __init__(self):
        self.lock = threading.Lock()
        self.pages = Counter()
        self.referrers = Counter()
        self.pending = 0
        self.last_flush = time.monotonic()

    def add(self, day, path, host):
        with self.lock:
            self.pages[(day, path[:500])] += 1
            if host:
                self.referrers[(day, host)] += 1
            self.pending += 1
            due = (
                self.pending >= FLUSH_EVERY or time.monotonic() - self.last_flush >= flush_seconds()
            )
        if due:
            self.flush()

    def take(self):
        with self.lock:
            pages, referrers = self.pages, self.referrers
            self.pages, self.referrers = Counter(), Counter()
            self.pending = 0
            self.last_flush = time.monotonic()
        return pages, referrers

    def flush(self):
        """Add the counts to the database's; on failure they are dropped, not retried, and
        the page that triggered the write is still served."""
        from .models import AudienceDay, ReferrerDay  # the models import core.hooks only

        pages, referrers = self.take()
        try:
            for model, key_field, counts in (
                (AudienceDay, "path", pages),
                (ReferrerDay, "host", referrers),
            ):
                for (day, key), views in counts.items():
                    add_views(model, {"day": day, key_field: key}, views)
        except Exception:
            logger.exception("Audience: counts could not be written")


def add_views(model, lookup, views):
    """Add `views` to a day's count, creating the row at the first view of the day."""
    if model.objects.filter(**lookup).update(views=F("views") + views):
        return
    try:
        with transaction.atomic():
            model.objects.create(views=views, **lookup)
    except IntegrityError:
        # Another server created the row meanwhile.
        model.objects.filter(**lookup).update(views=F("views") + views)


tally = Tally()


def flush_at_exit():
    """A worker that stops (a restart, a deployment) writes what it counted first."""
    if tally.pending and getattr(settings, "AUDIENCE_FLUSH_AT_EXIT", True):
        tally.flush()


atexit.register(flush_at_exit)


class AudienceMiddleware:
    """Counts the pages people read, cached or not (it sits before the page cache)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        count(request, response.status_code, response.get("Content-Type", ""))
        return response


def count(request, status_code, content_type):
    """Count the answer if it is a page a person read (also called for the pages answered
    before Django's middleware, core.cache.wsgi)."""
    if audience_enabled() and countable(request, status_code, content_type):
        tally.add(timezone.localdate(), request.path, referrer_host(request))


def oldest_kept_day(today=None):
    """The first day of the month 25 months back: older counts are deleted."""
    today = today or timezone.localdate()
    month_index = today.year * 12 + today.month - 1 - RETENTION_MONTHS
    return datetime.date(month_index // 12, month_index % 12 + 1, 1)


def purge_old_counts(now=None):
    from .models import AudienceDay, ReferrerDay

    limit = oldest_kept_day(timezone.localdate(now) if now else None)
    deleted = 0
    for model in (AudienceDay, ReferrerDay):
        deleted += model.objects.filter(day__lt=limit).delete()[0]
    return deleted


def summary(days=30, today=None):
    """Totals, busiest pages and other sites sending visitors over the last `days` days."""
    from .models import AudienceDay, ReferrerDay

    today = today or timezone.localdate()
    since = today - datetime.timedelta(days=days - 1)
    pages = AudienceDay.objects.filter(day__gte=since)
    per_day = dict(pages.values_list("day").annotate(total=Sum("views")).order_by("day"))
    return {
        "since": since,
        "until": today,
        "total": sum(per_day.values()),
        "per_day": [
            (since + datetime.timedelta(days=n), per_day.get(since + datetime.timedelta(days=n), 0))
            for n in range(days)
        ],
        "top_pages": list(
            pages.values("path").annotate(total=Sum("views")).order_by("-total", "path")[:10]
        ),
        "top_referrers": list(
            ReferrerDay.objects.filter(day__gte=since)
            .values("host")
            .annotate(total=Sum("views"))
            .order_by("-total", "host")[:10]
        ),
    }
