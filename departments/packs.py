"""Content packs, format version 1: read a pack (folder or zip), validate it, write one (the import's
comparison with the database: departments.pack_plan).

A pack is untrusted input. Reading it is bounded (size, member count, compression ratio), never
follows a link and never resolves a path outside the pack; YAML is read without anchors and
aliases. Every problem found is collected with its place (file and key) before the pack is
refused, so that its author can fix them all at once. The format: departments/PACKS.md, the
schema: departments/pack_schema.json.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path, PurePosixPath

import jsonschema
import yaml
from django.utils import translation

from core.markdown import MarkdownTooLarge, check_markdown_size

# The files of a pack (departments/pack_files.py); Problem and PackRefused are this module's errors too.
from departments.pack_files import PACK_FILE, PackRefused, Problem, read_files, unsafe_path
from law import norms
from processes import flow

FORMAT = "prozessdatenbank-pack"
VERSION = 1
# YAML file of the pack -> the key of its list.
LIST_FILES = {
    "laws.yaml": "laws",
    "roles.yaml": "roles",
    "map.yaml": "categories",
    "processes.yaml": "processes",
    "articles.yaml": "articles",
    "paths.yaml": "paths",
    "documents.yaml": "documents",
}
# Where the files of document templates lie in a pack (binary; documents.yaml names each).
DOCUMENT_FOLDER = "documents/"
# The keys of a path item, one of which says what it is (onboarding.models.PathItem.Kind).
PATH_ITEM_KINDS = ("article", "process", "task")
TEXT_SUFFIX = ".md"

# --- YAML without anchors and aliases --------------------------------------------------------


class PackLoader(yaml.SafeLoader):
    """SafeLoader that refuses anchors and aliases (no "billion laughs") and duplicate keys."""

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise yaml.MarkedYAMLError(
                problem="Anker und Aliase (&, *) sind in Paketen nicht erlaubt", problem_mark=event.start_mark
            )
        return super().compose_node(parent, index)

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in seen:
                raise yaml.MarkedYAMLError(problem=f"Schlüssel „{key}“ doppelt", problem_mark=key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _decode(name: str, content: bytes) -> tuple[str | None, Problem | None]:
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as error:
        return None, Problem(name, f"nicht UTF-8-kodiert (ungültiges Byte an Position {error.start})")
    return text.removeprefix("\ufeff"), None


def _load_yaml(name: str, content: bytes) -> tuple[object, Problem | None]:
    text, problem = _decode(name, content)
    if problem:
        return None, problem
    try:
        return yaml.load(text, Loader=PackLoader), None  # noqa: S506 - PackLoader is a SafeLoader
    except RecursionError:
        return None, Problem(name, "zu tief verschachtelt")
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        where = f"{name}, Zeile {mark.line + 1}" if mark else name
        return None, Problem(where, f"kein gültiges YAML: {error.problem or error}")
    except yaml.YAMLError as error:
        return None, Problem(name, f"kein gültiges YAML: {error}")


# --- Validation ------------------------------------------------------------------------------


@cache
def schema() -> dict:
    return json.loads((Path(__file__).parent / "pack_schema.json").read_text(encoding="utf-8"))


def _place(file: str, path) -> str:
    """``processes.yaml: processes[3].steps[0].role`` from a jsonschema error path."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return f"{file}: {text}" if text else file


def _schema_problems(document: dict) -> list[Problem]:
    validator = jsonschema.Draft202012Validator(schema())
    problems = []
    for error in sorted(validator.iter_errors(document), key=lambda e: [str(p) for p in e.absolute_path]):
        path = list(error.absolute_path)
        file = path.pop(0) if path else "Paket"
        problems.append(Problem(_place(file, path), _schema_message(error)))
    return problems


_TYPE_NAMES = {
    "object": "eine Zuordnung (Schlüssel: Wert)",
    "array": "eine Liste",
    "string": "ein Text",
    "integer": "eine ganze Zahl",
    "boolean": "true oder false",
}


def _schema_message(error: jsonschema.ValidationError) -> str:
    """The schema's complaint in German, with the offending value where it helps."""
    rule, value, instance = error.validator, error.validator_value, error.instance
    if rule == "required":
        missing = [name for name in value if isinstance(instance, dict) and name not in instance]
        return f"Pflichtangabe fehlt: {', '.join(missing)}"
    if rule == "additionalProperties":
        unknown = sorted(str(key) for key in instance if key not in error.schema.get("properties", {}))
        return f"unbekannter Schlüssel: {', '.join(unknown)}"
    if rule == "type":
        types = [value] if isinstance(value, str) else value
        return f"erwartet {' oder '.join(_TYPE_NAMES.get(t, t) for t in types)}, nicht {instance!r}"
    if rule == "enum":
        return f"„{instance}“ ist nicht erlaubt; möglich: {', '.join(str(choice) for choice in value)}"
    if rule == "minLength" and value == 1:
        return "darf nicht leer sein"
    if rule == "maxLength":
        return f"zu lang ({len(instance)} Zeichen, höchstens {value})"
    if rule == "pattern":
        return f"„{instance}“ hat nicht die erwartete Form ({value})"
    if rule in ("minimum", "maximum"):
        return f"{instance} liegt außerhalb des erlaubten Bereichs"
    if rule in ("minItems", "maxItems"):
        return f"falsche Anzahl von Einträgen ({len(instance)})"
    return error.message


# --- The canonical form: what export writes and what the import compares ----------------------


def canonical_number(number) -> str:
    return norms.normalise_number(str(number))


def canonical_pinpoint(text: str) -> str:
    return norms.pinpoint_label(**norms.parse_pinpoint(text or ""))


def canonical_reference(entry: dict) -> dict:
    return {
        "law": entry["law"],
        "norm": canonical_number(entry["norm"]),
        "pinpoint": canonical_pinpoint(entry.get("pinpoint", "")),
    }


def canonical_documents(entries) -> list[str]:
    return [line.strip() for entry in entries for line in str(entry).splitlines() if line.strip()]


def canonical_law(entry: dict) -> dict:
    law_norms = [
        {"number": canonical_number(norm["number"]), "title": norm.get("title", ""), "url": norm.get("url", "")}
        for norm in entry.get("norms", [])
    ]
    return {
        "key": entry["key"],
        "abbreviation": entry["abbreviation"],
        "title": entry["title"],
        "gii_slug": entry.get("gii_slug", ""),
        "url": entry.get("url", ""),
        "jurisdiction": entry.get("jurisdiction", "bund"),
        "cites_articles": entry.get("cites_articles", False),
        "norms": law_norms,  # in the order of the file, so that problems name the right index; export sorts
    }


def canonical_role(entry: dict) -> dict:
    return {
        "code": entry["code"],
        "slug": entry["slug"],
        "name": entry["name"],
        "external": entry.get("external", False),
        "description": entry.get("description", ""),
    }


def canonical_category(entry: dict) -> dict:
    return {
        "slug": entry["slug"],
        "code": entry.get("code", ""),
        "name": entry["name"],
        "description": entry.get("description", ""),
        "children": [canonical_category(child) for child in entry.get("children", [])],
    }


def canonical_step(entry: dict) -> dict:
    step = {
        "title": entry["title"],
        "role": entry["role"],
        "participants": sorted(set(entry.get("participants", []))),
        "refs": [canonical_reference(ref) for ref in entry.get("refs", [])],
        "documents": canonical_documents(entry.get("documents", [])),
        "duration": entry.get("duration", ""),
        "description": entry.get("description", ""),
    }
    # A task (the default) names no kind; a decision lists its outcomes, one per entry („Antwort → 4“).
    if entry.get("kind", "task") != "task":
        step["kind"] = entry["kind"]
    if entry.get("outcomes"):
        step["outcomes"] = [str(line).strip() for line in entry["outcomes"] if str(line).strip()]
    return step


def canonical_process(entry: dict) -> dict:
    return {
        "slug": entry["slug"],
        "code": entry.get("code", ""),
        "title": entry["title"],
        "category": entry["category"],
        "purpose": entry["purpose"],
        "trigger": entry.get("trigger", ""),
        "outcome": entry.get("outcome", ""),
        "owner_role": entry["owner_role"],
        "status": entry.get("status", "published"),
        "documents": canonical_documents(entry.get("documents", [])),
        "legal_basis": [canonical_reference(ref) for ref in entry.get("legal_basis", [])],
        "notes": entry.get("notes", ""),
        "steps": [canonical_step(step) for step in entry.get("steps", [])],
    }


def article_text_path(slug: str) -> str:
    return f"articles/{slug}{TEXT_SUFFIX}"


def canonical_article(entry: dict) -> dict:
    return {
        "slug": entry["slug"],
        "title": entry["title"],
        "released": entry.get("released", False),
        "processes": sorted(set(entry.get("processes", []))),
        "steps": sorted({(slug, int(position)) for slug, position in entry.get("steps", [])}),
        "text": entry["text"],
        "note": entry.get("note", ""),
        "significant": entry.get("significant", False),
        "history": [
            {
                "title": revision["title"],
                "text": revision["text"],
                "note": revision.get("note", ""),
                "significant": revision.get("significant", False),
            }
            for revision in entry.get("history", [])
        ],
    }


def history_text_path(slug: str, number: int) -> str:
    """Where the text of an earlier revision lies (the first is 1)."""
    return f"articles/{slug}.{number}{TEXT_SUFFIX}"


def document_file_path(slug: str, extension: str) -> str:
    return f"{DOCUMENT_FOLDER}{slug}{extension}"


def canonical_document(entry: dict) -> dict:
    return {
        "slug": entry["slug"],
        "title": entry["title"],
        "kind": entry["kind"],
        "description": entry.get("description", ""),
        "steps": sorted({(slug, int(position)) for slug, position in entry.get("steps", [])}),
        "file": entry["file"],
    }


def document_content(entry: dict, content: bytes) -> dict:
    """What two documents must share to be the same: everything but where the file lies, and the file's bytes."""
    fields = {key: value for key, value in entry.items() if key != "file"}
    return {**fields, "steps": [list(step) for step in entry["steps"]], "sha256": hashlib.sha256(content).hexdigest()}


def canonical_path_item(entry: dict) -> dict:
    item = {kind: entry[kind] for kind in PATH_ITEM_KINDS if kind in entry}
    return {
        **item,
        "instructions": entry.get("instructions", ""),
        "required": entry.get("required", True),
        "minutes": entry.get("minutes"),
    }


def canonical_path(entry: dict) -> dict:
    return {
        "title": entry["title"],
        "role": entry["role"],
        "description": entry.get("description", ""),
        "sections": [
            {"title": section["title"], "items": [canonical_path_item(item) for item in section.get("items", [])]}
            for section in entry.get("sections", [])
        ],
    }


def article_content(entry: dict, body: str) -> dict:
    """What two articles must share to be the same: everything but where the text file lies, the
    history (which only a new article takes over) and the change note and significance of the
    text (they describe a revision: an article the same apart from them is not changed)."""
    content = {key: value for key, value in entry.items() if key not in ("text", "history", "note", "significant")}
    return {**content, "steps": [list(step) for step in entry["steps"]], "body": body}


# --- The parsed pack -------------------------------------------------------------------------


@dataclass
class Pack:
    name: str
    description: str = ""
    laws: list[dict] = field(default_factory=list)
    roles: list[dict] = field(default_factory=list)
    categories: list[dict] = field(default_factory=list)  # the tree, roots first
    processes: list[dict] = field(default_factory=list)
    articles: list[dict] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)  # article slug -> Markdown
    history: dict[str, list[str]] = field(default_factory=dict)  # article slug -> Markdown of earlier revisions
    paths: list[dict] = field(default_factory=list)  # onboarding paths, by title
    documents: list[dict] = field(default_factory=list)  # released document templates
    files: dict[str, bytes] = field(default_factory=dict)  # document slug -> its file

    def walk_categories(self):
        """(entry, parent slug or None, position among siblings, place) in tree order."""

        def walk(entries, parent, place):
            for position, entry in enumerate(entries, start=1):
                here = f"{place}[{position - 1}]"
                yield entry, parent, position, here
                yield from walk(entry["children"], entry["slug"], f"{here}.children")

        yield from walk(self.categories, None, "map.yaml: categories")


def load(path: Path) -> Pack:
    """Read and validate a pack. Raises PackRefused with every problem found."""
    return parse(read_files(Path(path)))


def parse(files: dict[str, bytes]) -> Pack:
    problems: list[Problem] = []
    if PACK_FILE not in files:
        raise PackRefused([Problem(PACK_FILE, "fehlt: ein Paket braucht eine pack.yaml im obersten Ordner")])
    header, problem = _load_yaml(PACK_FILE, files[PACK_FILE])
    if problem:
        raise PackRefused([problem])
    problems += _version_problems(header)
    if problems:
        raise PackRefused(problems)  # another format: its other files mean something else

    document = {PACK_FILE: header}
    for name in LIST_FILES:
        if name in files:
            content, problem = _load_yaml(name, files[name])
            if problem:
                problems.append(problem)
            else:
                document[name] = content
    document_names = {name for name in files if name.startswith(DOCUMENT_FOLDER)}  # binary: checked in _read_files
    text_names = {name for name in files if name.endswith(TEXT_SUFFIX)} - document_names
    for name in sorted(text_names):
        _text, problem = _decode(name, files[name])
        if problem:
            problems.append(problem)
    for name in sorted(set(files) - set(document) - set(LIST_FILES) - text_names - document_names):
        problems.append(
            Problem(name, "unbekannte Datei (erwartet: pack.yaml, die YAML-Dateien des Formats, Markdown-Texte, Dokumente)")
        )
    try:
        problems += _schema_problems(document)
    except RecursionError:
        problems.append(Problem("map.yaml", "zu tief verschachtelt"))
    if problems:
        raise PackRefused(problems)

    pack = Pack(name=header["name"], description=header.get("description", ""))
    pack.laws = [canonical_law(entry) for entry in _entries(document, "laws.yaml")]
    pack.roles = [canonical_role(entry) for entry in _entries(document, "roles.yaml")]
    pack.categories = [canonical_category(entry) for entry in _entries(document, "map.yaml")]
    pack.processes, problems_processes = _processes(_entries(document, "processes.yaml"))
    pack.articles = [canonical_article(entry) for entry in _entries(document, "articles.yaml")]
    pack.paths = [canonical_path(entry) for entry in _entries(document, "paths.yaml")]
    pack.documents = [canonical_document(entry) for entry in _entries(document, "documents.yaml")]
    problems += problems_processes
    problems += _read_texts(pack, files)
    problems += _read_files(pack, files, document_names)
    problems += _reference_problems(pack)
    if problems:
        raise PackRefused(problems)
    return pack


def _version_problems(header) -> list[Problem]:
    if not isinstance(header, dict):
        return [Problem(PACK_FILE, "muss eine Zuordnung mit format, version und name sein")]
    if header.get("format") != FORMAT:
        return [Problem(f"{PACK_FILE}: format", f"kein Paket der Prozessdatenbank (format muss „{FORMAT}“ sein)")]
    version = header.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        return [Problem(f"{PACK_FILE}: version", f"Formatversion fehlt oder ist keine Zahl ({version!r})")]
    if version > VERSION:
        return [
            Problem(
                f"{PACK_FILE}: version",
                f"Formatversion {version} ist neuer als die unterstützte Version {VERSION}: "
                "bitte die Prozessdatenbank aktualisieren",
            )
        ]
    if version != VERSION:
        return [Problem(f"{PACK_FILE}: version", f"unbekannte Formatversion {version} (unterstützt: {VERSION})")]
    return []


def _entries(document: dict, name: str) -> list[dict]:
    return (document.get(name) or {}).get(LIST_FILES[name], [])


def _processes(entries: list[dict]) -> tuple[list[dict], list[Problem]]:
    """Canonical processes; a pinpoint that cannot be read is a problem at its place."""
    problems = []
    for index, entry in enumerate(entries):
        place = f"processes.yaml: processes[{index}]"
        refs = [(f"{place}.legal_basis[{n}]", ref) for n, ref in enumerate(entry.get("legal_basis", []))]
        for step_index, step in enumerate(entry.get("steps", [])):
            refs += [(f"{place}.steps[{step_index}].refs[{n}]", ref) for n, ref in enumerate(step.get("refs", []))]
        for ref_place, ref in refs:
            try:
                canonical_pinpoint(ref.get("pinpoint", ""))
            except ValueError:
                problems.append(
                    Problem(f"{ref_place}.pinpoint", f"„{ref['pinpoint']}“ ist keine Fundstelle wie „Abs. 4 Satz 1 Nr. 2“")
                )
        # Decisions that lead nowhere or into a loop are refused as the admin refuses them.
        with translation.override("de"):
            flow_problems = flow.problems(
                [
                    flow.FlowStep(position, step.get("kind", "task"), "\n".join(step.get("outcomes", [])))
                    for position, step in enumerate(entry.get("steps", []), start=1)
                ]
            )
        problems += [Problem(f"{place}.steps", problem) for problem in flow_problems]
    if problems:
        return [], problems
    return [canonical_process(entry) for entry in entries], []


def _read_text(files: dict[str, bytes], path: str, place: str) -> tuple[str | None, Problem | None]:
    """A Markdown text of the pack: a safe path to a present .md file, renderable in size."""
    reason = unsafe_path(path)
    if reason is None and not path.endswith(TEXT_SUFFIX):
        reason = f"der Text muss eine Markdown-Datei ({TEXT_SUFFIX}) sein"
    if reason is None:
        path = str(PurePosixPath(path))  # "./articles/x.md" -> "articles/x.md"
        if path not in files:
            reason = f"Datei „{path}“ fehlt im Paket"
    if reason:
        return None, Problem(place, reason)
    text = files[path].decode("utf-8").removeprefix("\ufeff")  # checked in parse()
    try:
        check_markdown_size(text)
    except MarkdownTooLarge as refusal:
        return None, Problem(f"{place} ({path})", str(refusal))
    return text, None


def _read_texts(pack: Pack, files: dict[str, bytes]) -> list[Problem]:
    problems = []
    for index, article in enumerate(pack.articles):
        place = f"articles.yaml: articles[{index}]"
        text, problem = _read_text(files, article["text"], f"{place}.text")
        if problem:
            problems.append(problem)
        else:
            pack.texts[article["slug"]] = text
        earlier = []
        for number, revision in enumerate(article["history"]):
            text, problem = _read_text(files, revision["text"], f"{place}.history[{number}].text")
            if problem:
                problems.append(problem)
            earlier.append(text)
        pack.history[article["slug"]] = earlier
    return problems


def _read_files(pack: Pack, files: dict[str, bytes], document_names: set[str]) -> list[Problem]:
    """The documents' files: in the documents folder, present, and of an allowed type and size
    (the checks of an upload, documents.uploads). A file no document names is refused too."""
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    from documents.uploads import check_upload

    problems, named = [], set()
    for index, entry in enumerate(pack.documents):
        place = f"documents.yaml: documents[{index}].file"
        path = entry["file"]
        reason = unsafe_path(path)
        if reason is None:
            path = str(PurePosixPath(path))
            if not path.startswith(DOCUMENT_FOLDER):
                reason = f"die Datei muss im Ordner „{DOCUMENT_FOLDER}“ liegen"
            elif path not in files:
                reason = f"Datei „{path}“ fehlt im Paket"
        if reason:
            problems.append(Problem(place, reason))
            continue
        named.add(path)
        try:
            check_upload(SimpleUploadedFile(PurePosixPath(path).name, files[path]))
        except ValidationError as refusal:
            problems.append(Problem(f"{place} ({path})", " ".join(refusal.messages)))
            continue
        pack.files[entry["slug"]] = files[path]
    for name in sorted(document_names - named):
        problems.append(Problem(name, "Datei im Ordner documents/, die kein Eintrag in documents.yaml nennt"))
    return problems


def _duplicates(items, key: str, place_of, what: str) -> list[Problem]:
    problems, seen = [], {}
    for index, item in enumerate(items):
        value = item[key]
        if value in seen:
            problems.append(Problem(place_of(index, key), f"{what} „{value}“ doppelt (schon in Eintrag {seen[value]})"))
        else:
            seen[value] = index
    return problems


def _reference_problems(pack: Pack) -> list[Problem]:
    """Duplicate keys and references to what the pack does not define (the pack must be complete)."""
    problems = []
    for key, what in (("key", "Gesetzesschlüssel"), ("abbreviation", "Abkürzung")):
        problems += _duplicates(pack.laws, key, lambda i, k: f"laws.yaml: laws[{i}].{k}", what)
    for index, law in enumerate(pack.laws):
        problems += _duplicates(
            law["norms"], "number", lambda i, k, index=index: f"laws.yaml: laws[{index}].norms[{i}].{k}", "Norm"
        )
    for key, what in (("code", "Rollenkürzel"), ("slug", "Rollen-Slug"), ("name", "Rollenname")):
        problems += _duplicates(pack.roles, key, lambda i, k: f"roles.yaml: roles[{i}].{k}", what)
    categories = list(pack.walk_categories())
    seen: dict[str, str] = {}
    for entry, _parent, _position, place in categories:
        if entry["slug"] in seen:
            problems.append(Problem(f"{place}.slug", f"Bereichs-Slug „{entry['slug']}“ doppelt (schon {seen[entry['slug']]})"))
        seen.setdefault(entry["slug"], place)
    problems += _duplicates(pack.processes, "slug", lambda i, k: f"processes.yaml: processes[{i}].{k}", "Prozess-Slug")
    problems += _duplicates(pack.articles, "slug", lambda i, k: f"articles.yaml: articles[{i}].{k}", "Artikel-Slug")

    law_norms = {law["key"]: {norm["number"] for norm in law["norms"]} for law in pack.laws}
    roles = {role["code"] for role in pack.roles}
    category_slugs = set(seen)
    steps = {(process["slug"], position) for process in pack.processes for position in range(1, len(process["steps"]) + 1)}
    processes = {process["slug"] for process in pack.processes}

    def check_refs(refs, place):
        found, result = set(), []
        for n, ref in enumerate(refs):
            here = f"{place}[{n}]"
            if ref["law"] not in law_norms:
                result.append(Problem(f"{here}.law", f"Gesetz „{ref['law']}“ ist in laws.yaml nicht definiert"))
            elif ref["norm"] not in law_norms[ref["law"]]:
                result.append(
                    Problem(f"{here}.norm", f"Norm „{ref['norm']}“ des Gesetzes „{ref['law']}“ ist in laws.yaml nicht definiert")
                )
            key = (ref["law"], ref["norm"], ref["pinpoint"])
            if key in found:
                result.append(Problem(here, "dieselbe Fundstelle doppelt"))
            found.add(key)
        return result

    def check_role(code, place):
        return [] if code in roles else [Problem(place, f"Rolle „{code}“ ist in roles.yaml nicht definiert")]

    for index, process in enumerate(pack.processes):
        place = f"processes.yaml: processes[{index}]"
        if process["category"] not in category_slugs:
            problems.append(Problem(f"{place}.category", f"Bereich „{process['category']}“ ist in map.yaml nicht definiert"))
        problems += check_role(process["owner_role"], f"{place}.owner_role")
        problems += check_refs(process["legal_basis"], f"{place}.legal_basis")
        for step_index, step in enumerate(process["steps"]):
            step_place = f"{place}.steps[{step_index}]"
            problems += check_role(step["role"], f"{step_place}.role")
            for code in step["participants"]:
                problems += check_role(code, f"{step_place}.participants")
            problems += check_refs(step["refs"], f"{step_place}.refs")
    for index, article in enumerate(pack.articles):
        place = f"articles.yaml: articles[{index}]"
        for slug in article["processes"]:
            if slug not in processes:
                problems.append(Problem(f"{place}.processes", f"Prozess „{slug}“ ist in processes.yaml nicht definiert"))
        for slug, position in article["steps"]:
            if (slug, position) not in steps:
                message = f"Schritt {position} des Prozesses „{slug}“ ist im Paket nicht definiert"
                problems.append(Problem(f"{place}.steps", message))
    problems += _path_problems(pack, roles, processes)
    problems += _citation_problems(pack)
    problems += _duplicates(pack.documents, "slug", lambda i, k: f"documents.yaml: documents[{i}].{k}", "Dokument-Slug")
    for index, entry in enumerate(pack.documents):
        for slug, position in entry["steps"]:
            if (slug, position) not in steps:
                message = f"Schritt {position} des Prozesses „{slug}“ ist im Paket nicht definiert"
                problems.append(Problem(f"documents.yaml: documents[{index}].steps", message))
    return problems


def _citation_problems(pack: Pack) -> list[Problem]:
    """Citations in the Markdown texts of the laws the pack brings must name norms it defines:
    the import would otherwise create norms the pack does not know (without title or link)."""
    from law.citations import find_citations

    defined = {law["abbreviation"]: {norm["number"] for norm in law["norms"]} for law in pack.laws}
    texts = [
        (f"articles.yaml: articles[{index}].text ({article['text']})", pack.texts.get(article["slug"], ""))
        for index, article in enumerate(pack.articles)
    ]
    for index, process in enumerate(pack.processes):
        texts.append((f"processes.yaml: processes[{index}].notes", process["notes"]))
        for step_index, step in enumerate(process["steps"]):
            texts.append((f"processes.yaml: processes[{index}].steps[{step_index}].description", step["description"]))
    problems = []
    for place, text in texts:
        missing = []
        for citation in find_citations(text, defined):
            for number in citation.numbers:
                label = f"{citation.law} {canonical_number(number)}"
                if canonical_number(number) not in defined[citation.law] and label not in missing:
                    missing.append(label)
        if missing:
            problems.append(Problem(place, f"zitiert Normen, die laws.yaml nicht definiert: {', '.join(missing)}"))
    return problems


def _path_problems(pack: Pack, roles: set[str], processes: set[str]) -> list[Problem]:
    """Onboarding paths: unique titles, their role, and each item one article, process or task of the pack."""
    problems = _duplicates(pack.paths, "title", lambda i, k: f"paths.yaml: paths[{i}].{k}", "Pfadtitel")
    articles = {article["slug"] for article in pack.articles}
    defined = {"article": (articles, "Artikel", "articles.yaml"), "process": (processes, "Prozess", "processes.yaml")}
    for index, path in enumerate(pack.paths):
        place = f"paths.yaml: paths[{index}]"
        if path["role"] not in roles:
            problems.append(Problem(f"{place}.role", f"Rolle „{path['role']}“ ist in roles.yaml nicht definiert"))
        for section_index, section in enumerate(path["sections"]):
            for item_index, item in enumerate(section["items"]):
                here = f"{place}.sections[{section_index}].items[{item_index}]"
                kinds = [kind for kind in PATH_ITEM_KINDS if kind in item]
                if len(kinds) != 1:
                    problems.append(Problem(here, "braucht genau eines von article, process oder task"))
                    continue
                kind = kinds[0]
                if kind in defined and item[kind] not in defined[kind][0]:
                    what, file = defined[kind][1:]
                    problems.append(Problem(f"{here}.{kind}", f"{what} „{item[kind]}“ ist in {file} nicht definiert"))
    return problems


# --- Writing a pack --------------------------------------------------------------------------


class _PackDumper(yaml.SafeDumper):
    """Block style, multi-line strings as literal blocks, never an anchor (the reader refuses them)."""

    def ignore_aliases(self, data):
        return True


def _represent_str(dumper, value: str):
    style = "|" if "\n" in value and "\r" not in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_PackDumper.add_representer(str, _represent_str)
# A step link [process slug, position] on one line.
_PackDumper.add_representer(
    tuple, lambda dumper, value: dumper.represent_sequence("tag:yaml.org,2002:seq", list(value), flow_style=True)
)


def dump_yaml(data) -> bytes:
    return yaml.dump(
        data, Dumper=_PackDumper, allow_unicode=True, sort_keys=True, default_flow_style=False, width=4096
    ).encode("utf-8")


def render(pack: Pack) -> dict[str, bytes]:
    """The files of a pack, as bytes by path: the same pack always gives the same bytes."""
    header = {"format": FORMAT, "version": VERSION, "name": pack.name}
    if pack.description:
        header["description"] = pack.description
    # The header first and in this order, so that a reader sees what it is.
    files = {PACK_FILE: yaml.dump(header, Dumper=_PackDumper, allow_unicode=True, sort_keys=False).encode("utf-8")}
    for name, key in LIST_FILES.items():
        files[name] = dump_yaml({key: getattr(pack, key)})
    for article in pack.articles:
        files[article["text"]] = pack.texts[article["slug"]].encode("utf-8")
        for revision, text in zip(article["history"], pack.history.get(article["slug"], []), strict=True):
            files[revision["text"]] = text.encode("utf-8")
    for entry in pack.documents:
        files[entry["file"]] = pack.files[entry["slug"]]
    return files
