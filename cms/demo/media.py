"""Demo pictures in the image library: drawn only when no image of the same title exists."""

from io import BytesIO

from django.core.files.images import ImageFile
from django.utils.text import slugify

from wagtail.images import get_image_model
from wagtail.models import Collection
from wagtail.utils.file import hash_filelike

from cms.renditions import listing_rendition_plans
from core.images import generate_renditions

from . import artwork

CREDIT = "Limoges attractivité"
COLLECTION_NAME = "Contenus de démonstration"
ALT_TEXT_MAX_LENGTH = 255

# Titles of the textless illustrations that news bodies share, by motif.
ILLUSTRATION_TITLES = {
    "arches": "Illustration – Les ponts de la Vienne",
    "network": "Illustration – Un réseau de partenaires",
    "plates": "Illustration – Arts de la table",
    "skyline": "Illustration – La ville",
    "waves": "Illustration – Au fil de l'eau",
    "stripes": "Illustration – Élan",
}


def first_that_fits(*candidates, limit=ALT_TEXT_MAX_LENGTH):
    """The first text short enough for the field, else the last one cut to the limit."""
    for text in candidates:
        if len(text) <= limit:
            return text
    return candidates[-1][: limit - 1] + "…"


class DemoImageLibrary:
    """Finds demo images by title, or draws and stores them in the demo collection."""

    kind = "images"

    def __init__(self, report):
        self.report = report
        self.model = get_image_model()
        self._collection = None
        self._by_title = {}

    @property
    def collection(self):
        """The collection that groups demo images, so editors can find or purge them."""
        if self._collection is None:
            root = Collection.get_first_root_node()
            self._collection = root.get_children().filter(name=COLLECTION_NAME).first()
            if self._collection is None:
                self._collection = root.add_child(name=COLLECTION_NAME)
        return self._collection

    def ensure(self, title, *, alt_text, render, extension="jpg", credit=CREDIT):
        """The image called `title`; `render()` draws its bytes only if it must be created.

        Args:
            title: the image title, which identifies demo images from one run to the next.
            alt_text: the text alternative, in French.
            render: a callable returning the encoded image bytes.
            extension: the file extension matching what `render` encodes.
            credit: the credit stored with the image.
        """
        if title in self._by_title:
            return self._by_title[title]
        image = self.model.objects.filter(title=title).first()
        if image is not None:
            self.report.record(self.kind, created=False)
        else:
            data = render()
            image = self.model(
                title=title,
                alt_text=first_that_fits(alt_text),
                credit=credit,
                collection=self.collection,
                file=ImageFile(BytesIO(data), name=f"{slugify(title)[:80]}.{extension}"),
                file_size=len(data),
                file_hash=hash_filelike(BytesIO(data)),
            )
            image.save()
            self.report.record(self.kind, created=True)
        self._by_title[title] = image
        return image

    def illustration(self, motif):
        """A textless illustration shared by news bodies."""
        title = ILLUSTRATION_TITLES[motif]
        palette = artwork.palette_for(title)
        return self.ensure(
            title,
            alt_text=f"{artwork.describe_composition(motif, palette)}.",
            render=lambda: artwork.draw_illustration(motif, palette, title),
        )

    def cover(self, title, motif, *, prefix="Visuel"):
        """A listing picture for `title`: a textless composition (cards show it beside the
        title, as decoration)."""
        palette = artwork.palette_for(title)
        return self.ensure(
            f"{prefix} – {title}",
            alt_text=f"{artwork.describe_composition(motif, palette)}.",
            render=lambda: artwork.draw_illustration(motif, palette, title),
        )

    def hero(self, title, motif):
        palette = artwork.PALETTES[0]
        return self.ensure(
            title,
            alt_text=f"{artwork.describe_composition(motif, palette)}.",
            render=lambda: artwork.draw_illustration(motif, palette, title, artwork.HERO_SIZE),
        )

    def logo(self, name, mark, colour):
        return self.ensure(
            f"Logo – {name}",
            alt_text=f"Logo de {name}",
            render=lambda: artwork.draw_logo(mark, name, colour),
            extension="png",
            credit="",
        )

    def portrait(self, person_name):
        palette = artwork.palette_for(person_name)
        return self.ensure(
            f"Portrait – {person_name}",
            alt_text=f"Portrait illustré de {person_name}.",
            render=lambda: artwork.draw_portrait(person_name, palette),
        )


def make_listing_renditions(report):
    """Every rendition listings and the home page show, so the demo's first visit is quick."""
    asked = generate_renditions(listing_rendition_plans())
    report.note(f"{asked} déclinaisons d'images prêtes (AVIF, WebP, JPEG).")
