"""The one place where user Markdown becomes HTML.

python-markdown renders with an explicit list of extensions and raw HTML switched
off; bleach then keeps only allow-listed tags, attributes and URL schemes. Output of
``render()`` is the only HTML the templates mark safe. It lives in the lowest
app because both step descriptions (processes) and articles (knowledge) use it.

Rendering time is bounded. ``check_markdown_size()`` refuses, before anything is
rendered, texts above the size limit, with too many lines or with too many
formatting characters; below those limits every step is linear in the text:
python-markdown's link and code-span parsing and bleach's tree walker and URL
pattern, which are quadratic or worse on some inputs, are replaced here by linear
versions with the same results on ordinary text, and markup nested deeper than
MAX_NESTING levels is shown as its plain text.

Links: whether written in Markdown or found by linkify, a link is kept only if its
scheme is one of ALLOWED_PROTOCOLS (or it is relative); anything else is text.
"""

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field

import bleach
import markdown
from bleach import html5lib_shim
from bleach.linkifier import TLDS, LinkifyFilter
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from markdown.inlinepatterns import BacktickInlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from processes.citations import Citation, find_citations
from processes.norms import norm_label

MAX_MARKDOWN_BYTES = 200 * 1024
# Limits on the structure of a text, so that no text takes much longer to render than
# a real one of the maximum size (about half a second). A real article has about 10
# non-empty lines and 15 to 50 formatting characters per KB, so even 200 KB of that kind
# stay below both limits.
MAX_MARKDOWN_LINES = 2_500  # non-empty lines: each can start a paragraph, list item or table row
MAX_MARKUP_CHARACTERS = 5_000  # characters of MARKUP_CHARACTERS: each can start an element
MARKUP_CHARACTERS = "*_`[]<>&|\\"
# Elements deeper than this (counted from the text's root) are replaced by their text.
MAX_NESTING = 32
# How far past its closing parenthesis python-markdown may look for the end of a link title
# (it looks to the end of the text, which is quadratic on a run of broken links).
LINK_TAIL_WINDOW = 256
# Citations linked (and recorded) per text; any further ones stay plain text. A long
# article cites a few dozen norms.
MAX_CITATION_LINKS = 1_000

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
    """The text exceeds a size or structure limit; the message says which, in the user's language."""


def _slugify_heading(value: str, separator: str) -> str:
    from django.utils.text import slugify

    return "abschnitt-" + (slugify(value) or "ohne-titel")


# --- Limits ------------------------------------------------------------------------

_NON_EMPTY_LINE = re.compile(r"^[ \t]*\S", re.MULTILINE)


def check_markdown_size(text: str) -> None:
    """Raise MarkdownTooLarge if the text is too large or too complex to render quickly.

    Called by render() and by forms before anything is rendered; every check is a
    linear scan of the source text.
    """
    text = text or ""
    if len(text.encode("utf-8")) > MAX_MARKDOWN_BYTES:
        raise MarkdownTooLarge(
            _("The text is too long: at most %(limit)d KB are allowed.") % {"limit": MAX_MARKDOWN_BYTES // 1024}
        )
    if len(_NON_EMPTY_LINE.findall(text)) > MAX_MARKDOWN_LINES:
        raise MarkdownTooLarge(
            _("The text has too many lines: at most %(limit)s lines with text are allowed.")
            % {"limit": number_format(MAX_MARKDOWN_LINES, force_grouping=True)}
        )
    if sum(text.count(character) for character in MARKUP_CHARACTERS) > MAX_MARKUP_CHARACTERS:
        raise MarkdownTooLarge(
            _(
                "The text contains too many formatting characters (%(characters)s): at most %(limit)s are allowed. "
                "Please split it up or remove some formatting."
            )
            % {
                "characters": " ".join(MARKUP_CHARACTERS),
                "limit": number_format(MAX_MARKUP_CHARACTERS, force_grouping=True),
            }
        )


def validate_markdown(text: str) -> None:
    """Model field validator: the refusal of check_markdown_size as a form error, never a 500."""
    from django.core.exceptions import ValidationError

    try:
        check_markdown_size(text)
    except MarkdownTooLarge as refusal:
        raise ValidationError(str(refusal), code="markdown_too_large") from refusal


# --- Linear inline parsing -----------------------------------------------------------


class _Closings:
    """Where the bracket opened just before a position of a text is closed, found in linear time.

    python-markdown asks for every ``[`` (or ``(``) of a text, and after each link it finds
    it asks again about the same text with that link replaced by a placeholder. It then
    works out the brackets of the whole text again (or scans to the end of the text for
    every ``(``): quadratic, 3,000 links in a paragraph took a minute. Where a bracket
    closes depends only on the text after it, so results are remembered by their
    distance from the end of the text, and stay valid while the text after the current
    position is unchanged.
    """

    def __init__(self, opening: str, closing: str):
        self.opening = opening
        self.brackets = re.compile(f"[{re.escape(opening)}{re.escape(closing)}]")
        self.text: str | None = None
        self.valid = 0  # how many characters at the end of self.text the results hold for
        self.ends: dict[int, int | None] = {}  # distance from the end → that of the closing position, or None

    def end(self, text: str, index: int) -> int | None:
        """The index just past the bracket closing the one opened before ``index``, or None."""
        remaining = len(text) - index
        if text is not self.text or remaining > self.valid:
            if not (remaining <= self.valid and self.text is not None and self.text.endswith(text[index:])):
                self.ends.clear()
            self.text = text
            self.valid = remaining
        if remaining not in self.ends:
            self._scan(text, index)
        end = self.ends[remaining]
        return None if end is None else len(text) - end

    def _scan(self, text: str, index: int) -> None:
        length = len(text)
        open_positions = [length - index]
        for match in self.brackets.finditer(text, index):
            if match.group() == self.opening:
                open_positions.append(length - match.end())
            else:
                self.ends[open_positions.pop()] = length - match.end()
                if not open_positions:
                    return
        for position in open_positions:
            self.ends[position] = None


_QUOTE = re.compile("['\"]")


class _LinearLinks:
    """Mixin for python-markdown's link and image processors: the same links, found in linear time."""

    def getText(self, data: str, index: int) -> tuple[str, int, bool]:
        if "_brackets" not in self.__dict__:
            self._brackets = _Closings("[", "]")
        end = self._brackets.end(data, index)
        if end is None:
            return data[index:], len(data), False
        return data[index : end - 1], end, True

    def getLink(self, data: str, index: int) -> tuple[str, str | None, int, bool]:
        if not data.startswith("(", index):
            return super().getLink(data, index)
        if "_parentheses" not in self.__dict__:
            self._parentheses = _Closings("(", ")")
        close = self._parentheses.end(data, index + 1)
        if close is not None and not _QUOTE.search(data, index, close):
            # No title: python-markdown stops at the closing parenthesis.
            return super().getLink(data, index)
        # A title, a quote in the URL or no closing parenthesis: python-markdown would scan
        # to the end of the text looking for the end of a title. Look no further than a window
        # past the closing parenthesis; a link cannot end without a ")".
        end = min(len(data), (close or index) + LINK_TAIL_WINDOW)
        if data.find(")", index, end) == -1:
            return "", None, index, False
        href, title, tail_end, handled = super().getLink(data[index:end], 0)
        if tail_end <= 0:  # python-markdown's fallback for an unclosed title without any ")": not a link
            return "", None, index, False
        return href, title, index + tail_end, handled


_BACKTICKS = re.compile("`+")


class _LinearBacktickProcessor(BacktickInlineProcessor):
    """python-markdown's code spans, with the search for the closing backticks done by a regular expression.

    The original walks character by character to the end of the text for every
    backtick run without a partner, which is quadratic.
    """

    def find_code_spans(self, start: int, text: str) -> tuple[int, int | None]:
        opening = _BACKTICKS.match(text, start)
        max_ticks = 0
        if opening:
            max_ticks = opening.end() - start
            start = opening.end()
        longest_span = 0
        end = 0
        for run in _BACKTICKS.finditer(text, start):
            span_length = run.end() - run.start()
            if span_length == max_ticks:
                return start, run.start()
            if span_length > longest_span:
                longest_span = span_length
                end = run.end()
        if 0 < longest_span < max_ticks:
            return start - (max_ticks - longest_span), end - longest_span
        return start + max_ticks, None


_LINEAR_CLASSES: dict[type, type] = {}


def _linear(processor) -> None:
    """Give a python-markdown link or image processor the linear getText/getLink."""
    cls = type(processor)
    if cls not in _LINEAR_CLASSES:
        _LINEAR_CLASSES[cls] = type(f"Linear{cls.__name__}", (_LinearLinks, cls), {})
    processor.__class__ = _LINEAR_CLASSES[cls]


class NestingLimit(Treeprocessor):
    """Shows markup nested deeper than MAX_NESTING levels as its plain text.

    Thousands of nested ``*_`` or ``>`` build an element tree so deep that serialising
    it overflows Python's stack; no real text nests more than a dozen levels.
    """

    def run(self, root):
        stack = [(root, 0)]
        while stack:
            element, depth = stack.pop()
            if depth >= MAX_NESTING and len(element):
                text = "".join(element.itertext())
                del element[:]
                element.text = text
            else:
                stack.extend((child, depth + 1) for child in element)


# --- Citations ---------------------------------------------------------------------


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
        return reverse("processes:norm", kwargs={"law": self.laws[law][0], "number": number})

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
        for node, tail in zip(nodes, pieces[1:]):
            node.tail = "".join(tail) or None
        return "".join(pieces[0]), nodes


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
    for name in ("reference", "link", "image_link", "image_reference", "short_reference", "short_image_ref"):
        if name in md.inlinePatterns:
            _linear(md.inlinePatterns[name])
    if "backtick" in md.inlinePatterns and type(md.inlinePatterns["backtick"]) is BacktickInlineProcessor:
        md.inlinePatterns["backtick"].__class__ = _LinearBacktickProcessor
    # Right after inline markup (20), before anything else walks the tree.
    md.treeprocessors.register(NestingLimit(md), "nesting_limit", 19)
    if laws:
        # After inline markup (20) and before the table of contents (5).
        md.treeprocessors.register(CitationTreeprocessor(md, laws), "citations", 7)
    return md


# --- Sanitising --------------------------------------------------------------------

_EtreeWalker = html5lib_shim.getTreeWalker("etree")


class _TreeWalker(_EtreeWalker):
    """html5lib's etree walker without its quadratic step.

    On leaving an element, the original finds the element's position among its siblings
    with ``list(parent).index(element)``: quadratic in the number of siblings, so a table
    or list of a few thousand rows took seconds. This one remembers the positions.
    """

    def __init__(self, tree):
        super().__init__(tree)
        self._positions: list[int | None] = []  # of each element on the walker's stack of parents

    def getFirstChild(self, node):
        child = super().getFirstChild(node)
        if child is not None and child[3] is None:  # went down into the first child element
            self._positions.append(node[1] if isinstance(node, tuple) else None)
        return child

    def getNextSibling(self, node):
        sibling = super().getNextSibling(node)
        if sibling is not None and node[3] == "text" and sibling[3] is None:  # from the text to the first child
            self._positions.append(node[1])
        return sibling

    def getParentNode(self, node):
        if not isinstance(node, tuple) or node[3] == "text":
            return super().getParentNode(node)
        parents = node[2]
        parent = parents.pop()
        position = self._positions.pop()
        if not parents:
            return parent
        return parent, position, parents, None


class _Cleaner(bleach.Cleaner):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.walker = _TreeWalker


# URLs that linkify turns into links. bleach's own pattern backtracks for minutes on
# 20 KB of "a.-a.-…" and only knows some schemes, so "ftp://example.org" became a
# link and "foo://example.org" a link on "example.org". This one starts only at the
# beginning of a word and bounds the number of labels (so it is linear), and takes
# every "scheme://" whole, so that _allowed_link can refuse it.
_KNOWN_SCHEMES = sorted(html5lib_shim.allowed_protocols | ALLOWED_PROTOCOLS | {"data", "javascript", "vbscript", "file"})
_URL_RE = re.compile(
    r"""
    (?:
        (?<!\()\({{1,8}}                           # opening parentheses, stripped again by linkify
      | (?<![\w.@-]) | (?<=^-) | (?<=[^\w.@-]-)    # or the start of a word
    )
    \b
    (?:
        (?:(?:{schemes}):/{{0,3}} | [a-z][a-z0-9+.-]*://)
        (?:(?:\w+:)?\w+@)?
    )?
    ([\w-]+\.){{1,16}}(?:{tlds})(?::[0-9]+)?(?!\.\w)\b   # xx.yy.tld(:##), at most 17 labels
    (?:[/?][^\s{{}}|\\^`<>"]*)?                    # /path?query, without characters unsafe in URLs
    """.format(schemes="|".join(map(re.escape, _KNOWN_SCHEMES)), tlds="|".join(TLDS)),
    re.IGNORECASE | re.VERBOSE | re.UNICODE,
)
_SCHEME = re.compile(r"^\s*([a-z][a-z0-9+.-]*):", re.IGNORECASE)


def _allowed_link(attrs, new=False):
    """linkify callback: keep a link only if it has a target with an allowed scheme (or none); else it is text."""
    href = attrs.get((None, "href"))
    if not href:
        return None
    scheme = _SCHEME.match(href)
    if scheme and scheme.group(1).lower() not in ALLOWED_PROTOCOLS:
        return None
    return attrs


def _linkify(source):
    return LinkifyFilter(
        source=source, callbacks=[_allowed_link], parse_email=False, skip_tags={"pre", "code"}, url_re=_URL_RE
    )


_cleaner = _Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
    filters=[_linkify],
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
    Raises MarkdownTooLarge above the size and structure limits (see check_markdown_size).
    """
    check_markdown_size(text)
    if not (text or "").strip():
        return Rendered(html="")
    md = _markdown(extensions, _laws() if link_citations else None)
    try:
        html = sanitise_html(md.convert(text))
    except RecursionError as error:  # a last guard; NestingLimit keeps trees far below the stack limit
        raise MarkdownTooLarge(_("The text is nested too deeply to be shown.")) from error
    processor = md.treeprocessors["citations"] if link_citations and "citations" in md.treeprocessors else None
    return Rendered(html=html, citations=list(processor.found) if processor else [], md=md)
