"""Reads of the public pages: released texts only, each page in a fixed number of queries."""

import re
from dataclasses import dataclass, field, replace

from django.db.models import F, Q

from documents.models import Document
from processes.models import ProcessReference
from public import languages
from public.models import PublicText, PublicTextVersion, PublicTranslation, Topic

MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 8


@dataclass(frozen=True)
class Entry:
    """A released service as lists show it, in the language asked for where a translation exists."""

    slug: str
    title: str
    teaser: str
    topic: str
    process_id: int
    released_at: object  # datetime
    text_id: int = 0
    lang: str = "de"  # the language tag of title and teaser


_ENTRY_FIELDS = (
    "slug", "published_version__title", "published_version__teaser", "published_version__topic", "process_id",
    "published_version__release__released_at", "pk",
)


def _translated(entries: list[Entry], code: str) -> list[Entry]:
    """Titles and teasers from the translations into ``code`` (one query), by title."""
    language = languages.get(code)
    if language is None or language.is_german or not entries:
        return entries
    rows = PublicTranslation.objects.filter(language=code, text_id__in=[entry.text_id for entry in entries])
    found = {text_id: (title, teaser) for text_id, title, teaser in rows.values_list("text_id", "title", "teaser")}
    result = []
    for entry in entries:
        if entry.text_id in found:
            title, teaser = found[entry.text_id]
            entry = replace(entry, title=title, teaser=teaser or entry.teaser, lang=language.tag)
        result.append(entry)
    return sorted(result, key=lambda entry: (entry.title.casefold(), entry.slug))


def released_entries(code: str = languages.GERMAN) -> list[Entry]:
    """Every released service, by title (one query, and one for the translations)."""
    rows = PublicText.objects.released().order_by("title", "pk").values_list(*_ENTRY_FIELDS)
    return _translated([Entry(*row) for row in rows], code)


def by_topic(entries: list[Entry]) -> list[tuple[str, str, list[Entry]]]:
    """(topic key, topic name, entries) in the order of Topic; empty topics are left out."""
    groups = {key: [] for key in Topic.values}
    for entry in entries:
        groups.setdefault(entry.topic, []).append(entry)
    return [(key, Topic(key).label, groups[key]) for key in Topic.values if groups[key]]


def by_letter(entries: list[Entry]) -> list[tuple[str, list[Entry]]]:
    """A–Z: entries under the first letter of their title (umlauts under their base letter), in any script."""
    fold = str.maketrans({"Ä": "A", "Ö": "O", "Ü": "U"})
    letters: dict[str, list[Entry]] = {}
    for entry in entries:
        first = (entry.title[:1] or "#").upper().translate(fold)
        letters.setdefault(first if first.isalpha() else "#", []).append(entry)
    return sorted(letters.items())


@dataclass
class ServicePage:
    text: PublicText
    version: PublicTextVersion
    released_at: object
    references: list = field(default_factory=list)
    forms: list = field(default_factory=list)
    translation: PublicTranslation | None = None  # in the language asked for, if there is one

    @property
    def outdated(self) -> bool:
        """The translation was made from an older German version than the released one."""
        return self.translation is not None and self.translation.source_version_id != self.version.pk

    @property
    def shown(self):
        """Where the page's texts come from: the translation, else the German version."""
        return self.translation or self.version

    def translated_documents(self, when: str) -> list[dict]:
        """The documents with their texts from the translation where it has them (same order as German)."""
        own = (self.translation.documents or []) if self.translation else []
        result = []
        for index, entry in enumerate(self.version.documents or []):
            if entry.get("when") != when:
                continue
            if index < len(own) and own[index].get("item"):
                entry = {**entry, "item": own[index]["item"], "note": own[index].get("note", "")}
            result.append(entry)
        return result

    @property
    def last_modified(self):
        """The newest of the release and the forms' releases shown on the page."""
        moments = [self.released_at, *(document.current_version.uploaded_at for document in self.forms)]
        return max(moment for moment in moments if moment is not None)

    def documents(self, when: str) -> list[dict]:
        return [entry for entry in self.version.documents or [] if entry.get("when") == when]


def _pages(texts: list[PublicText]) -> list[ServicePage]:
    """Pages of released texts, with the legal bases and public forms of their processes (two queries)."""
    process_ids = {text.process_id for text in texts}
    references: dict[int, list] = {}
    for reference in (
        ProcessReference.objects.filter(process_id__in=process_ids).select_related("norm__law").order_by("position", "pk")
    ):
        references.setdefault(reference.process_id, []).append(reference)
    forms: dict[int, list] = {}
    for document in (
        Document.objects.filter(is_public=True, current_version__isnull=False, steps__process_id__in=process_ids)
        .select_related("current_version")
        .annotate(process_id=F("steps__process_id"))
        .distinct()
        .order_by("title", "pk")
    ):
        forms.setdefault(document.process_id, []).append(document)
    return [
        ServicePage(
            text,
            text.published_version,
            text.published_version.release.released_at,
            references.get(text.process_id, []),
            forms.get(text.process_id, []),
        )
        for text in texts
    ]


def _released_texts():
    return PublicText.objects.released().select_related("published_version__office", "published_version__release")


def service_page(slug: str, code: str = languages.GERMAN) -> ServicePage | None:
    """A released service with its legal bases, public forms and its translation into ``code``
    (four queries), or None."""
    text = _released_texts().filter(slug=slug).first()
    if text is None:
        return None
    page = _pages([text])[0]
    language = languages.get(code)
    if language is not None and not language.is_german:
        page.translation = PublicTranslation.objects.filter(text=text, language=code).first()
    return page


def all_pages() -> list[ServicePage]:
    """Every released service, for the feed and the sitemap (three queries)."""
    return _pages(list(_released_texts().order_by("slug")))


def public_form(slug: str) -> Document | None:
    """A public document that a released service offers, with its current version (one query)."""
    return (
        Document.objects.filter(slug=slug, is_public=True, current_version__isnull=False)
        .filter(steps__process__public_texts__published_version__isnull=False)
        .select_related("current_version")
        .distinct()
        .first()
    )


_WORD = re.compile(r"\w+", re.UNICODE)


def query_words(query: str) -> list[str]:
    """The words of a search query: letters and digits only, at most MAX_QUERY_WORDS, case folded."""
    words = _WORD.findall((query or "")[:MAX_QUERY_LENGTH])
    return [word.casefold() for word in words if len(word) >= 2][:MAX_QUERY_WORDS]


def search(query: str, code: str = languages.GERMAN) -> list[Entry]:
    """Released services whose German text or translation into ``code`` contains every word of the
    query; title matches first (two queries)."""
    words = query_words(query)
    if not words:
        return []
    fields = ("title", "teaser", "short_text", "full_text", "requirements", "procedure", "notes")
    translated = code != languages.GERMAN and languages.get(code) is not None
    condition = Q()
    for word in words:
        any_field = Q()
        for name in fields:
            any_field |= Q(**{f"published_version__{name}__icontains": word})
            if translated:
                any_field |= Q(translations__language=code, **{f"translations__{name}__icontains": word})
        condition &= any_field
    rows = PublicText.objects.released().filter(condition).distinct().order_by("title", "pk").values_list(*_ENTRY_FIELDS)
    entries = _translated([Entry(*row) for row in rows[:100]], code)
    return sorted(entries, key=lambda entry: not all(word in entry.title.casefold() for word in words))
