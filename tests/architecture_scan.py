"""The scanner behind tests/test_architecture.py: which app reaches which app, and where.

The module docstring of tests/test_architecture.py lists the four ways (Python imports, template
tag libraries, URL names, signals); each has its checker below. Pure AST and regex scanning, no
Django. Self-tests against a small fake project: tests/test_architecture_checker.py.
"""

from __future__ import annotations

import ast
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Bottom to top: an app may use only the apps before it in this tuple (and itself). Apps that do
# not exist (yet) as top-level packages with an apps.py are left out. processdb is the project.
LAYERS = (
    "core",
    "law",
    "processes",
    "documents",
    "knowledge",
    "lawchanges",
    "onboarding",
    "departments",
    "public",
    "notifications",
    "search",
    "processdb",
)
PROJECT = "processdb"

URL_FUNCTIONS = {"reverse", "reverse_lazy", "redirect", "resolve_url"}
URL_NAMESPACES_EVERYWHERE = {"admin"}  # Django's admin site
MODEL_FIELDS = {"ForeignKey", "OneToOneField", "ManyToManyField", "ForeignObject"}
MODULE_LOADERS = {"import_module", "import_string", "__import__"}
SIGNAL_METHODS = {"send", "send_robust", "asend", "asend_robust", "connect", "disconnect"}
TEMPLATE_SUFFIXES = {".html", ".txt", ".xml"}

LOAD_TAG = re.compile(r"{%-?\s*load\s+(.*?)\s*-?%}", re.DOTALL)
URL_TAG = re.compile(r"""{%-?\s*url\s+(['"])(.*?)\1""")


# --- The project: its apps, their files and what each app defines --------------------------------


@dataclass
class Project:
    root: Path
    apps: tuple[str, ...]  # existing apps, bottom to top
    labels: dict[str, str] = field(default_factory=dict)  # app label -> app
    libraries: dict[str, set[str]] = field(default_factory=dict)  # template tag library -> apps
    namespaces: dict[str, str] = field(default_factory=dict)  # URL namespace -> app
    signals: dict[str, str] = field(default_factory=dict)  # "module.name" of a Signal() -> app

    def rank(self, app: str) -> int:
        return self.apps.index(app)

    def is_above(self, used: str | None, user: str) -> bool:
        return used in self.apps and used != user and self.rank(used) > self.rank(user)

    def app_of_module(self, dotted: str) -> str | None:
        top = dotted.split(".")[0]
        return top if top in self.apps else None

    def app_of_label(self, label: str) -> str | None:
        return self.labels.get(label, label if label in self.apps else None)


def existing_apps(root: Path, layers=LAYERS) -> tuple[str, ...]:
    return tuple(app for app in layers if (root / app / "apps.py").is_file() and (root / app / "__init__.py").is_file())


@functools.cache
def parse(path: Path) -> ast.Module | None:
    try:
        return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    except (SyntaxError, UnicodeDecodeError):
        return None


def python_files(project: Project, app: str):
    for path in sorted((project.root / app).rglob("*.py")):
        if "__pycache__" not in path.parts:
            yield path


def template_files(project: Project, app: str):
    folders = [path for path in (project.root / app).rglob("templates") if path.is_dir()]
    if app == PROJECT and (project.root / "templates").is_dir():
        folders.append(project.root / "templates")
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.suffix in TEMPLATE_SUFFIXES and path.is_file():
                yield path


def is_migration(project: Project, path: Path) -> bool:
    return "migrations" in path.relative_to(project.root).parts


def module_name(project: Project, path: Path) -> str:
    parts = list(path.relative_to(project.root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def where(project: Project, path: Path, line: int) -> str:
    return f"{path.relative_to(project.root).as_posix()}:{line}"


def call_name(node: ast.Call) -> str | None:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return None


def string_argument(node: ast.Call, position: int | None = 0, keywords=()) -> str | None:
    candidates = [node.args[position]] if position is not None and len(node.args) > position else []
    candidates += [kw.value for kw in node.keywords if kw.arg in keywords]
    for value in candidates:
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            return value.value
    return None


def dotted(node: ast.AST) -> str | None:
    """`a.b.c` for a chain of attributes on a name."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = dotted(node.value)
        return f"{base}.{node.attr}" if base else None
    return None


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def load_project(root: Path, layers=LAYERS) -> Project:
    project = Project(root=root, apps=existing_apps(root, layers))
    for app in project.apps:
        apps_py = parse(root / app / "apps.py")
        for node in ast.walk(apps_py) if apps_py else ():
            if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "label" for t in node.targets):
                if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
                    project.labels[node.value.value] = app
        for library in sorted((root / app).glob("templatetags/*.py")):
            if library.stem != "__init__":
                project.libraries.setdefault(library.stem, set()).add(app)
        urls = root / app / "urls.py"
        tree = parse(urls) if urls.is_file() else None
        for node in tree.body if tree else ():
            if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "app_name" for t in node.targets):
                if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
                    project.namespaces[node.value.value] = app
        for node in ast.walk(tree) if tree else ():
            if not (isinstance(node, ast.Call) and call_name(node) == "include" and node.args):
                continue
            target = node.args[0]
            owner = app
            if isinstance(target, ast.Tuple) and len(target.elts) == 2:  # include((patterns, "ns"))
                first, namespace = target.elts
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    owner = project.app_of_module(first.value) or app
                if isinstance(namespace, ast.Constant) and isinstance(namespace.value, str):
                    project.namespaces.setdefault(namespace.value, owner)
            instance = string_argument(node, None, keywords=("namespace",))
            if instance:  # include("x.urls", namespace="ns")
                if isinstance(target, ast.Constant) and isinstance(target.value, str):
                    owner = project.app_of_module(target.value) or app
                project.namespaces.setdefault(instance, owner)
        for path in python_files(project, app):
            tree = parse(path)
            for node in tree.body if tree else ():
                if (
                    isinstance(node, (ast.Assign, ast.AnnAssign))
                    and isinstance(node.value, ast.Call)
                    and call_name(node.value) == "Signal"
                ):
                    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                    for target in targets:
                        if isinstance(target, ast.Name):
                            project.signals[f"{module_name(project, path)}.{target.id}"] = app
    return project


@functools.cache
def the_project() -> Project:
    return load_project(ROOT)


# --- 1. Python imports -------------------------------------------------------------------------


def import_offences(project: Project, app: str) -> list[str]:
    offences = []
    for path in python_files(project, app):
        tree = parse(path)
        if tree is None:
            continue
        migration = is_migration(project, path)
        for node in sorted(ast.walk(tree), key=lambda node: getattr(node, "lineno", 0)):
            used, what = [], None
            if isinstance(node, ast.Import):
                used = [alias.name for alias in node.names]
                what = "import {}"
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                used = [node.module]
                what = "from {} import …"
            elif isinstance(node, ast.Call):
                name = call_name(node)
                if name in MODULE_LOADERS:
                    value = string_argument(node, keywords=("name", "dotted_path"))
                    used, what = ([value], f"{name}({{!r}})") if value else ([], None)
                elif migration:
                    continue  # migrations name other apps' models by label: not layered
                elif name in ("get_model", "get_app_config"):
                    value = string_argument(node, keywords=("app_label",))
                    if value and project.app_of_label(value.split(".")[0]):
                        used, what = [project.app_of_label(value.split(".")[0])], f"{name}({value!r})"
                elif name in MODEL_FIELDS:
                    value = string_argument(node, keywords=("to",))
                    if value and "." in value and project.app_of_label(value.split(".")[0]):
                        used, what = [project.app_of_label(value.split(".")[0])], f"{name}({value!r})"
            for module in used:
                higher = project.app_of_module(module)
                if project.is_above(higher, app):
                    shown = what.format(module) if "{" in what else what
                    offences.append(f"{where(project, path, node.lineno)}: {shown} → {higher}")
    return offences


# --- 2. Template tag libraries -----------------------------------------------------------------


def loaded_libraries(tag_body: str) -> list[str]:
    words = tag_body.split()
    if "from" in words:  # {% load tag1 tag2 from library %}
        return words[words.index("from") + 1 :]
    return words


def template_library_offences(project: Project, app: str) -> list[str]:
    offences = []
    for path in template_files(project, app):
        text = path.read_text(encoding="utf-8", errors="replace")
        for match in LOAD_TAG.finditer(text):
            for library in loaded_libraries(match.group(1)):
                owners = project.libraries.get(library, set())
                if owners and all(project.is_above(owner, app) for owner in owners):
                    higher = ", ".join(sorted(owners))
                    offences.append(f"{where(project, path, line_of(text, match.start()))}: {{% load {library} %}} → {higher}")
    return offences


# --- 3. URL names ------------------------------------------------------------------------------


def url_name_owner(project: Project, name: str) -> tuple[str | None, str]:
    """The app whose URLconf defines the URL name `name`, and how that was decided."""
    if ":" not in name:
        return PROJECT, "no namespace: the project's URLconf"
    namespace = name.split(":")[0]
    if namespace in URL_NAMESPACES_EVERYWHERE:
        return None, ""
    if namespace in project.namespaces:
        return project.namespaces[namespace], f"namespace {namespace!r}"
    return PROJECT, f"unknown namespace {namespace!r}: only the project's URLconf could define it"


def is_url_name(value: str) -> bool:
    # redirect() and resolve_url() take URLs too: anything with "/" or "." is not a view name.
    return bool(value) and not any(char in value for char in "/.") and not value.startswith(("#", "?"))


def url_name_offences(project: Project, app: str) -> list[str]:
    offences = []

    def check(path, line, name, shown):
        owner, reason = url_name_owner(project, name)
        if project.is_above(owner, app):
            offences.append(f"{where(project, path, line)}: {shown} → {owner} ({reason})")

    for path in python_files(project, app):
        tree = parse(path)
        for node in sorted(ast.walk(tree), key=lambda node: getattr(node, "lineno", 0)) if tree else ():
            if isinstance(node, ast.Call) and call_name(node) in URL_FUNCTIONS:
                value = string_argument(node, keywords=("viewname", "to"))
                if value is not None and is_url_name(value):
                    check(path, node.lineno, value, f"{call_name(node)}({value!r})")
    for path in template_files(project, app):
        text = path.read_text(encoding="utf-8", errors="replace")
        for match in URL_TAG.finditer(text):
            check(path, line_of(text, match.start()), match.group(2), f"{{% url {match.group(2)!r} %}}")
    return offences


# --- 4. Signals --------------------------------------------------------------------------------


def signal_offences(project: Project, app: str) -> list[str]:
    modules_with_signals = {name.rsplit(".", 1)[0] for name in project.signals}
    offences = []
    for path in python_files(project, app):
        tree = parse(path)
        if tree is None:
            continue
        bindings = {}  # local name -> dotted name of a signal or of a module defining signals
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                for alias in node.names:
                    full = f"{node.module}.{alias.name}"
                    if full in project.signals or full in modules_with_signals:
                        bindings[alias.asname or alias.name] = full
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.asname:
                        bindings[alias.asname] = alias.name

        def resolve(expression: ast.AST, bindings=bindings) -> str | None:
            name = dotted(expression)
            if not name:
                return None
            head, _, rest = name.partition(".")
            full = f"{bindings[head]}.{rest}".rstrip(".") if head in bindings else name
            return full if full in project.signals else None

        for node in sorted(ast.walk(tree), key=lambda node: getattr(node, "lineno", 0)):
            uses = []
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in SIGNAL_METHODS:
                uses.append((resolve(node.func.value), f".{node.func.attr}()"))
            if isinstance(node, ast.Call) and call_name(node) == "receiver" and node.args:
                first = node.args[0]
                for element in first.elts if isinstance(first, (ast.List, ast.Tuple)) else [first]:
                    uses.append((resolve(element), "@receiver()"))
            for signal, how in uses:
                if signal and project.is_above(project.signals[signal], app):
                    owner = project.signals[signal]
                    offences.append(f"{where(project, path, node.lineno)}: {signal}{how} → {owner}")
    return offences
