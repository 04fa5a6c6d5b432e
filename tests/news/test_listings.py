"""The newsroom lists 12 items a page, filters by tag, category and year, and hides the rest."""

import datetime

import pytest

from news.models import NewsPage
from tests import factories
from tests.support import build_public_site, get, module_transaction, soup

pytestmark = pytest.mark.django_db

EMPLOYMENT_NEWS = 25


@pytest.fixture(scope="module")
def newsroom(django_db_setup, django_db_blocker):
    """The public site plus 25 news of 2022 tagged « emploi »: 28 news, three pages."""
    with module_transaction(django_db_blocker):
        site = build_public_site(factories.HomePageFactory())
        site.employment_news = [
            factories.NewsPageFactory(
                parent=site.news_index,
                title=f"Emploi : offre numéro {number}",
                published_on=datetime.date(2022, 1, 1) + datetime.timedelta(days=number),
                category=site.economy,
                listing_image=site.image,
                tags=["emploi"],
            )
            for number in range(EMPLOYMENT_NEWS)
        ]
        yield site


def listing(client, url):
    """The response and the titles of the news cards it shows."""
    response = get(client, url)
    cards = soup(response).select("main .card--news .card__title")
    return response, [card.get_text(strip=True) for card in cards]


@pytest.mark.parametrize(
    ("query", "number", "cards"),
    [
        ("", 1, 12),
        ("?page=2", 2, 12),
        ("?page=3", 3, 4),
        ("?page=abc", 1, 12),
        ("?page=0", 3, 4),
        ("?page=999", 3, 4),
        ("?page=", 1, 12),
    ],
)
def test_news_index_pages_by_twelve(client, newsroom, query, number, cards):
    """Twelve news a page; a malformed or out-of-range page number still gives a page."""
    response, titles = listing(client, newsroom.news_index.url + query)
    page = response.context["items"]
    assert page.paginator.count == EMPLOYMENT_NEWS + 3
    assert page.paginator.per_page == 12
    assert page.number == number
    assert len(titles) == cards


def test_news_index_shows_newest_first(client, newsroom):
    """The most recent news opens the list, the oldest closes the last page."""
    _, first_page = listing(client, newsroom.news_index.url)
    _, last_page = listing(client, newsroom.news_index.url + "?page=3")
    assert first_page[:3] == [
        newsroom.industry_news.title,
        newsroom.club_news.title,
        newsroom.charter_news.title,
    ]
    assert last_page[-1] == "Emploi : offre numéro 0"


def test_pagination_links_keep_the_filter(client, newsroom):
    """The next-page link of a filtered list stays on the filter."""
    response, _ = listing(client, newsroom.news_index.url + "?tag=emploi")
    next_link = soup(response).select_one("nav.pagination a[rel=next]")
    assert next_link is not None
    assert "tag=emploi" in next_link["href"]
    assert "page=2" in next_link["href"]


@pytest.mark.parametrize("suffix", ["?tag=club", "etiquette/club/"])
def test_tag_filter(client, newsroom, suffix):
    """Filtering on a tag keeps only the news carrying it."""
    response, titles = listing(client, newsroom.news_index.url + suffix)
    assert titles == [newsroom.club_news.title]
    assert response.context["current_tag"].slug == "club"


def test_tag_listing_pages_too(client, newsroom):
    """A tag listing with 25 news has three pages of at most twelve."""
    response, titles = listing(client, newsroom.news_index.url + "etiquette/emploi/?page=3")
    assert response.context["items"].paginator.count == EMPLOYMENT_NEWS
    assert len(titles) == 1


@pytest.mark.parametrize("suffix", ["?categorie=vie-du-reseau", "categorie/vie-du-reseau/"])
def test_category_filter(client, newsroom, suffix):
    """Filtering on a category keeps only the news filed under it."""
    response, titles = listing(client, newsroom.news_index.url + suffix)
    assert titles == [newsroom.club_news.title, newsroom.charter_news.title]
    assert response.context["current_category"] == newsroom.network


def test_tag_and_category_filters_combine(client, newsroom):
    """Tag and category filters together keep the news matching both."""
    _, titles = listing(client, newsroom.news_index.url + "?tag=charte&categorie=vie-du-reseau")
    assert titles == [newsroom.club_news.title, newsroom.charter_news.title]
    response, titles = listing(
        client, newsroom.news_index.url + "?tag=emploi&categorie=vie-du-reseau"
    )
    assert titles == []
    assert "Aucune actualité" in response.text


@pytest.mark.parametrize(
    ("year", "count"), [(2024, 1), (2023, 2), (2022, EMPLOYMENT_NEWS), (1999, 0)]
)
def test_year_archive_lists_that_year_only(client, newsroom, year, count):
    """The archive of a year lists exactly the news published that year."""
    response, titles = listing(client, f"{newsroom.news_index.url}{year}/")
    assert response.context["current_year"] == year
    assert response.context["items"].paginator.count == count
    listed = NewsPage.objects.filter(pk__in=list(response.context["items"].object_list))
    assert all(item.published_on.year == year for item in listed)
    if year == 2023:
        assert titles == [newsroom.club_news.title, newsroom.charter_news.title]


def test_archive_years_and_filters_are_offered(client, newsroom):
    """The sidebar offers the years, categories and tags that have news."""
    response = get(client, newsroom.news_index.url)
    assert response.context["archive_years"] == [2024, 2023, 2022]
    assert {c.slug for c in response.context["categories"]} == {"economie", "vie-du-reseau"}
    tags = [tag.slug for tag in response.context["popular_tags"]]
    assert tags[0] == "emploi"
    assert {"charte", "club", "industrie"} <= set(tags)


def test_related_news_share_tags_or_category(client, newsroom):
    """A news page suggests the other news sharing its tags or category, never itself."""
    response = get(client, newsroom.charter_news.url)
    related = list(response.context["related_news"])
    assert related == [newsroom.club_news]
    assert "À lire aussi" in response.text
    assert newsroom.club_news.title in soup(response).get_text()


def test_related_news_are_at_most_three(client, newsroom):
    """An item with many neighbours suggests three of them, the closest first."""
    response = get(client, newsroom.employment_news[0].url)
    related = list(response.context["related_news"])
    assert len(related) == 3
    assert newsroom.employment_news[0] not in related


def test_private_draft_and_expired_news_stay_out_of_listings(client, newsroom):
    """Only published public news appear in the newsroom, its filters and the home page."""
    hidden = {
        "brouillon": factories.NewsPageFactory(
            parent=newsroom.news_index, title="Brouillon secret", live=False, tags=["club"]
        ),
        "privée": factories.NewsPageFactory(
            parent=newsroom.news_index, title="Réservé aux membres", tags=["club"]
        ),
        "expirée": factories.NewsPageFactory(
            parent=newsroom.news_index, title="Offre expirée", tags=["club"]
        ),
    }
    factories.restrict_to_logged_in(hidden["privée"])
    factories.expire(hidden["expirée"])
    for url in [
        "/",
        newsroom.news_index.url,
        newsroom.news_index.url + "etiquette/club/",
        newsroom.news_index.url + "?tag=club",
        newsroom.news_index.url + "categorie/economie/",
        f"{newsroom.news_index.url}{datetime.date.today().year}/",
    ]:
        text = soup(get(client, url)).get_text(" ")
        for label, page in hidden.items():
            assert page.title not in text, (label, url)


def test_news_under_a_restricted_section_stay_out_of_the_home_page(client, newsroom):
    """News filed under a private section are not advertised on the home page."""
    private_index = factories.NewsIndexPageFactory(
        parent=newsroom.home, title="Archives réservées", slug="archives-reservees"
    )
    factories.restrict_to_logged_in(private_index)
    secret = factories.NewsPageFactory(
        parent=private_index,
        title="Note réservée au conseil",
        published_on=newsroom.industry_news.published_on + datetime.timedelta(days=1),
    )
    assert secret.title not in soup(get(client, "/")).get_text(" ")


def test_private_news_page_asks_to_sign_in(client, newsroom):
    """Opening a private news item sends the visitor to the sign-in page."""
    news = factories.NewsPageFactory(parent=newsroom.news_index, title="Réservé aux membres")
    factories.restrict_to_logged_in(news)
    response = client.get(news.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/connexion/")


def test_a_story_links_back_to_the_portraits(client, newsroom, home_page):
    from news.models import StoryPage

    story = StoryPage.objects.live().first()
    body = client.get(story.url).content.decode()
    index = story.get_parent()
    assert f'<a class="back-link" href="{index.url}">Tous les portraits</a>' in body
    # Deeper than the menus' pages: its parent is read.
    section = factories.StoryIndexPageFactory(parent=home_page, slug="autres-portraits")
    deeper = factories.StoryPageFactory(parent=section)
    body = client.get(deeper.url).content.decode()
    assert f'<a class="back-link" href="{section.url}">Tous les portraits</a>' in body


def test_story_index_filters_by_sector(client, newsroom):
    """The portraits can be narrowed to one sector of activity."""
    other = factories.StoryPageFactory(
        parent=newsroom.story_index,
        title="Un artisan porcelainier",
        organisation=newsroom.partner,
        sector=newsroom.partner.sector,
    )
    response = get(client, newsroom.story_index.url + "?secteur=industrie")
    assert list(response.context["stories"]) == [newsroom.story]
    response = get(client, newsroom.story_index.url)
    assert set(response.context["stories"]) == {newsroom.story, other}


def test_accented_tag_has_a_working_listing(client, newsroom):
    """A French tag with accents (« Économie sociale ») gets an address its listing answers on."""
    news = factories.NewsPageFactory(
        parent=newsroom.news_index, title="Forum de l'économie sociale", tags=["Économie sociale"]
    )
    tag = news.tags.get()
    assert tag.slug.isascii(), tag.slug
    response, titles = listing(client, f"{newsroom.news_index.url}etiquette/{tag.slug}/")
    assert titles == [news.title]
    assert get(client, news.url).status_code == 200


def test_related_news_rank_shared_tags_then_the_category_by_date(home_page):
    index = factories.NewsIndexPageFactory(parent=home_page)
    culture = factories.NewsCategoryFactory(name="Culture", slug="culture")
    sport = factories.NewsCategoryFactory(name="Sport", slug="sport")

    def news(title, day, category, tags):
        return factories.NewsPageFactory(
            parent=index,
            title=title,
            published_on=datetime.date(2024, 1, day),
            category=category,
            tags=tags,
        )

    subject = news("Le sujet", 1, culture, ["opera", "porcelaine"])
    two_shared = news("Deux étiquettes", 2, sport, ["opera", "porcelaine"])
    one_shared_newer = news("Une étiquette, récente", 9, sport, ["opera"])
    one_shared_older = news("Une étiquette, ancienne", 3, sport, ["porcelaine"])
    same_category = news("Même catégorie", 20, culture, ["autre"])
    news("Sans rapport", 25, sport, ["autre"])
    related = subject.related_news(limit=4)
    assert related == [two_shared, one_shared_newer, one_shared_older, same_category]
    assert subject.related_news(limit=2) == [two_shared, one_shared_newer]
    one_shared_newer.unpublish()
    assert one_shared_newer not in subject.related_news(limit=4)


def test_listed_news_carry_their_own_tags_read_at_once(newsroom, django_assert_num_queries):
    from news.models import NewsPage

    expected = {
        item.pk: sorted(tag.name for tag in item.tags.all())
        for item in NewsPage.objects.live().public()
    }
    assert any(len(names) > 1 for names in expected.values())
    listing = NewsPage.objects.for_listing()
    # The items, their renditions, their tags: three queries, whatever their number.
    with django_assert_num_queries(3):
        items = list(listing)
        shown = {item.pk: [tag.name for tag in item.listed_tags] for item in items}
    assert shown == expected
    # Identifiers of the same listing are only identifiers.
    assert sorted(listing.values_list("pk", flat=True)) == sorted(expected)
    assert list(listing.filter(pk=-1)) == []


def test_listed_images_carry_their_renditions(newsroom, django_assert_num_queries):
    from core.images import CARD_SIZES, expand_specs, generate_renditions
    from news.models import NewsPage

    listing = NewsPage.objects.for_listing().filter(listing_image__isnull=False)[:5]
    generate_renditions([([item.listing_image for item in listing], expand_specs(CARD_SIZES))])
    with django_assert_num_queries(3):
        items = list(listing.all())
        specs = [
            sorted(rendition.filter_spec for rendition in item.listing_image.prefetched_renditions)
            for item in items
        ]
        alts = {r.alt for item in items for r in item.listing_image.prefetched_renditions}
    assert items and specs == [sorted(expand_specs(CARD_SIZES))] * len(items)
    assert alts == {item.listing_image.default_alt_text for item in items}
    # Identifiers, counts and refinements read no renditions and keep working.
    assert listing.count() == len(items)
    assert len(list(listing.values_list("pk", flat=True))) == len(items)
