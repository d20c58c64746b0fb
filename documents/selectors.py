"""Reads of the document management: what a user may see, with the joins the pages need.

Readers see documents with a released version and only released versions; those who upload or
release versions (permissions.can_see_drafts) also see drafts.
"""

from dataclasses import dataclass

from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.shortcuts import get_object_or_404

from core import ownership
from documents.models import Document, DocumentVersion
from documents.permissions import can_see_drafts


def _latest_number():
    return Subquery(DocumentVersion.objects.filter(document=OuterRef("pk")).order_by("-number").values("number")[:1])


def documents_for(user) -> QuerySet[Document]:
    """The documents the user may see, with their current version and ``latest_number`` (drafts included)."""
    documents = (
        Document.objects.select_related("current_version__document", "owner")
        .annotate(step_count=Count("steps"), latest_number=_latest_number())
        .order_by("title")
    )
    if not can_see_drafts(user):
        documents = documents.filter(current_version__isnull=False)
    return ownership.readable(user, documents, "document")  # a department's own, for members only


def document_for(*, slug: str, user) -> Document:
    """The document at /dokumente/<slug>/, or 404 if there is none the user may see."""
    documents = Document.objects.select_related("current_version__document", "owner")
    if not can_see_drafts(user):
        documents = documents.filter(current_version__isnull=False)
    return get_object_or_404(ownership.readable(user, documents, "document"), slug=slug)


def history(*, document: Document, user) -> list[DocumentVersion]:
    """The versions the user may see, newest first, with uploader and release (who, when)."""
    versions = (
        document.versions.select_related("uploaded_by", "release__released_by", "document").order_by("-number")
    )
    if not can_see_drafts(user):
        versions = versions.filter(release__isnull=False)
    return list(versions)


def version_for(*, document: Document, number: int | None, user) -> DocumentVersion | None:
    """Version ``number`` of the document if the user may see it, else None (also for forged numbers)."""
    if number is None or number < 1:
        return None
    versions = document.versions.select_related("document", "uploaded_by", "release")
    if not can_see_drafts(user):
        versions = versions.filter(release__isnull=False)
    return versions.filter(number=number).first()


def latest_number(document: Document) -> int:
    """The number of the document's latest version (0 without versions): the base of a new upload."""
    return document.versions.order_by("-number").values_list("number", flat=True).first() or 0


@dataclass
class PendingDraft:
    """The latest version, not released yet, beside the released one it would replace."""

    draft: DocumentVersion
    current: DocumentVersion | None


def pending_draft(versions: list[DocumentVersion], document: Document) -> PendingDraft | None:
    """From a history (newest first, drafts included): the draft waiting for release, if any."""
    if not versions or versions[0].is_released:
        return None
    current = next((version for version in versions if version.pk == document.current_version_id), None)
    return PendingDraft(draft=versions[0], current=current)
