"""Forms of the member area, with French labels and messages."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms.auth import PasswordResetForm as WagtailPasswordResetForm

from .mail import QueuedPasswordResetMixin
from .models import MembershipApplication, StrategyFeedback, User
from .validators import normalise_siret, validate_siret


class EmailAuthenticationForm(AuthenticationForm):
    """Sign-in with an e-mail address and a password."""

    username = forms.EmailField(
        label=_("Adresse électronique"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Mot de passe"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        "invalid_login": _(
            "Adresse électronique ou mot de passe incorrect. "
            "Vérifiez votre saisie ; les majuscules comptent dans le mot de passe."
        ),
        "inactive": _("Ce compte est désactivé. Contactez l'équipe Limoges attractivité."),
    }

    def clean_username(self):
        return self.cleaned_data["username"].strip().lower()


class MemberPasswordResetForm(QueuedPasswordResetMixin, PasswordResetForm):
    """Asks for the e-mail address to send a reset link to; never says whether it exists."""

    email = forms.EmailField(
        label=_("Adresse électronique"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class AdminPasswordResetForm(QueuedPasswordResetMixin, WagtailPasswordResetForm):
    """The admin's reset form, queued the same way (WAGTAILADMIN_USER_PASSWORD_RESET_FORM)."""


class StrategyFeedbackForm(forms.ModelForm):
    """Feedback on a strategy draft in consultation."""

    class Meta:
        model = StrategyFeedback
        fields = ["section", "text"]
        labels = {
            "section": _("Partie concernée (facultatif)"),
            "text": _("Votre avis"),
        }
        help_texts = {"section": _("Par exemple : « Axe 2 — Attirer les talents ».")}
        widgets = {"text": forms.Textarea(attrs={"rows": 8})}
        error_messages = {"text": {"required": _("Écrivez votre avis avant de l'envoyer.")}}

    def clean_text(self):
        text = self.cleaned_data["text"].replace("\x00", "").strip()
        if not text:
            raise forms.ValidationError(_("Écrivez votre avis avant de l'envoyer."))
        return text

    def clean_section(self):
        return self.cleaned_data["section"].replace("\x00", "").strip()


class MembershipApplicationForm(forms.ModelForm):
    """The public application to join the partners' club."""

    # A honeypot: hidden from people (and assistive technologies), filled in by bots.
    website = forms.CharField(
        label=_("Ne pas remplir ce champ"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = MembershipApplication
        fields = [
            "organisation_name",
            "siret",
            "sector",
            "contact_first_name",
            "contact_last_name",
            "contact_role",
            "email",
            "phone",
            "motivation",
            "charter_accepted",
            "data_consent",
        ]
        labels = {
            "organisation_name": _("Nom de votre organisation"),
            "siret": _("Numéro SIRET"),
            "sector": _("Secteur d'activité"),
            "contact_first_name": _("Prénom"),
            "contact_last_name": _("Nom"),
            "contact_role": _("Fonction (facultatif)"),
            "email": _("Adresse électronique"),
            "phone": _("Téléphone"),
            "motivation": _("Pourquoi souhaitez-vous rejoindre le club ?"),
        }
        help_texts = {
            "siret": _("14 chiffres, espaces acceptés. Exemple : 213 300 017 00017."),
            "email": _("Nous vous écrirons à cette adresse. Exemple : nom@entreprise.fr"),
            "phone": _("Exemple : 05 55 00 00 00"),
        }
        widgets = {
            "siret": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            "contact_first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "contact_last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
            "contact_role": forms.TextInput(attrs={"autocomplete": "organization-title"}),
            "organisation_name": forms.TextInput(attrs={"autocomplete": "organization"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
            "motivation": forms.Textarea(attrs={"rows": 6}),
        }
        error_messages = {
            "organisation_name": {"required": _("Indiquez le nom de votre organisation.")},
            "siret": {"required": _("Indiquez le numéro SIRET de votre organisation.")},
            "sector": {"required": _("Choisissez un secteur d'activité.")},
            "contact_first_name": {"required": _("Indiquez votre prénom.")},
            "contact_last_name": {"required": _("Indiquez votre nom.")},
            "email": {
                "required": _("Indiquez votre adresse électronique."),
                "invalid": _(
                    "Cette adresse électronique n'est pas valide (exemple : nom@entreprise.fr)."
                ),
            },
            "phone": {"required": _("Indiquez un numéro de téléphone.")},
            "motivation": {"required": _("Dites-nous en quelques mots votre motivation.")},
        }

    def __init__(self, *args, charter_url=None, privacy_url=None, **kwargs):
        super().__init__(*args, **kwargs)
        # People type spaces in SIRET numbers; the 14 digits are checked once normalised.
        self.fields["siret"].max_length = 20
        self.fields["siret"].widget.attrs["maxlength"] = "20"
        self.fields["siret"].validators = []
        self.fields["sector"].required = True
        self.fields["sector"].empty_label = _("Choisissez un secteur")
        charter = (
            format_html('<a href="{}">la charte de partenariat</a>', charter_url)
            if charter_url
            else _("la charte de partenariat")
        )
        privacy = (
            format_html('<a href="{}">politique de données personnelles</a>', privacy_url)
            if privacy_url
            else _("politique de données personnelles")
        )
        self.fields["charter_accepted"] = forms.BooleanField(
            label=format_html("J'ai lu et j'accepte {}.", charter),
            error_messages={"required": _("Vous devez accepter la charte de partenariat.")},
        )
        self.fields["data_consent"] = forms.BooleanField(
            label=format_html(
                "J'accepte que Limoges attractivité traite ces données pour examiner ma "
                "candidature, conformément à sa {}.",
                privacy,
            ),
            error_messages={
                "required": _("Votre accord est nécessaire pour que nous traitions la candidature.")
            },
        )

    def clean_siret(self):
        siret = normalise_siret(self.cleaned_data["siret"])
        validate_siret(siret)
        return siret

    def clean_organisation_name(self):
        return clean_text(self.cleaned_data["organisation_name"])

    def clean_motivation(self):
        return clean_text(self.cleaned_data["motivation"])

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        digits = "".join(ch for ch in phone if ch.isdigit())
        if not 9 <= len(digits) <= 15 or not set(phone) <= set("0123456789 +.-()"):
            raise forms.ValidationError(
                _("Ce numéro de téléphone n'est pas valide (exemple : 05 55 00 00 00).")
            )
        return phone

    def clean_email(self):
        # Whether the address already has an account or an application is never said here:
        # the answer is the same for everyone and the e-mail to the address tells the rest.
        return self.cleaned_data["email"].strip().lower()

    def is_spam(self):
        return bool(self.data.get("website"))


def clean_text(value):
    """Strip null bytes and surrounding spaces from free text."""
    return value.replace("\x00", "").strip()


class NotificationPreferencesForm(forms.ModelForm):
    """How often a member wants to hear about new content, and about what."""

    class Meta:
        model = User
        fields = ["notification_frequency", "event_alerts", "action_alerts"]
        labels = {
            "notification_frequency": _(
                "Me prévenir des nouveaux comptes rendus, versions et événements"
            ),
            "event_alerts": _("Inclure les nouveaux événements de l'agenda"),
            "action_alerts": _("Me signaler les actions passées en retard"),
        }
        widgets = {
            "notification_frequency": forms.RadioSelect,
            "action_alerts": forms.RadioSelect,
        }


class VisitorRegistrationForm(forms.Form):
    """A visitor's registration to a public event: a name and an address to confirm."""

    name = forms.CharField(
        label=_("Prénom et nom"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Indiquez votre prénom et votre nom.")},
    )
    email = forms.EmailField(
        label=_("Adresse électronique"),
        max_length=254,
        help_text=_("Nous vous y enverrons un lien pour confirmer votre inscription."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Indiquez votre adresse électronique."),
            "invalid": _(
                "Cette adresse électronique n'est pas valide. Exemple : prenom.nom@exemple.fr"
            ),
        },
    )
    organisation_name = forms.CharField(
        label=_("Organisation (facultatif)"),
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    # A honeypot: hidden from people (and assistive technologies), filled in by bots.
    website = forms.CharField(
        label=_("Ne pas remplir ce champ"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].replace("\x00", "").split())
        if not name:
            raise forms.ValidationError(_("Indiquez votre prénom et votre nom."))
        return name

    def clean_organisation_name(self):
        return " ".join(self.cleaned_data["organisation_name"].replace("\x00", "").split())

    def is_spam(self):
        return bool(self.cleaned_data.get("website"))


class AccountDeletionForm(forms.Form):
    """« Supprimer mon compte »: the password confirms who asks; the person chooses whether
    what they wrote goes too."""

    password = forms.CharField(
        label=_("Votre mot de passe"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Saisissez votre mot de passe pour confirmer.")},
    )
    remove_text = forms.BooleanField(
        label=_(
            "Supprimer aussi le texte de mes avis sur la stratégie (sinon ils restent, "
            "attribués à « Ancien membre »)"
        ),
        required=False,
    )
    confirm = forms.BooleanField(
        label=_("Je comprends que mon compte et mes données seront supprimés définitivement"),
        error_messages={"required": _("Cochez la case pour confirmer la suppression.")},
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Mot de passe incorrect : rien n'a été supprimé."))
        return password
