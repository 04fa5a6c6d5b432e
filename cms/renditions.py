"""The renditions the site's listings and home page ask for, made ahead by the data loaders."""

from wagtail.images import get_image_model

from core.images import (
    CARD_SIZES,
    HERO_SIZES,
    LOGO_SIZES,
    PORTRAIT_SIZES,
    SOCIAL_SIZE,
    expand_specs,
)
from home.models import HomePage
from members.models import Organisation
from news.models import NewsPage, StoryPage


def listing_rendition_plans():
    """The images listings and the home page show, each with the renditions they ask for."""
    image_model = get_image_model()

    def used_by(queryset, field):
        return image_model.objects.filter(pk__in=queryset.values(field))

    return [
        (used_by(NewsPage.objects.all(), "listing_image"), expand_specs(CARD_SIZES)),
        (
            used_by(StoryPage.objects.all(), "portrait_image"),
            [*expand_specs(PORTRAIT_SIZES), SOCIAL_SIZE],
        ),
        (used_by(Organisation.objects.all(), "logo"), expand_specs(LOGO_SIZES)),
        (used_by(HomePage.objects.all(), "hero_image"), [*expand_specs(HERO_SIZES), SOCIAL_SIZE]),
    ]
