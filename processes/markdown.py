"""The one place where user Markdown becomes HTML.

python-markdown renders with an explicit list of extensions and raw HTML switched
off; bleach then keeps only allow-listed tags, attributes and URL schemes. Output of
``render_markdown`` is the only HTML the templates mark safe. It lives in the lowest
app because both step descriptions (processes) and articles (knowledge) use it.
"""

from functools import partial

import bleach
import markdown
from bleach.linkifier import LinkifyFilter
from django.utils.translation import gettext as _

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


def _markdown() -> markdown.Markdown:
    configs = {name: dict(config) for name, config in EXTENSION_CONFIGS.items()}
    configs["markdown.extensions.toc"]["slugify"] = _slugify_heading
    md = markdown.Markdown(extensions=EXTENSIONS, extension_configs=configs, output_format="html")
    # Raw HTML is never passed through: block-level HTML and inline tags become text.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
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
    filters=[partial(LinkifyFilter, parse_email=False, skip_tags={"pre", "code"})],
)


def sanitise_html(html: str) -> str:
    return _cleaner.clean(html)


def render_markdown(text: str) -> str:
    """Render Markdown to sanitised HTML. Raises MarkdownTooLarge above the size limit."""
    check_markdown_size(text)
    if not (text or "").strip():
        return ""
    return sanitise_html(_markdown().convert(text))
