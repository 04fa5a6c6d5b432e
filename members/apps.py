from django.apps import AppConfig

from wagtail.users.apps import WagtailUsersAppConfig


class MembersConfig(AppConfig):
    """Partner organisations, accounts and the member area."""

    default = True
    name = "members"
    verbose_name = "Partenaires et espace membres"

    def ready(self):
        from . import signals

        signals.connect()


class PartnerUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user admin with partner fields and guarded privileges."""

    user_viewset = "members.admin_users.PartnerUserViewSet"
