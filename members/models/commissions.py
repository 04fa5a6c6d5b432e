"""Thematic commissions and the minutes of their meetings."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from core.models import BasePage, IntroductionMixin

from ..access import readable_member_pages
from .base import MemberBasePage
from .directory import Organisation


class CommissionIndexPage(IntroductionMixin, MemberBasePage):
    """The list of thematic commissions run by the council."""

    template = "members/commission_index_page.html"
    max_count = 1
    parent_page_types = ["members.MemberAreaPage"]
    subpage_types = ["members.CommissionPage"]

    class Meta:
        verbose_name = _("index des commissions")

    def get_context(self, request, *args, **kwargs):
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
        "core.SiteDocument", verbose_name=_("document"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(_("intitulé"), max_length=255, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("document joint")

    @property
    def label(self):
        return self.title or self.document.title
