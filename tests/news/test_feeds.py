"""RSS 2.0 and Atom feeds: valid, complete, absolute, and limited to public published news."""

import datetime
import xml.etree.ElementTree as ET  # noqa: S405 - parses our own feeds
import zoneinfo
from email.utils import parsedate_to_datetime

import feedparser
import pytest

from tests import factories
from tests.support import get

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
ORIGIN = "http://testserver/"
PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def fetch(client, url, content_type):
    response = get(client, url)
    assert response["Content-Type"].startswith(content_type)
    return response


def rss(client, url):
    """The RSS document's <channel>, checked by feedparser first."""
    response = fetch(client, url, "application/rss+xml")
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "rss20"
    root = ET.fromstring(response.content)  # noqa: S314
    assert root.tag == "rss" and root.get("version") == "2.0"
    return root.find("channel")


def atom(client, url):
    """The Atom <feed> element, checked by feedparser first."""
    response = fetch(client, url, "application/atom+xml")
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    root = ET.fromstring(response.content)  # noqa: S314
    assert root.tag == f"{ATOM}feed"
    return root


def text(element, path):
    found = element.find(path)
    assert found is not None and (found.text or "").strip(), f"<{path}> is missing or empty"
    return found.text.strip()


def check_rss_channel(channel, self_url):
    """Every element RSS 2.0 requires, with absolute links and unique guids."""
    assert text(channel, "title")
    assert text(channel, "link").startswith(ORIGIN)
    assert text(channel, "description")
    assert text(channel, "language") == "fr"
    self_link = channel.find(f"{ATOM}link[@rel='self']")
    assert self_link is not None and self_link.get("href") == ORIGIN.rstrip("/") + self_url
    items = channel.findall("item")
    for item in items:
        assert text(item, "title")
        assert text(item, "link").startswith(ORIGIN)
        assert text(item, "guid").startswith(ORIGIN)
        assert item.find("guid").get("isPermaLink", "true") == "true"
        assert parsedate_to_datetime(text(item, "pubDate")).tzinfo is not None
        assert text(item, "description")
    guids = [text(item, "guid") for item in items]
    assert len(guids) == len(set(guids))
    return {text(item, "title"): item for item in items}


def check_atom_feed(feed, self_url):
    """Every element RFC 4287 requires, with absolute links and unique ids."""
    assert text(feed, f"{ATOM}id")
    assert text(feed, f"{ATOM}title")
    datetime.datetime.fromisoformat(text(feed, f"{ATOM}updated"))
    self_link = feed.find(f"{ATOM}link[@rel='self']")
    assert self_link is not None and self_link.get("href") == ORIGIN.rstrip("/") + self_url
    entries = feed.findall(f"{ATOM}entry")
    # RFC 4287 4.1.1: an author on the feed, or on every entry.
    feed_author = feed.find(f"{ATOM}author/{ATOM}name")
    for entry in entries:
        entry_author = entry.find(f"{ATOM}author/{ATOM}name")
        assert (feed_author is not None and feed_author.text) or (
            entry_author is not None and entry_author.text
        )
        assert text(entry, f"{ATOM}id")
        assert text(entry, f"{ATOM}title")
        datetime.datetime.fromisoformat(text(entry, f"{ATOM}updated"))
        link = entry.find(f"{ATOM}link")
        assert link is not None and link.get("href", "").startswith(ORIGIN)
        assert link.get("rel", "alternate") == "alternate"
    ids = [text(entry, f"{ATOM}id") for entry in entries]
    assert len(ids) == len(set(ids))
    return {text(entry, f"{ATOM}title"): entry for entry in entries}


def test_rss_feed_of_all_news(client, public_site):
    """The RSS feed lists every public news item, newest first, with absolute links."""
    url = public_site.news_index.url + "flux/rss/"
    channel = rss(client, url)
    items = check_rss_channel(channel, url)
    assert list(items) == [
        public_site.industry_news.title,
        public_site.club_news.title,
        public_site.charter_news.title,
    ]
    charter = items[public_site.charter_news.title]
    assert text(charter, "link") == ORIGIN + "actualites/signature-de-la-charte/"
    assert parsedate_to_datetime(text(charter, "pubDate")) == datetime.datetime(
        2023, 6, 1, 8, 0, tzinfo=PARIS
    )
    assert text(charter, "description") == public_site.charter_news.summary
    categories = {category.text for category in charter.findall("category")}
    assert {"Vie du réseau", "charte"} <= categories


def test_atom_feed_of_all_news(client, public_site):
    """The Atom feed carries the same news, each with an id, title, date and link."""
    url = public_site.news_index.url + "flux/atom/"
    entries = check_atom_feed(atom(client, url), url)
    assert list(entries) == [
        public_site.industry_news.title,
        public_site.club_news.title,
        public_site.charter_news.title,
    ]
    charter = entries[public_site.charter_news.title]
    assert charter.find(f"{ATOM}link").get("href") == (
        ORIGIN + "actualites/signature-de-la-charte/"
    )


def test_rss_feed_of_a_tag(client, public_site):
    """The RSS feed of a tag lists only the news carrying that tag."""
    url = public_site.news_index.url + "etiquette/charte/flux/rss/"
    channel = rss(client, url)
    items = check_rss_channel(channel, url)
    assert list(items) == [public_site.club_news.title, public_site.charter_news.title]
    assert "charte" in text(channel, "title")
    assert text(channel, "link") == ORIGIN + "actualites/etiquette/charte/"


def test_atom_feed_of_a_tag(client, public_site):
    """The Atom feed of a tag lists only the news carrying that tag."""
    url = public_site.news_index.url + "etiquette/industrie/flux/atom/"
    entries = check_atom_feed(atom(client, url), url)
    assert list(entries) == [public_site.industry_news.title]


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feed_of_an_unknown_tag_is_a_404(client, public_site, kind):
    """Asking for the feed of a tag nobody uses is a 404."""
    get(client, f"{public_site.news_index.url}etiquette/inconnue/flux/{kind}/", status=404)


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feeds_only_carry_public_published_news(client, public_site, kind):
    """Private, draft and expired news never reach the feeds, whole or by tag."""
    index = public_site.news_index
    hidden = [
        factories.NewsPageFactory(parent=index, title="Brouillon", live=False, tags=["charte"]),
        factories.NewsPageFactory(parent=index, title="Réservée aux membres", tags=["charte"]),
        factories.NewsPageFactory(parent=index, title="Expirée", tags=["charte"]),
    ]
    factories.restrict_to_logged_in(hidden[1])
    factories.expire(hidden[2])
    for url in (f"{index.url}flux/{kind}/", f"{index.url}etiquette/charte/flux/{kind}/"):
        body = get(client, url).content.decode()
        assert public_site.charter_news.slug in body
        for page in hidden:
            assert page.title not in body, (page.title, url)
            assert page.slug not in body, (page.slug, url)


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feed_of_a_restricted_newsroom_is_not_served(client, public_site, kind):
    """News under a private section are not syndicated: its feeds ask for sign-in."""
    index = factories.NewsIndexPageFactory(
        parent=public_site.home, title="Archives réservées", slug="archives-reservees"
    )
    factories.restrict_to_logged_in(index)
    secret = factories.NewsPageFactory(parent=index, title="Note du conseil", tags=["charte"])
    response = client.get(f"{index.url}flux/{kind}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/connexion/")
    public_feed = get(client, f"{public_site.news_index.url}etiquette/charte/flux/{kind}/")
    assert secret.title not in public_feed.content.decode()
