"""Checking uploaded documents: the type is read from the content (libmagic), not trusted from
the name, and must agree with the extension. HTML or SVG renamed to .pdf is refused."""

import unicodedata
import zipfile
from contextlib import contextmanager
from pathlib import PurePath

import magic
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# extension → the content types libmagic may report for it
ALLOWED = {
    ".pdf": {"application/pdf"},
    ".odt": {"application/vnd.oasis.opendocument.text"},
    ".ods": {"application/vnd.oasis.opendocument.spreadsheet"},
    ".odp": {"application/vnd.oasis.opendocument.presentation"},
    ".docx": {"application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    ".xlsx": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    ".pptx": {"application/vnd.openxmlformats-officedocument.presentationml.presentation"},
    ".doc": {"application/msword", "application/x-ole-storage", "application/CDFV2"},
    ".xls": {"application/vnd.ms-excel", "application/x-ole-storage", "application/CDFV2"},
    ".ppt": {"application/vnd.ms-powerpoint", "application/x-ole-storage", "application/CDFV2"},
    ".png": {"image/png"},
    ".jpg": {"image/jpeg"},
    ".jpeg": {"image/jpeg"},
    ".gif": {"image/gif"},
    ".webp": {"image/webp"},
}
ACCEPT = ",".join(ALLOWED)
# Office and OpenDocument files are zip archives; libmagic names them from their first entry,
# which not every program writes first. Then the archive's own type marker decides.
ZIP_MARKERS = {
    ".odt": "mimetype",
    ".ods": "mimetype",
    ".odp": "mimetype",
    ".docx": "[Content_Types].xml",
    ".xlsx": "[Content_Types].xml",
    ".pptx": "[Content_Types].xml",
}


def safe_name(name: str) -> str:
    """The file name as shown and offered for download: no path, no control characters."""
    name = PurePath(name.replace("\\", "/")).name
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C").rstrip(" .")
    stem, dot, extension = name.rpartition(".")
    if dot and not stem.strip(" ."):  # "....pdf", ".pdf": an extension without a name
        name = f"document.{extension}"
    name = name.lstrip(" .")
    if len(name) > 200:  # shorten the stem, keep the extension: it says what the download is
        stem, dot, extension = name.rpartition(".")
        extension = extension[:20]
        name = f"{stem[: 199 - len(extension)]}.{extension}" if dot and stem else name[:200]
    return name or "document"


def checked_type(upload) -> str:
    """The content type of an upload, or a ValidationError saying in words what is wrong."""
    if upload.size > settings.DOCUMENT_MAX_BYTES:
        raise ValidationError(
            _("“{name}” is {size}; the limit is {limit}.").format(
                name=safe_name(upload.name),
                size=filesizeformat(upload.size),
                limit=filesizeformat(settings.DOCUMENT_MAX_BYTES),
            )
        )
    extension = PurePath(upload.name.lower()).suffix
    if extension not in ALLOWED:
        raise ValidationError(
            _(
                "“{name}” has a type we do not accept. Send PDF, OpenDocument, Office or an image "
                "(PNG, JPEG, GIF, WebP)."
            ).format(name=safe_name(upload.name))
        )
    upload.seek(0)
    head = upload.read(16384)
    upload.seek(0)
    detected = magic.from_buffer(head, mime=True)
    if detected == "application/zip" and extension in ZIP_MARKERS:
        try:
            with zipfile.ZipFile(upload) as archive:
                if ZIP_MARKERS[extension] in archive.namelist():
                    detected = next(iter(ALLOWED[extension]))
        except zipfile.BadZipFile:
            pass
        upload.seek(0)
    if detected not in ALLOWED[extension]:
        raise ValidationError(
            _("“{name}” is not what its name says: its content is not a {extension} file.").format(
                name=safe_name(upload.name), extension=extension.lstrip(".").upper()
            )
        )
    return next(iter(sorted(ALLOWED[extension]))) if detected.endswith("ole-storage") else detected


@contextmanager
def removed_on_error(storage):
    """Collects names of stored files; removes them again if the block raises, so a refused or
    failed upload leaves nothing behind."""
    stored: list[str] = []
    try:
        yield stored
    except BaseException:
        for name in stored:
            storage.delete(name)
        raise
