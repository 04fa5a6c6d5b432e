from django.apps import AppConfig


class CmsConfig(AppConfig):
    """The project's wiring: settings, URLs, and the demo and benchmark data loaders."""

    name = "cms"
    verbose_name = "Projet"
