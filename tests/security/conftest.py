"""Fixtures of the security tests: the member area's accounts and pages, and the join form."""

import pytest

from tests.factories import SectorFactory
from tests.members.conftest import accounts, client_for, member_area  # noqa: F401
from tests.members.test_applications import JoinClubPageFactory, application_data


@pytest.fixture
def join_page(home_page):
    return JoinClubPageFactory(parent=home_page)


@pytest.fixture
def join_data(db):
    """Valid answers to the join form; override fields with keyword arguments."""
    sector = SectorFactory(name="Industrie")

    def make(**overrides):
        data = application_data(sector)
        data.update(overrides)
        return data

    return make
