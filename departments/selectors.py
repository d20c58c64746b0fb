"""Reads for content packs: the database's content in the canonical form of the pack format.

Export writes these forms; the import compares a pack's entries with them to tell what is new,
what is unchanged and what differs. Every list is in a stable order (by key where the order
means nothing), so the same content always gives the same pack.
"""

from __future__ import annotations

import os

from django.db.models import Exists, Max, OuterRef, Prefetch, QuerySet

from departments import packs
from documents.models import Document
from knowledge.models import Article, Revision
from law import norms
from law.models import Law
from onboarding.models import Assignment, PathItem, PathSection, ReadingPath
from processes.models import Category, Process, ProcessReference, Role, Step, StepReference


def _reference(reference) -> dict:
    return {
        "law": reference.norm.law.key,
        "norm": reference.norm.number,
        "pinpoint": norms.pinpoint_label(
            subsection=reference.subsection, sentence=reference.sentence, item=reference.item, letter=reference.letter
        ),
    }


def laws_for_pack() -> QuerySet[Law]:
    return Law.objects.prefetch_related("norms").order_by("key")


def law_entry(law: Law) -> dict:
    entry = packs.canonical_law(
        {
            "key": law.key,
            "abbreviation": law.abbreviation,
            "title": law.title,
            "gii_slug": law.gii_slug,
            "url": law.url,
            "jurisdiction": law.jurisdiction,
            "cites_articles": law.cites_articles,
            "norms": [],
        }
    )
    entry["norms"] = sorted(
        ({"number": norm.number, "title": norm.title, "url": norm.url} for norm in law.norms.all()),
        key=lambda norm: (norms.norm_sort_key(norm["number"]), norm["number"]),
    )
    return entry


def role_entry(role: Role) -> dict:
    return {
        "code": role.code,
        "slug": role.slug,
        "name": role.name,
        "external": role.is_external,
        "description": role.description,
    }


def category_fields(category: Category) -> dict:
    """A category without its children, as the import compares it."""
    return {"slug": category.slug, "code": category.code, "name": category.name, "description": category.description}


def category_tree(band_ids=None) -> list[dict]:
    """The process map as nested entries; siblings by position and name, as the map shows them.

    With ``band_ids``: only those bands (roots) and what is below them.
    """
    categories = list(Category.objects.all())
    if band_ids is not None:
        trees = {category.tree_id for category in categories if category.pk in set(band_ids)}
        categories = [category for category in categories if category.tree_id in trees]
    children: dict[int | None, list[Category]] = {}
    for category in categories:
        children.setdefault(category.parent_id, []).append(category)

    def build(parent_id):
        siblings = sorted(children.get(parent_id, []), key=lambda c: (c.position, c.name, c.slug))
        return [{**category_fields(category), "children": build(category.pk)} for category in siblings]

    return build(None)


def processes_for_pack() -> QuerySet[Process]:
    references = ProcessReference.objects.select_related("norm__law")
    step_references = StepReference.objects.select_related("norm__law")
    steps = Step.objects.select_related("responsible_role").prefetch_related(
        "participating_roles", Prefetch("references", queryset=step_references)
    )
    return (
        Process.objects.select_related("category", "owner_role")
        .prefetch_related(Prefetch("references", queryset=references), Prefetch("steps", queryset=steps.order_by("position")))
        .order_by("slug")
    )


def process_entry(process: Process) -> dict:
    """A process's live rows (its released version; a never-released draft's own state)."""
    return {
        "slug": process.slug,
        "code": process.code,
        "title": process.title,
        "category": process.category.slug,
        "purpose": process.purpose,
        "trigger": process.trigger,
        "outcome": process.outcome,
        "owner_role": process.owner_role.code,
        "status": process.status,
        "documents": process.document_list,
        "legal_basis": [_reference(reference) for reference in process.references.all()],
        "notes": process.notes,
        "steps": [_step_entry(step) for step in step_list(process)],
    }


def _step_entry(step: Step) -> dict:
    entry = {
        "title": step.title,
        "role": step.responsible_role.code,
        "participants": sorted({role.code for role in step.participating_roles.all()}),
        "refs": [_reference(reference) for reference in step.references.all()],
        "documents": step.document_list,
        "duration": step.duration,
        "description": step.description,
    }
    if step.kind != "task":
        entry["kind"] = step.kind
    outcomes = [line.strip() for line in step.outcomes.splitlines() if line.strip()]
    if outcomes:
        entry["outcomes"] = outcomes
    return entry


def step_list(process: Process) -> list[Step]:
    return sorted(process.steps.all(), key=lambda step: step.position)


def articles_for_pack(*, archived: bool = False) -> QuerySet[Article]:
    """Articles that are not archived (or all), with the revision a pack takes of each and their links."""
    articles = Article.objects.all() if archived else Article.objects.active()
    return (
        articles.select_related("published_revision")
        .prefetch_related(
            "processes",
            Prefetch("steps", queryset=Step.objects.select_related("process")),
            # The history a pack carries: released revisions, oldest first (one query for all articles).
            Prefetch(
                "revisions",
                queryset=Revision.objects.filter(release__isnull=False)
                .order_by("number")
                .only("article_id", "number", "title", "body", "change_note", "is_significant"),
                to_attr="released_revisions",
            ),
        )
        .order_by("slug")
    )


def article_revision(article: Article) -> Revision:
    """The released revision if there is one (a later draft is not released content), else the latest draft."""
    if article.published_revision_id:
        return article.published_revision
    return Revision.objects.get(article=article, number=article.latest_number)


def article_entry(article: Article) -> tuple[dict, str]:
    """The pack entry of an article and its Markdown text."""
    entry, body, _history = article_with_history(article)
    return entry, body


def article_with_history(article: Article) -> tuple[dict, str, list[str]]:
    """The pack entry of an article, its Markdown text and the texts of its history: the released
    revisions before the one the pack takes (drafts in between were never content). ``article``
    comes from articles_for_pack(), which loads them."""
    revision = article_revision(article)
    earlier = [previous for previous in article.released_revisions if previous.number < revision.number]
    entry = {
        "slug": article.slug,
        "title": revision.title,
        "released": article.published_revision_id is not None,
        "processes": sorted({process.slug for process in article.processes.all()}),
        "steps": sorted({(step.process.slug, step.position) for step in article.steps.all()}),
        "text": packs.article_text_path(article.slug),
        "note": revision.change_note,
        "significant": revision.is_significant,
        "history": [
            {
                "title": previous.title,
                "text": packs.history_text_path(article.slug, number),
                "note": previous.change_note,
                "significant": previous.is_significant,
            }
            for number, previous in enumerate(earlier, start=1)
        ],
    }
    return entry, revision.body, [previous.body for previous in earlier]


def documents_for_pack() -> QuerySet[Document]:
    """Documents with their released version, steps and the number of their latest version."""
    return (
        Document.objects.select_related("current_version")
        .prefetch_related(Prefetch("steps", queryset=Step.objects.select_related("process")))
        .annotate(latest_number=Max("versions__number"))
        .order_by("slug")
    )


def document_entry(document: Document) -> tuple[dict | None, bytes]:
    """The pack entry of a document and the bytes of its released file; (None, b"") if it was never released."""
    version = document.current_version
    if version is None:
        return None, b""
    with version.file.open("rb") as handle:
        content = handle.read()
    extension = os.path.splitext(version.original_name)[1].lower()
    entry = packs.canonical_document(
        {
            "slug": document.slug,
            "title": document.title,
            "kind": document.kind,
            "description": document.description,
            "steps": [(step.process.slug, step.position) for step in document.steps.all()],
            "file": packs.document_file_path(document.slug, extension),
        }
    )
    return entry, content


def _paths() -> QuerySet[ReadingPath]:
    items = PathItem.objects.select_related("article", "process").order_by("position", "pk")
    sections = PathSection.objects.order_by("position", "pk").prefetch_related(Prefetch("items", queryset=items))
    return (
        ReadingPath.objects.select_related("role")
        .annotate(has_assignments=Exists(Assignment.objects.filter(path=OuterRef("pk"))))
        .prefetch_related(Prefetch("sections", queryset=sections))
        .order_by("title", "pk")
    )


def paths_for_pack(titles=None) -> dict[str, ReadingPath]:
    """The onboarding paths by title (the first, if two share one), with what their pack entries need."""
    paths = _paths() if titles is None else _paths().filter(title__in=titles)
    found: dict[str, ReadingPath] = {}
    for path in paths:
        found.setdefault(path.title, path)
    return found


def path_item_entry(item: PathItem) -> dict:
    if item.kind == PathItem.Kind.ARTICLE:
        target = {"article": item.article.slug}
    elif item.kind == PathItem.Kind.PROCESS:
        target = {"process": item.process.slug}
    else:
        target = {"task": item.task_title}
    return packs.canonical_path_item(
        {**target, "instructions": item.instructions, "required": item.required, "minutes": item.estimated_minutes}
    )


def path_entry(path: ReadingPath) -> dict:
    """The pack entry of an onboarding path: its sections and items in their order."""
    return {
        "title": path.title,
        "role": path.role.code,
        "description": path.description,
        "sections": [
            {"title": section.title, "items": [path_item_entry(item) for item in section.items.all()]}
            for section in path.sections.all()
        ],
    }


def pack_content(*, name: str, description: str = "", department=None) -> packs.Pack:
    """Everything a pack holds of this installation, or of one department.

    A department's pack holds its bands of the map with their processes, its articles (their
    links to other departments' processes left out: a pack holds what it references), the roles
    its processes name and the laws they or the articles cite, with all their norms.
    """
    pack = packs.Pack(name=name, description=description)
    if department is None:
        pack.laws = [law_entry(law) for law in laws_for_pack()]
        pack.roles = [role_entry(role) for role in Role.objects.order_by("code")]
        pack.categories = category_tree()
        pack.processes = [process_entry(process) for process in processes_for_pack()]
        articles = list(articles_for_pack())
        pack.paths = [path_entry(path) for path in paths_for_pack().values()]
        documents = list(documents_for_pack())
    else:
        from departments.rights import owned as owned_ids

        owned = {model: set(owned_ids(department, model)) for model in (Category, Article, Document)}
        pack.categories = category_tree(owned[Category])
        trees = Category.objects.filter(pk__in=owned[Category]).values("tree_id")
        processes = list(processes_for_pack().filter(category__tree_id__in=trees))
        pack.processes = [process_entry(process) for process in processes]
        articles = list(articles_for_pack().filter(pk__in=owned[Article]))
        documents = list(documents_for_pack().filter(pk__in=owned[Document]))
        slugs = {process.slug for process in processes}
        roles, laws = set(), set()
        for entry in pack.processes:
            roles.add(entry["owner_role"])
            refs = list(entry["legal_basis"])
            for step in entry["steps"]:
                roles.update([step["role"], *step["participants"]])
                refs += step["refs"]
            laws.update(ref["law"] for ref in refs)
        # Its onboarding paths, without items that point to another department's content.
        article_slugs = {article.slug for article in articles}

        def in_pack(item: dict) -> bool:
            if "article" in item:
                return item["article"] in article_slugs
            if "process" in item:
                return item["process"] in slugs
            return True  # a task

        owned_paths = set(owned_ids(department, ReadingPath))
        for path in paths_for_pack().values():
            if path.pk not in owned_paths:
                continue
            entry = path_entry(path)
            for section in entry["sections"]:
                section["items"] = [item for item in section["items"] if in_pack(item)]
            roles.add(entry["role"])
            pack.paths.append(entry)
        cited = Law.objects.filter(norms__in=_cited_norms(processes, articles)).values_list("key", flat=True)
        laws.update(cited)
        pack.roles = [role_entry(role) for role in Role.objects.filter(code__in=roles).order_by("code")]
        pack.laws = [law_entry(law) for law in laws_for_pack().filter(key__in=laws)]
    for article in articles:
        entry, body, history = article_with_history(article)
        if department is not None:  # links to other departments' processes stay behind
            entry["processes"] = [slug for slug in entry["processes"] if slug in slugs]
            entry["steps"] = [step for step in entry["steps"] if step[0] in slugs]
        pack.articles.append(entry)
        pack.texts[article.slug] = body
        pack.history[article.slug] = history
    for document in documents:
        entry, content = document_entry(document)
        if entry is None:
            continue  # never released: a draft is not a template to hand on
        if department is not None:
            entry["steps"] = [step for step in entry["steps"] if step[0] in slugs]
        pack.documents.append(entry)
        pack.files[document.slug] = content
    return pack


def _cited_norms(processes, articles) -> set[int]:
    """Norms cited in the texts (notes, step descriptions, article texts) of these processes and articles."""
    process_ids = [process.pk for process in processes]
    through = [
        Process.text_citations.through.objects.filter(process_id__in=process_ids).values_list("norm_id", flat=True),
        Step.text_citations.through.objects.filter(step__process_id__in=process_ids).values_list("norm_id", flat=True),
    ]
    revisions = [article_revision(article).pk for article in articles]
    through.append(Revision.cited_norms.through.objects.filter(revision_id__in=revisions).values_list("norm_id", flat=True))
    return {pk for query in through for pk in query}
