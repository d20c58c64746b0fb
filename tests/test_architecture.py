"""No upward reach at all: an app uses only the apps below it in LAYERS (and itself).

An app can reach another app in four ways, and each has its own test below, parametrised by app
(the scanner is tests/architecture_scan.py, its self-tests tests/test_architecture_checker.py):

1. Python imports: `import x`, `from x import y` anywhere in a module (functions too), plus
   `importlib.import_module("x…")`, `import_string("x…")`, `apps.get_model("x", …)`,
   `apps.get_app_config("x")` and model references `"x.Model"` in ForeignKey, OneToOneField and
   ManyToManyField. Migrations may depend on other apps' migrations and name their models, so in
   `migrations/` only real imports count.
2. Template tag libraries: `{% load … %}` in the app's templates, each library mapped to the app
   whose `templatetags/` defines it (Django's and third-party libraries are not layered).
3. URL names: string literals given to reverse, reverse_lazy, redirect and resolve_url, and
   `{% url "…" %}` in templates. A namespace belongs to the app whose urls.py sets `app_name`, or
   to the app whose urls.py includes `(patterns, "ns")`; a name without a namespace belongs to the
   project's URLconf (processdb). `admin:` names may be used everywhere.
4. Signals: a module-level `Signal()` is sent and connected only from its own app or apps above.

Django, third-party packages, tests/, bench/ and the migrations' `dependencies` are not layered.
The project-wide templates/ folder belongs to processdb. Pure AST and regex scanning, no Django.
"""

import pytest

from tests.architecture_scan import (
    LAYERS,
    PROJECT,
    ROOT,
    existing_apps,
    import_offences,
    signal_offences,
    template_library_offences,
    the_project,
    url_name_offences,
)

LAYERED = [app for app in existing_apps(ROOT) if app != PROJECT]


def report(app: str, kind: str, offences: list[str]) -> str:
    return f"{app} reaches up to a higher app by {kind} ({len(offences)}):\n  " + "\n  ".join(offences)


def test_the_layers_know_every_app():
    packages = {path.parent.name for path in ROOT.glob("*/apps.py") if (path.parent / "__init__.py").is_file()}
    assert packages <= set(LAYERS), f"Apps without a layer in LAYERS: {sorted(packages - set(LAYERS))}"
    assert LAYERS[-1] == PROJECT, "the project comes last: it may use every app"


@pytest.mark.parametrize("app", LAYERED)
def test_no_import_of_a_higher_app(app):
    offences = import_offences(the_project(), app)
    assert not offences, report(app, "Python imports", offences)


@pytest.mark.parametrize("app", LAYERED)
def test_no_template_library_of_a_higher_app(app):
    offences = template_library_offences(the_project(), app)
    assert not offences, report(app, "template tag libraries", offences)


@pytest.mark.parametrize("app", LAYERED)
def test_no_url_name_of_a_higher_app(app):
    offences = url_name_offences(the_project(), app)
    assert not offences, report(app, "URL names", offences)


@pytest.mark.parametrize("app", LAYERED)
def test_no_signal_of_a_higher_app(app):
    offences = signal_offences(the_project(), app)
    assert not offences, report(app, "signals", offences)


def test_template_libraries_have_one_app_each():
    shared = {name: sorted(apps) for name, apps in the_project().libraries.items() if len(apps) > 1}
    assert not shared, f"Template tag libraries defined by more than one app: {shared}"
