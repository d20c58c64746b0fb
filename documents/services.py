"""Writes of the document management: new documents, new versions, releases."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.text import german_slugify
from documents.models import Document, DocumentVersion
from documents.uploads import check_upload


def _next_version_number(document) -> int:
    Document.objects.select_for_update().filter(pk=document.pk).exists()
    latest = document.versions.order_by("-number").values_list("number", flat=True).first()
    return (latest or 0) + 1


@transaction.atomic
def document_add_version(*, document, upload, note: str, user, release: bool = True):
    """Check and store an uploaded file as the document's next version (the current one if released).

    A refused upload raises ValidationError (German reason) before anything is stored. Side
    effects: a file under a generated name in the default storage; the document's current version.
    """

    checked = check_upload(upload)
    note = (note or "").strip()
    if not note:
        raise ValidationError({"change_note": _("Please describe what changed in this version.")})
    version = DocumentVersion(
        document=document,
        number=_next_version_number(document),
        original_name=checked.name,
        size=checked.size,
        content_type=checked.content_type,
        sha256=checked.sha256,
        change_note=note[:300],
        uploaded_by=user,
    )
    version.file.save(checked.name, upload, save=False)
    try:
        version.save()
        if release:
            document_version_release(version=version)
    except Exception:
        # Nothing half-saved: the row is rolled back with the transaction, the file removed here.
        version.file.storage.delete(version.file.name)
        raise
    return version


@transaction.atomic
def document_version_release(*, version) -> None:
    """Make the version current, if it is newer than the current one."""
    if version.released_at is None:
        version.released_at = timezone.now()
        version.save(update_fields=["released_at"])
    document = Document.objects.select_for_update(of=("self",)).select_related("current_version").get(pk=version.document_id)
    if document.current_version is None or document.current_version.number < version.number:
        document.current_version = version
        document.save(update_fields=["current_version", "updated_at"])


@transaction.atomic
def document_create(*, title: str, kind: str, description: str, owner, review_date, steps, upload, note: str, user):
    """A new document with its first (released) version. Nothing is stored if the upload is refused."""
    slug = german_slugify(title) or "dokument"
    if Document.objects.filter(slug=slug).exists():
        raise ValidationError({"title": _("A document with this title already exists.")})
    document = Document(
        title=title.strip(), slug=slug, kind=kind, description=description, owner=owner or user, review_date=review_date
    )
    document.full_clean(exclude=["current_version"])
    document.save()
    document.steps.set(steps or [])
    document_add_version(document=document, upload=upload, note=note, user=user)
    document.refresh_from_db()
    return document
