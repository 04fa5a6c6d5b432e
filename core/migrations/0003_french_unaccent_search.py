"""Accent-insensitive French search on PostgreSQL: the `french_unaccent` configuration.

Wagtail's database backend builds its vectors when indexing, and its queries when searching,
with SEARCH_CONFIG. `french` stems but keeps accents, so « strategie » never met
« stratégie ». This configuration is `french` with the `unaccent` dictionary before the
stemmer for words holding letters beyond ASCII (ASCII words have no accent to remove).

Entries indexed with `french` keep their accented lexemes and would no longer be found:
`migrate` rebuilds an existing index once every app is migrated (core.search_index). Other
databases are left alone: SQLite's FTS5 tokenizer already folds accents.
"""

from django.db import migrations

CONFIG = "french_unaccent"


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


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_compliance_records"),
    ]

    operations = [
        # Backwards, the configuration stays: the search indexes and queries with it for as
        # long as the settings name it, whatever the state of this app's migrations (tests
        # and restores take core back to zero and forward again). Dropping it is for after
        # a release that no longer uses it: DROP TEXT SEARCH CONFIGURATION french_unaccent.
        migrations.RunPython(create_configuration, migrations.RunPython.noop),
    ]
