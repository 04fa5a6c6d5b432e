"""The member area fixtures, shared with the member tests; the page cache switched on."""

import pytest

from tests.members.conftest import accounts, client_for, member_area  # noqa: F401


@pytest.fixture
def page_cache(settings):
    """The page cache on, as in production (tests run it on local memory, in one process)."""
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_SECONDS = 600
    return settings
