"""The admin's view of the site's legal duties: the register of processings, the retention
runs, the erasures, and the audience measure."""

from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from . import audience
from .models import ErasureRecord, RetentionRun
from .personal_data import processings, retention_rules


def processing_register_view(request):
    """« Registre des traitements »: read-only, generated from the code's declarations."""
    return TemplateResponse(
        request,
        "core/admin/processing_register.html",
        {
            "processings": processings(),
            "rules": retention_rules(),
            "last_runs": RetentionRun.objects.all()[:30],
            "header_title": _("Registre des traitements"),
        },
    )


def audience_view(request):
    """Audience of the last 30 days and of the last 12 months."""
    return TemplateResponse(
        request,
        "core/admin/audience.html",
        {
            "month": audience.summary(30),
            "year": audience.summary(365),
            "retention_months": audience.RETENTION_MONTHS,
        },
    )


class AudiencePanel(Component):
    """The last 30 days' audience on the admin's dashboard."""

    name = "audience"
    order = 60
    template_name = "core/admin/audience_panel.html"

    def get_context_data(self, parent_context=None):
        return {"month": audience.summary(30)}


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Viewing follows the model's « view » permission; nobody adds, changes or deletes."""

    def user_has_permission(self, user, action):
        if action != "view":
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a == "view"])


class ReadOnlyRecordViewSet(ModelViewSet):
    """Records the software writes for the editors to read: no add, edit, copy or delete."""

    copy_view_enabled = False
    inspect_view_enabled = True
    exclude_form_fields = []


class RetentionRunViewSet(ReadOnlyRecordViewSet):
    model = RetentionRun
    icon = "history"
    menu_label = _("Conservation des données")
    list_display = ["label", "count", "ran_at"]
    list_filter = ["rule", "ran_at"]


class ErasureRecordViewSet(ReadOnlyRecordViewSet):
    model = ErasureRecord
    icon = "bin"
    menu_label = _("Effacements de données")
    list_display = ["user_id", "reason", "removed_text", "by_label", "erased_at"]
    list_filter = ["reason", "erased_at"]


def register_read_only_policies():
    """Wagtail's registry of permission policies decides what its views and menus offer."""
    for model in (RetentionRun, ErasureRecord):
        register_permission_policy(model, ReadOnlyPolicy(model))
