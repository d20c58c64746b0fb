"""Word-level comparison of two rendered, sanitised HTML fragments: compare_html().

Readers see what changed in the text as they know it, with headings, lists and tables, not in
Markdown. Both fragments are split into tags, words, punctuation and whitespace; the output has
the NEW fragment's tags (so it is as well-formed as the input), removed words inside
``<del class="diff-del">`` and added words inside ``<ins class="diff-ins">``, each run starting
with a visually hidden "[gelöscht:]" / "[eingefügt:]" so that the change is not shown by colour alone.
Removed tags are dropped; removed text keeps its place in the new structure (a removed list item
becomes a list item with struck-through text).

A word counts as unchanged only in the same kind of element: a paragraph that became a heading,
text that became bold or a link with a new target show as removed and added.

Input contract: the output of core.sanitise / the Markdown renderer. Text there is already
HTML-escaped and "<" never occurs inside an attribute value, so a token is copied, never
unescaped or re-escaped. Heading ids are dropped from the output: the comparison is often shown
on the same page as the current text, which carries the same ids.

Cost: difflib's SequenceMatcher is quadratic or worse on repetitive input. Every comparison runs
with a budget of matcher steps; a word comparison over the whole fragments that would exceed it
(or has more than MAX_TOKENS tokens a side) falls back to comparing top-level blocks, with word
comparison only inside the changed blocks, and beyond that to "all old text removed, all new text
added". Every fallback is linear, so no input takes much more than the budget.
"""

import difflib
import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

MAX_TOKENS = 20_000  # per side, for the word comparison of whole fragments
# Steps of SequenceMatcher's inner loop (a few million a second): the word comparison of the whole
# fragments may take this many, and the block comparison with its word comparisons as many again.
MATCHER_BUDGET = 1_000_000

_TOKEN_RE = re.compile(
    r"""
    (?P<tag></?[a-zA-Z][a-zA-Z0-9]*(?:[^<>"']|"[^<"]*"|'[^<']*')*>)  # "<" never occurs in a value
    | (?P<text>&(?:\#[0-9]+|\#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);|\w+|[^\w\s])
    | (?P<space>\s+)
    """,
    re.VERBOSE,
)
_TAG_NAME_RE = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)")
_ID_ATTRIBUTE_RE = re.compile(r"""\s+id=(?:"[^"]*"|'[^']*'|[^\s>]+)""")

VOID_ELEMENTS = frozenset({"br", "hr", "img", "wbr", "col", "area", "input", "source", "track", "embed"})
# Elements that hold other elements, not text: removed text in them gets an element of its own.
_REMOVED_TEXT_WRAPPERS = {
    "ul": ("<li>", "</li>"),
    "ol": ("<li>", "</li>"),
    "dl": ("<dd>", "</dd>"),
    "table": ("<tbody><tr><td>", "</td></tr></tbody>"),
    "thead": ("<tr><td>", "</td></tr>"),
    "tbody": ("<tr><td>", "</td></tr>"),
    "tfoot": ("<tr><td>", "</td></tr>"),
    "tr": ("<td>", "</td>"),
}
_PARAGRAPH = ("<p>", "</p>")
_FLOW_CONTAINERS = frozenset({"blockquote", "div", "section", "article"})  # text there is wrapped in a paragraph
# Removed text of different blocks is separated (a removed list item stays one item of its own).
_BLOCK_ELEMENTS = frozenset(
    {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "dt", "dd", "blockquote", "pre", "table", "ul", "ol", "dl",
     "thead", "tbody", "tfoot", "hr", "div"}
)
_SPACE_KEY = " "


@dataclass(frozen=True)
class HtmlDiff:
    html: str  # safe HTML: the new fragment's structure with <del class="diff-del"> and <ins class="diff-ins">
    inserted_words: int
    deleted_words: int

    @property
    def has_changes(self) -> bool:
        return bool(self.inserted_words or self.deleted_words)


class _Fragment:
    """The tokens of one fragment: what is written out, what is compared, and the nesting depth."""

    def __init__(self, html: str):
        self.raw: list[str] = []  # output form; tags without id
        self.keys: list[str] = []  # what the matcher compares
        self.kinds: list[str] = []  # "tag", "text" or "space"
        self.depths: list[int] = []  # number of open elements before the token
        stack: list[str] = []  # per open element: its name
        context: list[str] = []  # per open element: what makes a word in it different (name; for links the target)
        for match in _TOKEN_RE.finditer(html):
            kind = match.lastgroup
            token = match.group()
            self.depths.append(len(stack))
            if kind == "tag":
                token = _ID_ATTRIBUTE_RE.sub("", token)
                self.raw.append(token)
                self.keys.append(token)
                self.kinds.append("tag")
                _follow_tag(token, stack, context)
            elif kind == "space":
                self.raw.append(token)
                self.keys.append(_SPACE_KEY)
                self.kinds.append("space")
            else:
                self.raw.append(token)
                self.keys.append(f"{'/'.join(context)}\x00{token}")
                self.kinds.append("text")
        self.depths.append(len(stack))

    def __len__(self):
        return len(self.raw)

    def block_starts(self) -> list[int]:
        """Positions where a top-level element (or top-level text) starts; whitespace joins the block before."""
        starts = [0] if self.raw else []
        for position in range(1, len(self.raw)):
            if self.depths[position] == 0 and self.kinds[position] != "space":
                starts.append(position)
        return starts


def _tag_name(token: str) -> str:
    return _TAG_NAME_RE.match(token).group(1).lower()


def _follow_tag(token: str, stack: list[str], context: list[str] | None = None) -> None:
    """Update the stack of open elements (and their contexts) for one tag."""
    name = _tag_name(token)
    if token.startswith("</"):
        if name in stack:
            while stack:
                if context is not None:
                    context.pop()
                if stack.pop() == name:
                    break
        return
    if name in VOID_ELEMENTS or token.endswith("/>"):
        return
    stack.append(name)
    if context is not None:
        context.append(token if name == "a" else name)


class _TooExpensive(Exception):
    pass


class _Budget:
    def __init__(self, steps: int):
        self.left = steps

    def spend(self, steps: int) -> None:
        self.left -= steps
        if self.left < 0:
            raise _TooExpensive


class _BoundedMatcher(difflib.SequenceMatcher):
    """SequenceMatcher that gives up (_TooExpensive) before it spends more than its budget.

    The cost of find_longest_match is at most the number of places in b of each element of
    a[alo:ahi]; prefix sums of that make the check constant time per call.
    """

    def __init__(self, a, b, budget: _Budget, isjunk=None):
        self.budget = budget
        self._cost_before = None
        super().__init__(isjunk, a, b, autojunk=False)

    def find_longest_match(self, alo=0, ahi=None, blo=0, bhi=None):
        if ahi is None:
            ahi = len(self.a)
        if self._cost_before is None:
            sums, total = [0], 0
            for element in self.a:
                total += len(self.b2j.get(element, ())) + 1
                sums.append(total)
            self._cost_before = sums
        self.budget.spend(self._cost_before[ahi] - self._cost_before[alo] + 1)
        return super().find_longest_match(alo, ahi, blo, bhi)


def _is_space(key: str) -> bool:
    return key == _SPACE_KEY


def _opcodes(a: list[str], b: list[str], budget: _Budget, isjunk=None) -> list[list]:
    """get_opcodes() of a and b, with the common start and end matched first (cheap, and the usual case)."""
    prefix = 0
    limit = min(len(a), len(b))
    while prefix < limit and a[prefix] == b[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and a[len(a) - 1 - suffix] == b[len(b) - 1 - suffix]:
        suffix += 1
    opcodes = []
    if prefix:
        opcodes.append(["equal", 0, prefix, 0, prefix])
    a_middle, b_middle = a[prefix : len(a) - suffix], b[prefix : len(b) - suffix]
    if a_middle or b_middle:
        budget.spend(len(a_middle) + len(b_middle))
        if a_middle and b_middle:
            matcher = _BoundedMatcher(a_middle, b_middle, budget, isjunk)
            middle = matcher.get_opcodes()
        else:
            middle = [("delete" if a_middle else "insert", 0, len(a_middle), 0, len(b_middle))]
        opcodes.extend([op, i1 + prefix, i2 + prefix, j1 + prefix, j2 + prefix] for op, i1, i2, j1, j2 in middle)
    if suffix:
        opcodes.append(["equal", len(a) - suffix, len(a), len(b) - suffix, len(b)])
    return opcodes


def _word_opcodes(old: _Fragment, new: _Fragment) -> list[list] | None:
    if len(old) > MAX_TOKENS or len(new) > MAX_TOKENS:
        return None
    try:
        return _opcodes(old.keys, new.keys, _Budget(MATCHER_BUDGET), _is_space)
    except _TooExpensive:
        return None


def _block_opcodes(old: _Fragment, new: _Fragment) -> list[list]:
    """Match top-level blocks; compare words only inside the changed ones, while the budget lasts."""
    old_starts, new_starts = old.block_starts(), new.block_starts()
    old_bounds, new_bounds = [*old_starts, len(old)], [*new_starts, len(new)]
    old_blocks = ["\x01".join(old.keys[s:e]) for s, e in zip(old_bounds, old_bounds[1:], strict=False)]
    new_blocks = ["\x01".join(new.keys[s:e]) for s, e in zip(new_bounds, new_bounds[1:], strict=False)]
    budget = _Budget(MATCHER_BUDGET)
    try:
        block_ops = _opcodes(old_blocks, new_blocks, budget)
    except _TooExpensive:
        return [["replace", 0, len(old), 0, len(new)]]
    opcodes = []
    for op, i1, i2, j1, j2 in block_ops:
        a1, a2, b1, b2 = old_bounds[i1], old_bounds[i2], new_bounds[j1], new_bounds[j2]
        if op != "replace":
            opcodes.append([op, a1, a2, b1, b2])
            continue
        try:
            inner = _opcodes(old.keys[a1:a2], new.keys[b1:b2], budget, _is_space)
        except _TooExpensive:
            opcodes.append(["replace", a1, a2, b1, b2])
            continue
        opcodes.extend([op, i1 + a1, i2 + a1, j1 + b1, j2 + b1] for op, i1, i2, j1, j2 in inner)
    return opcodes


def _slide_deletions(opcodes: list[list], old: _Fragment) -> None:
    """Move each pure deletion, where the text allows, so that it covers whole elements.

    A removed paragraph can be matched as "</p> <p> text" (the end of the paragraph before and the
    removed text) as well as "<p> text </p>"; only the second shows it as a paragraph of its own.
    """
    keys, depths, kinds = old.keys, old.depths, old.kinds
    for index, (op, i1, i2, _j1, _j2) in enumerate(opcodes):
        if op != "delete" or not 0 < index < len(opcodes) - 1:
            continue
        before, after = opcodes[index - 1], opcodes[index + 1]
        if before[0] != "equal" or after[0] != "equal":
            continue
        back = 0
        while i1 - back - 1 >= before[1] and keys[i1 - back - 1] == keys[i2 - back - 1]:
            back += 1
        forward = 0
        while i2 + forward < after[2] and keys[i1 + forward] == keys[i2 + forward]:
            forward += 1

        def score(shift, i1=i1, i2=i2):
            start, end = i1 + shift, i2 + shift
            balanced = depths[start] == depths[end]
            opens = kinds[start] == "tag" and not old.raw[start].startswith("</")
            return (balanced and opens, balanced, -abs(shift))

        shift = max(range(-back, forward + 1), key=score)
        if shift:
            before[2] += shift
            before[4] += shift
            opcodes[index][1] += shift
            opcodes[index][2] += shift
            opcodes[index][3] += shift
            opcodes[index][4] += shift
            after[1] += shift
            after[3] += shift


def _removed_segments(old: _Fragment, start: int, end: int) -> list[str]:
    """The text of old[start:end] without its tags, one segment per block it touches.

    The first segment is the text before the first block boundary, possibly empty: it belongs
    to the element the removal starts in; each further one is a block of its own.
    """
    segments: list[list[str]] = [[]]
    for position in range(start, end):
        kind, token = old.kinds[position], old.raw[position]
        if kind == "tag":
            name = _tag_name(token)
            if name in _BLOCK_ELEMENTS:
                if segments[-1] or len(segments) == 1:
                    segments.append([])
            elif name in {"td", "th", "br"} and segments[-1] and not segments[-1][-1].isspace():
                segments[-1].append(" ")
        elif kind == "space":
            if segments[-1]:
                segments[-1].append(token)
        else:
            segments[-1].append(token)
    first, *rest = ("".join(parts).strip() for parts in segments)
    return [first, *(text for text in rest if text)]


class _Writer:
    def __init__(self):
        self.parts: list[str] = []
        self.stack: list[str] = []
        self.inserted = 0
        self.deleted = 0
        # The same words as the Markdown comparison of the knowledge base uses: "[gelöscht:] ".
        self.deleted_label = f"[{escape(_('deleted:'))}] "
        self.inserted_label = f"[{escape(_('inserted:'))}] "
        # Removed blocks that follow the element being written: shown once the stack is shallower.
        self.deferred: list[str] = []
        self.deferred_depth = 0

    def tag(self, token: str) -> None:
        self.parts.append(token)
        _follow_tag(token, self.stack)
        if self.deferred and len(self.stack) < self.deferred_depth:
            self.flush_deferred()

    def text_allowed(self) -> bool:
        return bool(self.stack) and self.stack[-1] not in _REMOVED_TEXT_WRAPPERS and self.stack[-1] not in _FLOW_CONTAINERS

    def inserted_text(self, text: str) -> None:
        words = text.strip()
        if not words:
            self.parts.append(text)
            return
        self.inserted += len(words.split())
        # Spaces around the run stay outside, so that the underline starts and ends with a word.
        start = text.index(words[0])
        self.parts.append(text[:start])
        self.parts.append(f'<ins class="diff-ins"><span class="kern-sr-only">{self.inserted_label}</span>{words}</ins>')
        self.parts.append(text[start + len(words) :])

    def deleted_text(self, segments: list[str], *, here: bool) -> None:
        """Write removed text at the current place, which allows text.

        ``here``: the removal starts at this place (its first segment belongs to the current
        element); else the new text has just opened the element, and the first removed block
        goes into it. Further blocks follow once the current block is closed.
        """
        self.deleted += sum(len(segment.split()) for segment in segments)
        first, rest = segments[0], segments[1:]
        if not first and not here and rest:
            first, rest = rest[0], rest[1:]
        if first:
            self.parts.append(self._del(first))
        if rest:
            block = max((n for n, name in enumerate(self.stack) if name in _BLOCK_ELEMENTS or name in {"td", "th"}), default=0)
            self.deferred_depth = min(self.deferred_depth, block + 1) if self.deferred else block + 1
            self.deferred.extend(rest)

    def wrapped_deleted_text(self, segments: list[str]) -> None:
        """Write removed text where the new text has no place for text (between list items, at the top level)."""
        self.deleted += sum(len(segment.split()) for segment in segments)
        self._write_blocks([segment for segment in segments if segment])

    def flush_deferred(self) -> None:
        blocks, self.deferred = self.deferred, []
        self._write_blocks(blocks)

    def _write_blocks(self, blocks: list[str]) -> None:
        if self.text_allowed():
            self.parts.append(" ".join(self._del(block) for block in blocks))
            return
        opening, closing = _PARAGRAPH
        if self.stack and self.stack[-1] in _REMOVED_TEXT_WRAPPERS:
            opening, closing = _REMOVED_TEXT_WRAPPERS[self.stack[-1]]
        for block in blocks:
            self.parts.append(f"{opening}{self._del(block)}{closing}")

    def _del(self, text: str) -> str:
        return f'<del class="diff-del"><span class="kern-sr-only">{self.deleted_label}</span>{text}</del>'


def _write(old: _Fragment, new: _Fragment, opcodes) -> HtmlDiff:
    writer = _Writer()
    for op, i1, i2, j1, j2 in opcodes:
        if op == "equal":
            for position in range(j1, j2):
                if new.kinds[position] == "tag":
                    writer.tag(new.raw[position])
                else:
                    writer.parts.append(new.raw[position])
            continue
        removed = _removed_segments(old, i1, i2) if i2 > i1 else []
        if removed and not any(removed):
            removed = []
        # Removed text goes where text may stand: here, or inside the first element the new text opens.
        if removed and writer.text_allowed():
            writer.deleted_text(removed, here=True)
            removed = []
        run: list[str] = []
        for position in range(j1, j2):
            if new.kinds[position] != "tag":
                run.append(new.raw[position])
                continue
            if run:
                writer.inserted_text("".join(run))
                run = []
            writer.tag(new.raw[position])
            if removed and writer.text_allowed():
                writer.deleted_text(removed, here=False)
                removed = []
        if run:
            writer.inserted_text("".join(run))
        if removed:
            writer.wrapped_deleted_text(removed)
    if writer.deferred:
        writer.flush_deferred()
    return HtmlDiff(html=mark_safe("".join(writer.parts)), inserted_words=writer.inserted, deleted_words=writer.deleted)


def compare_html(old_html: str, new_html: str) -> HtmlDiff:
    """What changed from old_html to new_html (both sanitised HTML), marked up in the new one's structure."""
    old, new = _Fragment(old_html or ""), _Fragment(new_html or "")
    opcodes = _word_opcodes(old, new)
    if opcodes is None:
        opcodes = _block_opcodes(old, new)
    _slide_deletions(opcodes, old)
    return _write(old, new, opcodes)
