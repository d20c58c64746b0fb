"""The wheel: pip builds it offline from a copy of the checkout, it carries templates, static
files, translations and KERN, holds the apps and nothing else, and the app runs from it.

Shared helpers: tests/processdb/install_support.py. Runs pip and the installed app in
subprocesses, in pytest's tmp_path; no Django test database.
"""

import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from tests.processdb.install_support import NOT_APP_CODE, PYTHON, REPO, production_environment

KERN_DIST = Path("node_modules") / "@kern-ux" / "native" / "dist"


def repository_files() -> list[Path]:
    """The files of a checkout: tracked or new, without what .gitignore leaves out."""
    result = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        check=True,
    )
    names = {name for name in result.stdout.decode().split("\0") if name}
    return sorted(Path(name) for name in names if (REPO / name).is_file())


def package_folders() -> list[str]:
    return sorted(
        path.parent.name
        for path in REPO.glob("*/__init__.py")
        if path.parent.name not in NOT_APP_CODE
    )


def top_level() -> list[str]:
    """The checkout's top level, without a local SQLite database and its journals (a developer's
    `make run` may open and close them while the tests run)."""
    return sorted(path.name for path in REPO.iterdir() if not path.name.startswith("db.sqlite3"))


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    """The wheel pip builds from a copy of the checkout (so the checkout gets no build/ folder)."""
    import setuptools

    if int(setuptools.__version__.split(".")[0]) < 77:
        # A venv of Python 3.11 starts with setuptools 65; the offline build uses the venv's.
        pytest.skip(
            f"setuptools {setuptools.__version__} in the venv, the wheel build needs >= 77 "
            "(pyproject's [build-system]): pip install 'setuptools>=77'"
        )
    if not (REPO / KERN_DIST).is_dir():
        pytest.skip(f"{KERN_DIST} is missing: run `npm ci` (make install) before building the wheel")
    base = tmp_path_factory.mktemp("wheel")
    source = base / "src"
    for relative in repository_files():
        (source / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / relative, source / relative)
    shutil.copytree(REPO / KERN_DIST, source / KERN_DIST)
    top_level_before = top_level()

    result = subprocess.run(
        # No network: the venv's setuptools builds, nothing is fetched.
        [PYTHON, "-m", "pip", "wheel", ".", "-v", "--no-deps", "--no-build-isolation", "--no-index", "-w", base / "dist"],
        cwd=source,
        env={**os.environ, "TMPDIR": str(base), "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PIP_NO_INPUT": "1"},
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert top_level() == top_level_before
    (built,) = (base / "dist").glob("prozessdatenbank-*.whl")
    return built, result.stdout + result.stderr


def test_wheel_builds_without_setuptools_warnings(wheel):
    _, output = wheel
    for warning in ("SetuptoolsDeprecationWarning", "BuildBackendWarning", "absent from the `packages`"):
        assert warning not in output, output


def test_wheel_carries_templates_static_files_translations_and_kern(wheel):
    path, _ = wheel
    names = set(zipfile.ZipFile(path).namelist())

    for expected in (
        "processdb/site/templates/base.html",
        "processdb/site/static/css/app.css",
        "processdb/site/locale/de/LC_MESSAGES/django.mo",
        "processdb/site/kern/kern.min.css",
        "processdb/site/kern/fonts/fira-sans.css",
        "processdb/site/packs/auslaenderbehoerde/pack.yaml",
        "processdb/site/packs/buergerservice/documents/merkblatt-wohnungsgeberbestaetigung.pdf",
        "processdb/demo/history.yaml",
        "processdb/demo/files/servicecenter-termine-vollstaendigkeit.entwurf.md",
        "processdb/healthcheck.py",
    ):
        assert expected in names, f"{expected} is not in the wheel"

    site_folders = {"templates": "templates", "static": "static", "locale": "locale"}
    for relative in repository_files():
        top = relative.parts[0]
        if top in site_folders:
            assert f"processdb/site/{relative.as_posix()}" in names, f"{relative} is not in the wheel"
        elif top in package_folders() and "__pycache__" not in relative.parts:
            assert relative.as_posix() in names, f"{relative} is not in the wheel"
    for kern_file in (REPO / KERN_DIST).rglob("*"):
        if kern_file.is_file():
            assert f"processdb/site/kern/{kern_file.relative_to(REPO / KERN_DIST).as_posix()}" in names


def test_wheel_holds_the_apps_and_nothing_else(wheel):
    path, _ = wheel
    archive = zipfile.ZipFile(path)
    top_level = {name.split("/")[0] for name in archive.namelist()}
    dist_info = {name for name in top_level if name.endswith(".dist-info")}
    assert top_level - dist_info == set(package_folders())
    assert "tests" not in top_level and "bench" not in top_level
    (metadata,) = [name for name in archive.namelist() if name.endswith(".dist-info/METADATA")]
    assert "License-Expression: EUPL-1.2" in archive.read(metadata).decode()


RUN_FROM_WHEEL = """
import json
import django
from django.conf import settings

django.setup()
from django.contrib.staticfiles import finders
from django.template.loader import get_template
from django.utils import translation

import processdb

found = {"package": processdb.__file__, "site_aware": hasattr(settings, "SITE_DIR")}
if found["site_aware"]:
    translation.activate("de")
    found["template"] = get_template("base.html").origin.name
    found["static"] = [finders.find("css/app.css"), finders.find("kern/kern.min.css")]
    found["translated"] = translation.gettext("Steps")
print(json.dumps(found))
"""


def test_the_installed_wheel_finds_its_templates_static_files_and_translations(wheel, tmp_path):
    """Unpacked as pip installs it, away from the checkout, the app finds everything it serves."""
    path, _ = wheel
    installed = tmp_path / "site-packages"
    zipfile.ZipFile(path).extractall(installed)
    elsewhere = tmp_path / "run"
    elsewhere.mkdir()
    environment = {
        **production_environment(tmp_path),
        # Before the venv's own site-packages, where the checkout is installed in editable mode.
        "PYTHONPATH": str(installed),
    }

    result = subprocess.run(
        [PYTHON, "-c", RUN_FROM_WHEEL], cwd=elsewhere, env=environment, capture_output=True, text=True, timeout=60
    )

    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["package"].startswith(str(installed)), found
    if not found["site_aware"]:
        pytest.skip("processdb/settings.py does not look in processdb/site/ yet (SITE_DIR), see setup.py")
    assert found["template"].startswith(str(installed)), found
    assert all(static and static.startswith(str(installed)) for static in found["static"]), found
    assert found["translated"] == "Schritte", found
