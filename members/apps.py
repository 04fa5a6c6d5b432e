from django.apps import AppConfig
from django.conf import settings

from wagtail.users.apps import WagtailUsersAppConfig


class MembersConfig(AppConfig):
    """Partner organisations, accounts and the member area."""

    default = True
    name = "members"
    verbose_name = "Partenaires et espace membres"

    def ready(self):
        from core.hooks import (
            MenuEntry,
            register_cache_dependencies,
            register_menu_entry,
            register_private_prefixes,
        )

        from . import personal, privacy, signals

        signals.connect()
        # What member pages rendered once per audience fill in for each reader (core.cache).
        personal.register()
        # Its processings, the personal data it holds and its retention rules (core).
        privacy.register()
        # Member pages, signing in and out: personal answers, never cached (core.cache).
        register_private_prefixes(
            settings.MEMBER_AREA_URL,
            settings.LOGIN_URL,
            settings.LOGOUT_URL,
            settings.MEMBER_CALENDAR_URL,
        )
        register_menu_entry(MenuEntry("Espace membres", settings.MEMBER_AREA_URL, "members-link"))
        # The directory and the home page show organisations.
        register_cache_dependencies("members.Organisation")
        # The dashboard's action summaries (rendered once per audience) follow status changes
        # made from the admin's tracker, which are no page publication.
        register_cache_dependencies("members.MinutesActionItem")


class PartnerUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user admin with partner fields and guarded privileges."""

    user_viewset = "members.admin_users.PartnerUserViewSet"
