"""Partner organisations, their accounts, the public directory and the member area."""

import difflib
import re

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from home.blocks import BodyBlock
from home.images import LOGO_SIZES, images_with_renditions
from home.models import BasePage, IntroductionMixin

from .roles import STRATEGY_GROUPS
from .validators import normalise_siret, validate_siret


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

    class NotificationFrequency(models.TextChoices):
        IMMEDIATE = "immediate", _("Dès la publication")
        WEEKLY = "weekly", _("Une synthèse par semaine")
        NEVER = "never", _("Jamais")

    notification_frequency = models.CharField(
        _("notifications par courriel"),
        max_length=20,
        choices=NotificationFrequency.choices,
        default=NotificationFrequency.IMMEDIATE,
    )
    last_digest_sent_at = models.DateTimeField(
        _("dernière synthèse envoyée le"), null=True, blank=True, editable=False
    )

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
        return (
            self.filter(show_in_directory=True)
            .select_related("sector")
            .prefetch_related(Prefetch("logo", queryset=images_with_renditions(LOGO_SIZES)))
            .in_directory_order()
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
        from news.models import paginate_public_listing

        context = super().get_context(request, *args, **kwargs)
        organisations = Organisation.objects.for_directory()
        sector = None
        if slug := request.GET.get("secteur"):
            sector = Sector.objects.filter(slug=slug).first()
            if sector is not None:
                organisations = organisations.filter(sector=sector)
        listing = paginate_public_listing(request, organisations, self.ORGANISATIONS_PER_PAGE)
        listing.object_list = list(listing.object_list)
        context["organisations"] = listing
        # The kinds present on this page, each with its organisations, in directory order.
        context["groups"] = [
            (label, [o for o in listing if o.kind == kind])
            for kind, label in Organisation.Kind.choices
        ]
        context["sectors"] = Sector.objects.filter(
            pk__in=Organisation.objects.filter(show_in_directory=True).values("sector")
        )
        context["current_sector"] = sector
        return context


class MemberAccessMixin:
    """Closes a page type to everyone but entitled members, whatever its privacy settings say."""

    # Groups the page type is limited to (besides editors); None means every member.
    audience_groups = None

    def serve(self, request, *args, **kwargs):
        from .access import mark_private, member_page_response

        denied = member_page_response(self, request)
        if denied is not None:
            return denied
        return mark_private(super().serve(request, *args, **kwargs))

    def get_sitemap_urls(self, request=None):
        return []


class MemberBasePage(MemberAccessMixin, BasePage):
    """Common ground of member pages: never in menus, never in public channels."""

    class Meta:
        abstract = True

    def full_clean(self, *args, **kwargs):
        self.show_in_menus = False
        super().full_clean(*args, **kwargs)


class MemberAreaPage(MemberBasePage):
    """The root of the member area and the dashboard of the signed-in person."""

    template = "members/member_area_page.html"
    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["members.CommissionIndexPage", "members.StrategyDraftIndexPage"]

    introduction = models.TextField(_("mot d'accueil"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    class Meta:
        verbose_name = _("espace membres")

    # The dashboard's lists are rendered once per audience, per generation and per slice of
    # this many minutes: meetings and consultations are compared with the slice's start.
    DASHBOARD_MINUTES = 5

    def get_context(self, request, *args, **kwargs):
        from .access import audience_key, readable_member_pages

        context = super().get_context(request, *args, **kwargs)
        user = request.user
        now = timezone.now()
        moment = now.replace(
            minute=now.minute - now.minute % self.DASHBOARD_MINUTES, second=0, microsecond=0
        )
        # Everyone with the same groups may read the same pages (members.access): the
        # rendered lists are shared by that audience, and nothing below runs on a hit.
        context["dashboard_key"] = f"{audience_key(user)}|{moment.isoformat()}"
        context["latest_minutes"] = readable_member_pages(
            CommissionMinutesPage.objects.descendant_of(self).for_listing(), user
        )[:5]
        context["open_drafts"] = readable_member_pages(
            StrategyDraftPage.objects.descendant_of(self)
            .live()
            .filter(
                status=StrategyDraftPage.Status.CONSULTATION,
                consultation_ends_on__gte=timezone.localdate(moment),
            ),
            user,
        ).order_by("consultation_ends_on")
        context["upcoming_meetings"] = readable_member_pages(
            CommissionPage.objects.descendant_of(self)
            .live()
            .filter(next_meeting_at__gte=moment)
            .select_related("lead_organisation"),
            user,
        ).order_by("next_meeting_at")[:5]
        context["commission_index"] = SimpleLazyObject(
            lambda: CommissionIndexPage.objects.child_of(self).live().first()
        )
        context["strategy_index"] = SimpleLazyObject(
            lambda: (
                StrategyDraftIndexPage.objects.child_of(self).live().first()
                if readable_member_pages(
                    StrategyDraftIndexPage.objects.child_of(self), user
                ).exists()
                else None
            )
        )
        return context


class CommissionIndexPage(IntroductionMixin, MemberBasePage):
    """The list of thematic commissions run by the council."""

    template = "members/commission_index_page.html"
    max_count = 1
    parent_page_types = ["members.MemberAreaPage"]
    subpage_types = ["members.CommissionPage"]

    class Meta:
        verbose_name = _("index des commissions")

    def get_context(self, request, *args, **kwargs):
        from .access import readable_member_pages

        context = super().get_context(request, *args, **kwargs)
        context["commissions"] = readable_member_pages(
            CommissionPage.objects.child_of(self)
            .live()
            .select_related("lead_organisation")
            .order_by("title"),
            request.user,
        )
        return context


class CommissionPage(MemberBasePage):
    """A thematic commission: its theme, its organisations and its next meeting."""

    template = "members/commission_page.html"
    parent_page_types = ["members.CommissionIndexPage"]
    subpage_types = ["members.CommissionMinutesPage"]

    theme = models.CharField(_("thème"), max_length=255)
    description = RichTextField(_("description"), blank=True)
    lead_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation pilote"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_commissions",
    )
    member_organisations = ParentalManyToManyField(
        Organisation,
        verbose_name=_("organisations membres"),
        blank=True,
        related_name="commissions",
    )
    next_meeting_at = models.DateTimeField(_("prochaine réunion"), null=True, blank=True)
    next_meeting_place = models.CharField(
        _("lieu de la prochaine réunion"), max_length=255, blank=True
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("theme"),
        FieldPanel("description"),
        FieldPanel("lead_organisation"),
        FieldPanel("member_organisations"),
        MultiFieldPanel(
            [FieldPanel("next_meeting_at"), FieldPanel("next_meeting_place")],
            heading=_("Prochaine réunion"),
        ),
    ]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("theme"),
        index.SearchField("description"),
    ]

    class Meta:
        verbose_name = _("commission thématique")
        verbose_name_plural = _("commissions thématiques")

    def get_context(self, request, *args, **kwargs):
        from .access import readable_member_pages

        context = super().get_context(request, *args, **kwargs)
        context["members"] = self.member_organisations.order_by("name")
        context["minutes"] = readable_member_pages(
            CommissionMinutesPage.objects.child_of(self).for_listing(), request.user
        )
        return context


class CommissionMinutesQuerySet(PageQuerySet):
    """Queries over minutes."""

    def for_listing(self):
        """Published minutes, latest meeting first, with their commission."""
        return self.live().select_related("commission_page").order_by("-meeting_date", "-pk")


class CommissionMinutesPage(MemberBasePage):
    """The minutes of one meeting of a commission."""

    template = "members/commission_minutes_page.html"
    parent_page_types = ["members.CommissionPage"]
    subpage_types = []

    meeting_date = models.DateField(_("date de la réunion"))
    place = models.CharField(_("lieu"), max_length=255, blank=True)
    attending_organisations = ParentalManyToManyField(
        Organisation, verbose_name=_("organisations présentes"), blank=True, related_name="+"
    )
    attendees = models.TextField(
        _("personnes présentes"), blank=True, help_text=_("Une personne par ligne.")
    )
    agenda = RichTextField(_("ordre du jour"), blank=True)
    decisions = RichTextField(_("décisions"), blank=True)
    # Denormalised parent link so listings show the commission without a tree query per row.
    commission_page = models.ForeignKey(
        "members.CommissionPage",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = PageManager.from_queryset(CommissionMinutesQuerySet)()

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("meeting_date"), FieldPanel("place")], heading=_("Réunion")),
        FieldPanel("attending_organisations"),
        FieldPanel("attendees"),
        FieldPanel("agenda"),
        FieldPanel("decisions"),
        InlinePanel("action_items", label=_("Actions à mener"), heading=_("Actions à mener")),
        InlinePanel("attachments", label=_("Document joint"), heading=_("Documents joints")),
    ]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("attendees"),
        index.SearchField("agenda"),
        index.SearchField("decisions"),
        index.FilterField("meeting_date"),
    ]

    class Meta:
        verbose_name = _("compte rendu")
        verbose_name_plural = _("comptes rendus")
        # The dashboard and the commissions list the latest meetings first: an index in
        # that order finds them without sorting every minutes of the archive.
        indexes = [
            models.Index(fields=["-meeting_date", "-page_ptr"], name="minutes_latest_first_idx")
        ]

    def save(self, *args, **kwargs):
        parent = self.get_parent() if self.pk or self.path else None
        if parent is not None:
            self.commission_page_id = parent.pk
        super().save(*args, **kwargs)

    @property
    def attendee_list(self):
        return [line.strip() for line in self.attendees.splitlines() if line.strip()]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["attachments"] = self.attachments.select_related("document")
        context["action_items"] = self.action_items.all()
        context["organisations"] = self.attending_organisations.order_by("name")
        return context


class MinutesActionItem(Orderable):
    """A follow-up decided in a meeting: what, who, by when, and where it stands."""

    class Status(models.TextChoices):
        TODO = "todo", _("À faire")
        IN_PROGRESS = "in_progress", _("En cours")
        DONE = "done", _("Terminée")

    page = ParentalKey(CommissionMinutesPage, related_name="action_items", on_delete=models.CASCADE)
    description = models.CharField(_("action"), max_length=500)
    owner = models.CharField(_("responsable"), max_length=255)
    due_on = models.DateField(_("échéance"), null=True, blank=True)
    status = models.CharField(_("état"), max_length=20, choices=Status.choices, default=Status.TODO)

    panels = [
        FieldPanel("description"),
        FieldPanel("owner"),
        FieldPanel("due_on"),
        FieldPanel("status"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("action")


class MinutesAttachment(Orderable):
    """A document attached to minutes, served only to those who may read them."""

    page = ParentalKey(CommissionMinutesPage, related_name="attachments", on_delete=models.CASCADE)
    document = models.ForeignKey(
        "home.SiteDocument", verbose_name=_("document"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(_("intitulé"), max_length=255, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("document joint")

    @property
    def label(self):
        return self.title or self.document.title


class StrategyDraftIndexPage(IntroductionMixin, MemberBasePage):
    """The successive versions of the attractiveness strategy."""

    template = "members/strategy_draft_index_page.html"
    max_count = 1
    parent_page_types = ["members.MemberAreaPage"]
    subpage_types = ["members.StrategyDraftPage"]
    audience_groups = STRATEGY_GROUPS

    class Meta:
        verbose_name = _("index des versions de la stratégie")

    def get_context(self, request, *args, **kwargs):
        from .access import readable_member_pages

        context = super().get_context(request, *args, **kwargs)
        context["drafts"] = readable_member_pages(
            StrategyDraftPage.objects.child_of(self).live().order_by("-version_number"),
            request.user,
        )
        return context


def block_texts(stream):
    """The plain-text paragraphs of a body, in order, for a readable comparison."""
    texts = []
    for block in stream:
        value = block.value
        if block.block_type == "paragraph":
            html = value.source if hasattr(value, "source") else str(value)
            parts = re.split(r"</(?:p|li|h\d)>", html)
            texts.extend(strip_tags(part).strip() for part in parts)
        elif block.block_type == "heading":
            texts.append(value["text"])
        elif block.block_type == "quote":
            texts.append(value["quote"])
        elif block.block_type == "call_to_action":
            texts.append(f"{value['title']} {value['text']}".strip())
    return [text for text in texts if text]


def compare_texts(old, new):
    """Paragraph-level comparison with word-level detail: a list of (kind, parts)."""
    rows = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            rows.extend(("same", [("same", text)]) for text in new[b1:b2])
        elif op == "replace" and a2 - a1 == b2 - b1:
            for before, after in zip(old[a1:a2], new[b1:b2], strict=True):
                rows.append(("changed", compare_words(before, after)))
        else:
            rows.extend(("removed", [("removed", text)]) for text in old[a1:a2])
            rows.extend(("added", [("added", text)]) for text in new[b1:b2])
    return rows


def compare_words(before, after):
    words_a, words_b = before.split(), after.split()
    parts = []
    matcher = difflib.SequenceMatcher(a=words_a, b=words_b, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(("same", " ".join(words_b[b1:b2])))
            continue
        if a2 > a1:
            parts.append(("removed", " ".join(words_a[a1:a2])))
        if b2 > b1:
            parts.append(("added", " ".join(words_b[b1:b2])))
    return parts


class StrategyDraftPage(MemberAccessMixin, RoutablePageMixin, BasePage):
    """One version of the attractiveness strategy, open to feedback while in consultation."""

    class Status(models.TextChoices):
        WORKING = "working", _("Document de travail")
        CONSULTATION = "consultation", _("En consultation")
        VALIDATED = "validated", _("Validée par le conseil stratégique")

    template = "members/strategy_draft_page.html"
    parent_page_types = ["members.StrategyDraftIndexPage"]
    subpage_types = []
    audience_groups = STRATEGY_GROUPS

    version_number = models.PositiveIntegerField(
        _("numéro de version"), help_text=_("1 pour la v1, 2 pour la v2…")
    )
    status = models.CharField(
        _("statut"), max_length=20, choices=Status.choices, default=Status.WORKING
    )
    consultation_ends_on = models.DateField(
        _("fin de la consultation"),
        null=True,
        blank=True,
        help_text=_("Obligatoire pour une version en consultation."),
    )
    changes_note = models.TextField(
        _("ce qui change"), blank=True, help_text=_("Les évolutions depuis la version précédente.")
    )
    body = StreamField(BodyBlock(), verbose_name=_("contenu"))
    document = models.ForeignKey(
        "home.SiteDocument",
        verbose_name=_("document joint"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("version_number"),
                FieldPanel("status"),
                FieldPanel("consultation_ends_on"),
            ],
            heading=_("Version"),
        ),
        FieldPanel("summary"),
        FieldPanel("changes_note"),
        FieldPanel("body"),
        FieldPanel("document"),
    ]
    promote_panels = Page.promote_panels

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("changes_note"),
        index.SearchField("body"),
        index.FilterField("status"),
    ]

    class Meta:
        verbose_name = _("version de la stratégie")
        verbose_name_plural = _("versions de la stratégie")

    def clean(self):
        super().clean()
        if self.status == self.Status.CONSULTATION and not self.consultation_ends_on:
            raise ValidationError(
                {"consultation_ends_on": _("Indiquez la date de fin de la consultation.")}
            )

    def get_sitemap_urls(self, request=None):
        return []

    @property
    def version_label(self):
        return f"v{self.version_number}"

    @property
    def accepts_feedback(self):
        return (
            self.status == self.Status.CONSULTATION
            and self.consultation_ends_on is not None
            and self.consultation_ends_on >= timezone.localdate()
        )

    def previous_versions(self):
        """Earlier published versions beside this one, the latest first."""
        return (
            StrategyDraftPage.objects.sibling_of(self)
            .live()
            .filter(version_number__lt=self.version_number)
            .order_by("-version_number")
        )

    def previous_version_for(self, user):
        """The latest earlier version this reader may open: a comparison must never show
        text of a version they could not read (a council-only one, for a COTECH member)."""
        # access.py loads Django's auth views, which need this module's User model first.
        from .access import can_read_page

        for version in self.previous_versions():
            if can_read_page(version, user):
                return version
        return None

    def comparison(self, previous):
        if previous is None:
            return None
        return compare_texts(block_texts(previous.body), block_texts(self.body))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        previous = self.previous_version_for(request.user)
        context["previous"] = previous
        context["comparison"] = self.comparison(previous)
        # A preview of a version never saved has no feedback yet.
        if request.user.is_authenticated and self.pk is not None:
            context["my_feedback"] = self.feedback.filter(author=request.user).order_by(
                "created_at"
            )
        return context

    @path("")
    def index_route(self, request):
        from .views import draft_page_view

        return draft_page_view(self, request)

    @path("avis/<int:feedback_id>/modifier/")
    def edit_feedback_route(self, request, feedback_id):
        from .views import draft_page_view

        return draft_page_view(self, request, feedback_id=feedback_id)


class StrategyFeedback(models.Model):
    """A member's feedback on a strategy draft in consultation."""

    draft = models.ForeignKey(
        StrategyDraftPage,
        verbose_name=_("version"),
        on_delete=models.CASCADE,
        related_name="feedback",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        on_delete=models.CASCADE,
        related_name="strategy_feedback",
    )
    section = models.CharField(_("partie concernée"), max_length=255, blank=True)
    text = models.TextField(_("avis"), max_length=10_000)
    created_at = models.DateTimeField(_("reçu le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    panels = [FieldPanel("section"), FieldPanel("text")]

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("avis sur la stratégie")
        verbose_name_plural = _("avis sur la stratégie")

    def __str__(self):
        return f"{self.author} — {self.draft}"

    @property
    def organisation_name(self):
        return self.author.organisation.name if self.author.organisation_id else ""

    organisation_name.fget.short_description = _("organisation")

    @property
    def draft_label(self):
        return self.draft.version_label

    draft_label.fget.short_description = _("version")


# Page types that hold member-only content; public channels exclude them explicitly,
# whatever privacy settings an editor leaves on them.
MEMBER_ONLY_PAGE_TYPES = (
    MemberAreaPage,
    CommissionIndexPage,
    CommissionPage,
    CommissionMinutesPage,
    StrategyDraftIndexPage,
    StrategyDraftPage,
)
STRATEGY_PAGE_TYPES = (StrategyDraftIndexPage, StrategyDraftPage)


class MembershipApplication(models.Model):
    """An application to join the partners' club, reviewed by the communication team."""

    class Status(models.TextChoices):
        NEW = "new", _("Nouvelle")
        APPROVED = "approved", _("Approuvée")
        REJECTED = "rejected", _("Refusée")

    organisation_name = models.CharField(_("nom de l'organisation"), max_length=255)
    siret = models.CharField(_("numéro SIRET"), max_length=14, validators=[validate_siret])
    contact_first_name = models.CharField(_("prénom"), max_length=150)
    contact_last_name = models.CharField(_("nom"), max_length=150)
    contact_role = models.CharField(_("fonction"), max_length=255, blank=True)
    email = models.EmailField(_("adresse électronique"))
    phone = models.CharField(_("téléphone"), max_length=30)
    sector = models.ForeignKey(
        Sector,
        verbose_name=_("secteur d'activité"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    motivation = models.TextField(_("motivation"), max_length=4000)
    charter_accepted = models.BooleanField(_("charte acceptée"), default=False)
    data_consent = models.BooleanField(_("consentement au traitement des données"), default=False)
    status = models.CharField(
        _("statut"), max_length=20, choices=Status.choices, default=Status.NEW, db_index=True
    )
    submitted_at = models.DateTimeField(_("reçue le"), auto_now_add=True)
    decided_at = models.DateTimeField(_("décision le"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("décision par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision_message = models.TextField(
        _("message joint à la décision"), blank=True, max_length=4000
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications",
    )
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("compte créé"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("candidature au club")
        verbose_name_plural = _("candidatures au club")

    def __str__(self):
        return f"{self.organisation_name} ({self.contact_name})"

    def save(self, *args, **kwargs):
        self.siret = normalise_siret(self.siret)
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    @property
    def contact_name(self):
        return f"{self.contact_first_name} {self.contact_last_name}".strip()

    contact_name.fget.short_description = _("contact")


class JoinClubPage(RoutablePageMixin, BasePage):
    """The public application form to join the partners' club."""

    template = "pages/join_club_page.html"
    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = []

    introduction = RichTextField(_("introduction"), blank=True)
    charter_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page de la charte"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Le formulaire y renvoie pour l'acceptation de la charte."),
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page des données personnelles"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    thanks_text = models.TextField(
        _("message de remerciement"),
        default="Merci ! Votre candidature est bien reçue. Un courriel de confirmation "
        "vient de vous être envoyé ; l'équipe Limoges attractivité vous répondra rapidement.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("charter_page"),
        FieldPanel("privacy_page"),
        FieldPanel("thanks_text"),
    ]

    class Meta:
        verbose_name = _("candidature au club")

    @path("")
    def application_form(self, request):
        from .applications import handle_application_form

        return handle_application_form(self, request)

    @path("merci/")
    def thanks(self, request):
        return self.render(request, context_overrides={"submitted": True})
