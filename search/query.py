"""Search across processes, steps, articles and norms.

One interface, two backends: PostgreSQL ranks with a weighted German full-text vector
(title over context over text), matches word prefixes so that „verlängern“ finds
„Verlängerung“ and „Fiktion“ finds „Fiktionsbescheinigung“, and adds trigram word
similarity on titles for typos. SQLite matches case-folded substrings of lightly stemmed
terms and ranks title matches first. Citations („81 AufenthG“) are resolved to norms
first, with what cites them.
"""

import html
import re
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity
from django.db import connection
from django.db.models import Case, Count, F, FloatField, Q, Value, When, Window
from django.db.models.functions import RowNumber
from django.utils.translation import gettext as _

from core import ownership
from law.citations import find_citations
from law.models import Law, Norm
from processes.models import Category
from processes.permissions import can_see_unpublished
from search.models import SearchDocument

MAX_QUERY_CHARS = 200
MAX_TERMS = 8
Kind = SearchDocument.Kind
KIND_ORDER = [Kind.PROCESS, Kind.STEP, Kind.ARTICLE, Kind.DOCUMENT, Kind.NORM]
URL_KINDS = {
    "prozesse": Kind.PROCESS, "schritte": Kind.STEP, "wissen": Kind.ARTICLE, "dokumente": Kind.DOCUMENT, "normen": Kind.NORM,
}
KIND_SLUGS = {value: key for key, value in URL_KINDS.items()}

_TERM_RE = re.compile(r"[^\W_]+", re.UNICODE)
_SUFFIXES = ("ungen", "ung", "en", "er", "es", "e", "n", "s")


def light_stem(term: str) -> str:
    """A crude German stem for substring matching: „verlängern“ → „verlänger“."""
    for suffix in _SUFFIXES:
        if term.endswith(suffix) and len(term) - len(suffix) >= 5:
            return term[: -len(suffix)]
    return term


@dataclass
class ParsedQuery:
    raw: str
    text: str
    terms: list[str]
    truncated: bool = False

    @property
    def is_empty(self) -> bool:
        return not self.terms


def parse(raw: str | None) -> ParsedQuery:
    """Clean a user's query: control characters out, at most MAX_QUERY_CHARS and MAX_TERMS words."""
    raw = raw or ""
    text = re.sub(r"[\x00-\x1f\x7f]", " ", raw)
    text = re.sub(r"\s+", " ", text).strip()
    truncated = len(text) > MAX_QUERY_CHARS
    text = text[:MAX_QUERY_CHARS]
    terms = [term.casefold()[:40] for term in _TERM_RE.findall(text)]
    if len(terms) > MAX_TERMS:
        terms, truncated = terms[:MAX_TERMS], True
    return ParsedQuery(raw=raw, text=text, terms=terms, truncated=truncated)


_LAW_FIRST_RE = re.compile(
    r"^\s*(?P<law>[A-Za-zÄÖÜäöüß/]+(?: \(EU\) \d+/\d+)?)\s+(?:§+\s*|Art\.?\s*)?(?P<rest>\d{1,4}[a-z]?\b.*)$"
)
_NUMBER_FIRST_RE = re.compile(
    r"^\s*(?:§+|Art\.?|Artikel)?\s*(?P<number>\d{1,4}[a-z]?)\b(?P<pin>[^A-Za-zÄÖÜ]*(?:(?:Abs\.|Satz|S\.|Nr\.|Buchst\.)[^A-Za-zÄÖÜ]*)*)(?P<law>\S.*)?$"
)
_SIGN_ONLY_RE = re.compile(r"^\s*(?:§+|Art\.?|Artikel)\s*(?P<number>\d{1,4}[a-z]?)\b")


def all_laws() -> dict[str, Law]:
    return {law.abbreviation: law for law in Law.objects.all()}


def find_norms(text: str, laws: dict[str, Law] | None = None) -> list[Norm]:
    """Norms a query names: „§ 81 AufenthG“, „81 AufenthG“, „AufenthG 81“, „Art. 6 GG“ or „§ 81 Abs. 4“.

    ``laws`` by abbreviation, if the caller has them (see SearchView); else one query.
    """
    if not re.search(r"\d", text):
        return []
    laws = all_laws() if laws is None else laws
    by_lower = {abbreviation.lower(): abbreviation for abbreviation in laws}
    candidates = [text]
    match = _LAW_FIRST_RE.match(text)
    if match and match.group("law").lower() in by_lower:
        candidates.append(f"§ {match.group('rest')} {by_lower[match.group('law').lower()]}")
    match = _NUMBER_FIRST_RE.match(text)
    if match and match.group("law") and match.group("law").strip().lower() in by_lower:
        candidates.append(f"§ {match.group('number')}{match.group('pin')} {by_lower[match.group('law').strip().lower()]}")
    for candidate in candidates:
        prefixed = candidate if re.match(r"\s*(§|Art)", candidate) else f"§ {candidate}"
        citations = find_citations(prefixed, laws)
        if citations:
            pairs = [(laws[c.law].pk, number) for c in citations for number in c.numbers]
            found = Q()
            for law_id, number in pairs:
                found |= Q(law_id=law_id, number=number)
            by_pair = {(norm.law_id, norm.number): norm for norm in Norm.objects.select_related("law").filter(found)}
            return [by_pair[pair] for pair in pairs if pair in by_pair]
    match = _SIGN_ONLY_RE.match(text)
    if match:
        # „§ 81 Abs. 4“ without a law: every law's § 81 that exists, most cited first.
        return list(
            Norm.objects.select_related("law")
            .filter(number=match.group("number").lower())
            .annotate(uses=Count("step_references") + Count("citing_step_texts"))
            .order_by("-uses", "law__abbreviation")[:5]
        )
    return []


@dataclass
class Hit:
    document: SearchDocument
    title_html: str
    snippet_html: str


@dataclass
class Group:
    kind: str
    label: str
    slug: str
    hits: list[Hit] = field(default_factory=list)
    total: int = 0


@dataclass
class Results:
    query: ParsedQuery
    norms: list[Norm]
    groups: list[Group]
    kind: str | None = None

    @property
    def total(self) -> int:
        return sum(group.total for group in self.groups)


def _visible(user):
    documents = SearchDocument.objects.all()
    if not can_see_unpublished(user):
        documents = documents.filter(is_public=True)
    # Nothing of a department that shows its content to its members only (core.ownership).
    hidden = ownership.unreadable_entries(user, [Kind.PROCESS, Kind.STEP, Kind.ARTICLE, Kind.DOCUMENT])
    return documents.exclude(hidden) if hidden else documents


def _filtered(documents, *, kind, category_id, role_id, department=None):
    if department:
        # A department's content, and what belongs to none: laws and norms are shared.
        owned = Q(kind=Kind.NORM)
        for each in (Kind.PROCESS, Kind.STEP, Kind.ARTICLE, Kind.DOCUMENT):
            ids = ownership.owned_ids(department, each)
            if ids is not None:
                owned |= Q(kind=each, object_id__in=ids)
        documents = documents.filter(owned)
    if kind:
        documents = documents.filter(kind=kind)
    if category_id:
        category = Category.objects.filter(pk=category_id).first()
        if category is not None:
            documents = documents.filter(category__in=category.get_descendants(include_self=True))
    if role_id:
        documents = documents.filter(roles=role_id)
    return documents


TITLE_CANDIDATES = 500
TEXT_CANDIDATES = 1000


def _postgres(documents, query: ParsedQuery, *, fuzzy: bool):
    """Matches ranked by the weighted vector.

    Ranking every match of a very common word („Antrag“ matches half the index) costs more
    than the 50 ms budget, so only candidates are ranked: all title matches (up to
    TITLE_CANDIDATES, from the small title vector) and the first TEXT_CANDIDATES matches in
    the text. Rare words are ranked in full; for common ones the totals become lower bounds.
    """
    prefixes = " & ".join(f"'{term}':*" for term in query.terms)
    tsquery = SearchQuery(prefixes, search_type="raw", config="german")
    rank = SearchRank(F("search_vector"), tsquery, weights=[0.1, 0.3, 0.6, 1.0])
    # The candidate ids are fetched first, so the ranking query reads rows by primary key
    # instead of scanning the table against two hashed sub-plans.
    titles = documents.filter(title_vector=tsquery).order_by().values_list("pk", flat=True)[:TITLE_CANDIDATES]
    texts = documents.filter(search_vector=tsquery).order_by().values_list("pk", flat=True)[:TEXT_CANDIDATES]
    ids = set(titles.union(texts))  # one round trip
    candidates = Q(pk__in=ids)
    if not fuzzy:
        return documents.filter(candidates).annotate(score=rank)
    # Typo tolerance: trigram word similarity on titles („Aufenthaltserlaubis“), index-backed like the full text.
    similarity = TrigramWordSimilarity(Value(query.text), "title")
    matched = documents.filter(candidates | Q(title__trigram_word_similar=query.text))
    return matched.annotate(score=rank + similarity * Value(0.6))


def _sqlite(documents, query: ParsedQuery):
    stems = [light_stem(term) for term in query.terms]
    for stem in stems:
        documents = documents.filter(search_text__contains=stem)
    title_all = Q()
    for stem in stems:
        title_all &= Q(title__icontains=stem)
    first = stems[0]
    return documents.annotate(
        score=Case(
            When(title_all & Q(title__iregex=rf"(^|[^\w]){re.escape(first)}"), then=Value(4.0)),
            When(title_all, then=Value(3.0)),
            When(title__icontains=first, then=Value(2.0)),
            When(context__icontains=first, then=Value(1.0)),
            default=Value(0.0),
            output_field=FloatField(),
        )
    )


FUZZY_BELOW = 3


def _top(ranked, offset: int, per_kind: int) -> list[SearchDocument]:
    """The hits from offset to offset + per_kind of every kind, with each kind's total.

    The ranking runs over ids only; the texts (for snippets) are read afterwards for the few
    rows shown, so long bodies of all candidates are never loaded.
    """
    positions = list(
        ranked.annotate(
            position=Window(RowNumber(), partition_by=[F("kind")], order_by=[F("score").desc(), F("title").asc(), F("pk").asc()]),
            kind_total=Window(Count("pk"), partition_by=[F("kind")]),
        )
        .filter(position__gt=offset, position__lte=offset + per_kind)
        .values_list("pk", "kind", "position", "kind_total")
    )
    if not positions:
        return []
    documents = SearchDocument.objects.only("kind", "object_id", "title", "context", "body", "url").in_bulk(
        [p[0] for p in positions]
    )
    rows = []
    for pk, _kind, _position, total in sorted(positions, key=lambda p: (p[1], p[2])):
        document = documents[pk]
        document.kind_total = total
        rows.append(document)
    return rows


def _highlighter(query: ParsedQuery):
    stems = sorted({light_stem(term) for term in query.terms if len(term) > 1}, key=len, reverse=True)
    if not stems:
        return None
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(s) for s in stems) + r")\w*", re.IGNORECASE)


def highlight(text: str, pattern) -> str:
    """HTML-escaped text with the matched words in <mark>."""
    if pattern is None:
        return html.escape(text)
    out, cursor = [], 0
    for match in pattern.finditer(text):
        out.append(html.escape(text[cursor : match.start()]))
        out.append(f"<mark>{html.escape(match.group(0))}</mark>")
        cursor = match.end()
    out.append(html.escape(text[cursor:]))
    return "".join(out)


def snippet(text: str, pattern, width: int = 220) -> str:
    """A window of the text around the first match, highlighted."""
    text = re.sub(r"\s+", " ", text or "").strip()
    match = pattern.search(text) if pattern else None
    if match is None:
        return highlight(text[:width] + ("…" if len(text) > width else ""), pattern)
    start = max(0, match.start() - width // 3)
    end = min(len(text), start + width)
    window = ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
    return highlight(window, pattern)


def search(
    raw_query,
    *,
    user,
    kind: str | None = None,
    category_id=None,
    role_id=None,
    department: str | None = None,
    per_kind: int = 10,
    offset: int = 0,
    laws: dict[str, Law] | None = None,
) -> Results:
    """Ranked results grouped by kind; with ``kind`` set, one group with ``per_kind`` hits from ``offset``."""
    query = parse(raw_query)
    if query.is_empty:
        return Results(query=query, norms=[], groups=[], kind=kind)
    norms = find_norms(query.text, laws)
    documents = _filtered(_visible(user), kind=kind, category_id=category_id, role_id=role_id, department=department)
    if connection.vendor == "postgresql":
        rows = _top(_postgres(documents, query, fuzzy=False), offset, per_kind)
        if len(rows) < FUZZY_BELOW and not any(char.isdigit() for char in query.text):
            # Few exact hits: perhaps a typo. The trigram pass is the expensive one, so it runs only then;
            # numbers (citations, codes) never get it, it would match every „§ n AufenthG“.
            rows = _top(_postgres(documents, query, fuzzy=True), offset, per_kind)
    else:
        rows = _top(_sqlite(documents, query), offset, per_kind)
    pattern = _highlighter(query)
    groups = {k: Group(kind=k, label=str(Kind(k).label), slug=KIND_SLUGS[k]) for k in KIND_ORDER}
    for document in rows:
        group = groups[document.kind]
        group.total = document.kind_total
        group.hits.append(Hit(document, highlight(document.title, pattern), snippet(document.body or document.context, pattern)))
    shown = [groups[k] for k in KIND_ORDER if groups[k].hits and (kind is None or k == kind)]
    return Results(query=query, norms=norms, groups=shown, kind=kind)


SUGGESTIONS = [
    "Fiktionsbescheinigung",
    "Blaue Karte Gehalt",
    "Verpflichtungserklärung Bonität",
    "81 AufenthG",
    "Beschäftigungsduldung",
    "Chancenkarte",
]


def kind_from_slug(slug: str | None) -> str | None:
    return URL_KINDS.get((slug or "").lower())


def message_for(results: Results) -> str:
    if results.query.truncated:
        return _("Your search was shortened to the first %(chars)d characters and %(terms)d words.") % {
            "chars": MAX_QUERY_CHARS,
            "terms": MAX_TERMS,
        }
    return ""
