"""core.compiled: a hot query's SQL compiled once per process, its values given each time."""

import logging

from django.contrib.auth import get_user_model
from django.db.models.sql.compiler import SQLCompiler

import pytest

from core import compiled as compiled_module
from core.compiled import compiled, reuse_sql
from members.backends import MemberBackend
from news.models import NewsPage
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_statements():
    compiled_module.statements.clear()
    compiled_module.shapes.clear()
    yield
    compiled_module.statements.clear()
    compiled_module.shapes.clear()


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


# reuse_sql: a listing rebuilt at each request, compiled once per shape.


def titles(queryset):
    return [page.title for page in queryset]


def newest(pks):
    return reuse_sql(
        NewsPage.objects.filter(pk__in=pks).select_related("category").order_by("-pk"),
        "test-newest",
    )


def test_reused_sql_answers_each_time_for_its_own_values(news, compilations):
    first, second, third = news
    assert titles(newest([first.pk, second.pk])) == ["Nouvelle 1", "Nouvelle 0"]
    assert titles(newest([second.pk, third.pk])) == ["Nouvelle 2", "Nouvelle 1"]
    assert titles(newest([first.pk, third.pk])) == ["Nouvelle 2", "Nouvelle 0"]
    # Two identifiers each time: one shape, compiled once.
    assert compilations.count(NewsPage) == 1
    assert len(compiled_module.shapes) == 1


def test_another_shape_is_compiled_afresh(news, compilations):
    first, second, third = news
    assert titles(newest([first.pk])) == ["Nouvelle 0"]
    assert titles(newest([first.pk, second.pk, third.pk])) == [
        "Nouvelle 2",
        "Nouvelle 1",
        "Nouvelle 0",
    ]
    assert titles(newest([third.pk])) == ["Nouvelle 2"]
    assert compilations.count(NewsPage) == 2
    # No identifier at all: Django's own answer, nothing kept.
    assert titles(newest([])) == []
    assert len(compiled_module.shapes) == 2


def test_slices_are_shapes_of_their_own(news):
    listing = NewsPage.objects.order_by("pk")
    assert titles(reuse_sql(listing[:2], "test-slice")) == ["Nouvelle 0", "Nouvelle 1"]
    assert titles(reuse_sql(listing[1:3], "test-slice")) == ["Nouvelle 1", "Nouvelle 2"]
    assert titles(reuse_sql(listing[2:], "test-slice")) == ["Nouvelle 2"]


def test_a_missing_value_changes_the_shape(news, category):
    first, second, third = news
    NewsPage.objects.filter(pk=first.pk).update(category=category)
    NewsPage.objects.filter(pk__in=[second.pk, third.pk]).update(category=None)

    def of_category(value):
        return reuse_sql(NewsPage.objects.filter(category=value), "test-category")

    assert titles(of_category(category)) == ["Nouvelle 0"]
    # `IS NULL` rather than `= %s`: not the statement above with None as its value.
    assert sorted(titles(of_category(None))) == ["Nouvelle 1", "Nouvelle 2"]


def test_a_reused_queryset_is_refined_counted_and_read_like_any_other(news):
    first, second, third = news
    newest([first.pk, second.pk]).count()
    listing = newest([first.pk, third.pk])
    assert titles(listing) == ["Nouvelle 2", "Nouvelle 0"]
    # Read, then counted and refined from its own query.
    assert listing.count() == 2
    assert listing.exists()
    assert titles(listing.filter(title="Nouvelle 0")) == ["Nouvelle 0"]
    assert titles(listing.order_by("pk")) == ["Nouvelle 0", "Nouvelle 2"]
    assert type(listing.filter(pk=first.pk)) is type(NewsPage.objects.all())
    # Refined before being read: an ordinary query.
    assert titles(newest([first.pk, third.pk]).exclude(pk=third.pk)) == ["Nouvelle 0"]


def test_identifiers_stay_identifiers(news):
    pks = [item.pk for item in news]
    flat = reuse_sql(NewsPage.objects.filter(pk__in=pks).values_list("pk", flat=True), "test-ids")
    assert sorted(flat) == sorted(pks)
    again = reuse_sql(NewsPage.objects.filter(pk__in=pks).values_list("pk", flat=True), "test-ids")
    assert sorted(again) == sorted(pks)
    rows = reuse_sql(NewsPage.objects.filter(pk__in=pks).values("pk", "title"), "test-rows")
    assert sorted(row["title"] for row in rows) == ["Nouvelle 0", "Nouvelle 1", "Nouvelle 2"]


def test_a_restricted_page_more_is_seen_at_once(news_index, news):
    from django.contrib.auth.models import Group

    from wagtail.models import PageViewRestriction

    def public_news():
        return reuse_sql(NewsPage.objects.child_of(news_index).live().public(), "test-public")

    assert len(list(public_news())) == 3
    restriction = PageViewRestriction.objects.create(
        page=news[1], restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Conseil"))
    assert sorted(titles(public_news())) == ["Nouvelle 0", "Nouvelle 2"]


def test_values_outside_the_where_clause_leave_the_query_to_django(news, caplog):
    from django.db.models import Case, Value, When

    def ranked(pk, first_title):
        rank = Case(When(title=first_title, then=Value(0)), default=Value(1))
        return reuse_sql(NewsPage.objects.filter(pk__gte=pk).order_by(rank, "pk"), "test-ranked")

    with caplog.at_level(logging.WARNING, logger="core.compiled"):
        assert titles(ranked(news[0].pk, "Nouvelle 2"))[0] == "Nouvelle 2"
    assert "test-ranked" in caplog.text
    # Never served from the statement with the first ordering's values.
    assert titles(ranked(news[0].pk, "Nouvelle 1"))[0] == "Nouvelle 1"


def test_shapes_kept_are_bounded(news, monkeypatch):
    monkeypatch.setattr(compiled_module, "SHAPES_KEPT", 2)
    listing = NewsPage.objects.order_by("pk")
    for start in range(3):
        assert len(reuse_sql(listing[start:], "test-bounded")) == 3 - start
    assert len(compiled_module.shapes) == 2
