"""Upload checks for the document and image libraries: types are judged by content too.

A file's extension is only a claim. Documents must also look like what they claim to be
(PDF header, OpenDocument `mimetype` entry, Office Open XML parts), and macro-bearing office
files are refused. Images are checked by Wagtail (format matching the extension, size,
pixels); SVG, which can carry scripts, is refused whatever its extension.
"""

import zipfile
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

OPENDOCUMENT_TYPES = {
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}
OFFICE_OPEN_XML_PARTS = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
DOCUMENT_TYPE_NAMES = {
    "pdf": "PDF",
    "odt": "texte OpenDocument",
    "ods": "tableur OpenDocument",
    "docx": "Word",
    "xlsx": "Excel",
    "pptx": "PowerPoint",
}
# Where office suites keep macros: Office Open XML's VBA project, OpenDocument's folders.
VBA_PROJECT_NAME = "vbaproject.bin"
OPENDOCUMENT_SCRIPT_FOLDERS = ("basic/", "scripts/")


def allowed_document_extensions():
    """The extensions both allowed by the settings and checkable by content here."""
    configured = getattr(settings, "WAGTAILDOCS_EXTENSIONS", None) or DOCUMENT_TYPE_NAMES
    return [ext for ext in configured if ext in DOCUMENT_TYPE_NAMES]


def extension_of(name):
    return PurePosixPath(str(name).replace("\\", "/")).suffix.lower().lstrip(".")


def read_head(file, size=8):
    file.seek(0)
    head = file.read(size)
    file.seek(0)
    return head


def open_zip(file):
    try:
        file.seek(0)
        return zipfile.ZipFile(file)
    except (zipfile.BadZipFile, OSError, ValueError):
        return None


def zip_matches(file, extension):
    """Whether the zip is the OpenDocument or Office Open XML file the extension announces."""
    archive = open_zip(file)
    if archive is None:
        return False, False
    with archive:
        names = archive.namelist()
        lowered = [name.lower() for name in names]
        has_macros = any(
            name.endswith(VBA_PROJECT_NAME) or name.startswith(OPENDOCUMENT_SCRIPT_FOLDERS)
            for name in lowered
        )
        if extension in OPENDOCUMENT_TYPES:
            try:
                info = archive.getinfo("mimetype")
            except KeyError:
                return False, has_macros
            # The entry holds a few dozen bytes; a large one is not a real OpenDocument.
            if info.file_size > 100:
                return False, has_macros
            mimetype = archive.read(info).decode("ascii", errors="replace").strip()
            return mimetype == OPENDOCUMENT_TYPES[extension], has_macros
        part = OFFICE_OPEN_XML_PARTS[extension]
        matches = "[Content_Types].xml" in names and any(name.startswith(part) for name in names)
        return matches, has_macros


def validate_document_file(file):
    """Raise a French ValidationError unless the file is an allowed, genuine document."""
    extension = extension_of(file.name)
    allowed = allowed_document_extensions()
    if extension not in allowed:
        raise ValidationError(
            _("Ce type de fichier n'est pas accepté. Formats acceptés : %(formats)s.")
            % {"formats": ", ".join(ext.upper() for ext in allowed)},
            code="invalid_document_extension",
        )
    max_size = getattr(settings, "WAGTAILDOCS_MAX_UPLOAD_SIZE", None)
    if max_size is not None and file.size > max_size:
        raise ValidationError(
            _("Ce fichier est trop lourd (%(size)s) : %(max)s au maximum.")
            % {"size": filesizeformat(file.size), "max": filesizeformat(max_size)},
            code="file_too_large",
        )
    if extension == "pdf":
        genuine, has_macros = read_head(file, 5) == b"%PDF-", False
    else:
        genuine, has_macros = zip_matches(file, extension)
    file.seek(0)
    if not genuine:
        raise ValidationError(
            _(
                "Le contenu de ce fichier ne correspond pas à un document %(type)s : "
                "enregistrez-le de nouveau au bon format avant de l'envoyer."
            )
            % {"type": DOCUMENT_TYPE_NAMES[extension]},
            code="invalid_document_content",
        )
    if has_macros:
        raise ValidationError(
            _(
                "Ce document contient des macros, qui ne sont pas acceptées : "
                "enregistrez-le sans macros avant de l'envoyer."
            ),
            code="document_with_macros",
        )


def looks_like_svg(file):
    head = read_head(file, 512).lstrip().lower()
    return head.startswith((b"<?xml", b"<svg", b"<!doctype svg")) or b"<svg" in head


class SafeDocumentForm(BaseDocumentForm):
    """The document library's form, with the content checks above."""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file and "file" in self.changed_data:
            validate_document_file(file)
        return file


class SafeImageForm(BaseImageForm):
    """The image library's form: Wagtail checks format, size and pixels; SVG never passes."""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file and "file" in self.changed_data and looks_like_svg(file):
            raise ValidationError(
                _("Les images SVG ne sont pas acceptées : envoyez un fichier PNG, JPEG ou WebP."),
                code="svg_refused",
            )
        return file
