"""Checks an uploaded document before anything is stored.

The extension must be allowed and the content must really be of that type (recognised
from its first bytes with the `filetype` library, so a renamed .exe is refused); text files
must be UTF-8 without NUL bytes. The user's file name is reduced to a plain name for display
only; storage uses generated names. Every refusal says why, in German.
"""

import hashlib
import os
import re
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

# extension → (type filetype recognises, or None for plain text; content type served)
ALLOWED_TYPES = {
    ".pdf": ("pdf", "application/pdf"),
    ".docx": ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ".xlsx": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ".odt": ("odt", "application/vnd.oasis.opendocument.text"),
    ".ods": ("ods", "application/vnd.oasis.opendocument.spreadsheet"),
    ".txt": (None, "text/plain; charset=utf-8"),
    ".png": ("png", "image/png"),
    ".jpg": ("jpg", "image/jpeg"),
    ".jpeg": ("jpg", "image/jpeg"),
}
LABELS = "PDF, DOCX, XLSX, ODT, ODS, TXT, PNG, JPEG"
HEAD_BYTES = 8192


@dataclass(frozen=True)
class CheckedUpload:
    name: str
    extension: str
    content_type: str
    size: int
    sha256: str


def max_upload_bytes() -> int:
    return settings.DOCUMENTS_MAX_UPLOAD_BYTES


def clean_name(raw: str) -> str:
    """„..\\..\\Vorlage Anhörung (neu).docx“ → „Vorlage_Anhörung_neu.docx“; never a path."""
    name = (raw or "").replace("\\", "/").split("/")[-1]
    name = re.sub(r"[\x00-\x1f\x7f]", "", name).strip().lstrip(".")
    stem, extension = os.path.splitext(name)
    try:
        stem = get_valid_filename(stem) if stem.strip(" ._") else "dokument"
    except SuspiciousFileOperation:
        # Nothing of the name is left ("€€€.pdf", "%%.txt"): the document still gets one.
        stem = "dokument"
    return f"{stem[:120]}{extension.lower()[:10]}"


def check_upload(uploaded) -> CheckedUpload:
    """Validate an UploadedFile; raises ValidationError with a German reason. Reads the file once."""
    if uploaded is None:
        raise ValidationError(_("Please choose a file."), code="missing")
    limit = max_upload_bytes()
    if uploaded.size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s MB); at most %(limit)s MB are allowed.")
            % {"size": f"{uploaded.size / 1_048_576:.1f}".replace(".", ","), "limit": f"{limit / 1_048_576:g}".replace(".", ",")},
            code="too_large",
        )
    if uploaded.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    name = clean_name(uploaded.name)
    extension = os.path.splitext(name)[1]
    if extension not in ALLOWED_TYPES:
        raise ValidationError(
            _("Files of type „%(extension)s“ are not allowed. Allowed are: %(allowed)s.")
            % {"extension": extension or _("without extension"), "allowed": LABELS},
            code="extension",
        )
    expected, content_type = ALLOWED_TYPES[extension]
    digest = hashlib.sha256()
    head = b""
    for chunk in uploaded.chunks():
        if len(head) < HEAD_BYTES:
            head += chunk[: HEAD_BYTES - len(head)]
        digest.update(chunk)
        if expected is None and b"\x00" in chunk:
            raise ValidationError(_("The file is not a text file, although its name ends in .txt."), code="content")
    uploaded.seek(0)
    found = filetype.guess(head)
    if expected is None:
        if found is not None:
            raise ValidationError(
                _("The content does not match the extension .txt: it is a %(found)s file.") % {"found": found.extension.upper()},
                code="content",
            )
        try:
            uploaded.read().decode("utf-8")
        except UnicodeDecodeError as error:
            raise ValidationError(_("The text file is not UTF-8 encoded; please save it as UTF-8."), code="encoding") from error
        finally:
            uploaded.seek(0)
    elif found is None or found.extension != expected:
        raise ValidationError(
            _("The content does not match the extension %(extension)s (recognised: %(found)s). The file was not stored.")
            % {"extension": extension, "found": found.extension.upper() if found else _("unknown")},
            code="content",
        )
    return CheckedUpload(name=name, extension=extension, content_type=content_type, size=uploaded.size, sha256=digest.hexdigest())
