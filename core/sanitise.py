"""The one function that makes HTML from user text safe to show: sanitise_html().

bleach keeps only allow-listed tags, attributes and URL schemes; linkify turns bare
URLs into links with an allowed scheme. Both run in time linear in the text: html5lib's
tree walker and bleach's URL pattern, quadratic or worse on some inputs, are replaced by
linear versions with the same results on ordinary text.
"""

import re

import bleach
from bleach import html5lib_shim
from bleach.linkifier import TLDS, LinkifyFilter

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
