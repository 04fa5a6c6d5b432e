"""The home page, standard pages and site settings."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import BodyBlock
from core.cache import cached_fragment, fragment_cache_enabled
from core.cache.routing import public_pages
from core.models import BasePage
from members.models import Organisation
from news.models import NewsPage, StoryPage


def featured_story_ids(home):
    """The chosen stories: a subquery for a saved page, the editor's choice in a preview."""
    chosen = home.featured_stories.all()
    if isinstance(chosen, models.QuerySet):
        return chosen.values("pk")
    # A preview's choice lives in the page's cluster, not in the database yet.
    return [story.pk for story in chosen]


class HomePage(BasePage):
    """The network's front page: its pitch, latest news, featured stories and founders."""

    template = "pages/home_page.html"
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "news.NewsIndexPage",
        "news.StoryIndexPage",
        "members.AgendaIndexPage",
        "members.PartnerDirectoryPage",
        "members.MemberAreaPage",
        "members.JoinClubPage",
        "home.StandardPage",
    ]

    hero_title = models.CharField(_("accroche"), max_length=255)
    hero_text = models.TextField(_("texte d'introduction"), blank=True)
    hero_image = models.ForeignKey(
        "core.SiteImage",
        verbose_name=_("image d'en-tête"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = RichTextField(_("présentation du réseau"), blank=True)
    featured_stories_title = models.CharField(
        _("titre des portraits à la une"), max_length=255, default="Ils font le territoire"
    )
    featured_stories = ParentalManyToManyField(
        "news.StoryPage", verbose_name=_("portraits à la une"), blank=True, related_name="+"
    )
    join_title = models.CharField(
        _("titre de l'appel à rejoindre le club"),
        max_length=255,
        default="Rejoignez le club des partenaires",
    )
    join_text = models.TextField(_("texte de l'appel"), blank=True)
    join_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page de l'appel"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("hero_title"), FieldPanel("hero_text"), FieldPanel("hero_image")],
            heading=_("En-tête"),
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("featured_stories_title"), FieldPanel("featured_stories")],
            heading=_("Portraits à la une"),
        ),
        MultiFieldPanel(
            [FieldPanel("join_title"), FieldPanel("join_text"), FieldPanel("join_page")],
            heading=_("Club des partenaires"),
        ),
    ]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("hero_text"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = _("page d'accueil")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_news"] = NewsPage.objects.for_listing().descendant_of(self)[:6]
        context["featured_stories"] = StoryPage.objects.for_listing().filter(
            pk__in=featured_story_ids(self)
        )[:3]
        context["founding_members"] = Organisation.objects.founding_members()
        return context


class StandardPage(BasePage):
    """A page of the network: its bodies, the charter, legal notice, privacy, accessibility."""

    template = "pages/standard_page.html"
    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    introduction = models.TextField(_("chapeau"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("contenu"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = _("page standard")
        verbose_name_plural = _("pages standard")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["child_pages"] = (
            public_pages(self.get_children().live()).in_menu().specific().order_by("path")
        )
        return context


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Contact details, social links and footer text shown on every page."""

    @classmethod
    def for_site(cls, site):
        # Every page shows them: read once per generation (a change to them bumps it).
        # Wagtail's for_request() asks here, then keeps the answer for the request.
        read = super().for_site
        if site is None or not fragment_cache_enabled():
            return read(site)
        return cached_fragment(f"site-settings:{site.pk}", lambda: read(site))

    organisation_name = models.CharField(
        _("nom de l'organisation"), max_length=255, default="Limoges attractivité"
    )
    address = models.TextField(
        _("adresse postale"),
        blank=True,
        default="Limoges Métropole\n19 rue Bernard Palissy\n87031 Limoges Cedex 1",
    )
    email = models.EmailField(_("adresse électronique"), blank=True)
    phone = models.CharField(_("téléphone"), max_length=40, blank=True)
    linkedin_url = models.URLField(_("LinkedIn"), blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)
    mastodon_url = models.URLField(_("Mastodon"), blank=True)
    footer_text = models.TextField(_("texte du pied de page"), blank=True)
    twitter_handle = models.CharField(
        _("compte X (Twitter)"), max_length=40, blank=True, help_text=_("Sans le @.")
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organisation_name"),
                FieldPanel("address"),
                FieldPanel("email"),
                FieldPanel("phone"),
            ],
            heading=_("Coordonnées"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("linkedin_url"),
                FieldPanel("facebook_url"),
                FieldPanel("instagram_url"),
                FieldPanel("youtube_url"),
                FieldPanel("mastodon_url"),
                FieldPanel("twitter_handle"),
            ],
            heading=_("Réseaux sociaux"),
        ),
        FieldPanel("footer_text"),
    ]

    class Meta:
        verbose_name = _("paramètres du site")

    @property
    def social_links(self):
        links = [
            ("LinkedIn", self.linkedin_url),
            ("Facebook", self.facebook_url),
            ("Instagram", self.instagram_url),
            ("YouTube", self.youtube_url),
            ("Mastodon", self.mastodon_url),
        ]
        return [(label, url) for label, url in links if url]
