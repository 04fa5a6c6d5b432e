"""Tag links written by the newsroom's own tag, the same as Wagtail's routablepageurl."""

from django.template import Context, Template
from django.test import RequestFactory

import pytest

from tests.support import build_public_site

pytestmark = pytest.mark.django_db


def test_tag_links_are_the_addresses_routablepageurl_gives(home_page):
    site = build_public_site(home_page)
    index = site.news_index
    request = RequestFactory().get("/")
    tags = list(site.charter_news.tags.all())
    ours = Template(
        "{% load news_links %}{% for tag in tags %}{% tag_url index tag %} {% endfor %}"
    )
    wagtails = Template(
        "{% load wagtailroutablepage_tags %}"
        "{% for tag in tags %}{% routablepageurl index 'tag_listing' tag.slug %} {% endfor %}"
    )
    context = {"index": index, "tags": tags, "request": request}
    expected = wagtails.render(Context(context))
    assert ours.render(Context(context)) == expected
    assert "/etiquette/charte/" in expected
