"""Rendition specs shared by templates and listing querysets, so prefetches always match."""

from django.db.models import Prefetch

from wagtail.images import get_image_model

IMAGE_FORMATS = ("avif", "webp", "jpeg")

# Each entry mirrors a {% picture %} call in templates/components.
CARD_SIZES = ("fill-400x250", "fill-800x500")
PORTRAIT_SIZES = ("fill-300x300", "fill-600x600")
LOGO_SIZES = ("max-240x120", "max-480x240")
HERO_SIZES = ("fill-640x480", "fill-960x720", "fill-1280x960")
SOCIAL_SIZE = "fill-1200x630|format-jpeg"


def expand_specs(sizes):
    """Every filter spec that {% picture %} asks for with these sizes in our formats."""
    return [f"{size}|format-{fmt}" for size in sizes for fmt in IMAGE_FORMATS]


def with_image(queryset, lookup, sizes):
    """`queryset` with the image at `lookup` joined to its rows and the renditions a template
    will ask for prefetched: one query for the renditions of the whole listing, where a
    prefetch of the images first would cost one more."""
    renditions = (
        get_image_model().get_rendition_model().objects.filter(filter_spec__in=expand_specs(sizes))
    )
    # The attribute Wagtail's own prefetch_renditions() fills, which its image tags read.
    prefetch = Prefetch(
        f"{lookup}__renditions", queryset=renditions, to_attr="prefetched_renditions"
    )
    return queryset.select_related(lookup).prefetch_related(prefetch)


def generate_renditions(plans):
    """Make the missing renditions of each plan's images; returns how many were asked for.

    AVIF encoding takes up to two seconds an image: made here once (after an import, a demo
    or a benchmark load) rather than by the first visitor of a listing.
    """
    asked = 0
    for images, specs in plans:
        for image in images:
            image.get_renditions(*specs)
            asked += len(specs)
    return asked
