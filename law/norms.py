"""Addresses and labels of norms (paragraphs and articles of a law).

gesetze-im-internet.de publishes one page per paragraph under the law's slug:
``/<slug>/__<number>.html`` with the letter in lower case and no separator
(``__18g.html``), and ``/<slug>/art_<number>.html`` for laws divided into articles
(the Grundgesetz). Slugs are historical (``asylvfg_1992`` for the AsylG,
``freiz_gg_eu_2004`` for the FreizügG/EU) and therefore stored per law, never derived
from the abbreviation. Absatz, Satz and Nummer have no page of their own: they are
shown in the link text and the link goes to the paragraph.
"""

import re

GII_BASE_URL = "https://www.gesetze-im-internet.de"

NORM_NUMBER_RE = re.compile(r"^[0-9]{1,4}[a-z]?$")
GII_SLUG_RE = re.compile(r"^[a-z0-9_]+$")


def normalise_number(number: str) -> str:
    """``" 18G "`` → ``"18g"``; the form numbers are stored and linked in."""
    return re.sub(r"\s+", "", number or "").lower()


def build_norm_url(gii_slug: str, number: str, *, article: bool = False) -> str:
    """The gesetze-im-internet.de address of a norm, or "" if the law is not published there.

    An empty number stands for the law as a whole and gives the law's index page.
    """
    slug = (gii_slug or "").strip().lower()
    if not slug:
        return ""
    if not GII_SLUG_RE.match(slug):
        raise ValueError(f"not a gesetze-im-internet.de slug: {gii_slug!r}")
    number = normalise_number(number)
    if not number:
        return f"{GII_BASE_URL}/{slug}/"
    if not NORM_NUMBER_RE.match(number):
        raise ValueError(f"not a paragraph or article number: {number!r}")
    prefix = "art_" if article else "__"
    return f"{GII_BASE_URL}/{slug}/{prefix}{number}.html"


def norm_sort_key(number: str) -> str:
    """Sortable key so that § 9 < § 9a < § 10 < § 104c."""
    match = re.match(r"^([0-9]+)([a-z]?)$", normalise_number(number))
    if not match:
        return ""
    return f"{int(match.group(1)):05d}{match.group(2)}"


def pinpoint_label(*, subsection: str = "", sentence: str = "", item: str = "", letter: str = "") -> str:
    """``Abs. 4 Satz 1 Nr. 2 Buchst. c`` from its parts; empty parts are left out."""
    parts = []
    if subsection:
        parts.append(f"Abs. {subsection}")
    if sentence:
        parts.append(f"Satz {sentence}")
    if item:
        parts.append(f"Nr. {item}")
    if letter:
        parts.append(f"Buchst. {letter}")
    return " ".join(parts)


def norm_label(*, abbreviation: str, number: str, article: bool = False, pinpoint: str = "") -> str:
    """``§ 81 Abs. 4 AufenthG``, ``Art. 16a GG``, or just ``AZRG`` for the whole law."""
    if not number:
        return abbreviation
    sign = "Art." if article else "§"
    middle = f" {pinpoint}" if pinpoint else ""
    return f"{sign}\u00a0{number}{middle} {abbreviation}"


_PINPOINT_RE = re.compile(
    r"^\s*"
    r"(?:Abs\.\s*(?P<subsection>[0-9a-z]+(?:\s*(?:und|bis|[,–-])\s*[0-9a-z]+)*))?\s*"
    r"(?:(?:Satz|S\.)\s*(?P<sentence>[0-9a-z]+(?:\s*(?:und|bis|[,–-])\s*[0-9a-z]+)*))?\s*"
    r"(?:Nr\.\s*(?P<item>[0-9a-z]+(?:\s*(?:und|bis|[,–-])\s*[0-9a-z]+)*))?\s*"
    r"(?:Buchst\.\s*(?P<letter>[a-z](?:\s*(?:und|bis|[,–-])\s*[a-z])*))?\s*$"
)


def parse_pinpoint(text: str) -> dict[str, str]:
    """``"Abs. 4 Satz 1"`` → ``{"subsection": "4", "sentence": "1", "item": "", "letter": ""}``.

    Raises ValueError for anything that is not a pinpoint in the usual German order.
    """
    match = _PINPOINT_RE.match(text or "")
    if not match:
        raise ValueError(f"not a pinpoint (Abs./Satz/Nr./Buchst.): {text!r}")
    return {key: (value or "").strip() for key, value in match.groupdict().items()}
