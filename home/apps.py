from django.apps import AppConfig


class HomeConfig(AppConfig):
    """Home page, standard pages, media models and site-wide settings."""

    name = "home"
    verbose_name = "Site"

    def ready(self):
        from django.core import checks

        from . import cache

        cache.connect_signals()
        checks.register(cache.check_shared_cache, checks.Tags.caches)
