"""Successive drafts of the attractiveness strategy, and the feedback members give on them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import BodyBlock
from core.cache import cached_fragment
from core.models import BasePage, IntroductionMixin

from ..access import can_read_page, readable_member_pages
from ..diff import block_texts, compare_texts
from ..roles import STRATEGY_GROUPS
from .base import MemberBasePage


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
        context = super().get_context(request, *args, **kwargs)
        context["drafts"] = readable_member_pages(
            StrategyDraftPage.objects.child_of(self).live().order_by("-version_number"),
            request.user,
        )
        return context


class StrategyDraftPage(RoutablePageMixin, MemberBasePage):
    """One version of the attractiveness strategy, open to feedback while in consultation."""

    class Status(models.TextChoices):
        WORKING = "working", _("Document de travail")
        CONSULTATION = "consultation", _("En consultation")
        VALIDATED = "validated", _("Validée par le conseil stratégique")

    def serve(self, request, view=None, args=None, kwargs=None):
        # The version is rendered once per audience, its feedback section for each reader
        # (members.personal); editing one's feedback is personal from top to bottom.
        serve = super().serve
        if view is not None and getattr(view, "__name__", "") != "index_route":
            return serve(request, view, args, kwargs)
        return self.serve_for_audience(request, serve, view, args, kwargs)

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
        "core.SiteDocument",
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
        return f"version {self.version_number}"

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
        # The same for every reader of both versions: computed once per generation.
        context["comparison"] = (
            cached_fragment(
                f"strategy-comparison:{self.pk}:{previous.pk}", lambda: self.comparison(previous)
            )
            if previous is not None and self.pk is not None
            else self.comparison(previous)
        )
        # A preview of a version never saved has no feedback yet.
        if request.user.is_authenticated and self.pk is not None:
            context["my_feedback"] = self.feedback_of(request.user)
        return context

    def feedback_of(self, user):
        """The feedback this person gave on this version, oldest first."""
        return self.feedback.filter(author=user).order_by("created_at")

    @path("")
    def index_route(self, request):
        from ..views import draft_page_view  # the views module imports these models

        return draft_page_view(self, request)

    @path("avis/<int:feedback_id>/modifier/")
    def edit_feedback_route(self, request, feedback_id):
        from ..views import draft_page_view  # the views module imports these models

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
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="strategy_feedback",
    )
    # « Ancien membre » once the author's account is erased (members.privacy).
    author_label = models.CharField(_("auteur (compte supprimé)"), max_length=100, blank=True)
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
        return f"{self.author_name} — {self.draft}"

    @property
    def author_name(self):
        return str(self.author) if self.author_id else self.author_label

    author_name.fget.short_description = _("auteur")

    @property
    def organisation_name(self):
        if self.author_id is None or not self.author.organisation_id:
            return ""
        return self.author.organisation.name

    organisation_name.fget.short_description = _("organisation")

    @property
    def draft_label(self):
        return self.draft.version_label

    draft_label.fget.short_description = _("version")


STRATEGY_PAGE_TYPES = (StrategyDraftIndexPage, StrategyDraftPage)
