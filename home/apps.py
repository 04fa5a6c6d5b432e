from django.apps import AppConfig


class HomeConfig(AppConfig):
    """Home page, standard pages, media models and site-wide settings."""

    name = "home"
    verbose_name = "Site"
