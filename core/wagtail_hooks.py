"""Admin URLs of the two-factor authentication steps (core.two_factor), and the admin's
view of the site's legal duties (core.admin_compliance)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSetGroup

from .admin_compliance import (
    AudiencePanel,
    ErasureRecordViewSet,
    RetentionRunViewSet,
    audience_view,
    processing_register_view,
    register_read_only_policies,
)
from .two_factor import TwoFactorEnrolLinkView, TwoFactorSetupView, TwoFactorVerifyView

register_read_only_policies()


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


# Legal duties: the register, retention runs, erasures and the audience measure, grouped
# under « Conformité » for the communication team.


@hooks.register("register_admin_urls")
def register_compliance_urls():
    return [
        path("registre-des-traitements/", processing_register_view, name="processing_register"),
        path("audience/", audience_view, name="audience"),
    ]


class ComplianceViewSetGroup(ViewSetGroup):
    """The « Conformité » menu."""

    menu_label = _("Conformité")
    menu_icon = "doc-full-inverse"
    menu_order = 250
    items = (
        RetentionRunViewSet("retention_runs"),
        ErasureRecordViewSet("erasure_records"),
    )


@hooks.register("register_admin_viewset")
def register_compliance_viewsets():
    return ComplianceViewSetGroup()


# Every admin account may read the register (it is public) and the audience (aggregated).


@hooks.register("register_admin_menu_item")
def register_processing_register_item():
    return MenuItem(
        _("Registre des traitements"),
        reverse("processing_register"),
        icon_name="list-ul",
        order=251,
    )


@hooks.register("register_admin_menu_item")
def register_audience_item():
    return MenuItem(_("Audience"), reverse("audience"), icon_name="view", order=252)


@hooks.register("construct_homepage_panels")
def add_audience_panel(request, panels):
    panels.append(AudiencePanel())
