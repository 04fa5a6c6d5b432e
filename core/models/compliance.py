"""What the software keeps to prove it meets its duties: erasures, retention runs, and the
consent-free audience measure (aggregated counts only)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ErasureRecord(models.Model):
    """That an account was erased: its number and a keyed fingerprint of its address, never
    the address itself (core.personal_data.email_digest)."""

    user_id = models.PositiveBigIntegerField(_("numéro du compte"))
    email_digest = models.CharField(_("empreinte de l'adresse"), max_length=64)
    reason = models.CharField(
        _("motif"),
        max_length=20,
        choices=[
            ("request", _("Demande de la personne")),
            ("editor", _("Demande traitée par l'équipe")),
            ("inactivity", _("Inactivité prolongée")),
            ("restore", _("Réapplication après restauration")),
        ],
    )
    removed_text = models.BooleanField(_("textes supprimés"), default=False)
    by_label = models.CharField(_("par"), max_length=255, blank=True)
    erased_at = models.DateTimeField(_("effacé le"), auto_now_add=True)

    class Meta:
        ordering = ["-erased_at"]
        verbose_name = _("effacement de données")
        verbose_name_plural = _("effacements de données")

    def __str__(self):
        return f"Compte {self.user_id} ({self.erased_at:%d/%m/%Y})"


class RetentionRun(models.Model):
    """One retention rule applied: what, when, how many records."""

    rule = models.CharField(_("règle"), max_length=80)
    label = models.CharField(_("traitement"), max_length=255)
    count = models.PositiveIntegerField(_("enregistrements traités"))
    ran_at = models.DateTimeField(_("le"), auto_now_add=True)

    class Meta:
        ordering = ["-ran_at", "rule"]
        verbose_name = _("passage de la conservation des données")
        verbose_name_plural = _("passages de la conservation des données")

    def __str__(self):
        return f"{self.label} : {self.count}"


class AudienceDay(models.Model):
    """Page views of one address on one day: a count, nothing about who viewed."""

    day = models.DateField(_("jour"))
    path = models.CharField(_("adresse"), max_length=500)
    views = models.PositiveIntegerField(_("vues"), default=0)

    class Meta:
        verbose_name = _("mesure d'audience (page)")
        verbose_name_plural = _("mesures d'audience (pages)")
        constraints = [models.UniqueConstraint(fields=["day", "path"], name="one_count_per_page")]
        indexes = [models.Index(fields=["day"])]

    def __str__(self):
        return f"{self.path} ({self.day:%d/%m/%Y}) : {self.views}"


class ReferrerDay(models.Model):
    """Visits arriving from one other site on one day (its domain name only)."""

    day = models.DateField(_("jour"))
    host = models.CharField(_("site d'origine"), max_length=255)
    views = models.PositiveIntegerField(_("vues"), default=0)

    class Meta:
        verbose_name = _("mesure d'audience (site d'origine)")
        verbose_name_plural = _("mesures d'audience (sites d'origine)")
        constraints = [
            models.UniqueConstraint(fields=["day", "host"], name="one_count_per_referrer")
        ]

    def __str__(self):
        return f"{self.host} ({self.day:%d/%m/%Y}) : {self.views}"
