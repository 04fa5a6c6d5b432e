"""core.compiled: a hot query's SQL compiled once per process, its values given each time."""

import logging

from django.contrib.auth import get_user_model
from django.db.models.sql.compiler import SQLCompiler

import pytest

from core import compiled as compiled_module
from core.compiled import compiled
from members.backends import MemberBackend
from news.models import NewsPage
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_statements():
    compiled_module.statements.clear()
    yield
    compiled_module.statements.clear()


@pytest.fixture
def news(news_index):
    index = news_index
    return [factories.NewsPageFactory(parent=index, title=f"Nouvelle {n}") for n in range(3)]


def by_pk(pk):
    return compiled("test-news", lambda: NewsPage.objects.filter(pk=pk), [pk])


@pytest.fixture
def compilations(monkeypatch):
    """How many times Django's compiler itself writes SQL."""
    calls = []
    original = SQLCompiler.as_sql

    def counting(self, *args, **kwargs):
        calls.append(self.query.model)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(SQLCompiler, "as_sql", counting)
    return calls


def test_each_value_gets_its_own_row_from_one_compilation(news, compilations):
    for item in news:
        assert [page.pk for page in by_pk(item.pk)] == [item.pk]
    assert [page.title for page in by_pk(news[0].pk)] == ["Nouvelle 0"]
    # Compiled once, the first time, and run from that statement ever after.
    assert compilations.count(NewsPage) == 1
    assert compiled_module.statements["test-news"] is not None


def test_a_compiled_query_cannot_be_refined(news):
    """Its filters still hold the first query's values: refining it would answer for those."""
    by_pk(news[0].pk)
    again = by_pk(news[1].pk)
    assert type(again.query).__name__.startswith("Frozen")
    for refine in (
        lambda: again.filter(title="Nouvelle 1"),
        again.count,
        again.exists,
        again.first,
        lambda: again.order_by("title"),
    ):
        with pytest.raises(TypeError, match="cannot be refined"):
            refine()
    # Read as a whole, it answers for its own values.
    assert len(again) == 1
    assert bool(again)
    assert [page.title for page in again] == ["Nouvelle 1"]


def test_values_that_are_not_the_parameters_leave_the_query_to_django(news, caplog):
    def titled(title, pk):
        # The title is a parameter too, so the values given are not all of them.
        return compiled("test-wrong", lambda: NewsPage.objects.filter(pk=pk, title=title), [pk])

    with caplog.at_level(logging.WARNING, logger="core.compiled"):
        assert [p.pk for p in titled("Nouvelle 0", news[0].pk)] == [news[0].pk]
    assert "test-wrong" in caplog.text
    assert compiled_module.statements["test-wrong"] is None
    # Never served from a statement that misses a value.
    assert list(titled("Nouvelle 0", news[1].pk)) == []
    assert [p.pk for p in titled("Nouvelle 1", news[1].pk)] == [news[1].pk]


def test_values_that_make_the_query_trivial_are_not_kept(news):
    def among(pks):
        return compiled("test-empty", lambda: NewsPage.objects.filter(pk__in=pks), pks)

    assert list(among([])) == []
    assert "test-empty" not in compiled_module.statements


def test_serving_pages_of_one_type_reuses_the_routes_statement(client, news):
    for item in news:
        answer = client.get(item.url)
        assert answer.status_code == 200
        assert item.title in answer.content.decode()
    assert compiled_module.statements["route-page:news.newspage"] is not None


def test_the_signed_in_account_is_read_by_its_statement(accounts):
    backend = MemberBackend()
    partner, council = accounts["partner"], accounts["council"]
    assert backend.get_user(partner.pk) == partner
    assert backend.get_user(str(council.pk)) == council
    assert backend.get_user(council.pk).organisation == council.organisation
    assert compiled_module.statements["member-backend-user"] is not None
    assert backend.get_user("pas un identifiant") is None
    assert backend.get_user(None) is None
    assert backend.get_user(get_user_model().objects.order_by("-pk")[0].pk + 1) is None


def test_site_settings_are_read_by_their_statement_for_each_site(home_page):
    from wagtail.models import Site

    from home.models import SiteSettings

    first = home_page.get_site()
    other = Site.objects.create(hostname="autre.example.org", root_page=home_page)
    # Created the first time, as Wagtail's get_or_create does.
    assert SiteSettings.for_site(first).site_id == first.pk
    assert SiteSettings.for_site(other).site_id == other.pk
    SiteSettings.objects.filter(site=other).update(email="contact@autre.example.org")
    assert SiteSettings.for_site(other).email == "contact@autre.example.org"
    assert SiteSettings.for_site(first).email != "contact@autre.example.org"
    assert compiled_module.statements["site-settings"] is not None
    assert SiteSettings.objects.count() == 2
