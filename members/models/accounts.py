"""Partner accounts: an e-mail address signs in, an organisation is attached."""

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


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
    event_alerts = models.BooleanField(
        _("nouveaux événements de l'agenda"),
        default=True,
        help_text=_("Être prévenu des événements publiés que vous pouvez voir."),
    )

    class ActionAlerts(models.TextChoices):
        ORGANISATION = "organisation", _("Celles de mon organisation")
        ALL = "all", _("Toutes celles que je peux lire")
        NONE = "none", _("Aucune")

    action_alerts = models.CharField(
        _("actions en retard"),
        max_length=20,
        choices=ActionAlerts.choices,
        default=ActionAlerts.ORGANISATION,
    )
    # The secret of the private calendar feed's address; None when the person has none.
    calendar_token = models.CharField(
        max_length=64, unique=True, null=True, blank=True, editable=False
    )
    # When the person was told the account would be erased for inactivity (members.privacy);
    # cleared at the next sign-in.
    inactivity_warned_at = models.DateTimeField(
        _("averti de l'inactivité le"), null=True, blank=True, editable=False
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
