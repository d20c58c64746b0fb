"""The one place where user Markdown becomes HTML: render().

python-markdown renders with an explicit list of extensions and raw HTML switched
off; core.sanitise.sanitise_html() then keeps only allow-listed tags, attributes and
URL schemes. Output of ``render()`` is the only HTML the templates mark safe. Apps
add their own python-markdown extensions (law: citations, knowledge: article links).

Rendering time is bounded. ``check_markdown_size()`` refuses, before anything is
rendered, texts above the size limit, with too many lines or with too many
formatting characters; below those limits every step is linear in the text:
python-markdown's link and code-span parsing, which is quadratic on some inputs, is
replaced here by linear versions with the same results on ordinary text, and markup
nested deeper than MAX_NESTING levels is shown as its plain text.

Links: whether written in Markdown or found by linkify, a link is kept only if its
scheme is one of ALLOWED_PROTOCOLS (or it is relative); anything else is text.
"""

import re
from dataclasses import dataclass

import markdown
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from markdown.inlinepatterns import BacktickInlineProcessor
from markdown.treeprocessors import Treeprocessor

from core.sanitise import sanitise_html

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


def _markdown(extensions=()) -> markdown.Markdown:
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
    return md


@dataclass
class Rendered:
    html: str
    md: markdown.Markdown | None = None


def render(text: str, *, extensions=()) -> Rendered:
    """Render Markdown to sanitised HTML.

    Extra python-markdown extensions (e.g. law's citations, the knowledge base's article
    links) may be passed; they can leave what they found on the returned Markdown instance.
    Raises MarkdownTooLarge above the size and structure limits (see check_markdown_size).
    """
    check_markdown_size(text)
    if not (text or "").strip():
        return Rendered(html="")
    md = _markdown(extensions)
    try:
        html = sanitise_html(md.convert(text))
    except RecursionError as error:  # a last guard; NestingLimit keeps trees far below the stack limit
        raise MarkdownTooLarge(_("The text is nested too deeply to be shown.")) from error
    return Rendered(html=html, md=md)
