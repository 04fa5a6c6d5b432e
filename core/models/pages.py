"""The abstract editorial page every page type builds on, and the index pages' lead."""

from django.db import models
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page, get_page_models
from wagtail.search import index

from core.cache.routing import CachedViewRestrictionsMixin


class BasePage(CachedViewRestrictionsMixin, Page):
    """Fields every editorial page shares: a summary and an image for listings and sharing."""

    # True on page types that hold member-only content (the member area's pages set it).
    member_only = False
    # What the page's own template always shows of its relations, read with the page when it
    # is served (core.cache.routing.prime_route) rather than one query each.
    serve_related = ("listing_image",)

    summary = models.TextField(
        _("résumé"),
        max_length=400,
        blank=True,
        help_text=_("Affiché dans les listes, les résultats de recherche et les partages."),
    )
    listing_image = models.ForeignKey(
        "core.SiteImage",
        verbose_name=_("image de liste"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Utilisée dans les listes et comme image de partage sur les réseaux sociaux."),
    )

    search_fields = [*Page.search_fields, index.SearchField("summary")]

    promote_panels = [
        MultiFieldPanel(
            [FieldPanel("summary"), FieldPanel("listing_image")],
            heading=_("Présentation dans les listes"),
        ),
        *Page.promote_panels,
    ]

    class Meta:
        abstract = True

    @property
    def meta_description(self):
        """What search engines show under the title: the editor's description, the summary,
        the lead paragraph, or the beginning of the body."""
        for text in (
            self.search_description,
            self.summary,
            getattr(self, "introduction", ""),
            getattr(self, "body", ""),
        ):
            text = " ".join(strip_tags(str(text or "")).split())
            if text:
                return Truncator(text).chars(160)
        return ""

    @property
    def social_image(self):
        return self.listing_image


class IntroductionMixin(models.Model):
    """A lead paragraph under the title of an index page."""

    introduction = models.TextField(_("chapeau"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    class Meta:
        abstract = True


def member_only_page_types():
    """Page types that hold member-only content: public channels (menus, search, sitemap,
    feeds) leave them out, whatever privacy settings an editor leaves on a page."""
    return tuple(model for model in get_page_models() if getattr(model, "member_only", False))


def without_member_only(pages):
    """A page queryset without the member-only page types."""
    types = member_only_page_types()
    return pages.not_type(*types) if types else pages
