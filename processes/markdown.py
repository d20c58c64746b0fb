"""The one place where user Markdown becomes HTML.

python-markdown renders with an explicit list of extensions and raw HTML switched
off; bleach then keeps only allow-listed tags, attributes and URL schemes. Output of
``render()`` is the only HTML the templates mark safe. It lives in the lowest
app because both step descriptions (processes) and articles (knowledge) use it.
"""

import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from functools import partial

import bleach
import markdown
from bleach.linkifier import LinkifyFilter
from django.urls import reverse
from django.utils.translation import gettext as _
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from processes.citations import Citation, find_citations
from processes.norms import norm_label

MAX_MARKDOWN_BYTES = 200 * 1024

EXTENSIONS = [
    "markdown.extensions.tables",
    "markdown.extensions.fenced_code",
    "markdown.extensions.toc",
    "markdown.extensions.sane_lists",
]
EXTENSION_CONFIGS = {
    # Heading ids get a prefix so that they never collide with the page's own ids.
    "markdown.extensions.toc": {"slugify": None, "permalink": False},
}

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "hr", "strong", "em", "code", "pre", "blockquote",
        "ul", "ol", "li", "dl", "dt", "dd",
        "h2", "h3", "h4", "h5", "h6",
        "table", "thead", "tbody", "tr", "th", "td",
        "a", "abbr", "del", "sup", "sub",
    }
)
ALLOWED_ATTRIBUTES = {
    "a": ["href", "title", "class"],
    "abbr": ["title"],
    "th": ["align", "scope"],
    "td": ["align"],
    "h2": ["id"], "h3": ["id"], "h4": ["id"], "h5": ["id"], "h6": ["id"],
    "ol": ["start"],
    "code": ["class"],
}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})


class MarkdownTooLarge(ValueError):
    """The text exceeds MAX_MARKDOWN_BYTES."""


def _slugify_heading(value: str, separator: str) -> str:
    from django.utils.text import slugify

    return "abschnitt-" + (slugify(value) or "ohne-titel")


class CitationTreeprocessor(Treeprocessor):
    """Turns citations of known laws into links to the norm's page; code and links stay untouched."""

    SKIP = frozenset({"code", "pre", "a"})

    def __init__(self, md, laws: dict[str, tuple[str, bool]]):
        super().__init__(md)
        self.laws = laws
        self.found: list[Citation] = []

    def run(self, root):
        self._walk(root)

    def _walk(self, element):
        if element.tag in self.SKIP:
            return
        if element.text and not isinstance(element.text, AtomicString):
            element.text, nodes = self._link(element.text)
            for index, node in enumerate(nodes):
                element.insert(index, node)
        for child in list(element):
            self._walk(child)
            if child.tail and not isinstance(child.tail, AtomicString):
                child.tail, nodes = self._link(child.tail)
                position = list(element).index(child)
                for offset, node in enumerate(nodes, start=1):
                    element.insert(position + offset, node)

    def _url(self, law: str, number: str) -> str:
        return reverse("processes:norm", kwargs={"law": self.laws[law][0], "number": number})

    def _anchor(self, text: str, law: str, number: str, title: str) -> etree.Element:
        anchor = etree.Element("a", {"class": "citation", "href": self._url(law, number), "title": title})
        anchor.text = AtomicString(text)
        return anchor

    def _link(self, text: str) -> tuple[str, list[etree.Element]]:
        citations = find_citations(text, self.laws)
        if not citations:
            return text, []
        self.found.extend(citations)
        leading = text[: citations[0].start]
        nodes: list[etree.Element] = []
        cursor = citations[0].start

        def add_text(fragment: str):
            nonlocal leading
            if nodes:
                nodes[-1].tail = (nodes[-1].tail or "") + fragment
            else:
                leading += fragment

        for citation in citations:
            add_text(text[cursor : citation.start])
            if citation.is_single:
                item = citation.items[0]
                nodes.append(self._anchor(citation.text, citation.law, item.number, citation.text))
            else:
                item_cursor = citation.start
                for item in citation.items:
                    add_text(text[item_cursor : item.start])
                    title = norm_label(
                        abbreviation=citation.law,
                        number=item.number,
                        article=self.laws[citation.law][1],
                        pinpoint=item.pinpoint,
                    )
                    nodes.append(self._anchor(text[item.start : item.end], citation.law, item.number, title))
                    item_cursor = item.end
                add_text(text[item_cursor : citation.end])
            cursor = citation.end
        add_text(text[cursor:])
        return leading, nodes


def _laws() -> dict[str, tuple[str, bool]]:
    """abbreviation → (URL key, cited as articles) of every law in the database."""
    from processes.models import Law

    return {abbreviation: (key, articles) for abbreviation, key, articles in Law.objects.values_list("abbreviation", "key", "cites_articles")}


def _markdown(extensions=(), laws: dict[str, tuple[str, bool]] | None = None) -> markdown.Markdown:
    configs = {name: dict(config) for name, config in EXTENSION_CONFIGS.items()}
    configs["markdown.extensions.toc"]["slugify"] = _slugify_heading
    md = markdown.Markdown(extensions=[*EXTENSIONS, *extensions], extension_configs=configs, output_format="html")
    # Raw HTML is never passed through: block-level HTML and inline tags become text.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    if laws:
        # After inline markup (20) and before the table of contents (5).
        md.treeprocessors.register(CitationTreeprocessor(md, laws), "citations", 7)
    return md


def check_markdown_size(text: str) -> None:
    if len((text or "").encode("utf-8")) > MAX_MARKDOWN_BYTES:
        raise MarkdownTooLarge(
            _("The text is too long: at most %(limit)d KB are allowed.") % {"limit": MAX_MARKDOWN_BYTES // 1024}
        )


_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
    filters=[partial(LinkifyFilter, callbacks=[], parse_email=False, skip_tags={"pre", "code"})],
)


def sanitise_html(html: str) -> str:
    return _cleaner.clean(html)


@dataclass
class Rendered:
    html: str
    citations: list[Citation] = field(default_factory=list)
    md: markdown.Markdown | None = None

    def cited_numbers(self) -> set[tuple[str, str]]:
        """(law abbreviation, paragraph number) of every citation, ranges expanded."""
        return {(citation.law, number) for citation in self.citations for number in citation.numbers}


def render(text: str, *, link_citations: bool = True, extensions=()) -> Rendered:
    """Render Markdown to sanitised HTML, linking citations of the laws in the database.

    Extra python-markdown extensions (e.g. the knowledge base's article links) may be
    passed; they can leave what they found on the returned Markdown instance.
    Raises MarkdownTooLarge above the size limit.
    """
    check_markdown_size(text)
    if not (text or "").strip():
        return Rendered(html="")
    md = _markdown(extensions, _laws() if link_citations else None)
    html = sanitise_html(md.convert(text))
    processor = md.treeprocessors["citations"] if link_citations and "citations" in md.treeprocessors else None
    return Rendered(html=html, citations=list(processor.found) if processor else [], md=md)
