"""Aggregates over a whole archive, maintained when content changes rather than at each view.

A listing's sidebar counts over every published item (years that have news, categories in
use, the most frequent tags): computed per view, their cost grows with the archive (25 ms of
SQL at 10,000 news). Features register a builder here; after every publication (whatever
core.cache treats as a change of public content) the builders run once the transaction has
committed and their results are stored. Views read one row.

Never stale: the publishing transaction itself moves each summary's version on, so a view
running before the rewrite lands (or in that very transaction, or after a failed rewrite)
computes the aggregate from the content instead of reading an old one.
"""

import logging
import threading

from django.db import DatabaseError, IntegrityError, connections, transaction
from django.db.models import F
from django.db.models.signals import post_migrate, pre_migrate

from core.commit import once_on_commit
from core.compiled import compiled
from core.models import Summary

logger = logging.getLogger(__name__)

# name -> builder; a builder returns {key: data} for every summary of its kind.
_builders = {}


def register_summary_builder(name, builder):
    _builders[name] = builder


def stored_summary(key):
    """The stored aggregate when it is current, None when missing or stale (the caller then
    computes what it needs from the content; only writes store summaries)."""
    # Listings read one or two at every view: the same statement, compiled once.
    found = compiled(
        "stored-summary",
        lambda: Summary.objects.filter(key=key).values("version", "computed_version", "data")[:1],
        [key],
    )
    row = next(iter(found), None)
    if row is not None and row["version"] == row["computed_version"]:
        return row["data"]
    return None


def rebuild_summaries():
    """Run every builder and store what it returns; errors are logged, never raised."""
    from core.cache import request_values

    # What the request read before its change (restrictions, say) must not be reused.
    token = request_values.set(None)
    try:
        _run_builders()
    finally:
        request_values.reset(token)


def _run_builders():
    for name, builder in _builders.items():
        try:
            results = builder()
        except Exception:
            logger.exception("Summaries: the builder %s failed", name)
            continue
        for key, data in results.items():
            store(key, data)


def store(key, data):
    row = Summary.objects.filter(key=key).values("version").first()
    if row is None:
        try:
            with transaction.atomic():
                Summary.objects.create(key=key, data=data)
        except IntegrityError:
            # Created meanwhile by another rebuild, which saw the same committed content.
            pass
        return
    # Only if no publication moved the version on since it was read; that one's own rebuild
    # will store the newer figures.
    Summary.objects.filter(key=key, version=row["version"]).update(
        data=data, computed_version=row["version"]
    )


# Migrations publish and move pages while the table may not exist yet (or no longer, when a
# test migrates backwards): summaries are left alone then, and all marked stale afterwards.
_migrating = threading.Event()


def migrations_started(**kwargs):
    _migrating.set()


def migrations_finished(using="default", **kwargs):
    _migrating.clear()
    connection = connections[using]
    if Summary._meta.db_table in connection.introspection.table_names():
        Summary.objects.using(using).update(version=F("version") + 1)


def connect_signals(app_config):
    # Sent for each app: connected for the platform's only, so that it runs once.
    pre_migrate.connect(migrations_started, sender=app_config)
    post_migrate.connect(migrations_finished, sender=app_config)


def mark_stale():
    """Move every summary's version on; False when the table is not there (yet)."""
    connection = transaction.get_connection()
    try:
        # In a savepoint: a missing table must not break the publishing transaction.
        with transaction.atomic(savepoint=connection.in_atomic_block):
            Summary.objects.update(version=F("version") + 1)
    except DatabaseError:
        return False
    return True


def content_changed():
    """Called by core.cache for each change of public content."""
    if not _builders or _migrating.is_set():
        return
    # Within the transaction, so that its own views compute afresh, and rolled back with it.
    if not mark_stale():
        return
    if not transaction.get_connection().in_atomic_block:
        rebuild_summaries()
        return
    once_on_commit("summaries-rebuild", rebuild_summaries)
