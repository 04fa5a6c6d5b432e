"""Admin URLs of the two-factor authentication steps (core.two_factor)."""

from django.urls import path

from wagtail import hooks

from .two_factor import TwoFactorEnrolLinkView, TwoFactorSetupView, TwoFactorVerifyView


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    # Wagtail wraps these in its admin-access check: only admin accounts reach them.
    return [
        path("double-authentification/", TwoFactorVerifyView.as_view(), name="two_factor_verify"),
        path(
            "double-authentification/configurer/",
            TwoFactorSetupView.as_view(),
            name="two_factor_setup",
        ),
        path(
            "double-authentification/activer/<uidb64>/<token>/",
            TwoFactorEnrolLinkView.as_view(),
            name="two_factor_enrol",
        ),
    ]
