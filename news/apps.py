from django.apps import AppConfig


class NewsConfig(AppConfig):
    """News items and stakeholder stories."""

    name = "news"
    verbose_name = "Actualités et portraits"

    def ready(self):
        from core.hooks import register_cache_dependencies, register_related_urls

        from .models import listing_urls

        register_cache_dependencies("news.NewsCategory")
        register_related_urls(listing_urls)
