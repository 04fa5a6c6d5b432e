from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The platform under the features: media, base page, caches, security, two-factor."""

    name = "core"
    verbose_name = "Plateforme"

    def ready(self):
        from django.core import checks
        from django.db.models.signals import post_migrate

        from . import cache, retention, search_index, summaries
        from .hooks import register_private_prefixes

        cache.connect_signals()
        summaries.connect_signals(self)
        checks.register(cache.check_shared_cache, checks.Tags.caches)
        # Documents are served through their permission check: never from a cache.
        register_private_prefixes("/documents/")
        # Its own processings and retention rules (sign-in records, audience, backups).
        retention.register()
        # Sent for each app: connected for this one only, so the index is rebuilt once.
        post_migrate.connect(search_index.rebuild_after_configuration_change, sender=self)
