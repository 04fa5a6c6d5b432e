"""Thematic commissions, the minutes of their meetings and the actions decided there."""

from django.conf import settings
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from core.audit import acting_user
from core.listings import paginate
from core.models import BasePage, IntroductionMixin

from ..access import readable_member_pages
from .base import MemberBasePage
from .directory import Organisation
from .events import EventPage, MemberEventPage

MINUTES_PER_PAGE = 20
MEETINGS_SHOWN = 5


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
        # Each commission's next meeting this person may see, in the same query.
        next_meeting = readable_member_pages(
            MemberEventPage.objects.live().filter(commission=OuterRef("pk")).upcoming(),
            request.user,
        ).values("starts_at")[:1]
        context["commissions"] = readable_member_pages(
            CommissionPage.objects.child_of(self)
            .live()
            .select_related("lead_organisation")
            .annotate(next_meeting_at=Subquery(next_meeting))
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
    facilitators = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("animateurs"),
        blank=True,
        related_name="facilitated_commissions",
        help_text=_(
            "Les personnes qui animent la commission : elles mettent à jour l'état de ses "
            "actions dans l'administration (menu « Plan d'actions »)."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("theme"),
        FieldPanel("description"),
        FieldPanel("lead_organisation"),
        FieldPanel("member_organisations"),
        FieldPanel("facilitators"),
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
        context["minutes"] = paginate(
            request,
            readable_member_pages(
                CommissionMinutesPage.objects.child_of(self).for_listing(), request.user
            ),
            MINUTES_PER_PAGE,
        )
        # A commission never saved (an admin preview) has no meeting yet.
        context["meetings"] = (
            readable_member_pages(
                MemberEventPage.objects.filter(commission=self).for_listing().upcoming(),
                request.user,
            )[:MEETINGS_SHOWN]
            if self.pk
            else []
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
    event = models.ForeignKey(
        "members.EventPage",
        verbose_name=_("réunion"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="minutes",
        help_text=_("L'événement de l'agenda dont ce compte rendu rend compte."),
    )
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
        MultiFieldPanel(
            [FieldPanel("meeting_date"), FieldPanel("place"), FieldPanel("event")],
            heading=_("Réunion"),
        ),
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
        # A preview shows the actions of the form, some never saved: nothing to join then.
        context["action_items"] = (
            self.action_items.all()
            if getattr(request, "is_preview", False)
            else self.action_items.select_related("owner_organisation").prefetch_related(
                "status_changes"
            )
        )
        context["event"] = (
            readable_member_pages(EventPage.objects.filter(pk=self.event_id).live(), request.user)
            .specific()
            .first()
            if self.event_id
            else None
        )
        context["organisations"] = self.attending_organisations.order_by("name")
        return context


class ActionItemQuerySet(models.QuerySet):
    """Queries over the actions of every commission."""

    def readable_by(self, user):
        """The actions of the minutes this person may read (a subquery: no query more)."""
        minutes = readable_member_pages(CommissionMinutesPage.objects.live(), user)
        return self.filter(page__in=minutes.values("pk"))

    def for_tracker(self):
        """Actions with their minutes, commission and owner: what a tracker row shows."""
        return self.select_related(
            "page", "page__commission_page", "owner_organisation"
        ).prefetch_related("status_changes")

    def open(self):
        return self.filter(open_q())

    def overdue(self, today=None):
        return self.filter(overdue_q(today))


def open_q():
    """Actions not done yet, as a condition (for filters and counts alike)."""
    return ~Q(status=MinutesActionItem.Status.DONE)


def overdue_q(today=None):
    """Open actions whose due date has passed, as a condition (for filters and counts alike)."""
    return Q(due_on__lt=today or timezone.localdate()) & open_q()


class MinutesActionItem(Orderable):
    """A follow-up decided in a meeting: what, who, by when, and where it stands."""

    class Status(models.TextChoices):
        TODO = "todo", _("À faire")
        IN_PROGRESS = "in_progress", _("En cours")
        DONE = "done", _("Terminée")

    page = ParentalKey(CommissionMinutesPage, related_name="action_items", on_delete=models.CASCADE)
    description = models.CharField(_("action"), max_length=500)
    decision = models.CharField(
        _("décision d'origine"),
        max_length=500,
        blank=True,
        help_text=_("La décision du compte rendu dont découle l'action, en une phrase."),
    )
    owner = models.CharField(_("responsable"), max_length=255)
    owner_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation responsable"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions",
    )
    due_on = models.DateField(_("échéance"), null=True, blank=True)
    status = models.CharField(_("état"), max_length=20, choices=Status.choices, default=Status.TODO)

    objects = ActionItemQuerySet.as_manager()

    panels = [
        FieldPanel("description"),
        FieldPanel("decision"),
        FieldPanel("owner"),
        FieldPanel("owner_organisation"),
        FieldPanel("due_on"),
        FieldPanel("status"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        indexes = [models.Index(fields=["status", "due_on"], name="action_status_due_idx")]

    def __str__(self):
        return self.description

    def is_overdue(self, today=None):
        return (
            self.due_on is not None
            and self.status != self.Status.DONE
            and self.due_on < (today or timezone.localdate())
        )

    @property
    def commission(self):
        return self.page.commission_page

    @property
    def commission_title(self):
        commission = self.page.commission_page
        return commission.title if commission else ""

    @property
    def minutes_title(self):
        return self.page.title

    def history(self):
        """Status changes, oldest first (prefetched by `for_tracker`); none before saving."""
        if self.pk is None:
            return []
        return sorted(self.status_changes.all(), key=lambda change: change.changed_at)

    def save(self, *args, **kwargs):
        # Every status change leaves a trace, whoever makes it: the tracker's form in the
        # admin, or the minutes' own form when an editor publishes them (core.audit tells who).
        previous = None
        if self.pk is not None:
            previous = (
                MinutesActionItem.objects.filter(pk=self.pk)
                .values_list("status", flat=True)
                .first()
            )
        super().save(*args, **kwargs)
        if previous is not None and previous != self.status:
            note = getattr(self, "_status_note", "")
            ActionStatusChange.record(self, previous, self.status, acting_user(), note)


class ActionStatusChange(models.Model):
    """One change of an action's status: who, when, from what to what."""

    action = models.ForeignKey(
        MinutesActionItem, on_delete=models.CASCADE, related_name="status_changes"
    )
    old_status = models.CharField(
        _("ancien état"), max_length=20, choices=MinutesActionItem.Status.choices
    )
    new_status = models.CharField(
        _("nouvel état"), max_length=20, choices=MinutesActionItem.Status.choices
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Kept as written at the time: the history still reads right after the account goes.
    changed_by_name = models.CharField(_("par"), max_length=255, blank=True)
    note = models.CharField(_("commentaire"), max_length=500, blank=True)
    changed_at = models.DateTimeField(_("le"), default=timezone.now)

    class Meta:
        verbose_name = _("changement d'état d'une action")
        verbose_name_plural = _("changements d'état des actions")
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.get_old_status_display()} → {self.get_new_status_display()}"

    @classmethod
    def record(cls, action, old_status, new_status, user, note=""):
        name = ""
        if user is not None and user.is_authenticated:
            name = user.get_full_name() or user.email
            if user.organisation_id:
                name = f"{name} ({user.organisation.name})"
        return cls.objects.create(
            action=action,
            old_status=old_status,
            new_status=new_status,
            changed_by=user if user is not None and user.is_authenticated else None,
            changed_by_name=name,
            note=note,
        )

    @property
    def author_label(self):
        return self.changed_by_name or _("l'équipe de communication")


class ActionOverdueNotice(models.Model):
    """That members were told an action is overdue for this due date (sent once)."""

    action = models.ForeignKey(MinutesActionItem, on_delete=models.CASCADE, related_name="+")
    due_on = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["action", "due_on"], name="one_overdue_notice")
        ]

    def __str__(self):
        return f"{self.action_id} ({self.due_on:%d/%m/%Y})"


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
