"""The menus' top pages (home.context_processors.read_top_pages), read by a compiled statement."""

import pytest

from core import compiled as compiled_module
from core.cache.routing import public_pages
from core.models import without_member_only
from home.context_processors import read_top_pages
from tests import factories
from tests.members import member_factories as mf

pytestmark = pytest.mark.django_db


def expected_top_pages(root):
    # What Wagtail's own querysets give.
    return list(without_member_only(public_pages(root.get_children().live())).order_by("path"))


def test_top_pages_are_the_live_public_non_member_children(home_page):
    compiled_module.statements.clear()
    news = factories.NewsIndexPageFactory(parent=home_page)
    charter = factories.StandardPageFactory(parent=home_page, title="La charte", slug="charte")
    draft = factories.StandardPageFactory(parent=home_page, title="Brouillon", slug="brouillon")
    draft.unpublish()
    area = mf.MemberAreaPageFactory(parent=home_page)
    factories.StandardPageFactory(parent=charter, title="Sous-page", slug="sous-page")
    pks = [page.pk for page in read_top_pages(home_page)]
    assert pks == [page.pk for page in expected_top_pages(home_page)]
    assert news.pk in pks and charter.pk in pks
    assert draft.pk not in pks and area.pk not in pks
    # A page made private leaves the menus at once: another shape, its own statement.
    factories.restrict_to_logged_in(charter)
    from core.cache import purge_everything

    purge_everything()
    pks = [page.pk for page in read_top_pages(home_page)]
    assert pks == [page.pk for page in expected_top_pages(home_page)]
    assert charter.pk not in pks and news.pk in pks
    assert [key for key, entry in compiled_module.statements.items() if entry is None] == []
    assert len([key for key in compiled_module.statements if key.startswith("top-pages:")]) == 2
