"""Rendition addresses (core.models.media.file_url): the storage's own, written faster."""

from django.core.files.storage import FileSystemStorage
from django.db.models.fields.files import FieldFile

import pytest

from core.models.media import file_url
from tests import factories

NAMES = [
    # What random_storage_name makes.
    "images/Zx3_k-9QwErTyUiOp1a2b/vue-du-pont.fill-400x250.format-avif.avif",
    "original_images/abc/fichier",
    "a~b/c.d.e",
    # Names the shortcut must leave to the storage: quoted, dotted, absolute, scheme-like.
    "images/été 2023/photo.jpg",
    "images/a b/c%20d.png",
    "images/../secret.txt",
    "images/./x.png",
    "images/..",
    ".",
    "/etc/passwd",
    "//evil.example/x.png",
    "javascript:alert(1)",
    "images\\windows.png",
    "images//double.png",
    "images/x.png?download=1",
    "images/x.png#top",
]


class Holder:
    """Stands in for the model instance a FieldFile belongs to."""


@pytest.mark.parametrize("base_url", ["/media/", "https://cdn.example.org/medias/", "/m"])
@pytest.mark.parametrize("name", NAMES)
def test_the_address_is_the_storages_own(name, base_url):
    storage = FileSystemStorage(location="unused", base_url=base_url)
    file = FieldFile(Holder(), factories.SiteImage._meta.get_field("file"), name)
    file.storage = storage
    assert file_url(file) == storage.url(name)


def test_another_storage_keeps_its_own_addresses():
    class Signing(FileSystemStorage):
        def url(self, name):
            return super().url(name) + "?signature=abc"

    file = FieldFile(Holder(), factories.SiteImage._meta.get_field("file"), "images/a/b.png")
    file.storage = Signing(location="unused", base_url="/media/")
    assert file_url(file) == "/media/images/a/b.png?signature=abc"


def test_the_default_storage_behind_its_proxy(settings):
    from django.core.files.storage import default_storage

    settings.MEDIA_URL = "/medias/"
    file = FieldFile(Holder(), factories.SiteImage._meta.get_field("file"), "images/a/b.png")
    file.storage = default_storage
    assert file_url(file) == "/medias/images/a/b.png"
    assert file_url(file) == "/medias/images/a/b.png"


@pytest.mark.django_db
def test_a_renditions_address_is_the_files():
    rendition = factories.SiteImageFactory().get_rendition("fill-40x25")
    assert rendition.url == rendition.file.storage.url(rendition.file.name)
    assert rendition.url.startswith("/media/images/")
