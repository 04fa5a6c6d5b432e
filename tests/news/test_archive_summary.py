"""The newsroom's archive summary (core.summaries): stored after publications, never stale."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from core.models import Summary
from core.summaries import rebuild_summaries, register_summary_builder
from news.models import archive_summary_key, build_archive_summary
from tests import factories
from tests.support import build_public_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(settings, home_page):
    settings.FRAGMENT_CACHE_ENABLED = False
    return build_public_site(home_page)


def aggregate_queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return response, [q["sql"] for q in captured.captured_queries if "COUNT(" in q["sql"]]


def test_a_committed_publication_stores_the_summary_and_views_read_it(
    client, site, django_capture_on_commit_callbacks
):
    index = site.news_index
    with django_capture_on_commit_callbacks(execute=True):
        factories.NewsPageFactory(
            parent=index,
            title="Archives de 2019",
            published_on=datetime.date(2019, 5, 2),
            tags=["patrimoine"],
        )
    stored = Summary.objects.get(key=archive_summary_key(index))
    assert stored.version == stored.computed_version
    assert stored.data == build_archive_summary(index)
    assert 2019 in stored.data["years"]
    response, counting = aggregate_queries(client, index.url)
    # Neither the tags nor the listing are counted over the archive: the row is read.
    assert counting == []
    body = response.content.decode()
    assert "2019" in body and "patrimoine" in body


def test_within_the_publishing_transaction_views_compute_afresh(client, site):
    index = site.news_index
    rebuild_summaries()
    assert (
        Summary.objects.get(key=archive_summary_key(index)).data["years"]
        == (build_archive_summary(index)["years"])
    )
    # The test's transaction never commits: the stored row stays as it was, but is stale.
    factories.NewsPageFactory(
        parent=index,
        title="Un article de 2011",
        published_on=datetime.date(2011, 3, 1),
        tags=["archives-2011"],
    )
    stored = Summary.objects.get(key=archive_summary_key(index))
    assert stored.version != stored.computed_version
    assert 2011 not in stored.data["years"]
    response, counting = aggregate_queries(client, index.url)
    assert counting, "the stale summary must be computed again"
    body = response.content.decode()
    assert "2011" in body and "archives-2011" in body


def test_unpublishing_takes_years_and_tags_away(client, site, django_capture_on_commit_callbacks):
    index = site.news_index
    with django_capture_on_commit_callbacks(execute=True):
        lone = factories.NewsPageFactory(
            parent=index,
            title="Seul en 2009",
            published_on=datetime.date(2009, 1, 5),
            tags=["solitaire"],
        )
    assert 2009 in Summary.objects.get(key=archive_summary_key(index)).data["years"]
    with django_capture_on_commit_callbacks(execute=True):
        lone.unpublish()
    data = Summary.objects.get(key=archive_summary_key(index)).data
    assert 2009 not in data["years"]
    assert "solitaire" not in [tag["slug"] for tag in data["tags"]]
    body = client.get(index.url).content.decode()
    assert "solitaire" not in body


def test_a_failing_builder_never_stops_a_publication(site, django_capture_on_commit_callbacks):
    def broken():
        raise RuntimeError("panne")

    register_summary_builder("broken-for-test", broken)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            page = factories.NewsPageFactory(parent=site.news_index, title="Publiée malgré tout")
        assert page.live
    finally:
        from core import summaries

        summaries._builders.pop("broken-for-test")


# Later pages of the whole archive start from the first item the summary names for them.


def page_titles(client, url):
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    shown = [title for title in TITLES if f">{title}</a>" in body]
    # In the order the page lists them.
    return sorted(shown, key=lambda title: body.index(f">{title}</a>")), body


TITLES = [f"Chronique {number:02d}" for number in range(30)]


@pytest.fixture
def archive(home_page, settings, monkeypatch, django_capture_on_commit_callbacks):
    """Thirty news published five a day, whose pages are read from their start from the
    second on (from the twentieth in production)."""
    from news import models

    monkeypatch.setattr(models, "FIRST_PAGE_READ_FROM_ITS_START", 2)
    settings.FRAGMENT_CACHE_ENABLED = False
    index = factories.NewsIndexPageFactory(parent=home_page)
    with django_capture_on_commit_callbacks(execute=True):
        for number, title in enumerate(TITLES):
            # Pages start and end in the middle of a day.
            factories.NewsPageFactory(
                parent=index,
                title=title,
                published_on=datetime.date(2024, 3, 1) + datetime.timedelta(days=number // 5),
            )
    return index


def test_later_pages_list_the_same_items_as_skipping_the_earlier_ones(client, archive):
    from news.models import archive_pages_key

    index = archive
    stored = Summary.objects.get(key=archive_pages_key(index))
    assert stored.version == stored.computed_version
    assert len(stored.data) == 3
    with CaptureQueriesContext(connection) as captured:
        from_starts = {page: page_titles(client, f"{index.url}?page={page}")[0] for page in (2, 3)}
    assert not [q for q in captured.captured_queries if "OFFSET" in q["sql"]]
    # The same pages read by skipping: the summary marked stale, as within a publication.
    Summary.objects.filter(pk=stored.pk).update(version=stored.version + 1)
    skipping = {page: page_titles(client, f"{index.url}?page={page}")[0] for page in (2, 3)}
    assert from_starts == skipping
    assert len(from_starts[2]) == 12 and len(from_starts[3]) == 6
    # Newest first, each item once.
    listed = page_titles(client, index.url)[0] + from_starts[2] + from_starts[3]
    assert sorted(listed) == sorted(TITLES)
    days = {title: number // 5 for number, title in enumerate(TITLES)}
    assert [days[title] for title in listed] == sorted((days[t] for t in listed), reverse=True)


def test_starts_that_disagree_with_the_count_are_not_used(client, archive):
    from news.models import archive_pages_key

    index = archive
    expected = page_titles(client, f"{index.url}?page=2")[0]
    # Starts of one page too few: skipping, as without them.
    key = archive_pages_key(index)
    Summary.objects.filter(key=key).update(data=Summary.objects.get(key=key).data[:2])
    assert page_titles(client, f"{index.url}?page=2")[0] == expected
