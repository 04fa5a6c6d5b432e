"""Two-factor authentication (TOTP) for every privileged account, wherever it signs in.

After the password, an account that may open the admin (or holds staff rights) proves it holds
its authenticator app with a six-digit code before anything else is served to it: the admin,
but also the member area, member documents and the account page, which it could otherwise read
through the partners' sign-in at /connexion/. Partners are not concerned.

Enrolment needs more than the password: the enrolment page opens only from a single-use link
e-mailed to the account's address, in the session that signed in with the password.

Built on django-otp's TOTP devices: no Wagtail-specific package supports Wagtail 8 yet.
"""

import base64
import logging
import smtplib

from django import forms
from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.http import HttpResponseRedirect
from django.shortcuts import resolve_url
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.encoding import force_bytes
from django.utils.http import (
    url_has_allowed_host_and_scheme,
    urlsafe_base64_decode,
    urlsafe_base64_encode,
)
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

import segno
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from .mail import send_mail_from_template, send_two_factor_enrolled

logger = logging.getLogger(__name__)

DEVICE_NAME = "Application d'authentification"
# What stays open to a privileged account before its second factor, besides OPEN_VIEW_NAMES:
# signing in and out, choosing a password, and the files pages of those load.
ENROLMENT_SESSION_KEY = "two_factor_enrolment_for"
ENROLMENT_LINK_INTERVAL = 5 * 60  # seconds between two e-mailed links

# What an admin account may open before its second factor: signing in and out, enrolling,
# verifying, and the assets those pages load.
OPEN_VIEW_NAMES = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_password_reset",
    "wagtailadmin_password_reset_done",
    "wagtailadmin_password_reset_confirm",
    "wagtailadmin_password_reset_complete",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "two_factor_setup",
    "two_factor_enrol",
    "two_factor_verify",
    "admin:login",
    "admin:logout",
}


def open_path_prefixes():
    return (settings.LOGIN_URL, settings.LOGOUT_URL, settings.STATIC_URL, "/favicon.ico")


def needs_second_factor(user):
    """Anyone who may open an admin: superusers, staff, and holders of Wagtail's access."""
    return user.is_authenticated and (
        user.is_superuser or user.is_staff or user.has_perm("wagtailadmin.access_admin")
    )


def has_confirmed_device(user):
    return user_has_device(user, confirmed=True)


class EnrolmentTokenGenerator(PasswordResetTokenGenerator):
    """Single-use enrolment links, bound to the account's password and last sign-in."""

    key_salt = "core.two_factor.EnrolmentTokenGenerator"


enrolment_tokens = EnrolmentTokenGenerator()


def enrolment_link(request, user):
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    path = reverse("two_factor_enrol", args=[uid, enrolment_tokens.make_token(user)])
    return request.build_absolute_uri(path)


def send_enrolment_link(request, user):
    """E-mail the link, at most once every few minutes per account. False when it could not
    be sent: the mail server refused it or could not be reached, and the next visit retries."""
    key = f"two-factor-enrolment-link:{user.pk}"
    if not cache.add(key, 1, ENROLMENT_LINK_INTERVAL):
        return True
    context = {"user": user, "link": enrolment_link(request, user)}
    try:
        send_mail_from_template(
            "security/emails/two_factor_enrolment_link.txt", context, user.email
        )
    except (OSError, smtplib.SMTPException):
        logger.exception("Two-factor enrolment link not sent to account %s", user.pk)
        cache.delete(key)
        return False
    return True


class AdminTwoFactorMiddleware:
    """Sends privileged accounts to verification (or enrolment) before any view runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not getattr(settings, "ADMIN_2FA_REQUIRED", True):
            return None
        if request.path_info.startswith(open_path_prefixes()):
            return None
        user = request.user
        if not needs_second_factor(user) or user.is_verified():
            return None
        match = request.resolver_match
        if match is not None and match.view_name in OPEN_VIEW_NAMES:
            return None
        step = "two_factor_verify" if has_confirmed_device(user) else "two_factor_setup"
        return redirect_to_login(request.get_full_path(), reverse(step))


class TokenForm(forms.Form):
    """The six digits the authenticator app shows."""

    code = forms.CharField(
        label=_("Code à six chiffres"),
        max_length=16,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autofocus": True,
                "pattern": "[0-9 ]*",
            }
        ),
        error_messages={"required": _("Saisissez le code affiché par votre application.")},
    )

    def __init__(self, *args, device=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        if not code.isdigit() or len(code) != 6:
            raise forms.ValidationError(_("Le code comporte six chiffres."))
        allowed, details = self.device.verify_is_allowed()
        if not allowed:
            raise forms.ValidationError(
                _("Trop d'essais : patientez quelques secondes avant de saisir un nouveau code.")
            )
        if not self.device.verify_token(code):
            raise forms.ValidationError(
                _("Ce code est incorrect ou a expiré. Saisissez le code affiché maintenant.")
            )
        return code


def safe_next_url(request):
    """The `next` address if it stays on this site, the admin's home otherwise."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url("wagtailadmin_home")


def secret_for_display(device):
    """The key in base32, in groups of four, as authenticator apps accept it typed in."""
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(uri):
    """The enrolment address as an inline SVG QR code (no external request, no script)."""
    svg = segno.make(uri, error="m").svg_inline(scale=5, border=2, title="QR code")
    # segno builds the markup from the URI, which only holds our issuer, the e-mail and the key.
    return mark_safe(svg)  # noqa: S308


sensitive_code = method_decorator(sensitive_post_parameters("code"), name="dispatch")
private = method_decorator(never_cache, name="dispatch")


@sensitive_code
@private
class TwoFactorSetupView(View):
    """Enrolment: scan the QR code (or type the key), then confirm with a first code."""

    template_name = "security/two_factor_setup.html"

    def dispatch(self, request, *args, **kwargs):
        if has_confirmed_device(request.user):
            # The key is never shown again once confirmed; a lost phone is reset by an admin.
            if request.user.is_verified():
                return HttpResponseRedirect(safe_next_url(request))
            return redirect_to_login(safe_next_url(request), reverse("two_factor_verify"))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        if request.session.get(ENROLMENT_SESSION_KEY) != request.user.pk:
            return self.link_sent(request)
        # A fresh key each time the page is shown: an abandoned one is never reused.
        TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()
        device = TOTPDevice.objects.create(user=request.user, name=DEVICE_NAME, confirmed=False)
        return self.render(request, device, TokenForm(device=device))

    def link_sent(self, request):
        """Whoever only knows the password gets no key: the mailbox's owner gets a link."""
        sent = send_enrolment_link(request, request.user)
        return TemplateResponse(
            request,
            "security/two_factor_link_sent.html",
            {"email": request.user.email, "sent": sent},
            status=200 if sent else 503,
        )

    def post(self, request):
        if request.session.get(ENROLMENT_SESSION_KEY) != request.user.pk:
            return self.link_sent(request)
        device = (
            TOTPDevice.objects.filter(user=request.user, confirmed=False).order_by("-pk").first()
        )
        if device is None:
            return HttpResponseRedirect(request.get_full_path())
        form = TokenForm(request.POST, device=device)
        if not form.is_valid():
            return self.render(request, device, form)
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()
        request.session.pop(ENROLMENT_SESSION_KEY, None)
        otp_login(request, device)
        # Whoever held the password first could have enrolled: the mailbox's owner is told,
        # so an enrolment they did not make is noticed and reset (manage.py reset_two_factor).
        send_two_factor_enrolled.enqueue(request.user.pk)
        return HttpResponseRedirect(safe_next_url(request))

    def render(self, request, device, form):
        uri = device.config_url
        return TemplateResponse(
            request,
            self.template_name,
            {
                "form": form,
                "qr_code": qr_code_svg(uri),
                "secret": secret_for_display(device),
                "otpauth_uri": uri,
                "next": safe_next_url(request),
            },
        )


@private
class TwoFactorEnrolLinkView(View):
    """The e-mailed link: opens enrolment for the account signed in with its password."""

    def get(self, request, uidb64, token):
        try:
            user_id = int(urlsafe_base64_decode(uidb64).decode())
        except (TypeError, ValueError, UnicodeDecodeError, OverflowError):
            user_id = None
        user = request.user
        if (
            user_id is None
            or user_id != user.pk
            or has_confirmed_device(user)
            or not enrolment_tokens.check_token(user, token)
        ):
            return TemplateResponse(request, "security/two_factor_link_invalid.html", status=400)
        request.session[ENROLMENT_SESSION_KEY] = user.pk
        # The token leaves the address bar (and any Referer) at once.
        return HttpResponseRedirect(reverse("two_factor_setup"))


@sensitive_code
@private
class TwoFactorVerifyView(View):
    """The second step of every admin sign-in."""

    template_name = "security/two_factor_verify.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_verified():
            return HttpResponseRedirect(safe_next_url(request))
        self.device = (
            TOTPDevice.objects.devices_for_user(request.user, confirmed=True).order_by("pk").first()
        )
        if self.device is None:
            return redirect_to_login(safe_next_url(request), reverse("two_factor_setup"))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self.render(request, TokenForm(device=self.device))

    def post(self, request):
        form = TokenForm(request.POST, device=self.device)
        if not form.is_valid():
            return self.render(request, form)
        otp_login(request, self.device)
        return HttpResponseRedirect(safe_next_url(request))

    def render(self, request, form):
        return TemplateResponse(
            request, self.template_name, {"form": form, "next": safe_next_url(request)}
        )
