from django.apps import AppConfig


class NewsConfig(AppConfig):
    """News items and stakeholder stories."""

    name = "news"
    verbose_name = "Actualités et portraits"
