"""News items, stakeholder stories and their indexes."""

import datetime

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from core.blocks import BodyBlock
from core.cache import cached_fragment
from core.cache.routing import CachedPrivacyQuerySetMixin
from core.cards import render_cards
from core.compiled import reuse_sql
from core.images import CARD_SIZES, PORTRAIT_SIZES, SOCIAL_SIZE, with_image
from core.listings import (
    ITEMS_PER_PAGE,
    filter_by_sector,
    filter_value_or_404,
    in_key_order,
    paginate_public_listing,
)
from core.models import BasePage, IntroductionMixin
from core.postgresql import planned_for_values
from core.reading import after_reading
from core.structured_data import json_ld_script
from core.summaries import stored_summary


class NewsCategory(models.Model):
    """A broad subject under which each news item is filed (one per item)."""

    name = models.CharField(_("nom"), max_length=80, unique=True)
    slug = models.SlugField(_("identifiant dans l'adresse"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("catégorie d'actualité")
        verbose_name_plural = _("catégories d'actualité")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)
        super().save(*args, **kwargs)


class NewsPageTag(TaggedItemBase):
    """The link between a news item and one of its tags."""

    content_object = ParentalKey(
        "news.NewsPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class NewsPageQuerySet(CachedPrivacyQuerySetMixin, PageQuerySet):
    """Queries over news items."""

    def for_listing(self):
        """Published public news, newest first, with everything a card shows."""
        listing = (
            self.live()
            .public()
            # Cards never show the body: leave it in the database.
            .defer_streamfields()
            .select_related("category")
            .order_by("-published_on", "-pk")
        )
        return with_image(after_reading(listing, attach_tags), "listing_image", CARD_SIZES)


def attach_tags(items):
    """Each item's tag links, with their tags, in one query (`listed_tag_links`).

    What `prefetch_related` of the item's links would do, without the cluster manager's
    prefetch, which resolves every item of the listing as a value of its filter (a third of
    the cost of a page's tags).
    """
    if not items:
        return
    links = {item.pk: [] for item in items}
    found = NewsPageTag.objects.filter(content_object_id__in=list(links)).select_related("tag")
    for link in reuse_sql(found.order_by("pk"), "listed-tags"):
        links[link.content_object_id].append(link)
    for item in items:
        item.listed_tag_links = links[item.pk]


NewsPageManager = PageManager.from_queryset(NewsPageQuerySet)


class StoryPageQuerySet(CachedPrivacyQuerySetMixin, PageQuerySet):
    """Queries over stakeholder stories."""

    def for_listing(self):
        """Published public stories, newest first, with everything a card shows."""
        listing = (
            self.live()
            .public()
            .defer_streamfields()
            .select_related("organisation", "sector")
            .order_by("-published_on", "-pk")
        )
        return with_image(listing, "portrait_image", PORTRAIT_SIZES)


StoryPageManager = PageManager.from_queryset(StoryPageQuerySet)


POPULAR_TAGS = 15


def archive_summary_key(index):
    return f"news-archive:{index.pk}"


def archive_years(published):
    return [day.year for day in published.dates("published_on", "year", order="DESC")]


def archive_categories(published):
    return list(
        NewsCategory.objects.filter(pk__in=published.values("category")).values(
            "pk", "name", "slug"
        )
    )


def archive_tags(published):
    tags = (
        Tag.objects.filter(news_newspagetag_items__content_object__in=published)
        .annotate(uses=Count("news_newspagetag_items"))
        .order_by("-uses", "name")
    )
    return list(tags.values("pk", "name", "slug")[:POPULAR_TAGS])


# What the newsroom's sidebar and pagination count over every published public item.
ARCHIVE_PARTS = {
    "years": archive_years,
    "categories": archive_categories,
    "tags": archive_tags,
    "count": lambda published: published.count(),
}


def published_news(index):
    return NewsPage.objects.child_of(index).live().public()


def build_archive_summary(index):
    published = published_news(index)
    return {name: part(published) for name, part in ARCHIVE_PARTS.items()}


def archive_pages_key(index):
    return f"news-archive-pages:{index.pk}"


def archive_page_starts(published):
    """Where each page of the whole archive starts: the date and identifier of its first item.

    Page 400 is then read from its first item on, through the index of the archive's order,
    instead of walking the 4,788 items before it (7.5 ms at 10,000 news).
    """
    rows = published.order_by("-published_on", "-pk").values_list("published_on", "pk")
    return [[day.isoformat(), pk] for day, pk in list(rows)[::ITEMS_PER_PAGE]]


# Skipping the items of a few pages costs less than reading where the pages start.
FIRST_PAGE_READ_FROM_ITS_START = 20


def build_archive_summaries():
    summaries = {}
    for newsroom in NewsIndexPage.objects.all():
        summaries[archive_summary_key(newsroom)] = build_archive_summary(newsroom)
        # Apart: only a page after the first reads it.
        summaries[archive_pages_key(newsroom)] = archive_page_starts(published_news(newsroom))
    return summaries


class NewsIndexPage(IntroductionMixin, RoutablePageMixin, BasePage):
    """The newsroom: every news item, by page, tag, category and year, with its feeds."""

    template = "pages/news_index_page.html"
    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsPage"]

    class Meta:
        verbose_name = _("index des actualités")

    def news_items(self):
        """Published public news under this index, newest first, ready for cards."""
        return NewsPage.objects.child_of(self).for_listing()

    def archive_part(self, name):
        """One of the figures counted over the whole archive: years, categories, tags, count.

        Kept in the database and rewritten after each publication (core.summaries) rather
        than counted at each view; while the stored summary is stale, only the figure asked
        for is counted.
        """
        if "_archive_summary" not in self.__dict__:
            self.__dict__["_archive_summary"] = stored_summary(archive_summary_key(self))
        stored = self.__dict__["_archive_summary"]
        if stored is not None:
            return stored[name]
        return ARCHIVE_PARTS[name](published_news(self))

    def archive_years(self):
        """Years that have published news, newest first."""
        return cached_fragment(f"news:{self.pk}:years", lambda: self.archive_part("years"))

    def categories(self):
        return cached_fragment(
            f"news:{self.pk}:categories",
            lambda: [NewsCategory(**fields) for fields in self.archive_part("categories")],
        )

    def popular_tags(self, limit=POPULAR_TAGS):
        """The tags used most by published public news."""
        return cached_fragment(
            f"news:{self.pk}:popular-tags:{limit}",
            lambda: [
                Tag(pk=tag["pk"], name=tag["name"], slug=tag["slug"])
                for tag in self.archive_part("tags")[:limit]
            ],
        )

    def published_tag_or_404(self, slug, news):
        """The tag `slug` if one of `news` (published news of this index) carries it.

        A tag exists as soon as a draft, or a mere preview, names it: its listing and feeds
        must not tell visitors about it before an article carrying it is published.
        """
        carried = Tag.objects.filter(
            slug=slug, news_newspagetag_items__content_object__in=news.values("pk")
        )
        tag = next(iter(reuse_sql(carried.order_by("pk")[:1], "published-tag")), None)
        if tag is None:
            raise Http404
        return tag

    def live_tag_or_404(self, slug):
        # Feeds read their own public items; live news are enough to know the tag, without
        # a second read of the privacy restrictions.
        return self.published_tag_or_404(slug, NewsPage.objects.child_of(self).live())

    def page_of_identifiers(self, page, pks, whole_archive):
        """The identifiers of `page`'s items: for the whole archive's later pages, read from
        the page's first item on (core.summaries keeps where each page starts); else by
        skipping the items of the pages before."""
        start = None
        if whole_archive and page.number >= FIRST_PAGE_READ_FROM_ITS_START:
            starts = stored_summary(archive_pages_key(self))
            if starts is not None and len(starts) == page.paginator.num_pages:
                start = starts[page.number - 1]
        if start is None:
            return list(reuse_sql(page.object_list, "news-listing-ids"))
        day, pk = datetime.date.fromisoformat(start[0]), start[1]
        # `published_on <= day` walks the archive's index from that day on; the items of that
        # day that come before the first one are left out.
        from_start = pks.filter(published_on__lte=day).exclude(published_on=day, pk__gt=pk)
        return list(reuse_sql(from_start[:ITEMS_PER_PAGE], "news-listing-ids-from"))

    def listing_description(self, current_category=None, current_tag=None, current_year=None):
        """The meta description of a filtered listing, which the index's own would misdescribe."""
        if current_category is not None:
            return (
                current_category.description
                or f"Les actualités « {current_category.name} » du réseau Limoges attractivité."
            )
        if current_tag is not None:
            return f"Les actualités du réseau Limoges attractivité sur « {current_tag.name} »."
        if current_year is not None:
            return f"Les actualités publiées en {current_year} par le réseau Limoges attractivité."
        return ""

    def render_listing(self, request, items, **extra):
        # Only the identifiers of the page's items are read, and like the count they are kept
        # per generation under a name made of the filters (page 400 then skips nothing);
        # cards come from the cache and only the items behind missing ones are loaded.
        filters = [extra.get(name) for name in ("current_category", "current_tag", "current_year")]
        key = "news-listing:" + ":".join(str(getattr(f, "pk", f) or "") for f in [self, *filters])
        pks = items.values_list("pk", flat=True)
        paginator = Paginator(pks, ITEMS_PER_PAGE)
        # The whole archive's count is part of its summary; a filtered one is counted.
        # Both scan every item under the index: planned for their own values (core.postgresql).
        with planned_for_values():
            paginator.count = cached_fragment(
                f"{key}:count",
                lambda: pks.count() if any(filters) else self.archive_part("count"),
            )
            page_of_pks = paginator.get_page(request.GET.get("page"))
            if paginator.count:
                page_of_pks.object_list = cached_fragment(
                    f"{key}:page:{page_of_pks.number}",
                    lambda: self.page_of_identifiers(
                        page_of_pks, pks, whole_archive=not any(filters)
                    ),
                )
        tag = extra.get("current_tag")
        context = {
            "listing_description": self.listing_description(**extra),
            "items": page_of_pks,
            "cards": render_cards(
                request,
                page_of_pks.object_list,
                lambda pks: reuse_sql(items.filter(pk__in=pks), "news-cards"),
                "components/news_card_body.html",
                "news-card",
                "item",
                vary=(2, tag.pk if tag else ""),
                context={"heading_level": 2, "current_tag": tag, "news_index": self},
            ),
            # Read only when the sidebar is not cached yet, then once.
            "categories": SimpleLazyObject(self.categories),
            "popular_tags": SimpleLazyObject(self.popular_tags),
            "archive_years": SimpleLazyObject(self.archive_years),
            **extra,
        }
        return self.render(request, context_overrides=context)

    @path("")
    def index(self, request):
        items = published = self.news_items()
        category = None
        if slug := request.GET.get("categorie"):
            category = NewsCategory.objects.filter(slug=filter_value_or_404(slug)).first()
            if category is None:
                raise Http404
            items = items.filter(category=category)
        tag = None
        if slug := request.GET.get("tag"):
            tag = self.published_tag_or_404(filter_value_or_404(slug), published)
            items = items.filter(tags=tag)
        return self.render_listing(request, items, current_category=category, current_tag=tag)

    # Tag slugs may carry accents (« conseil-stratégique »), which <slug:> refuses.
    @re_path(r"^etiquette/(?P<tag>[-\w]+)/$")
    def tag_listing(self, request, tag):
        items = self.news_items()
        tag = self.published_tag_or_404(tag, items)
        return self.render_listing(request, items.filter(tags=tag), current_tag=tag)

    @path("categorie/<slug:category>/")
    def category_listing(self, request, category):
        category = get_object_or_404(NewsCategory, slug=category)
        return self.render_listing(
            request, self.news_items().filter(category=category), current_category=category
        )

    @re_path(r"^(?P<year>\d{4})/$")
    def year_archive(self, request, year):
        year = int(year)
        # « 0000 » would read as no year at all, and before 1000 there is nothing to archive.
        if year < 1000:
            raise Http404
        items = self.news_items().filter(published_on__year=year)
        return self.render_listing(request, items, current_year=year)

    @path("flux/rss/")
    def rss_feed(self, request):
        from .feeds import NewsRssFeed

        return NewsRssFeed(self)(request)

    @path("flux/atom/")
    def atom_feed(self, request):
        from .feeds import NewsAtomFeed

        return NewsAtomFeed(self)(request)

    @re_path(r"^etiquette/(?P<tag>[-\w]+)/flux/rss/$")
    def tag_rss_feed(self, request, tag):
        from .feeds import NewsRssFeed

        return NewsRssFeed(self, self.live_tag_or_404(tag))(request)

    @re_path(r"^etiquette/(?P<tag>[-\w]+)/flux/atom/$")
    def tag_atom_feed(self, request, tag):
        from .feeds import NewsAtomFeed

        return NewsAtomFeed(self, self.live_tag_or_404(tag))(request)

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        root = self.get_full_url(request)
        if root:
            urls.extend({"location": f"{root}{year}/"} for year in self.archive_years())
        return urls


class DatedPageForm(WagtailAdminPageForm):
    """One publication date for editors: a scheduled page is dated the day it goes live.

    The article's own date (`published_on`, shown to readers and ordering the listings) may be
    set to an earlier day for an archived story; when a go-live date is scheduled after it,
    the date readers see follows the schedule instead of announcing a day it was not online.
    """

    def clean(self):
        cleaned_data = super().clean()
        go_live_at = cleaned_data.get("go_live_at")
        published_on = cleaned_data.get("published_on")
        if go_live_at and go_live_at > timezone.now():
            scheduled_day = timezone.localtime(go_live_at).date()
            if published_on != scheduled_day:
                cleaned_data["published_on"] = scheduled_day
                self.instance.published_on = scheduled_day
        return cleaned_data


class NewsPageForm(DatedPageForm):
    """A news item is published with a summary and a listing image; a draft may wait.

    Required on the form rather than checked in `clean()`: Wagtail then defers them when a
    draft is saved (by the editor or the autosave), and asks for them on submit and publish.
    """

    REQUIRED_TO_PUBLISH = {
        "summary": _("Le résumé est obligatoire pour une actualité."),
        "listing_image": _("Choisissez une image de liste."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, message in self.REQUIRED_TO_PUBLISH.items():
            if name in self.fields:
                self.fields[name].required = True
                self.fields[name].error_messages["required"] = message


class NewsPage(BasePage):
    """A news item of the network."""

    base_form_class = NewsPageForm

    template = "pages/news_page.html"
    serve_related = ("listing_image", "category")
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    published_on = models.DateField(
        _("date de publication"),
        default=timezone.localdate,
        help_text=_(
            "La date affichée aux lecteurs. Une publication programmée prend la date "
            "de mise en ligne programmée."
        ),
    )
    category = models.ForeignKey(
        NewsCategory,
        verbose_name=_("catégorie"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="news_pages",
    )
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True, verbose_name=_("étiquettes"))
    body = StreamField(BodyBlock(), verbose_name=_("contenu"))

    objects = NewsPageManager()

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("published_on"), FieldPanel("category"), FieldPanel("tags")],
            heading=_("Classement"),
        ),
        FieldPanel("summary"),
        FieldPanel("listing_image"),
        FieldPanel("body"),
    ]
    promote_panels = Page.promote_panels

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("published_on"),
    ]

    class Meta:
        verbose_name = _("actualité")
        verbose_name_plural = _("actualités")
        # Listings read the archive newest first: an index in that order finds page 1 (or
        # 400) without sorting ten thousand rows.
        indexes = [
            models.Index(fields=["-published_on", "-page_ptr"], name="news_newest_first_idx")
        ]

    def clean(self):
        super().clean()
        if self.listing_image is not None and not self.listing_image.alt_text:
            raise ValidationError(
                {
                    "listing_image": _(
                        "Cette image n'a pas de texte alternatif : "
                        "complétez-le dans la médiathèque."
                    )
                }
            )

    @property
    def json_ld(self):
        """The schema.org NewsArticle describing this item, safe inside a script element."""
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": self.title[:110],
            "description": self.summary,
            "datePublished": self.published_on.isoformat(),
            "dateModified": (self.last_published_at or timezone.now()).isoformat(),
            "inLanguage": "fr-FR",
            "mainEntityOfPage": self.full_url,
            "publisher": {"@type": "Organization", "name": "Limoges attractivité"},
            "author": {"@type": "Organization", "name": "Limoges attractivité"},
        }
        if self.listing_image_id:
            rendition = self.listing_image.get_rendition(SOCIAL_SIZE)
            data["image"] = [rendition.full_url]
        if self.category_id:
            data["articleSection"] = self.category.name
        return json_ld_script(data)

    @cached_property
    def listed_tags(self):
        """The item's tags by name, from a listing's prefetch (for_listing) when there is one;
        read once for the page itself, which shows them and compares them for related news."""
        links = getattr(self, "listed_tag_links", None)
        tags = [link.tag for link in links] if links is not None else self.tags.all()
        return sorted(tags, key=lambda tag: tag.name)

    def related_news(self, limit=3):
        """Other news sharing tags or the category, the most tags in common first."""
        # From the page's own cluster, so a preview compares the tags being edited; a tag
        # typed for the first time has no identifier yet and no other news shares it.
        tag_ids = [tag.pk for tag in self.listed_tags if tag.pk is not None]
        others = NewsPage.objects.live().public().exclude(pk=self.pk)
        chosen = []
        if tag_ids:
            # Counted on the tag links of these tags alone, not over a join of the archive
            # with its categories and tags (20 ms at 10,000 news, under 2 ms this way).
            sharing = (
                NewsPageTag.objects.filter(tag_id__in=tag_ids, content_object__in=others)
                .values("content_object_id")
                .annotate(shared=Count("tag_id", distinct=True))
                .order_by("-shared", "-content_object__published_on", "-content_object_id")
            )
            chosen = [row["content_object_id"] for row in sharing[:limit]]
        if len(chosen) < limit and self.category_id:
            chosen += list(
                others.filter(category_id=self.category_id)
                .exclude(pk__in=chosen)
                .order_by("-published_on", "-pk")
                .values_list("pk", flat=True)[: limit - len(chosen)]
            )
        if not chosen:
            return []
        return in_key_order(chosen, NewsPage.objects.for_listing().filter(pk__in=chosen))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read only when the section is not cached yet (it compares tags across the archive).
        context["related_news"] = SimpleLazyObject(self.related_news)
        return context


class StoryIndexPage(IntroductionMixin, BasePage):
    """Portraits of the people and organisations that make the territory."""

    template = "pages/story_index_page.html"
    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.StoryPage"]

    class Meta:
        verbose_name = _("index des portraits")

    def stories(self):
        """Published public stories under this index, newest first, ready for cards."""
        return StoryPage.objects.child_of(self).for_listing()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        stories, sector_filter = filter_by_sector(
            request, self.stories(), StoryPage.objects.child_of(self).live().public()
        )
        context["stories"] = context["listing"] = paginate_public_listing(request, stories)
        context.update(sector_filter)
        return context


class StoryPage(BasePage):
    """A stakeholder portrait: a person, their organisation and what they bring."""

    base_form_class = DatedPageForm

    template = "pages/story_page.html"
    serve_related = ("listing_image", "portrait_image", "organisation", "sector")
    parent_page_types = ["news.StoryIndexPage"]
    subpage_types = []

    published_on = models.DateField(_("date de publication"), default=timezone.localdate)
    person_name = models.CharField(_("personne"), max_length=255)
    person_role = models.CharField(_("fonction"), max_length=255)
    organisation = models.ForeignKey(
        "members.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stories",
    )
    sector = models.ForeignKey(
        "core.Sector",
        verbose_name=_("secteur"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stories",
    )
    portrait_image = models.ForeignKey(
        "core.SiteImage",
        verbose_name=_("portrait"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    pull_quote = models.TextField(_("citation mise en avant"), max_length=400)
    body = StreamField(BodyBlock(), verbose_name=_("contenu"))

    objects = StoryPageManager()

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("person_name"),
                FieldPanel("person_role"),
                FieldPanel("organisation"),
                FieldPanel("sector"),
                FieldPanel("portrait_image"),
            ],
            heading=_("La personne"),
        ),
        FieldPanel("published_on"),
        FieldPanel("pull_quote"),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    promote_panels = [FieldPanel("listing_image"), *Page.promote_panels]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("person_name"),
        index.SearchField("person_role"),
        index.SearchField("pull_quote"),
        index.SearchField("body"),
        index.FilterField("published_on"),
    ]

    class Meta:
        verbose_name = _("portrait")
        verbose_name_plural = _("portraits")
        indexes = [
            models.Index(fields=["-published_on", "-page_ptr"], name="story_newest_first_idx")
        ]

    def clean(self):
        super().clean()
        if self.portrait_image is not None and not self.portrait_image.alt_text:
            raise ValidationError(
                {
                    "portrait_image": _(
                        "Ce portrait n'a pas de texte alternatif : "
                        "complétez-le dans la médiathèque."
                    )
                }
            )

    @property
    def social_image(self):
        return self.listing_image or self.portrait_image


def listing_urls(page, ancestor, url):
    """Addresses under a news index that list `page`: its feeds, and its tags' listings and
    feeds (registered with core.hooks, for the CDN purge)."""
    if not isinstance(ancestor, NewsIndexPage):
        return []
    urls = [url + "flux/rss/", url + "flux/atom/"]
    if isinstance(page, NewsPage):
        for slug in page.tags.values_list("slug", flat=True):
            listing = f"{url}etiquette/{slug}/"
            urls += [listing, listing + "flux/rss/", listing + "flux/atom/"]
    return urls
