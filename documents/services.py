"""Writes of the document management: new documents, new versions (drafts), releases."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import ownership
from core.signals import AuditAction, audit_event
from core.text import german_slugify
from documents.models import Document, DocumentRelease, DocumentVersion
from documents.permissions import release_refusal
from documents.uploads import check_upload


class VersionConflict(Exception):
    """The upload started from another version than the latest: someone uploaded meanwhile.

    ``latest`` is the document's latest version now (None if it has none).
    """

    def __init__(self, *, document: Document, base_number: int, latest: DocumentVersion | None):
        super().__init__(f"{document.slug}: upload based on version {base_number}, latest is {latest.number if latest else 0}")
        self.document = document
        self.base_number = base_number
        self.latest = latest


class ReleaseRefused(Exception):
    """The release was refused; the message says why, in German."""


def _lock(document: Document) -> Document:
    # Locks the row on PostgreSQL so that concurrent uploads and releases queue up; SQLite's
    # IMMEDIATE transactions already serialise writers.
    return Document.objects.select_for_update(of=("self",)).select_related("current_version").get(pk=document.pk)


def _latest(document: Document) -> DocumentVersion | None:
    return document.versions.select_related("uploaded_by").order_by("-number").first()


@transaction.atomic
def document_add_version(*, document: Document, upload, note: str, user, base_number: int) -> DocumentVersion:
    """Check and store an uploaded file as the document's next version, a draft to be released.

    ``base_number`` is the number of the latest version when the uploader opened the form (0 for
    a document without versions); if another version was uploaded since, VersionConflict is
    raised and nothing is stored. A refused upload raises ValidationError (German reason).
    Side effects: a file under a generated name in the default storage. Readers see the new
    version only once someone releases it (document_version_release).
    """
    document = _lock(document)
    ownership.check(user, document)
    latest = _latest(document)
    if base_number != (latest.number if latest else 0):
        raise VersionConflict(document=document, base_number=base_number, latest=latest)
    checked = check_upload(upload)
    note = (note or "").strip()
    if not note:
        raise ValidationError({"change_note": _("Please describe what changed in this version.")})
    version = DocumentVersion(
        document=document,
        number=(latest.number if latest else 0) + 1,
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
    except Exception:
        # Nothing half-saved: the row is rolled back with the transaction, the file removed here.
        version.file.storage.delete(version.file.name)
        raise
    return version


@transaction.atomic
def document_version_release(
    *, version: DocumentVersion, releaser, released_at: datetime.datetime | None = None
) -> DocumentRelease:
    """Release a draft version (four-eyes principle): it becomes the current version readers see.

    Only the latest version can be released, once, and not by the person who uploaded it (unless
    settings.KNOWLEDGE_ALLOW_SELF_RELEASE). A refusal raises ReleaseRefused with a German
    message and changes nothing. Side effects: a DocumentRelease row, the document's current
    version (which re-indexes it for search), an audit log line.
    """
    document = _lock(version.document)
    ownership.check(releaser, document)
    refusal = release_refusal(releaser, version)
    if refusal:
        raise ReleaseRefused(refusal)
    if DocumentRelease.objects.filter(version=version).exists():
        raise ReleaseRefused(_("Version %(number)d has already been released.") % {"number": version.number})
    latest = _latest(document)
    if latest is None or latest.pk != version.pk:
        raise ReleaseRefused(
            _("Version %(number)d cannot be released any more: a newer version exists.") % {"number": version.number}
        )
    release = DocumentRelease.objects.create(version=version, released_by=releaser, released_at=released_at or timezone.now())
    document.current_version = version
    document.save(update_fields=["current_version", "updated_at"])
    audit_event.send(
        sender=DocumentVersion,
        action=AuditAction.RELEASE,
        actor=releaser,
        object_repr=document.title,
        details=f"document version {version.number}, uploaded by {version.uploaded_by.get_username()}",
    )
    return release


@transaction.atomic
def document_create(
    *, title: str, kind: str, description: str, owner, review_date, steps, upload, note: str, user, slug: str | None = None
):
    """A new document with its first version as a draft: readers see it once someone else releases it.

    ``slug``: its address, by default made from the title (a content pack brings its own).
    Nothing is stored if the upload is refused (ValidationError).
    """
    slug = slug or german_slugify(title) or "dokument"
    if Document.objects.filter(slug=slug).exists():
        raise ValidationError({"title": _("A document with this title already exists.")})
    document = Document(
        title=title.strip(), slug=slug, kind=kind, description=description, owner=owner or user, review_date=review_date
    )
    document.full_clean(exclude=["current_version"])
    document.save()
    ownership.created(user, document)  # filed under the uploader's department
    document.steps.set(steps or [])
    document_add_version(document=document, upload=upload, note=note, user=user, base_number=0)
    document.refresh_from_db()
    return document
