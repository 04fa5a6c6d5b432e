from django.apps import AppConfig


class NewsConfig(AppConfig):
    """News items and stakeholder stories."""

    name = "news"
    verbose_name = "Actualités et portraits"

    def ready(self):
        from core.hooks import register_cache_dependencies, register_related_urls
        from core.personal_data import exempt_fields
        from core.summaries import register_summary_builder

        from .models import build_archive_summaries, listing_urls

        register_cache_dependencies("news.NewsCategory")
        register_related_urls(listing_urls)
        register_summary_builder("news-archive", build_archive_summaries)
        exempt_fields(
            "Portrait publié avec l'accord de la personne, qui peut demander son retrait "
            "(l'équipe dépublie alors la page) ; la personne n'a pas de compte sur le site.",
            "news.StoryPage.person_name",
            "news.StoryPage.person_role",
        )
