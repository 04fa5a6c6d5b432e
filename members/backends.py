"""Authentication backend of the site: Django's, with the account's groups read up front."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


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
