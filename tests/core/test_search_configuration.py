"""The French search configuration without accents: created by a migration on PostgreSQL,
used by the search backend, and an index built before it is rebuilt."""

import importlib

from django.apps import apps
from django.conf import settings
from django.db import connection

import pytest

from tests import factories
from tests.support import soup

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL text search"),
]

migration = importlib.import_module("core.migrations.0003_french_unaccent_search")
CONFIG = settings.WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"]


def vector(text, config=CONFIG):
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector(%s::regconfig, %s)::text", [config, text])
        return cursor.fetchone()[0]


def found(client, query):
    """The titles of the public search's results."""
    document = soup(client.get("/recherche/", {"q": query}))
    return [link.get_text(strip=True) for link in document.select(".search-result__title a")]


def test_the_configured_search_configuration_stems_without_accents():
    """The backend's configuration is the migration's, and it folds accents before stemming."""
    assert CONFIG == migration.CONFIG
    assert vector("Stratégie de développement") == "'developp':3 'strateg':1"
    assert vector("STRATEGIE developpements") == vector("stratégie développement")


def test_the_configuration_can_be_dropped_and_created_again():
    """The migration's operations run backwards and forwards."""
    with connection.schema_editor() as editor:
        migration.drop_configuration(apps, editor)
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_ts_config WHERE cfgname = %s", [CONFIG])
            assert cursor.fetchone()[0] == 0
        migration.create_configuration(apps, editor)
        migration.create_configuration(apps, editor)
    assert vector("Développement") == "'developp':1"


def test_an_index_built_with_accents_is_rebuilt(client, home_page):
    """Entries indexed with `french` keep their accents; the migration's rebuild fixes them."""
    page = factories.StandardPageFactory(
        parent=home_page, title="Le développement du territoire", summary="", body=[]
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE wagtailsearch_indexentry SET title = to_tsvector('french', %s)",
            [page.title],
        )
    assert page.title not in found(client, "developpement")
    with connection.schema_editor() as editor:
        migration.rebuild_search_index(apps, editor)
    assert page.title in found(client, "developpement")
