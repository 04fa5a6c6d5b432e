"""Forms of the member area, with French labels and messages."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _

from .models import StrategyFeedback


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


class MemberPasswordResetForm(PasswordResetForm):
    """Asks for the e-mail address to send a reset link to; never says whether it exists."""

    email = forms.EmailField(
        label=_("Adresse électronique"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


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
