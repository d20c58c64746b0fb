"""Writes to the search index: one SearchDocument per process, step, released article and norm."""

import re
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.db.models import Prefetch, Q

from core import caching
from core.caching import SEARCH
from documents.models import Document
from knowledge.models import Article
from law.models import Norm
from processes.models import Process, Step
from search.models import SearchDocument

MAX_BODY = 20_000
BATCH = 500
Kind = SearchDocument.Kind

_suspended = False


@contextmanager
def suspended():
    """Bulk loads switch the per-object signal handlers off and rebuild the index afterwards."""
    global _suspended
    previous, _suspended = _suspended, True
    try:
        yield
    finally:
        _suspended = previous


def is_suspended() -> bool:
    return _suspended


_MARKUP_RE = re.compile(r"\[\[([^\]|]+)\|([^\]]+)\]\]|\[\[([^\]]+)\]\]|[#*_`>|]+|\[([^\]]*)\]\([^)]*\)")


def plain_text(markdown_text: str) -> str:
    """Markdown source without its markup characters, for matching and snippets."""

    def replace(match):
        return match.group(2) or match.group(3) or match.group(4) or " "

    text = _MARKUP_RE.sub(replace, markdown_text or "")
    return re.sub(r"[ \t]+", " ", re.sub(r"-{3,}", " ", text)).strip()[:MAX_BODY]


@dataclass
class Entry:
    kind: str
    object_id: int
    title: str
    url: str
    body: str = ""
    context: str = ""
    is_public: bool = True
    category_id: int | None = None
    role_ids: set[int] = field(default_factory=set)


def _process_entry(process: Process) -> Entry:
    steps = list(process.steps.all())
    return Entry(
        kind=Kind.PROCESS,
        object_id=process.pk,
        title=f"{process.code} {process.title}".strip(),
        url=process.get_absolute_url(),
        context=process.category.name if process.category_id else "",
        body=plain_text("\n".join([process.purpose, process.trigger, process.outcome, process.notes, process.documents])),
        is_public=process.status == Process.Status.PUBLISHED,
        category_id=process.category_id,
        role_ids={process.owner_role_id, *(step.responsible_role_id for step in steps)},
    )


def _step_entry(step: Step, process: Process) -> Entry:
    return Entry(
        kind=Kind.STEP,
        object_id=step.pk,
        title=step.title,
        url=f"{process.get_absolute_url()}#{step.anchor}",
        context=f"{process.code} {process.title} – Schritt {step.position}".strip(),
        body=plain_text(
            "\n".join(
                [step.description, step.documents, step.responsible_role.name]
                + [role.name for role in step.participating_roles.all()]
                + [reference.label for reference in step.references.all()]
            )
        ),
        is_public=process.status == Process.Status.PUBLISHED,
        category_id=process.category_id,
        role_ids={step.responsible_role_id, *(role.pk for role in step.participating_roles.all())},
    )


def _article_entry(article: Article) -> Entry | None:
    revision = article.published_revision
    if revision is None or article.archived_at is not None:
        return None
    return Entry(
        kind=Kind.ARTICLE,
        object_id=article.pk,
        title=revision.title,
        url=article.get_absolute_url(),
        context="",
        body=plain_text(revision.body),
    )


def _norm_entry(norm: Norm) -> Entry:
    return Entry(
        kind=Kind.NORM,
        object_id=norm.pk,
        title=norm.label.replace("\u00a0", " "),
        url=norm.get_absolute_url(),
        context=norm.law.title,
        body=norm.title,
    )


def _document_entry(document: Document) -> Entry:
    return Entry(
        kind=Kind.DOCUMENT,
        object_id=document.pk,
        title=document.title,
        url=document.get_absolute_url(),
        context=document.get_kind_display(),
        body=plain_text(document.description),
        # Readers see a document once a version of it is released (documents.selectors).
        is_public=document.current_version_id is not None,
    )


def index_document(document_id: int) -> None:
    document = Document.objects.filter(pk=document_id).first()
    save([_document_entry(document)] if document else [], remove=[(Kind.DOCUMENT, document_id)])


def _processes_queryset():
    return Process.objects.select_related("category").prefetch_related(
        Prefetch(
            "steps",
            queryset=Step.objects.select_related("responsible_role").prefetch_related(
                "participating_roles", "references__norm__law"
            ),
        )
    )


def _public(kind, object_id, title, context, body, url, category_id, role_ids) -> tuple:
    return (kind, object_id, title[:400], context[:400], body, url, category_id, tuple(sorted(filter(None, role_ids))))


def _tell_the_page_cache(entries: list[Entry], keys: set[tuple[str, int]]) -> None:
    """Search pages for readers change only when public rows do; a draft's rows change the editors' ("search-draft")."""
    if not keys:
        return
    found = Q()
    for kind, object_id in keys:
        found |= Q(kind=kind, object_id=object_id)
    rows = list(
        SearchDocument.objects.filter(found, is_public=True).values_list(
            "pk", "kind", "object_id", "title", "context", "body", "url", "category_id"
        )
    )
    roles: dict[int, list[int]] = {}
    links = SearchDocument.roles.through.objects.filter(searchdocument_id__in=[row[0] for row in rows])
    for document_id, role_id in links.values_list("searchdocument_id", "role_id"):
        roles.setdefault(document_id, []).append(role_id)
    before = {_public(*row[1:], roles.get(row[0], [])) for row in rows}
    after = {
        _public(e.kind, e.object_id, e.title, e.context, e.body, e.url, e.category_id, e.role_ids) for e in entries if e.is_public
    }
    caching.changed(SEARCH if before != after else f"{SEARCH}-draft")


@transaction.atomic
def save(entries: Iterable[Entry], *, remove: Iterable[tuple[str, int]] = ()) -> None:
    """Replace the index rows of the given objects (and delete those in ``remove``)."""
    entries = [entry for entry in entries if entry is not None]
    keys = {(entry.kind, entry.object_id) for entry in entries} | set(remove)
    _tell_the_page_cache(entries, keys)
    for kind in {k for k, _ in keys}:
        SearchDocument.objects.filter(kind=kind, object_id__in=[oid for k, oid in keys if k == kind]).delete()
    documents = SearchDocument.objects.bulk_create(
        SearchDocument(
            kind=entry.kind,
            object_id=entry.object_id,
            title=entry.title[:400],
            context=entry.context[:400],
            body=entry.body,
            url=entry.url,
            is_public=entry.is_public,
            category_id=entry.category_id,
            search_text=f"{entry.title}\n{entry.context}\n{entry.body}".casefold(),
        )
        for entry in entries
    )
    through = SearchDocument.roles.through
    through.objects.bulk_create(
        through(searchdocument_id=document.pk, role_id=role_id)
        for document, entry in zip(documents, entries, strict=True)
        for role_id in entry.role_ids
        if role_id
    )
    if connection.vendor == "postgresql" and documents:
        title = SearchVector("title", weight="A", config="german") + SearchVector("context", weight="B", config="german")
        SearchDocument.objects.filter(pk__in=[d.pk for d in documents]).update(
            search_vector=title + SearchVector("body", weight="C", config="german"), title_vector=title
        )


def index_process(process_id: int) -> None:
    """The process and all its steps (they inherit its status and category)."""
    process = _processes_queryset().filter(pk=process_id).first()
    if process is None:
        return
    save([_process_entry(process), *(_step_entry(step, process) for step in process.steps.all())])


def remove_process(process_id: int, step_ids: Iterable[int]) -> None:
    save([], remove=[(Kind.PROCESS, process_id), *((Kind.STEP, pk) for pk in step_ids)])


def index_article(article_id: int) -> None:
    article = Article.objects.select_related("published_revision").filter(pk=article_id).first()
    entry = _article_entry(article) if article else None
    save([entry] if entry else [], remove=[(Kind.ARTICLE, article_id)])


def index_norm(norm_id: int) -> None:
    norm = Norm.objects.select_related("law").filter(pk=norm_id).first()
    if norm is not None:
        save([_norm_entry(norm)])


def rebuild() -> dict[str, int]:
    """Rebuild the whole index in batches. Returns the number of rows per kind."""
    with transaction.atomic():
        SearchDocument.objects.all().delete()
    counts = {kind: 0 for kind in Kind.values}
    process_ids = list(Process.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(process_ids), 100):
        processes = list(_processes_queryset().filter(pk__in=process_ids[start : start + 100]))
        entries = []
        for process in processes:
            entries.append(_process_entry(process))
            entries.extend(_step_entry(step, process) for step in process.steps.all())
        save(entries)
        counts[Kind.PROCESS] += len(processes)
        counts[Kind.STEP] += len(entries) - len(processes)
    article_ids = list(Article.objects.published().order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(article_ids), BATCH):
        articles = Article.objects.select_related("published_revision").filter(pk__in=article_ids[start : start + BATCH])
        entries = [entry for entry in map(_article_entry, articles) if entry]
        save(entries)
        counts[Kind.ARTICLE] += len(entries)
    norm_ids = list(Norm.objects.exclude(number="").order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(norm_ids), BATCH):
        norms = Norm.objects.select_related("law").filter(pk__in=norm_ids[start : start + BATCH])
        save([_norm_entry(norm) for norm in norms])
        counts[Kind.NORM] += len(norms)
    documents = list(Document.objects.order_by("pk"))
    save([_document_entry(document) for document in documents])
    counts[Kind.DOCUMENT] += len(documents)
    return counts
