"""The French search configuration without accents: created by a migration on PostgreSQL,
used by the search backend, and an index built before it is rebuilt."""

import importlib

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.db.models.signals import post_migrate

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


def test_the_migration_runs_again_and_backwards_without_harm():
    """Applied twice it changes nothing; backwards it keeps the configuration the settings
    still name, so that pages saved meanwhile are still indexed."""
    with connection.schema_editor() as editor:
        migration.create_configuration(apps, editor)
    operation = migration.Migration.operations[0]
    assert operation.reversible
    with connection.schema_editor() as editor:
        operation.reverse_code(apps, editor)
    assert vector("Développement") == "'developp':1"


def send_post_migrate(plan):
    """What `migrate` sends once every app is migrated, for the core app."""
    post_migrate.send(
        sender=apps.get_app_config("core"),
        app_config=apps.get_app_config("core"),
        verbosity=0,
        interactive=False,
        using="default",
        apps=apps,
        plan=plan,
    )


@pytest.fixture
def index_built_with_accents(home_page):
    """A page whose index entry was built with `french`, as before the migration."""
    page = factories.StandardPageFactory(
        parent=home_page, title="Le développement du territoire", summary="", body=[]
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE wagtailsearch_indexentry SET title = to_tsvector('french', %s)",
            [page.title],
        )
    return page


def test_migrating_to_the_configuration_rebuilds_an_index_built_with_accents(
    client, index_built_with_accents
):
    """Entries indexed with `french` keep their accents; `migrate` rebuilds them."""
    page = index_built_with_accents
    assert page.title not in found(client, "developpement")
    send_post_migrate([(migration.Migration("0003_french_unaccent_search", "core"), False)])
    assert page.title in found(client, "developpement")


def test_other_migrations_leave_the_index_alone(client, index_built_with_accents):
    """Any other migration, or this one backwards, does not rebuild the whole index."""
    page = index_built_with_accents
    send_post_migrate([(migration.Migration("0002_compliance_records", "core"), False)])
    send_post_migrate([(migration.Migration("0003_french_unaccent_search", "core"), True)])
    assert page.title not in found(client, "developpement")
