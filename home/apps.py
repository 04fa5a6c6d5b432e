from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The site: home page, standard pages, settings, navigation, search and sitemap."""

    name = "home"
    verbose_name = "Site"

    def ready(self):
        from core.hooks import register_cache_dependencies

        # Every page shows the site settings (footer, contact, social links).
        register_cache_dependencies("home.SiteSettings")
