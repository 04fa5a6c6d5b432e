"""The partners' club: applications to join and the page that takes them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from core.models import BasePage, Sector

from ..validators import normalise_siret, validate_siret
from .directory import Organisation


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
        from ..applications import handle_application_form  # it imports these models

        return handle_application_form(self, request)

    @path("merci/")
    def thanks(self, request):
        return self.render(request, context_overrides={"submitted": True})
