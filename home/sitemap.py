"""The sitemap: an index of sections (news by year, stories, public events, other pages).

One sitemap of the whole site loaded every page as its specific type and grew with the news
archive. Each section now costs a couple of queries whatever the archive's size: its count
and its rows, reading only the columns an address and its date need. The index reads every
section's count and latest date with one aggregate query per kind of section.
"""

import re
from dataclasses import dataclass

from django.contrib.sitemaps import views as sitemap_views
from django.core.paginator import Paginator
from django.db.models import Count, Max, Q
from django.db.models.functions import Coalesce, ExtractYear
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.decorators.http import require_safe

from wagtail.contrib.sitemaps.sitemap_generator import Sitemap
from wagtail.models import Page, Site

from core.cache.routing import restricted_q
from core.models import without_member_only
from members.models import EventPage
from news.models import NewsPage, StoryPage

# What an address and its <lastmod> read (Page.get_sitemap_urls): nothing else is loaded.
URL_FIELDS = ("url_path", "last_published_at", "latest_revision_created_at")
LASTMOD = Coalesce("last_published_at", "latest_revision_created_at")
NEWS_SECTION = re.compile(r"actualites-(?P<year>\d{4})")


@dataclass(frozen=True)
class SectionSummary:
    """What the index says of a section: how many addresses, and the latest change."""

    count: int
    lastmod: object


@dataclass(frozen=True)
class SitemapScope:
    """What every section of one request shares: the site, and the private pages, read once."""

    request: HttpRequest
    site: Site
    hidden: Q

    @classmethod
    def for_request(cls, request):
        site = Site.find_for_request(request)
        if site is None:
            # Wagtail's own sitemap falls back on the default site the same way.
            site = Site.objects.select_related("root_page").get(is_default_site=True)
        return cls(request, site, restricted_q())

    def live_public(self, model):
        """Live pages of `model` on this site that anyone may read (`.live().public()`)."""
        pages = model.objects.live().descendant_of(self.site.root_page, inclusive=True)
        return pages.exclude(self.hidden)


class CountedPaginator(Paginator):
    """A paginator told its count, so that the index asks no COUNT per section."""

    def __init__(self, object_list, per_page, count):
        super().__init__(object_list, per_page)
        self.count = count


class SitemapSection(Sitemap):
    """One section of the sitemap: live public pages of the current site, never member-only."""

    name = ""

    def __init__(self, scope, summary=None):
        super().__init__(scope.request)
        self.scope = scope
        self.summary = summary

    def get_wagtail_site(self):
        return self.scope.site

    def pages(self):
        """The section's pages, unordered and with every column (the index aggregates them)."""
        raise NotImplementedError

    def items(self):
        return self.pages().only(*URL_FIELDS).order_by("path")

    def summarise(self):
        return SectionSummary(**self.pages().aggregate(count=Count("pk"), lastmod=Max(LASTMOD)))

    def get_latest_lastmod(self):
        return (self.summary or self.summarise()).lastmod

    @cached_property
    def paginator(self):
        if self.summary is None:
            return Paginator(self.items(), self.limit)
        return CountedPaginator(self.items(), self.limit, self.summary.count)


def news_section_name(year):
    return f"actualites-{year}"


class NewsYearSitemap(SitemapSection):
    """News items dated in one year, newest first."""

    def __init__(self, scope, year, summary=None):
        super().__init__(scope, summary)
        self.year = year
        self.name = news_section_name(year)

    def pages(self):
        return self.scope.live_public(NewsPage).filter(published_on__year=self.year)

    def items(self):
        return self.pages().only(*URL_FIELDS).order_by("-published_on", "-pk")


class StorySitemap(SitemapSection):
    """Stakeholder stories."""

    name = "portraits"

    def pages(self):
        return self.scope.live_public(StoryPage)


class AgendaSitemap(SitemapSection):
    """Public events: member events are a subtype of EventPage, left out by type."""

    name = "agenda"

    def pages(self):
        return self.scope.live_public(EventPage).exact_type(EventPage)


# Page types that have sections of their own; "pages" lists every other public type.
SECTION_TYPES = (NewsPage, StoryPage, EventPage)


class OtherPagesSitemap(SitemapSection):
    """Every other public page: home, indexes, standard pages, directory, forms.

    A few dozen pages, read as their specific types without loading their own columns, so
    that each type's `get_sitemap_urls()` adds what it serves besides itself (the news
    index adds its yearly archives).
    """

    name = "pages"

    def pages(self):
        return without_member_only(self.scope.live_public(Page)).not_type(*SECTION_TYPES)

    def items(self):
        return self.pages().order_by("path").specific(defer=True)


def sections(request):
    """Every section with at least one address, each with its count and latest change."""
    scope = SitemapScope.for_request(request)
    by_year = (
        scope.live_public(NewsPage)
        .order_by()
        .values(year=ExtractYear("published_on"))
        .annotate(count=Count("pk"), lastmod=Max(LASTMOD))
        .order_by("-year")
    )
    news = [
        NewsYearSitemap(scope, row["year"], SectionSummary(row["count"], row["lastmod"]))
        for row in by_year
    ]
    pages = OtherPagesSitemap(scope)
    own = pages.summarise()
    # The news index lists its yearly archives, which change with the news, not with it.
    latest = [day for day in (own.lastmod, *(year.summary.lastmod for year in news)) if day]
    pages.summary = SectionSummary(own.count, max(latest, default=None))
    found = [pages, *news]
    for section in (StorySitemap(scope), AgendaSitemap(scope)):
        section.summary = section.summarise()
        if section.summary.count:
            found.append(section)
    return {section.name: section for section in found}


def section_for(request, name):
    """The section called `name`, or None when there is no such section."""
    scope = SitemapScope.for_request(request)
    if match := NEWS_SECTION.fullmatch(name):
        return NewsYearSitemap(scope, int(match["year"]))
    for section_class in (OtherPagesSitemap, StorySitemap, AgendaSitemap):
        if section_class.name == name:
            return section_class(scope)
    return None


@require_safe
def sitemap_index(request):
    return sitemap_views.index(request, sections(request), sitemap_url_name="sitemap_section")


@require_safe
def sitemap_section(request, section):
    sitemap = section_for(request, section)
    # An empty section is not in the index: its address is as unknown as a misspelt one.
    if sitemap is None or not sitemap.paginator.count:
        raise Http404
    return sitemap_views.sitemap(request, {section: sitemap}, section=section)


def section_urls(page, root_url):
    """The sitemap index and the sections that list `page`, or listed it before a change of
    date (registered with core.hooks, for the CDN purge)."""
    if getattr(page, "member_only", False):
        return []
    if isinstance(page, NewsPage):
        # The date the page had before this change is gone: every year's section is named.
        years = {
            page.published_on.year,
            *(day.year for day in NewsPage.objects.live().dates("published_on", "year")),
        }
        names = [OtherPagesSitemap.name, *(news_section_name(year) for year in sorted(years))]
    elif isinstance(page, StoryPage):
        names = [StorySitemap.name]
    elif isinstance(page, EventPage):
        names = [AgendaSitemap.name]
    else:
        names = [OtherPagesSitemap.name]
    return [
        root_url + reverse("sitemap"),
        *(root_url + reverse("sitemap_section", kwargs={"section": name}) for name in names),
    ]
