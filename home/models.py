"""The home page, standard pages and site settings."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from core.cache import cached_fragment, fragment_cache_enabled
from core.cache.routing import public_pages
from core.compiled import compiled, reuse_sql
from core.images import HERO_SIZES, attach_renditions, expand_specs
from core.models import BasePage
from members.models import Organisation
from news.models import NewsPage, StoryPage

from .blocks import StandardPageBodyBlock
from .open_data import LICENCE, catalogue


def featured_story_ids(home):
    """The chosen stories' identifiers: read for a saved page, the editor's choice in a
    preview."""
    chosen = home.featured_stories.all()
    if isinstance(chosen, models.QuerySet):
        # A list rather than a subquery: PostgreSQL took 2.6 ms to plan the stories' query
        # with it (seven tables to order), 0.7 ms with the identifiers.
        return list(reuse_sql(chosen.order_by().values_list("pk", flat=True), "featured-ids"))
    # A preview's choice lives in the page's cluster, not in the database yet.
    return [story.pk for story in chosen]


class HomePage(BasePage):
    """The network's front page: its pitch, latest news, featured stories and founders."""

    template = "pages/home_page.html"
    max_count = 1
    # Read with the page when it is served (core.cache.routing.prime_route): the hero and
    # the call to join the club show them.
    serve_related = ("listing_image", "hero_image", "join_page")
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "news.NewsIndexPage",
        "news.StoryIndexPage",
        "members.AgendaIndexPage",
        "members.PartnerDirectoryPage",
        "members.MemberAreaPage",
        "members.JoinClubPage",
        "home.StandardPage",
        "home.OpenDataPage",
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
        if self.hero_image_id:
            # Its renditions in one query, rather than through Wagtail's rendition cache, which
            # pickles them at every visit without a shared cache.
            attach_renditions([self], "hero_image", expand_specs(HERO_SIZES))
        # Built the same way at every visit: their SQL is compiled once (core.compiled).
        context["latest_news"] = reuse_sql(
            NewsPage.objects.for_listing().descendant_of(self)[:6], "home-latest-news"
        )
        # Lazy: with the fragments, a cached section reads nothing, not even the choice.
        context["featured_stories"] = SimpleLazyObject(
            lambda: list(
                reuse_sql(
                    StoryPage.objects.for_listing().filter(pk__in=featured_story_ids(self))[:3],
                    "home-featured-stories",
                )
            )
        )
        context["founding_members"] = reuse_sql(
            Organisation.objects.founding_members(), "home-founding-members"
        )
        return context


class StandardPage(BasePage):
    """A page of the network: its bodies, the charter, legal notice, privacy, accessibility."""

    template = "pages/standard_page.html"
    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    introduction = models.TextField(_("chapeau"), blank=True)
    body = StreamField(StandardPageBodyBlock(), verbose_name=_("contenu"), blank=True)

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


class OpenDataPage(BasePage):
    """« Données ouvertes »: the datasets the network publishes, their files and licence."""

    template = "pages/open_data_page.html"
    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = []

    introduction = models.TextField(_("chapeau"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    class Meta:
        verbose_name = _("page des données ouvertes")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["datasets"] = catalogue(request)
        context["licence"] = LICENCE
        return context


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Contact details, social links and footer text shown on every page."""

    # The legal pages the footer links are found among the menu's pages
    # (home.context_processors.SiteNavigation.legal): joining them here cost a third of
    # every page's settings query.

    @classmethod
    def for_site(cls, site):
        # Every page shows them: read once per generation (a change to them bumps it).
        # Wagtail's for_request() asks here, then keeps the answer for the request.
        create = super().for_site

        def read(site):
            # The same statement on every page, compiled once (core.compiled); Wagtail's
            # get_or_create when the site has none yet.
            found = compiled(
                "site-settings", lambda: cls.base_queryset().filter(site_id=site.pk)[:1], [site.pk]
            )
            return next(iter(found), None) or create(site)

        if site is None:
            return create(site)
        if not fragment_cache_enabled():
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

    # Legal notices (LCEN art. 6): every item below is mandatory; a missing one shows as a
    # warning on the admin's dashboard (home.legal.missing_legal_items).
    publisher_name = models.CharField(_("éditeur du site"), max_length=255, blank=True)
    publisher_address = models.TextField(_("adresse de l'éditeur"), blank=True)
    publisher_phone = models.CharField(_("téléphone de l'éditeur"), max_length=40, blank=True)
    publication_director = models.CharField(
        _("directeur ou directrice de la publication"), max_length=255, blank=True
    )
    host_name = models.CharField(_("hébergeur"), max_length=255, blank=True)
    host_address = models.TextField(_("adresse de l'hébergeur"), blank=True)
    host_phone = models.CharField(_("téléphone de l'hébergeur"), max_length=40, blank=True)
    photo_credits = models.TextField(
        _("crédits photographiques"),
        blank=True,
        help_text=_("Les crédits généraux ; chaque image peut aussi porter le sien."),
    )

    # The accessibility statement's header (RGAA; loi 2005-102 art. 47).
    class Conformance(models.TextChoices):
        NONE = "non", _("non conforme")
        PARTIAL = "partiellement", _("partiellement conforme")
        FULL = "totalement", _("totalement conforme")

    accessibility_conformance = models.CharField(
        _("état de conformité au RGAA"),
        max_length=20,
        choices=Conformance.choices,
        default=Conformance.NONE,
    )
    accessibility_audit_date = models.DateField(_("date de l'audit"), null=True, blank=True)
    accessibility_rate = models.DecimalField(
        _("taux de conformité (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    accessibility_contact = models.CharField(
        _("contact pour l'accessibilité"),
        max_length=255,
        blank=True,
        help_text=_("Une adresse électronique ou l'adresse d'un formulaire de contact."),
    )
    legal_notice_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page des mentions légales"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page des données personnelles"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page de la déclaration d'accessibilité"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
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
        MultiFieldPanel(
            [
                FieldPanel("publisher_name"),
                FieldPanel("publisher_address"),
                FieldPanel("publisher_phone"),
                FieldPanel("publication_director"),
                FieldPanel("host_name"),
                FieldPanel("host_address"),
                FieldPanel("host_phone"),
                FieldPanel("photo_credits"),
                FieldPanel("legal_notice_page"),
                FieldPanel("privacy_page"),
            ],
            heading=_("Mentions légales et données personnelles"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("accessibility_conformance"),
                FieldPanel("accessibility_audit_date"),
                FieldPanel("accessibility_rate"),
                FieldPanel("accessibility_contact"),
                FieldPanel("accessibility_page"),
            ],
            heading=_("Déclaration d'accessibilité"),
        ),
    ]

    class Meta:
        verbose_name = _("paramètres du site")

    # What the law asks each statement to show: (field, label) pairs, checked on the
    # admin's dashboard.
    LEGAL_ITEMS = [
        ("publisher_name", _("l'éditeur du site")),
        ("publisher_address", _("l'adresse de l'éditeur")),
        ("publisher_phone", _("le téléphone de l'éditeur")),
        ("publication_director", _("le directeur ou la directrice de la publication")),
        ("host_name", _("l'hébergeur")),
        ("host_address", _("l'adresse de l'hébergeur")),
        ("host_phone", _("le téléphone de l'hébergeur")),
        ("accessibility_contact", _("le contact pour l'accessibilité")),
        ("legal_notice_page", _("la page des mentions légales")),
        ("privacy_page", _("la page des données personnelles")),
        ("accessibility_page", _("la page de la déclaration d'accessibilité")),
    ]

    def missing_legal_items(self):
        """The mandatory items left empty, in words."""
        missing = [
            label
            for name, label in self.LEGAL_ITEMS
            # A page's identifier says whether it is chosen, without reading the page.
            if not getattr(self, self._meta.get_field(name).attname)
        ]
        if self.accessibility_conformance != self.Conformance.NONE:
            if self.accessibility_audit_date is None:
                missing.append(_("la date de l'audit d'accessibilité"))
            if self.accessibility_rate is None:
                missing.append(_("le taux de conformité"))
        return missing

    @property
    def accessibility_line(self):
        """« Accessibilité : partiellement conforme », as every footer says."""
        return f"Accessibilité : {self.get_accessibility_conformance_display()}"

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
