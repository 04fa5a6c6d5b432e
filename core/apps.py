from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The platform under the features: media, base page, caches, security, two-factor."""

    name = "core"
    verbose_name = "Plateforme"

    def ready(self):
        from django.core import checks

        from . import cache, retention, summaries
        from .hooks import register_private_prefixes

        cache.connect_signals()
        summaries.connect_signals()
        checks.register(cache.check_shared_cache, checks.Tags.caches)
        # Documents are served through their permission check: never from a cache.
        register_private_prefixes("/documents/")
        # Its own processings and retention rules (sign-in records, audience, backups).
        retention.register()
