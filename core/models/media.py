"""The image and document models of the library, stored under names nobody can guess."""

import re
import secrets
from functools import lru_cache
from pathlib import PurePosixPath

from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models.base import ModelState
from django.db.models.signals import post_init, pre_init
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from wagtail.documents.models import AbstractDocument, Document
from wagtail.images.models import AbstractImage, AbstractRendition, Filter, Image


def random_storage_name(folder, filename):
    """A storage path nobody can guess: a random token, then the sanitised original name."""
    path = PurePosixPath(filename)
    stem = slugify(path.stem)[:60] or "fichier"
    suffix = slugify(path.suffix.lstrip("."))[:10]
    name = f"{stem}.{suffix}" if suffix else stem
    return f"{folder}/{secrets.token_urlsafe(16)}/{name}"


@lru_cache(maxsize=1024)
def shared_filter(spec):
    """One Filter per spec for the whole process.

    Wagtail's image tags build a new Filter for every image they render, and each new Filter
    parses its spec again, checking every operation's arguments with `inspect`: a third of the
    time of a page of thirty pictures. A Filter holds nothing but its parsed spec, so one per
    spec serves every request.
    """
    return Filter(spec=spec)


# Names made of characters that need no escaping in a URL, with no "." or ".." segment: for
# them, the address FileSystemStorage builds is its base address followed by the name.
PLAIN_NAME = re.compile(r"(?!.*(?:^|/)\.{1,2}(?:/|$))[A-Za-z0-9_.~-]+(?:/[A-Za-z0-9_.~-]+)*")


def file_url(file):
    """`file.url`, without urljoin's parsing for a plain name on the local disk.

    Django's FileSystemStorage quotes the name and joins it to the base address with
    `urljoin`, which parses both: a tenth of the home page's time with its 170 renditions.
    Names made by `random_storage_name` need neither; any other name, and any other storage
    (object storage signs or rewrites its addresses), goes the usual way.
    """
    return plain_url(file.storage, file.name) or file.url


def plain_url(storage, name):
    """The address of `name` on the local disk when it is a plain name, else None."""
    # default_storage is a lazy proxy; before its first use, it goes the usual way.
    storage = getattr(storage, "_wrapped", storage)
    if (
        getattr(type(storage), "url", None) is FileSystemStorage.url
        and name
        and PLAIN_NAME.fullmatch(name)
    ):
        return storage.base_url + name
    return None


def _shared(filter):
    # Filter subclasses (none in this project today) keep their own behaviour.
    if isinstance(filter, str):
        return shared_filter(filter)
    return shared_filter(filter.spec) if type(filter) is Filter else filter


class SiteImage(AbstractImage):
    """An image of the library, with the alt text and credit every publication needs."""

    alt_text = models.CharField(
        _("texte alternatif"),
        max_length=255,
        blank=True,
        help_text=_(
            "Décrit l'image pour les personnes qui ne la voient pas. "
            "Laisser vide seulement si l'image est purement décorative."
        ),
    )
    credit = models.CharField(_("crédit"), max_length=255, blank=True)

    admin_form_fields = (*Image.admin_form_fields, "alt_text", "credit")

    def get_upload_to(self, filename):
        return random_storage_name("original_images", filename)

    @property
    def default_alt_text(self):
        return self.alt_text

    def get_rendition(self, filter):
        return super().get_rendition(_shared(filter))

    def get_renditions(self, *filters):
        return super().get_renditions(*(_shared(filter) for filter in filters))

    class Meta(AbstractImage.Meta):
        # Moved from `home` without touching the data: the table keeps its name.
        db_table = "home_siteimage"
        verbose_name = _("image")
        verbose_name_plural = _("images")


@lru_cache
def concrete_attnames(model):
    return tuple(field.attname for field in model._meta.concrete_fields)


@lru_cache
def _only_dimension_check(model, receivers_count):
    dimension_check = model._meta.get_field("file").update_dimension_fields
    return pre_init._live_receivers(model) == ([], []) and post_init._live_receivers(model) == (
        [dimension_check],
        [],
    )


def only_dimension_check(model):
    """Whether the file field's dimension check is the only receiver of `model`'s init
    signals (asked again whenever a receiver is connected or disconnected)."""
    return _only_dimension_check(model, (len(pre_init.receivers), len(post_init.receivers)))


class SiteRendition(AbstractRendition):
    """A resized version of a library image."""

    image = models.ForeignKey(SiteImage, on_delete=models.CASCADE, related_name="renditions")

    @classmethod
    def from_db(cls, db, field_names, values):
        # A listing reads six renditions a card. Django's __init__ sends pre_init and post_init
        # for each, and the only receiver is the file field's dimension check, which builds a
        # file object to find that the stored width and height need nothing: a third of the
        # time a rendition took to load. Rows are set as __init__ would, without the signals,
        # as long as no other receiver listens.
        if len(values) != len(cls._meta.concrete_fields) or not only_dimension_check(cls):
            return super().from_db(db, field_names, values)
        new = cls.__new__(cls)
        new._state = ModelState()
        new._state.adding = False
        new._state.db = db
        new.__dict__.update(zip(concrete_attnames(cls), values, strict=True))
        return new

    @property
    def url(self):
        # A <picture> asks each rendition for its address up to three times (sources, srcset,
        # fallback) and the storage rebuilds it each time; a rendition's file never changes.
        if "_url" not in self.__dict__:
            # The name as read, when the file object has not been built.
            name = self.__dict__.get("file")
            url = isinstance(name, str) and plain_url(self._meta.get_field("file").storage, name)
            self.__dict__["_url"] = url or file_url(self.file)
        return self.__dict__["_url"]

    def get_upload_to(self, filename):
        # Rendition names otherwise repeat the original's name, which would make them guessable.
        return random_storage_name("images", filename)

    class Meta:
        db_table = "home_siterendition"
        unique_together = (("image", "filter_spec", "focal_point_key"),)


def document_upload_to(instance, filename):
    """Module-level so migrations can reference it."""
    return random_storage_name("documents", filename)


class SiteDocument(AbstractDocument):
    """A document of the library, stored under a name nobody can guess."""

    # Random names keep member documents out of reach even if the media folder leaks.
    file = models.FileField(upload_to=document_upload_to, verbose_name=_("fichier"))

    admin_form_fields = Document.admin_form_fields

    class Meta(AbstractDocument.Meta):
        db_table = "home_sitedocument"
        verbose_name = _("document")
        verbose_name_plural = _("documents")
