"""The plan of a pack's import: the pack compared with the database by stable keys.

What is new, unchanged, to be updated or left alone (skipped) for every law, norm, role, area,
process, article, document and onboarding path of a validated pack (departments.packs), and the
problems only the database can show (a name taken by another key, a releaser without the right).
Reads only; departments.services writes the plan.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from departments.packs import Pack, PackRefused, Problem, article_content, document_content

NEW, UNCHANGED, UPDATE = "neu", "unverändert", "aktualisiert"
# Existing and differing, but not updated: an archived article, or a process or article with a
# draft waiting for release (the import would bury someone's work under a newer version).
DIFFERS = "übersprungen"
# The kinds of content of a pack, in the order of an import report.
KINDS = ["Gesetz", "Norm", "Rolle", "Bereich", "Prozess", "Artikel", "Dokument", "Einarbeitungspfad"]


@dataclass
class Action:
    kind: str  # one of KINDS
    key: str
    state: str
    entry: dict
    detail: str = ""
    place: str = ""  # where in the pack, for problems found while writing
    parent: str | None = None  # law key of a norm, parent slug of a category
    position: int = 0  # among its siblings (categories)
    new_file: bool = False  # a document whose file is new or differs (a version to release)

    def __str__(self) -> str:
        detail = f" ({self.detail})" if self.detail else ""
        return f"{self.kind} {self.key}: {self.state}{detail}"


@dataclass
class Plan:
    pack: Pack
    actions: list[Action] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def of(self, kind: str, state: str | None = None) -> list[Action]:
        return [a for a in self.actions if a.kind == kind and (state is None or a.state == state)]

    @property
    def needs_releaser(self) -> bool:
        """Released articles, and changed processes the pack says are in force, need a releasing person."""
        articles = [action for action in self.actions if action.kind == "Artikel" and action.state in (NEW, UPDATE)]
        return any(action.entry["released"] for action in articles) or bool(self.released_updates) or self.new_files

    @property
    def new_files(self) -> bool:
        """New documents, or documents with another file: a new version that someone releases."""
        return any(action.kind == "Dokument" and action.new_file for action in self.actions)

    @property
    def released_updates(self) -> list[Action]:
        """Processes whose changed content the import releases (a new version, four eyes)."""
        return [action for action in self.of("Prozess", UPDATE) if action.entry["status"] != "draft"]

    def summary(self) -> list[dict]:
        """Per kind of content, how many are new, updated, unchanged and skipped (existing, differing, left alone)."""
        return [
            {
                "kind": kind,
                "new": len(self.of(kind, NEW)),
                "updated": len(self.of(kind, UPDATE)),
                "unchanged": len(self.of(kind, UNCHANGED)),
                "differs": len(self.of(kind, DIFFERS)),
            }
            for kind in KINDS
        ]

    @property
    def skipped(self) -> list[Action]:
        return [action for action in self.actions if action.state == DIFFERS]


def check(pack: Pack, *, releaser=None) -> Plan:
    """The plan of an import that writes nothing (a dry run); raises PackRefused with its problems."""
    result = plan(pack, releaser=releaser)
    if result.problems:
        raise PackRefused(result.problems)
    return result


def _differing(existing: dict, wanted: dict) -> str:
    keys = sorted(key for key in wanted if existing.get(key) != wanted[key])
    return "abweichend: " + ", ".join(keys) if keys else ""


def plan(pack: Pack, *, releaser=None) -> Plan:
    """Compare the pack with the database by stable keys. Reads only; problems go into the plan."""
    from departments import selectors  # reads the database in the pack's canonical form
    from documents.permissions import RELEASE_VERSIONS
    from knowledge.permissions import RELEASE_REVISIONS
    from law.models import Law
    from processes.models import Category, Role
    from processes.permissions import RELEASE_PROCESSES

    result = Plan(pack)
    add = result.actions.append

    laws = {law.key: law for law in selectors.laws_for_pack().filter(key__in=[law["key"] for law in pack.laws])}
    abbreviations = dict(Law.objects.values_list("abbreviation", "key"))
    for index, entry in enumerate(pack.laws):
        law = laws.get(entry["key"])
        fields = {key: value for key, value in entry.items() if key != "norms"}
        existing_norms = {}
        if law is None:
            other = abbreviations.get(entry["abbreviation"])
            if other is not None:
                message = f"Abkürzung „{entry['abbreviation']}“ hat in der Datenbank schon das Gesetz „{other}“"
                result.problems.append(Problem(f"laws.yaml: laws[{index}].abbreviation", message))
            add(Action("Gesetz", entry["key"], NEW, fields, place=f"laws.yaml: laws[{index}]"))
        else:
            current = selectors.law_entry(law)
            existing_norms = {norm["number"]: norm for norm in current["norms"]}
            detail = _differing({k: v for k, v in current.items() if k != "norms"}, fields)
            add(Action("Gesetz", entry["key"], UPDATE if detail else UNCHANGED, fields, detail, f"laws.yaml: laws[{index}]"))
        for number, norm in enumerate(entry["norms"]):
            key = f"{entry['key']} {norm['number'] or '(ganzes Gesetz)'}"
            place = f"laws.yaml: laws[{index}].norms[{number}]"
            current_norm = existing_norms.get(norm["number"])
            detail = _differing(current_norm, norm) if current_norm else ""
            state = NEW if current_norm is None else UPDATE if detail else UNCHANGED
            add(Action("Norm", key, state, norm, detail, place, parent=entry["key"]))

    roles = {role.code: role for role in Role.objects.filter(code__in=[role["code"] for role in pack.roles])}
    taken = {field_name: dict(Role.objects.values_list(field_name, "code")) for field_name in ("slug", "name")}
    for index, entry in enumerate(pack.roles):
        role = roles.get(entry["code"])
        if role is None:
            for field_name in ("slug", "name"):
                other = taken[field_name].get(entry[field_name])
                if other is not None:
                    message = f"„{entry[field_name]}“ gehört in der Datenbank schon der Rolle „{other}“"
                    result.problems.append(Problem(f"roles.yaml: roles[{index}].{field_name}", message))
            add(Action("Rolle", entry["code"], NEW, entry, place=f"roles.yaml: roles[{index}]"))
        else:
            detail = _differing(selectors.role_entry(role), entry)
            add(Action("Rolle", entry["code"], UPDATE if detail else UNCHANGED, entry, detail, f"roles.yaml: roles[{index}]"))

    walked = list(pack.walk_categories())
    categories = {
        category.slug: category
        for category in Category.objects.select_related("parent").filter(slug__in=[entry["slug"] for entry, *_ in walked])
    }
    for entry, parent, position, place in walked:
        fields = {key: value for key, value in entry.items() if key != "children"}
        category = categories.get(entry["slug"])
        if category is None:
            add(Action("Bereich", entry["slug"], NEW, fields, place=place, parent=parent, position=position))
            continue
        current = {**selectors.category_fields(category), "parent": category.parent.slug if category.parent else None}
        detail = _differing(current, {**fields, "parent": parent})
        state = UPDATE if detail else UNCHANGED
        add(Action("Bereich", entry["slug"], state, fields, detail, place, parent=parent, position=position))

    processes = {p.slug: p for p in selectors.processes_for_pack().filter(slug__in=[p["slug"] for p in pack.processes])}
    for index, entry in enumerate(pack.processes):
        process = processes.get(entry["slug"])
        place = f"processes.yaml: processes[{index}]"
        detail = _differing(selectors.process_entry(process), entry) if process else ""
        state = NEW if process is None else UPDATE if detail else UNCHANGED
        if state == UPDATE and process.has_pending_draft:
            state, detail = DIFFERS, f"{detail}; Entwurf {process.latest_version} wartet auf Freigabe"
        add(Action("Prozess", entry["slug"], state, entry, detail, place))

    wanted = [article["slug"] for article in pack.articles]
    articles = {a.slug: a for a in selectors.articles_for_pack(archived=True).filter(slug__in=wanted)}
    for index, entry in enumerate(pack.articles):
        article = articles.get(entry["slug"])
        place = f"articles.yaml: articles[{index}]"
        if article is None:
            add(Action("Artikel", entry["slug"], NEW, entry, place=place))
        elif article.archived_at:
            add(Action("Artikel", entry["slug"], DIFFERS, entry, "archiviert", place))
        else:
            current, body = selectors.article_entry(article)
            detail = _differing(article_content(current, body), article_content(entry, pack.texts[entry["slug"]]))
            state = UPDATE if detail else UNCHANGED
            if state == UPDATE and article.has_pending_draft:
                state, detail = DIFFERS, f"{detail}; Entwurf {article.latest_number} wartet auf Freigabe"
            add(Action("Artikel", entry["slug"], state, entry, detail, place))

    documents = {d.slug: d for d in selectors.documents_for_pack().filter(slug__in=[d["slug"] for d in pack.documents])}
    for index, entry in enumerate(pack.documents):
        document = documents.get(entry["slug"])
        place = f"documents.yaml: documents[{index}]"
        if document is None:
            add(Action("Dokument", entry["slug"], NEW, entry, place=place, new_file=True))
            continue
        current, content = selectors.document_entry(document)
        if current is None:
            add(Action("Dokument", entry["slug"], DIFFERS, entry, "noch nie freigegeben: Entwurf wartet auf Freigabe", place))
            continue
        ours, theirs = document_content(current, content), document_content(entry, pack.files[entry["slug"]])
        detail = _differing(ours, theirs)
        state = UPDATE if detail else UNCHANGED
        if state == UPDATE and document.latest_number > document.current_version.number:
            state, detail = DIFFERS, f"{detail}; Entwurf {document.latest_number} wartet auf Freigabe"
        new_file = state == UPDATE and ours["sha256"] != theirs["sha256"]
        add(Action("Dokument", entry["slug"], state, entry, detail, place, new_file=new_file))

    paths = selectors.paths_for_pack([path["title"] for path in pack.paths])
    for index, entry in enumerate(pack.paths):
        path = paths.get(entry["title"])
        place = f"paths.yaml: paths[{index}]"
        if path is None:
            add(Action("Einarbeitungspfad", entry["title"], NEW, entry, place=place))
            continue
        detail = _differing(selectors.path_entry(path), entry)
        state = UPDATE if detail else UNCHANGED
        if state == UPDATE and path.has_assignments:
            # Its items carry the new hires' confirmations: a team lead changes it, not an import.
            state, detail = DIFFERS, f"{detail}; schon Neuen zugewiesen"
        add(Action("Einarbeitungspfad", entry["title"], state, entry, detail, place))

    if result.needs_releaser:
        released_articles = any(
            action.entry["released"] for action in result.actions if action.kind == "Artikel" and action.state in (NEW, UPDATE)
        )
        if releaser is None:
            if result.new_files:
                message = "das Paket enthält Dokumente: bitte mit --as <Benutzername> angeben, wer ihre Fassungen freigibt"
                result.problems.append(Problem("documents.yaml", message))
            elif released_articles:
                message = "das Paket enthält freigegebene Artikel: bitte mit --as <Benutzername> angeben, wer sie freigibt"
                result.problems.append(Problem("articles.yaml", message))
            else:
                message = (
                    "das Paket ändert geltende Prozesse: bitte mit --as <Benutzername> angeben, wer die neuen Versionen freigibt"
                )
                result.problems.append(Problem("processes.yaml", message))
        elif not releaser.is_active:
            result.problems.append(Problem("--as", f"„{releaser.get_username()}“ ist deaktiviert und kann nichts freigeben"))
        else:
            if released_articles and not releaser.has_perm(RELEASE_REVISIONS):
                message = f"„{releaser.get_username()}“ darf keine Artikel freigeben (Recht knowledge.release_revision fehlt)"
                result.problems.append(Problem("--as", message))
            if result.new_files and not releaser.has_perm(RELEASE_VERSIONS):
                message = (
                    f"„{releaser.get_username()}“ darf keine Dokumentfassungen freigeben "
                    "(Recht documents.release_documentversion fehlt)"
                )
                result.problems.append(Problem("--as", message))
            if result.released_updates and not releaser.has_perm(RELEASE_PROCESSES):
                message = (
                    f"„{releaser.get_username()}“ darf keine Prozessversionen freigeben (Recht processes.release_process fehlt)"
                )
                result.problems.append(Problem("--as", message))
    return result
