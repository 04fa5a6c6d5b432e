"""Authentication backend of the site: Django's, with the account's groups read up front, and
the admin permissions a commission's facilitator holds through that role."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

# What facilitating a commission gives: the admin's door and its actions' tracker, where the
# listing and the forms show only the actions of the commissions the person facilitates
# (members.wagtail_hooks.ActionItemViewSet). Nothing else of the admin opens to them.
FACILITATOR_PERMISSIONS = frozenset(
    {
        "wagtailadmin.access_admin",
        "members.view_minutesactionitem",
        "members.change_minutesactionitem",
    }
)


def is_facilitator(user):
    """Whether an active account facilitates a live commission (read once per user object)."""
    if not user.is_authenticated or not user.is_active:
        return False
    cached = getattr(user, "_facilitator_cache", None)
    if cached is None:
        cached = user.facilitated_commissions.filter(live=True).exists()
        user._facilitator_cache = cached
    return cached


class MemberBackend(ModelBackend):
    """Loads the signed-in account with its groups, which every member page checks, and its
    organisation, which every member page shows."""

    def get_user(self, user_id):
        user_model = get_user_model()
        try:
            user = (
                user_model._default_manager.select_related("organisation")
                .prefetch_related("groups")
                .get(pk=user_id)
            )
        except user_model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

    def get_all_permissions(self, user_obj, obj=None):
        permissions = super().get_all_permissions(user_obj, obj)
        if obj is None and is_facilitator(user_obj):
            permissions = permissions | FACILITATOR_PERMISSIONS
        return permissions
