"""Article text: the project's Markdown renderer plus links between articles.

``[[slug]]``, ``[[Title of an article]]`` and ``[[slug|link text]]`` link to another
article. Targets are resolved once when a revision is saved; whether a target is
still missing is decided when the page is shown (see mark_missing_links), because an
article may be created after the revision that links to it. A pack import writes articles that
link to each other: it names them all beforehand (``articles_ahead``), so that every link shows
its target's title.
"""

import re
import xml.etree.ElementTree as etree
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from core.text import german_slugify
from law.markdown import CitedText, render

WIKILINK_PATTERN = r"\[\[([^\[\]|\n]{1,150})(?:\|([^\[\]\n]{1,200}))?\]\]"

# slug -> title of articles written in the same transaction as the text being rendered.
_ahead: ContextVar[dict[str, str] | None] = ContextVar("articles_ahead", default=None)


@contextmanager
def articles_ahead(titles: dict[str, str]) -> Iterator[None]:
    """Links to these articles (slug -> title) resolve while they are being written, as if they existed."""
    token = _ahead.set(titles)
    try:
        yield
    finally:
        _ahead.reset(token)


def article_url(slug: str) -> str:
    return reverse("knowledge:article", kwargs={"slug": slug})


class _WikiLinkInline(InlineProcessor):
    def handleMatch(self, match, data):
        target = match.group(1).strip()
        label = (match.group(2) or "").strip()
        element = etree.Element("a", {"class": "wikilink"})
        element.text = AtomicString(label or target)
        self.md.wikilinks.append((element, target, bool(label)))
        return element, match.start(0), match.end(0)


class _WikiLinkResolver(Treeprocessor):
    """Resolves all link targets of one text with one query: by slug, else by title."""

    def run(self, root):
        from knowledge.models import Article

        targets = {target for _, target, _ in self.md.wikilinks}
        by_slug, by_title, titles_by_slug = {}, {}, {}
        if targets:
            slugs = {german_slugify(t) for t in targets} | {t for t in targets}
            titles = {t.lower() for t in targets}
            rows = (
                Article.objects.annotate(lower_title=Lower("title"))
                .filter(Q(slug__in=slugs) | Q(lower_title__in=titles))
                .values_list("slug", "lower_title", "title")
            )
            ahead = [(slug, title.lower(), title) for slug, title in (_ahead.get() or {}).items()]
            for slug, lower_title, title in [*ahead, *rows]:  # a stored article wins
                by_slug[slug] = slug
                by_title[lower_title] = slug
                titles_by_slug[slug] = title
        resolved = []
        for element, target, has_label in self.md.wikilinks:
            slug = by_slug.get(target) or by_title.get(target.lower()) or german_slugify(target)
            if not has_label and slug in titles_by_slug:
                element.text = AtomicString(titles_by_slug[slug])
            if not slug:
                element.tag = "span"
                del element.attrib["class"]
                continue
            element.set("href", article_url(slug))
            resolved.append(slug)
        self.md.link_targets = sorted(set(resolved))


class WikiLinkExtension(Extension):
    def extendMarkdown(self, md):
        md.wikilinks = []
        md.link_targets = []
        md.inlinePatterns.register(_WikiLinkInline(WIKILINK_PATTERN, md), "wikilink", 175)
        md.treeprocessors.register(_WikiLinkResolver(md), "wikilinks", 8)


def render_article(text: str) -> CitedText:
    """Render an article's Markdown: sanitised HTML, cited norms, linked article slugs."""
    return render(text, extensions=[WikiLinkExtension()])


def link_targets(rendered: CitedText) -> list[str]:
    return list(getattr(rendered.md, "link_targets", [])) if rendered.md else []


def mark_missing_links(html: str, missing_slugs) -> str:
    """Mark links to articles that do not exist (yet). Plain string work on stored HTML, no rendering."""
    for slug in missing_slugs:
        url = re.escape(article_url(slug))
        html = re.sub(
            rf'<a class="wikilink" href="{url}">',
            f'<a class="wikilink wikilink--missing" href="{article_url(slug)}">',
            html,
        )
    return html
