"""Partner accounts in the Wagtail admin, safe to hand to the communication team.

Wagtail's stock user forms let anyone with "change user" grant administrator rights;
here, only administrators can, and other editors manage member accounts only.
"""

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views import users as wagtail_user_views

from .roles import MEMBER_GROUPS

EXTRA_FIELDS = ("organisation", "job_title", "notification_frequency")


class PartnerAccountFormMixin:
    """Adds the partner fields; limits what non-administrators may grant."""

    def __init__(self, *args, request_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if request_user is not None and not request_user.is_superuser:
            self.fields.pop("is_superuser", None)
            self.fields["groups"].queryset = Group.objects.filter(name__in=MEMBER_GROUPS)
            self.fields["groups"].help_text = _(
                "Les instances du réseau auxquelles la personne participe."
            )


class PartnerAccountCreationForm(PartnerAccountFormMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = {*UserCreationForm.Meta.fields, *EXTRA_FIELDS}


class PartnerAccountEditForm(PartnerAccountFormMixin, UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = {*UserEditForm.Meta.fields, *EXTRA_FIELDS}


def is_staff_account(user):
    return user.is_superuser or user.groups.exclude(name__in=MEMBER_GROUPS).exists()


class CreateView(wagtail_user_views.CreateView):
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request_user": self.request.user}


class EditView(wagtail_user_views.EditView):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        # Editors manage partners, never other editors or administrators.
        if not request.user.is_superuser and is_staff_account(self.object):
            raise PermissionDenied

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request_user": self.request.user}


class DeleteView(wagtail_user_views.DeleteView):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if not request.user.is_superuser and is_staff_account(self.object):
            raise PermissionDenied


class PartnerUserViewSet(wagtail_user_views.UserViewSet):
    """The admin's user management, with partner fields and guarded privileges."""

    add_view_class = CreateView
    edit_view_class = EditView
    delete_view_class = DeleteView

    def get_form_class(self, for_update=False):
        return PartnerAccountEditForm if for_update else PartnerAccountCreationForm
