"""Accounts in the Wagtail admin, safe to hand to the communication team.

One rule guards every view and bulk action of the user viewset: only administrators create or
change staff accounts (administrators, anyone in a group other than the member groups), give
staff groups or superuser status; editors manage partner accounts only. Views we do not need
(copy, inspect) are not registered at all rather than half-guarded.
"""

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views import users as wagtail_user_views
from wagtail.users.views.bulk_actions.assign_role import AssignRoleBulkAction
from wagtail.users.views.bulk_actions.delete import DeleteBulkAction
from wagtail.users.views.bulk_actions.set_active_state import SetActiveStateBulkAction

from .applications import send_account_invitation
from .roles import MEMBER_GROUPS

EXTRA_FIELDS = ("organisation", "job_title", "notification_frequency")


def staff_groups():
    """Every group that is not one of the network's member groups."""
    return Group.objects.exclude(name__in=MEMBER_GROUPS)


def is_staff_account(user):
    """Administrators and anyone holding a staff group: only administrators touch them."""
    if user.is_superuser or user.is_staff:
        return True
    if user.pk is None:
        return False
    return user.groups.exclude(name__in=MEMBER_GROUPS).exists()


def can_manage_account(actor, account):
    """The one rule: administrators manage every account, editors partner accounts only."""
    return actor.is_superuser or not is_staff_account(account)


def partner_accounts(queryset):
    """Narrow a user queryset to the accounts an editor may see and manage."""
    return queryset.filter(is_superuser=False, is_staff=False).exclude(Q(groups__in=staff_groups()))


class PartnerAccountFormMixin:
    """Adds the partner fields in French; limits what non-administrators may grant."""

    field_order = [
        "email",
        "first_name",
        "last_name",
        "organisation",
        "job_title",
        "notification_frequency",
        "is_active",
        "password1",
        "password2",
        "is_superuser",
        "groups",
    ]

    def __init__(self, *args, request_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("Adresse électronique")
        self.fields["first_name"].label = _("Prénom")
        self.fields["last_name"].label = _("Nom")
        self.fields["groups"].label = _("Groupes")
        self.fields["notification_frequency"].help_text = _(
            "Les nouveaux comptes rendus et versions de la stratégie envoyés par courriel."
        )
        if "is_superuser" in self.fields:
            self.fields["is_superuser"].label = _("Administrateur")
            self.fields["is_superuser"].help_text = _(
                "Un administrateur a tous les droits sur le site et sur les comptes."
            )
        if "is_active" in self.fields:
            self.fields["is_active"].label = _("Compte actif")
        for name in ("password1", "password2"):
            if name in self.fields:
                self.fields[name].required = False
        if "password1" in self.fields:
            self.fields["password1"].label = _("Mot de passe")
            self.fields["password1"].help_text = _(
                "Laissez vide : la personne reçoit par courriel un lien pour choisir le sien."
            )
        if "password2" in self.fields:
            self.fields["password2"].label = _("Confirmation du mot de passe")
            self.fields["password2"].help_text = ""
        if request_user is None or not request_user.is_superuser:
            self.fields.pop("is_superuser", None)
            self.fields["groups"].queryset = Group.objects.filter(name__in=MEMBER_GROUPS)
            self.fields["groups"].help_text = _(
                "Les instances du réseau auxquelles la personne participe."
            )

    def clean_groups(self):
        # The queryset already refuses other groups; this keeps the rule if it is ever widened.
        groups = self.cleaned_data["groups"]
        if "is_superuser" not in self.fields and groups.exclude(name__in=MEMBER_GROUPS).exists():
            raise ValidationError(_("Seul un administrateur peut donner un rôle d'équipe."))
        return groups


class PartnerAccountCreationForm(PartnerAccountFormMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = {*UserCreationForm.Meta.fields, *EXTRA_FIELDS}

    def save(self, commit=True):
        user = super().save(commit=False)
        if not self.cleaned_data.get("password1"):
            user.set_unusable_password()
        user.username = user.email
        if commit:
            user.save()
            self.save_m2m()
        return user


class PartnerAccountEditForm(PartnerAccountFormMixin, UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = {*UserEditForm.Meta.fields, *EXTRA_FIELDS}


class GuardedAccountMixin:
    """Refuses any view of an account the signed-in editor may not manage."""

    def get_object(self, *args, **kwargs):
        account = super().get_object(*args, **kwargs)
        if not can_manage_account(self.request.user, account):
            raise PermissionDenied
        return account


class IndexView(wagtail_user_views.IndexView):
    def get_base_queryset(self):
        users = super().get_base_queryset()
        if self.request.user.is_superuser:
            return users
        return partner_accounts(users)


class CreateView(wagtail_user_views.CreateView):
    success_message = _("Le compte de « %(object)s » est créé.")
    page_title = _("Nouveau compte")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request_user": self.request.user}

    def save_instance(self):
        user = super().save_instance()
        if not user.has_usable_password():
            # Sent once the account is committed; the worker makes the link.
            transaction.on_commit(
                lambda: send_account_invitation.enqueue(
                    user.pk, self.request.build_absolute_uri("/")
                )
            )
        return user


class EditView(GuardedAccountMixin, wagtail_user_views.EditView):
    success_message = _("Le compte de « %(object)s » est enregistré.")
    error_message = _("Le compte n'a pas été enregistré : corrigez les erreurs signalées.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request_user": self.request.user}


class DeleteView(GuardedAccountMixin, wagtail_user_views.DeleteView):
    pass


class HistoryView(GuardedAccountMixin, wagtail_user_views.HistoryView):
    pass


class UsageView(GuardedAccountMixin, wagtail_user_views.UserViewSet.usage_view_class):
    pass


class PartnerUserViewSet(wagtail_user_views.UserViewSet):
    """The admin's user management, with partner fields and guarded privileges."""

    index_view_class = IndexView
    add_view_class = CreateView
    edit_view_class = EditView
    delete_view_class = DeleteView
    history_view_class = HistoryView
    usage_view_class = UsageView
    # Copying an account copied its groups and rights; nobody here needs it.
    copy_view_enabled = False
    inspect_view_enabled = False

    def get_form_class(self, for_update=False):
        return PartnerAccountEditForm if for_update else PartnerAccountCreationForm


class GuardedBulkActionMixin:
    """Leaves out of a bulk action every account the editor may not manage."""

    def check_perm(self, obj):
        return super().check_perm(obj) and can_manage_account(self.request.user, obj)


class GuardedAssignRoleBulkAction(GuardedBulkActionMixin, AssignRoleBulkAction):
    display_name = _("Ajouter à un groupe")
    aria_label = _("Ajouter les comptes sélectionnés à un groupe")

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if not self.request.user.is_superuser:
            form.fields["role"].queryset = Group.objects.filter(name__in=MEMBER_GROUPS)
        form.fields["role"].label = _("Groupe")
        return form


class GuardedDeleteBulkAction(GuardedBulkActionMixin, DeleteBulkAction):
    pass


class GuardedSetActiveStateBulkAction(GuardedBulkActionMixin, SetActiveStateBulkAction):
    pass


GUARDED_BULK_ACTIONS = (
    GuardedAssignRoleBulkAction,
    GuardedDeleteBulkAction,
    GuardedSetActiveStateBulkAction,
)
