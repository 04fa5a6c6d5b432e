from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The site: home page, standard pages, settings, navigation, search and sitemap."""

    name = "home"
    verbose_name = "Site"

    def ready(self):
        from core.hooks import register_cache_dependencies, register_site_urls
        from core.personal_data import exempt_fields

        from .sitemap import section_urls

        # Every page shows the site settings (footer, contact, social links).
        register_cache_dependencies("home.SiteSettings")
        register_site_urls(section_urls)
        exempt_fields(
            "Coordonnées de l'organisation, de l'éditeur et de l'hébergeur, publiées par "
            "obligation légale (pas celles d'une personne).",
            "home.SiteSettings.email",
            "home.SiteSettings.phone",
            "home.SiteSettings.publisher_phone",
            "home.SiteSettings.host_phone",
            "home.SiteSettings.accessibility_contact",
        )
