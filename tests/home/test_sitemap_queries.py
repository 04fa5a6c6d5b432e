"""Each section of the sitemap costs the same queries with 10 news of a year as with 200.

The sections that grow are measured before and after: the year's news, the stories, the
public events, and the index, which gains a section per new year.
"""

import datetime

from django.core.cache import cache

import pytest

from tests import factories
from tests.members import member_factories as mf
from tests.support import count_queries, module_transaction

pytestmark = pytest.mark.django_db

# 1,500 days after 1 January 2020, the loader's first date: every item below is dated 2024.
IN_2024 = 1500
INITIAL_NEWS = 10
TOTAL_NEWS = 200

SECTIONS = {
    "index": "/sitemap.xml",
    "pages": "/sitemap-pages.xml",
    "actualités 2024": "/sitemap-actualites-2024.xml",
    "portraits": "/sitemap-portraits.xml",
    "agenda": "/sitemap-agenda.xml",
}

# Fragments off: the site, the private pages, a count and the rows; « pages » adds the news
# index's yearly archives. The index: one aggregate per kind of section.
EXPECTED_QUERIES = {
    "index": 6,
    "pages": 6,
    "actualités 2024": 4,
    "portraits": 4,
    "agenda": 4,
}
# Fragments on and warm, as production renders on a page cache miss.
EXPECTED_WARM_QUERIES = {
    "index": 4,
    "pages": 2,
    "actualités 2024": 2,
    "portraits": 2,
    "agenda": 2,
}


def build_site():
    home = factories.HomePageFactory()
    index = factories.NewsIndexPageFactory(parent=home)
    images = factories.SiteImageFactory.create_batch(2)
    categories = [factories.NewsCategoryFactory(name="Économie", slug="economie")]
    factories.add_published_news(
        index, INITIAL_NEWS, images=images, categories=categories, tags=[["emploi"]], start=IN_2024
    )
    story_index = factories.StoryIndexPageFactory(parent=home)
    for number in range(3):
        factories.StoryPageFactory(parent=story_index, portrait_image=images[number % 2])
    agenda = mf.AgendaIndexPageFactory(parent=home)
    mf.EventPageFactory.create_batch(2, parent=agenda)
    area = mf.MemberAreaPageFactory(parent=home)
    factories.restrict_to_logged_in(area)
    mf.MemberEventPageFactory(parent=mf.MemberAgendaPageFactory(parent=area))
    factories.StandardPageFactory(parent=home)
    factories.PartnerDirectoryPageFactory(parent=home)
    return {
        "index": index,
        "images": images,
        "categories": categories,
        "story_index": story_index,
        "agenda": agenda,
    }


@pytest.fixture(scope="module")
def sitemap_site(django_db_setup, django_db_blocker):
    with module_transaction(django_db_blocker):
        yield build_site()


@pytest.mark.parametrize("name", list(SECTIONS))
def test_each_section_costs_a_pinned_number_of_queries(client, sitemap_site, settings, name):
    """Each section and the index cost a known count, smaller with fragments warm."""
    settings.FRAGMENT_CACHE_ENABLED = False
    assert len(count_queries(client, SECTIONS[name])) == EXPECTED_QUERIES[name]
    settings.FRAGMENT_CACHE_ENABLED = True
    queries = count_queries(client, SECTIONS[name])
    assert len(queries) == EXPECTED_WARM_QUERIES[name], "\n".join(queries)


@pytest.mark.slow
def test_sections_do_not_grow_with_the_news(client, sitemap_site, settings):
    """From 10 to 200 news in a year (a new year too), 3 to 15 stories and 2 to 12 events,
    no section and not the index makes a single query more."""
    site = sitemap_site

    def counts():
        measured = {}
        for fragments in (False, True):
            settings.FRAGMENT_CACHE_ENABLED = fragments
            cache.clear()
            for name, url in SECTIONS.items():
                measured[(name, fragments)] = count_queries(client, url)
        return measured

    before = counts()
    factories.add_published_news(
        site["index"],
        TOTAL_NEWS - INITIAL_NEWS,
        images=site["images"],
        categories=site["categories"],
        tags=[["emploi"]],
        start=IN_2024 + INITIAL_NEWS,
    )
    factories.NewsPageFactory(parent=site["index"], published_on=datetime.date(2021, 5, 4))
    for number in range(12):
        factories.StoryPageFactory(
            parent=site["story_index"], portrait_image=site["images"][number % 2]
        )
    mf.EventPageFactory.create_batch(10, parent=site["agenda"])
    assert client.get(SECTIONS["actualités 2024"]).content.decode().count("<url>") == TOTAL_NEWS

    after = counts()
    grown = {
        name: (len(before[name]), len(after[name]), after[name])
        for name in before
        if len(after[name]) != len(before[name])
    }
    assert not grown, "\n".join(
        f"{name}: {old} → {new} queries\n  " + "\n  ".join(sql)
        for name, (old, new, sql) in grown.items()
    )
