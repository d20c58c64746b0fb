"""The processes app's part of the law pages: which processes and steps cite a norm or a law's norms."""

from core import panels
from processes import selectors
from processes.permissions import can_read


def _norm_citations(norms, user, memo):
    """{norm pk: {"citations": ...}}; the norm's own page pages through the steps (memo["page_number"]).

    memo["only_cited"]: nothing for a norm that no visible process or step cites.
    """
    if not can_read(user):
        return {}
    paged = "page_number" in memo
    found = {
        norm.pk: selectors.norm_citations(norm=norm, user=user, page_number=memo.get("page_number"), paged=paged)
        for norm in norms
    }
    return {
        pk: {"citations": citations} for pk, citations in found.items() if not (memo.get("only_cited") and citations.is_empty)
    }


def _law_norms(laws, user, memo):
    """{law pk: {"law": ..., "norms": [...]}}: the cited norms of the law with their counts."""
    if not can_read(user):
        return {}
    return {law.pk: {"law": law, "norms": selectors.law_norm_counts(law=law, user=user)} for law in laws}


def register():
    panels.register("norm", panels.Panel("processes", "processes/includes/_citations.html", _norm_citations, order=10))
    panels.register("law", panels.Panel("processes", "processes/includes/_law_norms.html", _law_norms, order=10))
