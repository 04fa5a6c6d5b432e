"""Partner organisations and the public directory that presents them."""

from django.db import models
from django.shortcuts import redirect
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from core.images import LOGO_SIZES, with_image
from core.listings import filter_by_sector, paginate_public_listing
from core.models import BasePage, IntroductionMixin, Sector

from ..validators import validate_siret


class OrganisationQuerySet(SearchableQuerySetMixin, models.QuerySet):
    """Queries over partner organisations."""

    def in_directory_order(self):
        """Founding members first, then club partners, each by name: the directory's order."""
        kind_rank = models.Case(
            *(
                models.When(kind=kind, then=models.Value(rank))
                for rank, kind in enumerate(Organisation.Kind.values)
            ),
            default=models.Value(len(Organisation.Kind.values)),
        )
        return self.order_by(kind_rank, "name")

    def for_directory(self):
        """Organisations shown publicly, with their sector and logo renditions."""
        shown = self.filter(show_in_directory=True).select_related("sector")
        return with_image(shown, "logo", LOGO_SIZES).in_directory_order()

    def founding_members(self):
        """The founding members shown publicly, by name (the directory's order among them).

        Ordered by name alone: the directory's ranking of kinds puts its values in the SQL's
        ORDER BY, where the home page could not reuse its statement (core.compiled).
        """
        shown = self.filter(show_in_directory=True, kind=Organisation.Kind.FOUNDING_MEMBER)
        return with_image(shown.select_related("sector"), "logo", LOGO_SIZES).order_by("name")


class Organisation(index.Indexed, models.Model):
    """A member of the network: a founding member of the council or a club partner."""

    class Kind(models.TextChoices):
        FOUNDING_MEMBER = "founding", _("Membre fondateur")
        CLUB_PARTNER = "club", _("Partenaire du club")

    name = models.CharField(_("nom"), max_length=255, unique=True)
    slug = models.SlugField(_("identifiant dans l'adresse"), max_length=255, unique=True)
    kind = models.CharField(
        _("type de membre"), max_length=20, choices=Kind.choices, default=Kind.CLUB_PARTNER
    )
    sector = models.ForeignKey(
        Sector,
        verbose_name=_("secteur"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organisations",
    )
    logo = models.ForeignKey(
        "core.SiteImage",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    website = models.URLField(_("site web"), blank=True)
    description = models.TextField(_("présentation courte"), max_length=600, blank=True)
    siret = models.CharField(
        _("numéro SIRET"), max_length=14, blank=True, validators=[validate_siret]
    )
    charter_version = models.CharField(_("version de la charte"), max_length=40, blank=True)
    charter_signed_on = models.DateField(_("date de signature de la charte"), null=True, blank=True)
    charter_signatory_name = models.CharField(_("signataire"), max_length=255, blank=True)
    charter_signatory_role = models.CharField(
        _("fonction du signataire"), max_length=255, blank=True
    )
    show_in_directory = models.BooleanField(_("afficher dans l'annuaire public"), default=True)

    objects = OrganisationQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("sector"),
        FieldPanel("logo"),
        FieldPanel("website"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("charter_version"),
                FieldPanel("charter_signed_on"),
                FieldPanel("charter_signatory_name"),
                FieldPanel("charter_signatory_role"),
            ],
            heading=_("Registre de la charte"),
        ),
        MultiFieldPanel(
            [FieldPanel("siret"), FieldPanel("show_in_directory")],
            heading=_("Identification et visibilité"),
        ),
    ]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.FilterField("show_in_directory"),
        index.FilterField("kind"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:255]
        super().save(*args, **kwargs)

    @property
    def has_signed_charter(self):
        return self.charter_signed_on is not None

    @property
    def anchor(self):
        return f"organisation-{self.slug}"


class PartnerDirectoryPage(IntroductionMixin, BasePage):
    """The public directory of the network's members, grouped by kind, filterable by sector.

    Paginated (`?page=`, with `?secteur=`); `?partenaire=<slug>` redirects to the page that
    shows that organisation, at its card, so that links from stories, the home page and the
    search need not know which page it is on.
    """

    template = "pages/partner_directory_page.html"
    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = []

    ORGANISATIONS_PER_PAGE = 24

    class Meta:
        verbose_name = _("annuaire des partenaires")

    def serve(self, request, *args, **kwargs):
        if "partenaire" in request.GET:
            return redirect(self.organisation_url(request, request.GET["partenaire"]))
        return super().serve(request, *args, **kwargs)

    def organisation_url(self, request, slug):
        """The address of the unfiltered directory page showing the organisation `slug`."""
        url = self.get_url(request)
        slugs = list(
            Organisation.objects.filter(show_in_directory=True)
            .in_directory_order()
            .values_list("slug", flat=True)
        )
        if slug not in slugs:
            return url
        number = slugs.index(slug) // self.ORGANISATIONS_PER_PAGE + 1
        query = f"?page={number}" if number > 1 else ""
        return f"{url}{query}#organisation-{slug}"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        organisations, sector_filter = filter_by_sector(
            request,
            Organisation.objects.for_directory(),
            Organisation.objects.filter(show_in_directory=True),
        )
        listing = paginate_public_listing(request, organisations, self.ORGANISATIONS_PER_PAGE)
        listing.object_list = list(listing.object_list)
        context["organisations"] = context["listing"] = listing
        context.update(sector_filter)
        # The kinds present on this page, each with its organisations, in directory order.
        context["groups"] = [
            (label, [o for o in listing if o.kind == kind])
            for kind, label in Organisation.Kind.choices
        ]
        return context
