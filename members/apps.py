from django.apps import AppConfig


class MembersConfig(AppConfig):
    """Partner organisations, accounts and the member area."""

    name = "members"
    verbose_name = "Partenaires et espace membres"

    def ready(self):
        from . import signals

        signals.connect()
