"""A public site for the browser, rebuilt for each test: live-server tests flush the database."""

import pytest

from tests import factories
from tests.support import build_public_site


@pytest.fixture
def live_site(transactional_db, live_server):
    """The public site served by the live server, with enough news to page through."""
    site = build_public_site(factories.HomePageFactory())
    site.base_url = live_server.url
    return site
