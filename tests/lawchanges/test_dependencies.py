"""The arrows point one way: onboarding → knowledge → processes. Fails if a lower app imports a higher one."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
FORBIDDEN = {"processes": {"knowledge", "onboarding", "processdb"}, "knowledge": {"onboarding", "processdb"}, "onboarding": {"processdb"}}


def imported_packages(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("app", sorted(FORBIDDEN))
def test_lower_apps_do_not_import_higher_ones(app):
    offenders = {}
    for path in (ROOT / app).rglob("*.py"):
        bad = imported_packages(path) & FORBIDDEN[app]
        if bad:
            offenders[str(path.relative_to(ROOT))] = sorted(bad)
    assert offenders == {}


def test_the_checker_finds_an_offending_import(tmp_path):
    module = tmp_path / "x.py"
    module.write_text("from knowledge.models import Article\nimport onboarding.models\n", encoding="utf-8")
    assert imported_packages(module) == {"knowledge", "onboarding"}
