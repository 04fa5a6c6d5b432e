"""Listings cost the same number of queries with 10 news as with 200.

Every measured request is made once beforehand, so that image renditions and Wagtail's
site cache exist: the counts are those of a visitor on a warm site.
"""

import datetime

from django.core.cache import cache

import pytest

from tests import factories
from tests.support import count_queries, module_transaction

pytestmark = pytest.mark.django_db

INITIAL_NEWS = 10
TOTAL_NEWS = 200

# Absolute counts on the 10-news site; a change here must be a deliberate one.
EXPECTED_QUERIES = {
    "accueil": 13,
    "actualités, page 1": 15,
    "actualités, page 5": 15,
    "étiquette": 16,
    "catégorie": 16,
    "archive annuelle": 15,
    "actualité": 11,
    "portraits": 10,
    "recherche": 8,
    "flux RSS": 7,
    "flux Atom": 7,
    "flux RSS d'une étiquette": 8,
    "plan du site": 6,
    "plan du site : pages": 6,
    "plan du site : actualités 2024": 4,
    "plan du site : portraits": 4,
}


# The same pages as production serves them when the page cache misses: fragments on (the
# route map, restrictions, menus, cards, counts), read warm.
EXPECTED_WARM_QUERIES = {
    "accueil": 1,
    "actualités, page 1": 1,
    "actualités, page 5": 1,
    "étiquette": 2,
    "catégorie": 2,
    "archive annuelle": 1,
    "actualité": 2,
    "portraits": 4,
    "recherche": 2,
    "flux RSS": 4,
    "flux Atom": 4,
    "flux RSS d'une étiquette": 5,
    "plan du site": 4,
    "plan du site : pages": 2,
    "plan du site : actualités 2024": 2,
    "plan du site : portraits": 2,
}


def build_site():
    """A site with 10 published news sharing 3 images, 2 categories and a few tags."""
    home = factories.HomePageFactory()
    index = factories.NewsIndexPageFactory(parent=home)
    images = factories.SiteImageFactory.create_batch(3)
    categories = [
        factories.NewsCategoryFactory(name="Économie", slug="economie"),
        factories.NewsCategoryFactory(name="Vie du réseau", slug="vie-du-reseau"),
    ]
    tag_sets = [["emploi", "industrie"], ["emploi"], ["charte", "club"]]
    news = [
        factories.NewsPageFactory(
            parent=index,
            title=f"Attractivité : étape {number}",
            published_on=datetime.date(2024, 1, 1) + datetime.timedelta(days=number),
            category=categories[number % 2],
            listing_image=images[number % 3],
            tags=tag_sets[number % 3],
        )
        for number in range(INITIAL_NEWS)
    ]
    story_index = factories.StoryIndexPageFactory(parent=home)
    stories = [
        factories.StoryPageFactory(parent=story_index, portrait_image=images[n % 3])
        for n in range(3)
    ]
    home.featured_stories.add(*stories)
    factories.publish(home)
    factories.PartnerDirectoryPageFactory(parent=home)
    for number in range(4):
        factories.OrganisationFactory(
            name=f"Membre fondateur {number}", founding=True, logo=images[number % 3]
        )
    return {
        "index": index,
        "images": images,
        "categories": categories,
        "tag_sets": tag_sets,
        "news": news,
        "story_index": story_index,
    }


def urls(site):
    index = site["index"].url
    return {
        "accueil": "/",
        "actualités, page 1": index,
        "actualités, page 5": index + "?page=5",
        "étiquette": index + "etiquette/emploi/",
        "catégorie": index + "categorie/economie/",
        "archive annuelle": index + "2024/",
        "actualité": site["news"][0].url,
        "portraits": site["story_index"].url,
        "recherche": "/recherche/?q=attractivit%C3%A9",
        "flux RSS": index + "flux/rss/",
        "flux Atom": index + "flux/atom/",
        "flux RSS d'une étiquette": index + "etiquette/emploi/flux/rss/",
        "plan du site": "/sitemap.xml",
        "plan du site : pages": "/sitemap-pages.xml",
        "plan du site : actualités 2024": "/sitemap-actualites-2024.xml",
        "plan du site : portraits": "/sitemap-portraits.xml",
    }


@pytest.fixture(scope="module")
def small_site(django_db_setup, django_db_blocker):
    with module_transaction(django_db_blocker):
        yield build_site()


@pytest.mark.parametrize("name", list(EXPECTED_QUERIES))
def test_query_count_is_pinned(client, small_site, django_assert_num_queries, name):
    """Each listing costs a known number of queries on the 10-news site."""
    url = urls(small_site)[name]
    client.get(url)
    with django_assert_num_queries(EXPECTED_QUERIES[name]):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("name", list(EXPECTED_WARM_QUERIES))
def test_query_count_with_warm_fragments_is_pinned(client, small_site, settings, name):
    """With fragments on and warm, as in production, each page costs a known, smaller count."""
    settings.FRAGMENT_CACHE_ENABLED = True
    queries = count_queries(client, urls(small_site)[name])
    assert len(queries) == EXPECTED_WARM_QUERIES[name], "\n".join(queries)
    assert len(queries) < EXPECTED_QUERIES[name]


@pytest.mark.slow
def test_query_counts_do_not_grow_with_the_news(client, small_site, settings):
    """From 10 to 200 news (and 3 to 15 portraits), no page makes a single query more."""
    site = small_site

    def counts():
        # Fragments off (every query made), then on and warm (as production renders).
        measured = {}
        for fragments in (False, True):
            settings.FRAGMENT_CACHE_ENABLED = fragments
            cache.clear()
            for name, url in urls(site).items():
                measured[(name, fragments)] = count_queries(client, url)
        return measured

    before = counts()

    factories.add_published_news(
        site["index"],
        TOTAL_NEWS - INITIAL_NEWS,
        images=site["images"],
        categories=site["categories"],
        tags=site["tag_sets"],
    )
    for number in range(12):
        factories.StoryPageFactory(
            parent=site["story_index"], portrait_image=site["images"][number % 3]
        )
    assert site["index"].get_children().live().count() == TOTAL_NEWS

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
