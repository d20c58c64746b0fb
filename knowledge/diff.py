"""Comparisons of article texts.

Readers compare the rendered text (compare_rendered_revisions, via core.htmldiff): headings,
lists and tables as they read them. The Markdown source comparison below is for editors: the
edit-conflict page (the typed text has no rendering yet) and the compare page's source view.
Lines are matched first (cheap even for long articles); inside changed blocks the words are
compared, so a corrected number or an added sentence stands out.
"""

import difflib
import re
from dataclasses import dataclass, field

from django.core.cache import cache
from django.utils.translation import get_language

from core.htmldiff import HtmlDiff, compare_html

_CACHE_SECONDS = 24 * 60 * 60

_TOKEN_RE = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)


@dataclass
class Segment:
    kind: str  # "equal", "insert" or "delete"
    text: str


@dataclass
class Row:
    """One row of the side-by-side view: the old and the new text of a block."""

    kind: str  # "equal", "change", "insert", "delete"
    old: list[Segment] = field(default_factory=list)
    new: list[Segment] = field(default_factory=list)


@dataclass
class Diff:
    inline: list[Segment]
    rows: list[Row]
    inserted_words: int
    deleted_words: int

    @property
    def has_changes(self) -> bool:
        return bool(self.inserted_words or self.deleted_words)


def _words(text: str) -> list[str]:
    return _TOKEN_RE.findall(text)


def _count(tokens) -> int:
    return sum(1 for token in tokens if token.strip())


def _merge(segments: list[Segment]) -> list[Segment]:
    merged: list[Segment] = []
    for segment in segments:
        if merged and merged[-1].kind == segment.kind:
            merged[-1].text += segment.text
        elif segment.text:
            merged.append(Segment(segment.kind, segment.text))
    return merged


def _word_diff(old: str, new: str) -> tuple[list[Segment], list[Segment], list[Segment], int, int]:
    a, b = _words(old), _words(new)
    # Whitespace never anchors a match, so unrelated sentences do not interleave word by word.
    matcher = difflib.SequenceMatcher(str.isspace, a, b, autojunk=False)
    inline, left, right = [], [], []
    inserted = deleted = 0
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        old_text, new_text = "".join(a[i1:i2]), "".join(b[j1:j2])
        if op == "equal":
            inline.append(Segment("equal", old_text))
            left.append(Segment("equal", old_text))
            right.append(Segment("equal", new_text))
            continue
        if i2 > i1:
            inline.append(Segment("delete", old_text))
            left.append(Segment("delete", old_text))
            deleted += _count(a[i1:i2])
        if j2 > j1:
            inline.append(Segment("insert", new_text))
            right.append(Segment("insert", new_text))
            inserted += _count(b[j1:j2])
    return _merge(inline), _merge(left), _merge(right), inserted, deleted


def compare(old: str, new: str) -> Diff:
    """Compare two texts; returns inline segments and side-by-side rows."""
    old_lines = (old or "").splitlines(keepends=True)
    new_lines = (new or "").splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    inline: list[Segment] = []
    rows: list[Row] = []
    inserted = deleted = 0
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        old_block, new_block = "".join(old_lines[i1:i2]), "".join(new_lines[j1:j2])
        if op == "equal":
            inline.append(Segment("equal", old_block))
            rows.append(Row("equal", [Segment("equal", old_block)], [Segment("equal", new_block)]))
        elif op == "insert":
            inline.append(Segment("insert", new_block))
            rows.append(Row("insert", [], [Segment("insert", new_block)]))
            inserted += _count(_words(new_block))
        elif op == "delete":
            inline.append(Segment("delete", old_block))
            rows.append(Row("delete", [Segment("delete", old_block)], []))
            deleted += _count(_words(old_block))
        else:
            block_inline, left, right, ins, dels = _word_diff(old_block, new_block)
            inline.extend(block_inline)
            rows.append(Row("change", left, right))
            inserted += ins
            deleted += dels
    return Diff(inline=_merge(inline), rows=rows, inserted_words=inserted, deleted_words=deleted)


def compare_revisions(old, new) -> Diff:
    """compare() of two revisions' Markdown sources, computed once: revisions never change, so neither does their diff."""
    key = f"diff:revisions:{old.pk}:{new.pk}"
    diff = cache.get(key)
    if diff is None:
        diff = compare(old.body, new.body)
        cache.set(key, diff, _CACHE_SECONDS)
    return diff


def compare_rendered_revisions(old, new) -> HtmlDiff:
    """compare_html() of two revisions' rendered texts, computed once per pair (and language of its labels)."""
    key = f"htmldiff:revisions:{old.pk}:{new.pk}:{get_language()}"
    diff = cache.get(key)
    if diff is None:
        diff = compare_html(old.body_html, new.body_html)
        cache.set(key, diff, _CACHE_SECONDS)
    return diff
