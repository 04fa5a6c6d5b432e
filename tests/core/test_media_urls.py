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


# Renditions read from the database without the init signals (SiteRendition.from_db).


def read_fields(rendition):
    return {
        field.attname: getattr(rendition, field.attname)
        for field in rendition._meta.concrete_fields
        if field.attname != "file"
    } | {"file": rendition.file.name, "adding": rendition._state.adding, "db": rendition._state.db}


@pytest.mark.django_db
def test_renditions_read_as_django_reads_them():
    from django.db.models.signals import post_init

    from core.models import SiteImage, SiteRendition

    image = factories.SiteImageFactory()
    image.get_renditions("fill-40x25", "fill-80x50|format-webp")
    listed = SiteImage.objects.prefetch_related("renditions").get(pk=image.pk)
    fast = sorted(listed.renditions.all(), key=lambda rendition: rendition.pk)
    # The address before the file object was ever built, then from it.
    assert all(isinstance(rendition.__dict__["file"], str) for rendition in fast)
    assert [rendition.url for rendition in fast] == [r.file.storage.url(r.file.name) for r in fast]

    seen = []

    def listening(sender, instance, **kwargs):
        seen.append(instance)

    # Another receiver: Django's own path again, and the receiver hears every row.
    post_init.connect(listening, sender=SiteRendition)
    try:
        slow = list(SiteRendition.objects.filter(image=image).order_by("pk"))
    finally:
        post_init.disconnect(listening, sender=SiteRendition)
    assert seen == slow
    assert [read_fields(rendition) for rendition in fast] == [read_fields(r) for r in slow]
    assert all(rendition.image == image for rendition in fast)
    assert {rendition.width for rendition in fast} == {40, 80}
    assert not fast[0]._state.adding
    # Saved again as an existing row, not inserted.
    fast[0].save()
    assert SiteRendition.objects.filter(image=image).count() == 2
    # Deferred fields keep Django's way.
    partial = SiteRendition.objects.only("pk", "file").get(pk=fast[0].pk)
    assert partial.width == fast[0].width
