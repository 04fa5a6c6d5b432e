"""The search index follows the text search configuration it was built with.

A migration that changes the configuration (core 0003: accents ignored) leaves the existing
entries with the old lexemes, which the new queries no longer meet. The index is rebuilt
once `migrate` has run every app's migrations: `update_index` reads the current models, whose
tables may not all exist yet while the migrations are still running.
"""

import logging

from django.apps import apps
from django.core.management import call_command
from django.db import DatabaseError, connections

logger = logging.getLogger(__name__)

# Migrations after which entries indexed before them must be indexed again.
CONFIGURATION_MIGRATIONS = frozenset({("core", "0003_french_unaccent_search")})


def rebuild_after_configuration_change(sender=None, plan=None, using="default", **kwargs):
    """post_migrate: rebuild an existing index when this run applied such a migration."""
    if connections[using].vendor != "postgresql" or not plan:
        return
    applied = {
        (migration.app_label, migration.name) for migration, backwards in plan if not backwards
    }
    if not applied & CONFIGURATION_MIGRATIONS:
        return
    # A new database has nothing indexed yet.
    if not apps.get_model("wagtailsearch", "IndexEntry").objects.using(using).exists():
        return
    try:
        call_command("update_index", verbosity=0)
    except DatabaseError:
        # Migrating to a partial target can leave some models without their tables.
        logger.exception("Search index not rebuilt: run `manage.py update_index`")
