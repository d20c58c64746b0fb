"""Markdown with legal citations: citations of known laws become links to the norm's page.

core.markdown renders and sanitises; this adds a tree processor that finds citations
("§ 81 Abs. 4 AufenthG", "§§ 18a bis 18c AufenthG") in the text and links them, and
records what was cited, so that law changes find the texts that cite a norm.
"""

import xml.etree.ElementTree as etree
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

import markdown
from django.urls import reverse
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from core import markdown as core_markdown
from law.citations import Citation, find_citations
from law.norms import norm_label

# Citations linked (and recorded) per text; any further ones stay plain text. A long
# article cites a few dozen norms.
MAX_CITATION_LINKS = 1_000


class CitationTreeprocessor(Treeprocessor):
    """Turns citations of known laws into links to the norm's page; code and links stay untouched."""

    SKIP = frozenset({"code", "pre", "a"})

    def __init__(self, md, laws: dict[str, tuple[str, bool]]):
        super().__init__(md)
        self.laws = laws
        self.found: list[Citation] = []
        self.links = 0

    def run(self, root):
        self._walk(root)

    def _walk(self, element):
        """Link the citations in the element's text and its children's tails, rebuilding its children once."""
        if element.tag in self.SKIP:
            return
        children: list[etree.Element] = []
        changed = False
        if element.text and not isinstance(element.text, AtomicString):
            element.text, nodes = self._link(element.text)
            children.extend(nodes)
            changed = bool(nodes)
        for child in list(element):
            self._walk(child)
            children.append(child)
            if child.tail and not isinstance(child.tail, AtomicString):
                child.tail, nodes = self._link(child.tail)
                children.extend(nodes)
                changed = changed or bool(nodes)
        if changed:
            element[:] = children

    def _url(self, law: str, number: str) -> str:
        return reverse("law:norm", kwargs={"law": self.laws[law][0], "number": number})

    def _anchor(self, text: str, law: str, number: str, title: str) -> etree.Element:
        anchor = etree.Element("a", {"class": "citation", "href": self._url(law, number), "title": title})
        anchor.text = AtomicString(text)
        return anchor

    def _link(self, text: str) -> tuple[str, list[etree.Element]]:
        if self.links >= MAX_CITATION_LINKS:
            return text, []
        citations = find_citations(text, self.laws, max_items=MAX_CITATION_LINKS - self.links)
        if not citations:
            return text, []
        self.links += sum(len(citation.items) for citation in citations)
        self.found.extend(citations)
        # The text before the first link, and the text after each link (its tail), in pieces.
        pieces: list[list[str]] = [[]]
        nodes: list[etree.Element] = []
        cursor = 0

        def add_link(anchor: etree.Element):
            nodes.append(anchor)
            pieces.append([])

        for citation in citations:
            pieces[-1].append(text[cursor : citation.start])
            if citation.is_single:
                item = citation.items[0]
                add_link(self._anchor(citation.text, citation.law, item.number, citation.text))
            else:
                item_cursor = citation.start
                for item in citation.items:
                    pieces[-1].append(text[item_cursor : item.start])
                    title = norm_label(
                        abbreviation=citation.law,
                        number=item.number,
                        article=self.laws[citation.law][1],
                        pinpoint=item.pinpoint,
                    )
                    add_link(self._anchor(text[item.start : item.end], citation.law, item.number, title))
                    item_cursor = item.end
                pieces[-1].append(text[item_cursor : citation.end])
            cursor = citation.end
        pieces[-1].append(text[cursor:])
        for node, tail in zip(nodes, pieces[1:], strict=False):
            node.tail = "".join(tail) or None
        return "".join(pieces[0]), nodes


# The laws while many texts are rendered at once and the laws stay as they are (see laws_settled).
_settled: ContextVar[dict[str, tuple[str, bool]] | None] = ContextVar("settled_laws", default=None)


@contextmanager
def laws_settled() -> Iterator[None]:
    """Render the texts written inside with the laws as they are now, read once: for writers of many
    texts that change no law meanwhile (a pack import writes its laws first)."""
    token = _settled.set(_laws())
    try:
        yield
    finally:
        _settled.reset(token)


def _laws() -> dict[str, tuple[str, bool]]:
    """abbreviation → (URL key, cited as articles) of every law in the database."""
    from law.models import Law

    settled = _settled.get()
    if settled is not None:
        return settled
    return {
        abbreviation: (key, articles)
        for abbreviation, key, articles in Law.objects.values_list("abbreviation", "key", "cites_articles")
    }


class CitationExtension(markdown.Extension):
    def __init__(self, laws: dict[str, tuple[str, bool]]):
        super().__init__()
        self.laws = laws

    def extendMarkdown(self, md):
        # After inline markup (20) and before the table of contents (5).
        md.treeprocessors.register(CitationTreeprocessor(md, self.laws), "citations", 7)


@dataclass
class CitedText(core_markdown.Rendered):
    citations: list[Citation] = field(default_factory=list)

    def cited_numbers(self) -> set[tuple[str, str]]:
        """(law abbreviation, paragraph number) of every citation, ranges expanded."""
        return {(citation.law, number) for citation in self.citations for number in citation.numbers}


def render(text: str, *, link_citations: bool = True, extensions=()) -> CitedText:
    """Render Markdown to sanitised HTML (core.markdown.render), linking citations of the laws in the database."""
    laws = _laws() if link_citations and (text or "").strip() else None
    rendered = core_markdown.render(text, extensions=[*extensions, *([CitationExtension(laws)] if laws else [])])
    processor = rendered.md.treeprocessors["citations"] if rendered.md and "citations" in rendered.md.treeprocessors else None
    return CitedText(html=rendered.html, md=rendered.md, citations=list(processor.found) if processor else [])
