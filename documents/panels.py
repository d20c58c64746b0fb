"""The document management's part of the process page: the templates and forms each step uses."""

from core import panels
from documents.models import Document
from documents.permissions import VIEW_DOCUMENTS


def _step_documents(steps, user, memo):
    """{step pk: {"documents": [...]}}: released documents of all steps of the page, in one query."""
    if not user.has_perm(VIEW_DOCUMENTS):
        return {}
    through = Document.steps.through
    links = (
        through.objects.filter(step__in=steps, document__current_version__isnull=False)
        .select_related("document__current_version")
        .order_by("document__title")
    )
    found: dict[int, list[Document]] = {}
    for link in links:
        link.document.current_version.document = link.document  # its download address names the document
        found.setdefault(link.step_id, []).append(link.document)
    return {pk: {"documents": documents} for pk, documents in found.items()}

def register():
    panels.register("step", panels.Panel("documents", "documents/includes/_step_documents.html", _step_documents, order=50))

