"""The breadcrumb trail: the ancestors of the page from the home page down, whether they are
among the menu's pages (no query) or deeper in the tree (read)."""

import html as html_module
import re

from django.test import RequestFactory

import pytest

from home.context_processors import SiteNavigation
from tests import factories
from tests.support import build_public_site

pytestmark = pytest.mark.django_db


def trail(html):
    crumbs = re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.S).group(0)
    return [
        html_module.unescape(re.sub(r"<[^>]+>", "", item)).strip()
        for item in re.findall(r'<li class="breadcrumbs__item">(.*?)</li>', crumbs, re.S)
    ]


@pytest.fixture
def site(home_page):
    return build_public_site(home_page)


def test_a_news_item_under_a_top_level_index(client, site):
    html = client.get(site.charter_news.url).content.decode()
    assert trail(html) == ["Accueil", site.news_index.title, site.charter_news.title]


def test_a_page_below_a_second_level_page(client, site):
    child = factories.StandardPageFactory(parent=site.standard, title="Annexe de la charte")
    grandchild = factories.StandardPageFactory(parent=child, title="Article premier")
    html = client.get(grandchild.url).content.decode()
    assert trail(html) == ["Accueil", site.standard.title, child.title, grandchild.title]


@pytest.mark.parametrize("depth_below_home", [1, 2, 3])
def test_the_trail_is_wagtails_list_of_ancestors(site, depth_below_home):
    page = site.standard
    for level in range(depth_below_home - 1):
        page = factories.StandardPageFactory(parent=page, title=f"Niveau {level + 2}")
    request = RequestFactory().get(page.url)
    navigation = SiteNavigation(request)
    expected = list(page.get_ancestors().filter(depth__gte=site.home.depth))
    assert navigation.ancestors_of(page) == expected
