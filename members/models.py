"""Partner organisations, their people's accounts, and the public partner directory."""

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models import Prefetch
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index

from home.images import LOGO_SIZES, images_with_renditions
from home.models import BasePage

# Page types that hold member-only content; public channels exclude them explicitly,
# whatever privacy settings an editor leaves on them.
MEMBER_ONLY_PAGE_TYPES = ()


class UserManager(BaseUserManager):
    """Creates accounts identified by their e-mail address."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("Une adresse électronique est obligatoire.")
        email = self.normalize_email(email).lower()
        extra_fields.setdefault("username", email)
        user = self.model(email=email, **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)


class User(AbstractUser):
    """A person who signs in with their e-mail address: a partner, an editor or an admin."""

    email = models.EmailField(_("adresse électronique"), unique=True)
    organisation = models.ForeignKey(
        "members.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    job_title = models.CharField(_("fonction"), max_length=255, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["username"]

    objects = UserManager()

    class Meta(AbstractUser.Meta):
        verbose_name = _("utilisateur")
        verbose_name_plural = _("utilisateurs")

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        if not self.username:
            self.username = self.email
        super().save(*args, **kwargs)


class Sector(models.Model):
    """A sector of activity, shared by organisations and stories."""

    name = models.CharField(_("nom"), max_length=80, unique=True)
    slug = models.SlugField(_("identifiant dans l'adresse"), max_length=80, unique=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("secteur d'activité")
        verbose_name_plural = _("secteurs d'activité")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)
        super().save(*args, **kwargs)


class OrganisationQuerySet(models.QuerySet):
    """Queries over partner organisations."""

    def for_directory(self):
        """Organisations shown publicly, with their sector and logo renditions."""
        return (
            self.filter(show_in_directory=True)
            .select_related("sector")
            .prefetch_related(Prefetch("logo", queryset=images_with_renditions(LOGO_SIZES)))
            .order_by("name")
        )

    def founding_members(self):
        return self.for_directory().filter(kind=Organisation.Kind.FOUNDING_MEMBER)


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
        "home.SiteImage",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    website = models.URLField(_("site web"), blank=True)
    description = models.TextField(_("présentation courte"), max_length=600, blank=True)
    charter_signed_on = models.DateField(_("date de signature de la charte"), null=True, blank=True)
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
            [FieldPanel("charter_signed_on"), FieldPanel("show_in_directory")],
            heading=_("Charte et visibilité"),
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
    def anchor(self):
        return f"organisation-{self.slug}"


class PartnerDirectoryPage(BasePage):
    """The public directory of the network's members, grouped by kind, filterable by sector."""

    template = "pages/partner_directory_page.html"
    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = []

    introduction = models.TextField(_("chapeau"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    class Meta:
        verbose_name = _("annuaire des partenaires")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        organisations = Organisation.objects.for_directory()
        sector = None
        if slug := request.GET.get("secteur"):
            sector = Sector.objects.filter(slug=slug).first()
            if sector is not None:
                organisations = organisations.filter(sector=sector)
        organisations = list(organisations)
        context["groups"] = [
            (label, [o for o in organisations if o.kind == kind])
            for kind, label in Organisation.Kind.choices
        ]
        context["sectors"] = Sector.objects.filter(
            pk__in=Organisation.objects.filter(show_in_directory=True).values("sector")
        )
        context["current_sector"] = sector
        return context
