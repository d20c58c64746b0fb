"""Finds legal citations in German text: „§ 81 Abs. 4 Satz 3 AufenthG“, „§§ 18a, 18b AufenthG“,
„Art. 6 GG“, „§§ 27 bis 36 AufenthG“, „§ 4 FreizügG/EU“.

A citation is a sign (§, §§, Art., Artikel), one or more paragraph numbers each with an
optional pinpoint (Abs./Satz/Nr./Buchst. in any order, with lists and ranges), and the
abbreviation of a known law right after it. Unknown abbreviations are not citations.
Number ranges (§§ 27 bis 36) cite every paragraph in between, up to MAX_RANGE.

Pinpoint lists are matched possessively and paragraph lists are bounded, so that no input
(up to the 200 KB text limit) makes the regular expression backtrack for long.

Known limits: a pinpoint list directly followed by another paragraph number
(„§§ 18a Abs. 1, 18b“) reads the second number as a further Absatz; bare „§ 81“ without
a law is not linked.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

MAX_RANGE = 60

_NUM = r"\d{1,4}[a-z]?(?![A-Za-z0-9ÄÖÜäöüß])"
_VALUE = r"\d{1,3}[a-z]?(?![A-Za-z0-9ÄÖÜäöüß])"
_LETTER = r"[a-z](?![A-Za-z0-9ÄÖÜäöüß])"
_SEP = r"\s*(?:,|und|oder|bis|–|-|/)\s*"


def _part(labels: str, value: str) -> str:
    return rf"(?:(?:\s*,)?\s*(?:{labels})\s*{value}(?:{_SEP}{value})*+)"


_PINPOINT = (
    "(?:"
    + "|".join(
        [
            _part(r"Abs\.|Absatz|Absätze", _VALUE),
            _part(r"Satz|Sätze|S\.", _VALUE),
            _part(r"Nr\.|Nrn\.|Nummer|Nummern", _VALUE),
            _part(r"Buchst\.|Buchstabe|lit\.", _LETTER),
            r"(?:\s*(?:Halbsatz|Hs\.|Alt\.|Alternative)\s*\d{1,2})",
        ]
    )
    + ")*+"
)
_ITEM = rf"{_NUM}{_PINPOINT}"
_LIST_SEP = r"\s*(?:,|und|sowie|bis|–|-)\s*(?:§§?\s*|Art\.\s*)?"
_LIST = rf"{_ITEM}(?:{_LIST_SEP}{_ITEM}){{0,40}}(?:\s*ff?\.)?"
_ITEM_RE = re.compile(rf"(?P<number>{_NUM})(?P<pinpoint>{_PINPOINT})")
_RANGE_SEP_RE = re.compile(r"\b(?:bis)\b|–|-")


@dataclass(frozen=True)
class CitedItem:
    """One paragraph of a citation and the part of the text that names it."""

    number: str
    pinpoint: str
    start: int
    end: int


@dataclass(frozen=True)
class Citation:
    start: int
    end: int
    law: str
    text: str
    items: tuple[CitedItem, ...]
    numbers: tuple[str, ...]  # every paragraph cited, ranges expanded

    @property
    def is_single(self) -> bool:
        return len(self.items) == 1


def _normalise_pinpoint(text: str) -> str:
    if not text:
        return ""
    text = re.sub(r"\s+", " ", text).strip().lstrip(",").strip()
    replacements = [
        (r"\bAbsatz\b|\bAbsätze\b", "Abs."),
        (r"\bSätze\b|\bS\.", "Satz"),
        (r"\bNrn\.|\bNummern\b|\bNummer\b", "Nr."),
        (r"\bBuchstabe\b|\blit\.", "Buchst."),
    ]
    for pattern, replacement in replacements:
        text = re.sub(pattern, replacement, text)
    return text


@lru_cache(maxsize=32)
def _citation_regex(abbreviations: tuple[str, ...]) -> re.Pattern:
    laws = "|".join(re.escape(a) for a in sorted(abbreviations, key=len, reverse=True))
    return re.compile(
        rf"(?P<sign>§§?|Art\.|Artikel)\s*(?P<list>{_LIST})\s+(?:(?:des|der)\s+)?(?P<law>{laws})(?![\wÄÖÜäöüß/])"
    )


def _expand(previous: str, current: str) -> list[str]:
    """The numbers strictly between two paragraph numbers of a range („27 bis 36“)."""
    low = int(re.match(r"\d+", previous).group())
    high = int(re.match(r"\d+", current).group())
    if high <= low or high - low > MAX_RANGE:
        return []
    return [str(n) for n in range(low + 1, high)]


def find_citations(text: str, abbreviations: Iterable[str], *, max_items: int | None = None) -> list[Citation]:
    """All citations of the given laws in the text, in order of appearance.

    With max_items, stops after the citation in which the number of cited items
    (paragraph numbers as written) reaches max_items.
    """
    abbreviations = tuple(sorted({a for a in abbreviations if a}))
    if not text or not abbreviations or ("§" not in text and "Art" not in text):
        return []
    citations = []
    item_count = 0
    for match in _citation_regex(abbreviations).finditer(text):
        if max_items is not None and item_count >= max_items:
            break
        list_start = match.start("list")
        list_text = match.group("list")
        items: list[CitedItem] = []
        numbers: list[str] = []
        previous_end = 0
        for item in _ITEM_RE.finditer(list_text):
            if item.start() < previous_end:
                continue
            number = item.group("number")
            between = list_text[previous_end : item.start()]
            if items and _RANGE_SEP_RE.search(between):
                numbers.extend(_expand(items[-1].number, number))
            items.append(
                CitedItem(
                    number=number,
                    pinpoint=_normalise_pinpoint(item.group("pinpoint")),
                    start=list_start + item.start(),
                    end=list_start + item.end(),
                )
            )
            numbers.append(number)
            previous_end = item.end()
        if not items:
            continue
        item_count += len(items)
        citations.append(
            Citation(
                start=match.start(),
                end=match.end(),
                law=match.group("law"),
                text=match.group(0),
                items=tuple(items),
                numbers=tuple(dict.fromkeys(numbers)),
            )
        )
    return citations
