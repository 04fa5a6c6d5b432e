"""RSS 2.0 and Atom feeds of the news, whole or by tag."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

FEED_LENGTH = 20


class NewsRssFeed(Feed):
    """The latest published public news as RSS 2.0."""

    feed_type = Rss201rev2Feed
    language = "fr"

    def __init__(self, index_page, tag=None):
        super().__init__()
        self.index_page = index_page
        self.tag = tag

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        base = f"{self.index_page.title} — Limoges attractivité"
        return f"{base} : {self.tag.name}" if self.tag else base

    def link(self):
        if self.tag:
            return self.index_page.url + self.index_page.reverse_subpage(
                "tag_listing", args=[self.tag.slug]
            )
        return self.index_page.url

    def feed_url(self):
        return self.request.path

    def description(self):
        return self.index_page.introduction or "Les actualités du réseau Limoges attractivité."

    def items(self):
        items = self.index_page.news_items()
        if self.tag:
            items = items.filter(tags=self.tag)
        return items[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_url(self.request)

    def item_guid(self, item):
        return item.get_full_url(self.request)

    item_guid_is_permalink = True

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.combine(item.published_on, time(8, 0)))

    def item_updateddate(self, item):
        # Atom requires <updated> on every entry.
        return item.last_published_at or self.item_pubdate(item)

    def item_categories(self, item):
        names = [tag.name for tag in item.listed_tags]
        if item.category:
            names.insert(0, item.category.name)
        return names


class NewsAtomFeed(NewsRssFeed):
    """The same news as an Atom 1.0 feed (RFC 4287)."""

    feed_type = Atom1Feed
    subtitle = NewsRssFeed.description
    # RFC 4287 wants an author on the feed or on every entry; entries inherit this one.
    author_name = "Limoges attractivité"
