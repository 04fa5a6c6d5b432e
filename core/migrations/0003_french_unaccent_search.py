"""Accent-insensitive French search on PostgreSQL: the `french_unaccent` configuration.

Wagtail's database backend builds its vectors when indexing, and its queries when searching,
with SEARCH_CONFIG. `french` stems but keeps accents, so « strategie » never met
« stratégie ». This configuration is `french` with the `unaccent` dictionary before the
stemmer for words holding letters beyond ASCII (ASCII words have no accent to remove).

Entries indexed with `french` keep their accented lexemes and would no longer be found, so
an existing index is rebuilt here. Other databases are left alone: SQLite's FTS5 tokenizer
already folds accents.
"""

import logging

from django.core.management import call_command
from django.db import DatabaseError, migrations, transaction

CONFIG = "french_unaccent"

logger = logging.getLogger(__name__)


def create_configuration(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # A trusted extension since PostgreSQL 13: the database's owner may create it.
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_ts_config WHERE cfgname = %s", [CONFIG])
        if cursor.fetchone():
            return
    schema_editor.execute(f"CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = french)")
    schema_editor.execute(
        f"ALTER TEXT SEARCH CONFIGURATION {CONFIG} "
        "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem"
    )


def drop_configuration(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # The extension stays: it may have been there before, for something else.
    schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}")


def rebuild_search_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # A new database has nothing indexed yet: nothing to rebuild.
    if not apps.get_model("wagtailsearch", "IndexEntry").objects.exists():
        return
    # `update_index` reads the current models, as it always does; a database lagging several
    # migrations behind them may not have their columns yet. The schema then still migrates,
    # and the index is rebuilt by hand once it has (README, « Serving in production »).
    try:
        with transaction.atomic():
            call_command("update_index", verbosity=0)
    except DatabaseError:
        logger.exception("Search index not rebuilt: run `manage.py update_index` after migrating")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_compliance_records"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [
        migrations.RunPython(create_configuration, drop_configuration),
        migrations.RunPython(rebuild_search_index, migrations.RunPython.noop),
    ]
