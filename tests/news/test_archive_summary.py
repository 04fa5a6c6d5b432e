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
