"""Rendition specs shared by templates and listing querysets, so prefetches always match."""

from collections import defaultdict
from functools import partial

from wagtail.images import get_image_model

from .compiled import reuse_sql
from .reading import after_reading

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
    will ask for read with them: one query for the renditions of the whole listing.

    Read after the rows (core.reading) rather than by `prefetch_related`, whose filter
    resolves every image of the listing as a model value: a third of the renditions' cost on
    the home page's three listings. The listing keeps doing so once filtered or sliced.
    """
    specs = tuple(expand_specs(sizes))
    return after_reading(
        queryset.select_related(lookup), partial(attach_renditions, lookup=lookup, specs=specs)
    )


def attach_renditions(items, lookup, specs):
    """Give the images of `items` (at `lookup`) their renditions of `specs`, where Wagtail's
    image tags look for them (`prefetched_renditions`)."""
    images = defaultdict(list)
    for item in items:
        image = getattr(item, lookup)
        if image is not None:
            images[image.pk].append(image)
    if not images:
        return
    found = (
        get_image_model()
        .get_rendition_model()
        .objects.filter(image_id__in=list(images), filter_spec__in=specs)
    )
    renditions = defaultdict(list)
    for rendition in reuse_sql(found.order_by("pk"), "listing-renditions"):
        # Its image is known: `alt` and the rest read it without a query.
        rendition._state.fields_cache["image"] = images[rendition.image_id][0]
        renditions[rendition.image_id].append(rendition)
    for pk, same_image in images.items():
        for image in same_image:
            image.prefetched_renditions = list(renditions[pk])


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
