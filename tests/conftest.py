"""Shared fixtures: a site rooted on a factory-built home page, the member area's accounts and
pages, the join form, the page cache switched on, and a shared Chromium."""

import os
import threading
import time
from pathlib import Path

# Playwright's sync API runs an event loop in the test thread; the ORM would refuse to run.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from django.core.cache import cache  # noqa: E402

import pytest  # noqa: E402

from tests import factories  # noqa: E402
from tests.members.conftest import accounts, client_for, member_area  # noqa: E402, F401
from tests.members.test_applications import JoinClubPageFactory, application_data  # noqa: E402
from tests.support import build_public_site, module_transaction  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def pytest_configure(config):
    # Wagtail never closes the temporary file a new rendition is generated into
    # (wagtail/images/models.py, generate_rendition_file); the collector warns about it.
    config.addinivalue_line(
        "filterwarnings", "ignore:Unclosed file <tempfile.SpooledTemporaryFile:ResourceWarning"
    )
    config.addinivalue_line(
        "markers", "slow: builds hundreds of pages or runs a subprocess (still part of make test)"
    )


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Wagtail caches site root paths and settings; one test's site must not leak into the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home_page(db):
    """The home page, root of the default site (Wagtail's welcome page is gone)."""
    return factories.HomePageFactory()


@pytest.fixture
def news_index(home_page):
    return factories.NewsIndexPageFactory(parent=home_page)


@pytest.fixture
def story_index(home_page):
    return factories.StoryIndexPageFactory(parent=home_page)


@pytest.fixture
def directory_page(home_page):
    return factories.PartnerDirectoryPageFactory(parent=home_page)


@pytest.fixture
def standard_page(home_page):
    return factories.StandardPageFactory(parent=home_page, title="La charte de partenariat")


@pytest.fixture(scope="module")
def public_site(django_db_setup, django_db_blocker):
    """One published page of every public type, built once per test module.

    The module's tests run inside the transaction that holds it (each in its own
    savepoint), and it is rolled back when the module is done. Tests must not change
    these objects in memory; fetch a fresh copy from the database to modify one.
    """
    with module_transaction(django_db_blocker):
        yield build_public_site(factories.HomePageFactory())


@pytest.fixture
def category(db):
    return factories.NewsCategoryFactory(name="Économie", slug="economie")


@pytest.fixture
def image(db):
    return factories.SiteImageFactory()


@pytest.fixture
def superuser(db):
    return factories.UserFactory(email="admin@example.org", superuser=True)


@pytest.fixture
def admin_client(client, superuser):
    """A test client signed in as a superuser (overrides pytest-django's own)."""
    client.force_login(superuser)
    return client


# Playwright: one Debian Chromium for the whole session.


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM.exists():
        reason = f"Chromium introuvable ({CHROMIUM}) : apt-get install -y chromium"
        if IN_CI:
            pytest.fail(f"CI needs a browser. {reason}", pytrace=False)
        pytest.skip(reason)
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": ["--disable-gpu", "--disable-quic"],
    }


@pytest.fixture(scope="session")
def browser(live_server, browser):
    """Chromium, started after the live server and done with it before the server stops.

    With in-memory SQLite the server's request threads share the test connection; a
    keep-alive socket closed after the server stopped would fail in its thread.
    """
    yield browser
    for context in browser.contexts:
        context.close()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and any(
        "process_request_thread" in thread.name for thread in threading.enumerate()
    ):
        time.sleep(0.05)


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "fr-FR"}


@pytest.fixture(scope="session")
def base_url():
    """Browser tests build their addresses from `live_server`.

    This also replaces pytest-playwright's fallback fixture, a plugin instance method
    that pytest 9 deprecates (and warnings are errors here).
    """
    return None


@pytest.fixture
def join_page(home_page):
    return JoinClubPageFactory(parent=home_page)


@pytest.fixture
def join_data(db):
    """Valid answers to the join form; override fields with keyword arguments."""
    sector = factories.SectorFactory(name="Industrie")

    def make(**overrides):
        data = application_data(sector)
        data.update(overrides)
        return data

    return make


@pytest.fixture
def page_cache(settings):
    """The page cache on, as in production (tests run it on local memory, in one process)."""
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_SECONDS = 600
    return settings
