"""Uploads through the admin: allowed document types judged by content, limits, no SVG."""

import io
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.models import Collection

import pytest
from openpyxl import Workbook
from PIL import Image

from core.models import SiteDocument, SiteImage, random_storage_name
from members.pdf import simple_pdf

pytestmark = pytest.mark.django_db

ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"


def zip_bytes(entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            compression = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            archive.writestr(name, content, compress_type=compression)
    return buffer.getvalue()


def opendocument(mimetype, extra=None):
    return zip_bytes(
        {
            "mimetype": mimetype,
            "content.xml": "<office:document-content/>",
            "META-INF/manifest.xml": "<manifest:manifest/>",
            **(extra or {}),
        }
    )


def office_open_xml(part, extra=None):
    return zip_bytes(
        {
            "[Content_Types].xml": "<Types/>",
            "_rels/.rels": "<Relationships/>",
            f"{part}document.xml": "<document/>",
            **(extra or {}),
        }
    )


def real_xlsx():
    workbook = Workbook()
    workbook.active["A1"] = "Partenaires du club"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def image_bytes(width=40, height=30, image_format="PNG"):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "#1f5f8b").save(buffer, image_format)
    return buffer.getvalue()


SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
)


def upload_document(client, name, content):
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Compte rendu",
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
        },
    )


def upload_image(client, name, content):
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Vue de Limoges",
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
            "alt_text": "La gare des Bénédictins",
        },
    )


def file_errors(response):
    assert response.status_code == 200, "the upload should have been refused"
    return " ".join(response.context["form"].errors.get("file", []))


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("compte-rendu.pdf", simple_pdf("Compte rendu", ["Réunion du conseil."])),
        ("note.odt", opendocument(ODT)),
        ("budget.ods", opendocument(ODS)),
        ("rapport.docx", office_open_xml("word/")),
        ("tableau.xlsx", real_xlsx()),
        ("presentation.pptx", office_open_xml("ppt/")),
    ],
)
def test_allowed_document_types_are_accepted(admin_client, name, content):
    response = upload_document(admin_client, name, content)
    assert response.status_code == 302, response.context and response.context["form"].errors
    document = SiteDocument.objects.get()
    with document.file.open("rb") as stored:
        assert stored.read() == content


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ\x90\x00", "n'est pas accepté"),
        ("page.html", b"<script>alert(1)</script>", "n'est pas accepté"),
        ("image.svg", SVG, "n'est pas accepté"),
        ("macro.docm", office_open_xml("word/"), "n'est pas accepté"),
        ("faux.pdf", b"MZ\x90\x00 an executable renamed", "ne correspond pas à un document PDF"),
        ("faux.pdf", b"<html><script>alert(1)</script></html>", "ne correspond pas"),
        ("faux.odt", b"%PDF-1.4 a pdf renamed", "ne correspond pas à un document texte"),
        ("tableur.odt", opendocument(ODS), "ne correspond pas"),
        ("sans-type.ods", zip_bytes({"content.xml": "<x/>"}), "ne correspond pas"),
        ("feuille.docx", real_xlsx(), "ne correspond pas à un document Word"),
        ("archive.xlsx", zip_bytes({"evil.sh": "rm -rf /"}), "ne correspond pas"),
        ("casse.pptx", b"PK\x03\x04 truncated", "ne correspond pas"),
        ("macro.docx", office_open_xml("word/", {"word/vbaProject.bin": "x"}), "macros"),
        ("macro.odt", opendocument(ODT, {"Basic/Standard/Module1.xml": "x"}), "macros"),
    ],
)
def test_other_documents_are_refused_in_french(admin_client, name, content, message):
    response = upload_document(admin_client, name, content)
    assert message in file_errors(response)
    assert not SiteDocument.objects.exists()


def test_document_size_is_limited(admin_client, settings):
    """20 Mo by default; over the limit, the upload is refused."""
    assert settings.WAGTAILDOCS_MAX_UPLOAD_SIZE == 20 * 1024 * 1024
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    content = simple_pdf("Long", ["x" * 100] * 40)
    assert len(content) > 1024
    errors = file_errors(upload_document(admin_client, "long.pdf", content))
    assert "trop" in errors.lower()
    assert not SiteDocument.objects.exists()


def test_a_valid_image_is_accepted(admin_client):
    response = upload_image(admin_client, "vue.png", image_bytes())
    assert response.status_code == 302
    assert SiteImage.objects.get().width == 40


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("logo.svg", SVG),
        ("logo.png", SVG),
        ("vue.jpg", image_bytes(image_format="PNG")),
        ("page.png", b"<html><script>alert(1)</script></html>"),
        ("virus.png", b"MZ\x90\x00"),
    ],
)
def test_svg_and_disguised_files_are_refused_as_images(admin_client, name, content):
    response = upload_image(admin_client, name, content)
    assert file_errors(response)
    assert not SiteImage.objects.exists()


def test_image_size_and_pixels_are_limited(admin_client, settings):
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 10 * 1024 * 1024
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 40_000_000
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 1000
    assert file_errors(upload_image(admin_client, "grande.png", image_bytes(100, 100)))
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 100
    assert file_errors(upload_image(admin_client, "lourde.png", image_bytes(100, 100)))
    assert not SiteImage.objects.exists()


@pytest.mark.parametrize(
    "filename",
    [
        "../../etc/passwd.pdf",
        "..\\..\\windows\\system32.pdf",
        "/var/www/media/../settings.pdf",
        "nul\x00byte.pdf",
        "Compte rendu été 2024 ‮fdp.exe.pdf",
        "zero​width.pdf",
        "<script>alert(1)</script>.pdf",
        "x" * 500 + ".pdf",
        ".pdf",
        "..",
    ],
)
def test_storage_names_are_random_and_sanitised(filename):
    """Whatever the name sent, the file lands in its own random folder under a plain name."""
    stored = random_storage_name("documents", filename)
    folder, token, name = stored.split("/")
    assert folder == "documents"
    assert len(token) >= 20
    assert name and len(name) <= 71
    assert set(name) <= set("abcdefghijklmnopqrstuvwxyz0123456789-_.")
    assert not name.startswith(".")
    assert ".." not in name
    assert random_storage_name("documents", filename) != stored


def test_an_uploaded_document_is_stored_inside_the_media_folder(admin_client):
    response = upload_document(
        admin_client, "Rapport d'activité ‮2024.pdf", simple_pdf("Rapport", ["Texte."])
    )
    assert response.status_code == 302
    path = Path(SiteDocument.objects.get().file.path).resolve()
    assert path.is_relative_to(Path(settings.MEDIA_ROOT).resolve() / "documents")
    assert path.name.isascii()
