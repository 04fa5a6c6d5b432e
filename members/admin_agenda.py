"""The admin's action plan (status changes by editors and commission facilitators) and the
registrations to events (read and exported by editors)."""

import contextlib

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.models import (
    DeleteView,
    EditView,
    IndexView,
    InspectView,
)
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.viewsets.model import ModelViewSet

from core.exports import FormulaSafeExportMixin

from .admin_records import (
    ReadOnlyEditView,
    ReadOnlyIndexView,
    ReadOnlyInspectView,
    RefusedCreateView,
)
from .models import EventRegistration, MinutesActionItem
from .registrations import RegistrationClosed, cancel_registration
from .roles import may_see_member_area_in_admin

# Action plan


def actions_in_scope(user):
    """The actions a person may change in the admin: every one for editors, those of the
    commissions they facilitate for facilitators, none for anyone else."""
    actions = MinutesActionItem.objects.select_related(
        "page", "page__commission_page", "owner_organisation"
    )
    if may_see_member_area_in_admin(user):
        return actions
    return actions.filter(
        page__live=True,
        page__commission_page__facilitators=user,
        page__commission_page__live=True,
    ).distinct()


class ScopedActionMixin:
    """Every view of one action answers only within the person's scope (a 403 otherwise),
    whatever Wagtail's model permissions say."""

    def get_object(self, *args, **kwargs):
        action = super().get_object(*args, **kwargs)
        if not actions_in_scope(self.request.user).filter(pk=action.pk).exists():
            raise PermissionDenied
        return action


class ActionStatusForm(WagtailAdminModelForm):
    """The status of an action, with an optional comment kept in its history."""

    note = forms.CharField(
        label=_("Commentaire (facultatif)"),
        max_length=500,
        required=False,
        help_text=_("Visible des membres dans l'historique de l'action."),
    )

    def save(self, commit=True):
        self.instance._status_note = self.cleaned_data.get("note", "").strip()
        return super().save(commit)


def sync_latest_revision(action):
    """Write the new status into the minutes' latest revision too: publishing that revision
    later (an editor fixing a typo in the minutes) must not bring the old status back."""
    page = action.page
    revision = page.latest_revision
    if revision is None:
        return
    changed = False
    for item in revision.content.get("action_items", []):
        if item.get("pk") == action.pk and item.get("status") != action.status:
            item["status"] = action.status
            changed = True
    if changed:
        revision.save(update_fields=["content"])


class ActionIndexView(FormulaSafeExportMixin, IndexView):
    """The tracker of the admin: each row opens the status form."""

    def get_base_queryset(self):
        return actions_in_scope(self.request.user).order_by("due_on", "pk")

    def get_add_url(self):
        return None


class ActionEditView(ScopedActionMixin, EditView):
    """Changes an action's status (and nothing else), with a trace in its history."""

    def save_instance(self):
        instance = super().save_instance()
        sync_latest_revision(instance)
        return instance

    def get_success_message(self, instance=None):
        return _("État de l'action « %(action)s » enregistré.") % {"action": self.object}


class ActionInspectView(ScopedActionMixin, InspectView):
    pass


class ActionHistoryView(ScopedActionMixin, HistoryView):
    pass


class ActionUsageView(ScopedActionMixin, UsageView):
    pass


class ActionCreateView(RefusedCreateView):
    """Actions are written in the minutes of the meeting that decided them."""

    refusal = _("Les actions s'écrivent dans le compte rendu de la réunion qui les a décidées.")


class ActionDeleteView(ScopedActionMixin, DeleteView):
    """An action leaves the plan by editing its minutes, where it was written."""

    def dispatch(self, request, *args, **kwargs):
        messages.error(
            request,
            _("Pour retirer une action, modifiez le compte rendu qui la contient."),
        )
        return redirect(self.index_url_name)


class ActionItemViewSet(ModelViewSet):
    """« Plan d'actions »: every commission's actions and their status."""

    model = MinutesActionItem
    icon = "tasks"
    menu_label = _("Plan d'actions")
    menu_order = 210
    add_to_admin_menu = True
    index_view_class = ActionIndexView
    add_view_class = ActionCreateView
    edit_view_class = ActionEditView
    delete_view_class = ActionDeleteView
    inspect_view_class = ActionInspectView
    history_view_class = ActionHistoryView
    usage_view_class = ActionUsageView
    copy_view_enabled = False
    inspect_view_enabled = True
    edit_handler = ObjectList(
        [FieldPanel("status"), FieldPanel("note")], base_form_class=ActionStatusForm
    )
    list_display = ["description", "commission_title", "owner", "due_on", "status"]
    list_filter = ["status", "owner_organisation", "due_on"]
    list_export = [
        "commission_title",
        "minutes_title",
        "decision",
        "description",
        "owner",
        "owner_organisation",
        "due_on",
        "get_status_display",
    ]
    export_headings = {
        "commission_title": _("Commission"),
        "minutes_title": _("Compte rendu"),
        "get_status_display": _("État"),
    }
    export_filename = "plan-d-actions"
    search_fields = ["description", "owner", "decision"]
    inspect_view_fields = [
        "description",
        "decision",
        "owner",
        "owner_organisation",
        "due_on",
        "status",
    ]


# Registrations


class RegistrationCreateView(RefusedCreateView):
    refusal = _("Les inscriptions se font depuis la page de l'événement, sur le site.")


class RegistrationDeleteView(DeleteView):
    """Deleting a registration gives its seat to the first person waiting, as a cancellation
    does (and tells both by e-mail), while the event is still to come."""

    def delete_action(self):
        registration = self.object
        if registration.status != EventRegistration.Status.CANCELLED:
            # Once the event has begun, nobody is waiting for the seat any more.
            with contextlib.suppress(RegistrationClosed):
                cancel_registration(registration)
        super().delete_action()


class EventRegistrationViewSet(ModelViewSet):
    """Registrations to events, for editors to see and export."""

    model = EventRegistration
    icon = "date"
    menu_label = _("Inscriptions aux événements")
    menu_order = 215
    add_to_admin_menu = True
    # What a person typed is kept as typed: a registration opens read-only.
    index_view_class = ReadOnlyIndexView
    add_view_class = RegistrationCreateView
    edit_view_class = ReadOnlyEditView
    inspect_view_class = ReadOnlyInspectView
    delete_view_class = RegistrationDeleteView
    copy_view_enabled = False
    inspect_view_enabled = True
    form_fields = ["status"]
    list_display = ["name", "email", "organisation_name", "event_title", "status", "created_at"]
    list_filter = ["event", "status"]
    list_export = [
        "event_title",
        "name",
        "email",
        "organisation_name",
        "get_status_display",
        "created_at",
        "confirmed_at",
    ]
    export_headings = {"event_title": _("Événement"), "get_status_display": _("État")}
    export_filename = "inscriptions"
    search_fields = ["name", "email", "organisation_name"]
    ordering = ["event", "created_at"]

    def get_queryset(self, request):
        return EventRegistration.objects.select_related("event")
