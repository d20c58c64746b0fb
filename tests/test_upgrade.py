"""An upgrade loses nothing: a database the previous release filled migrates to this code, and its
users see the same pages, the same rows and the same permissions (issue 17).

The previous release's code (from git) migrates a fresh database and loads the demo into it, and
tests/upgrade_pages.py records what users see: the <main> text of pages as several demo users,
row counts, group and user permissions. Then this checkout's code migrates the same database and
records the same again. Both run as subprocesses with the production settings (processdb.settings,
DEBUG=1, a faster password hasher), as an administrator would upgrade: SQLite in a temporary file,
or – when the test run uses PostgreSQL – a database of its own next to the test database.

One test function runs every check (CHECKS) and reports all that fail: with several xdist workers a
module-scoped fixture would run the two releases once per worker that gets one of the tests.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

# The previous release: the last commit before the split into one app per concern (law,
# documents, lawchanges, search, core). A database it filled must migrate to the current code.
PREVIOUS_RELEASE = "b802732"

REPO = Path(settings.BASE_DIR)
CAPTURE = REPO / "tests" / "upgrade_pages.py"

# Tables whose row counts change by design, compared otherwise:
NOT_COUNTED = {
    # The migration history grows by the new release's migrations.
    "django_migrations",
    # Content types and permissions are made by migrate. A model that moves app gets a content
    # type under its new label; Django leaves the old one (stale) until remove_stale_contenttypes.
    # Compared by meaning instead (check_permissions_survive): the live ones by model class.
    "django_content_type",
    "auth_permission",
}
# Model classes renamed by the new release, old name: new name (none yet).
RENAMED_MODELS: dict[str, str] = {}
# Columns the new release may change, as "Model.field"; every other column of the previous
# release must keep exactly its values.
CHANGED_FIELDS: set[str] = {
    # The counter in the cache keys of page fragments: any write raises it, also re-linking a
    # group's permissions after a model moved app (post_migrate). No user sees it.
    "ContentVersion.number",
    # Moved, not lost: a version's release is a row of its own (DocumentRelease, documents 0002).
    "DocumentVersion.released_at",
    # The groups' permissions, compared by meaning in check_permissions_survive (GRANTED_PERMISSIONS).
    "Group_permissions.(rows)",
}
# Permissions the new release grants on purpose, as "Model.codename": a new ability (e.g. releasing
# a document version), not a change of what anybody could do before.
GRANTED_PERMISSIONS: set[str] = {
    "DocumentVersion.release_documentversion",
    # Feedback (notifications 0001): everyone who reads gives it, editors and team leads handle it.
    "Feedback.add_feedback",
    "Feedback.view_feedback",
    "Feedback.change_feedback",
    # Process versions are released by a second person (processes 0013).
    "Process.release_process",
    # Texts for applicants (public 0001): editors write and release them, team leads keep the offices.
    "PublicText.add_publictext",
    "PublicText.change_publictext",
    "PublicText.view_publictext",
    "PublicTextVersion.view_publictextversion",
    "PublicTextVersion.release_publictextversion",
    "Office.view_office",
    "Office.add_office",
    "Office.change_office",
    *(
        f"{model}.{action}_{model.lower()}"
        for model in ("GuideQuestion", "GuideAnswer")
        for action in ("view", "add", "change", "delete")
    ),
}
# Models the new release adds: the admin index lists them where the previous release had nothing.
NEW_ADMIN_MODELS = {"office", "publictext", "guidequestion", "externalidentity", "notification", "dbtaskresult"}
_NEW_ADMIN_LINK = re.compile(r" \[→ /admin/…/(?:" + "|".join(sorted(NEW_ADMIN_MODELS)) + r")/(?:add/)?\] .*?(?= \[→ |$)")
# The new release offers „Hinweis geben“ under every process, step, article and document.
# and a tab „Hinweise von Lesenden“ on the review page for those who handle them; norms have „Beobachten“.
_NEW_FEEDBACK_LINK = re.compile(
    r" \[→ /hinweise/neu/\?art=\w+&id=\d+\] Hinweis geben(?: · \[→ /beobachten/\?art=\w+&id=\d+\] Beobachten)?(?= |$)"
    r"| \[→ /pruefung/hinweise/\] Hinweise von Lesenden"
    r"| \[→ /beobachten/\?art=norm&id=\d+\] Beobachten(?= |$)"  # norms are watched too
    # Process pages draw their flow (issue 25); the SVG itself is left out of the text (upgrade_pages).
    r"| Der Ablauf als Diagramm: eine Bahn je zuständiger Rolle; jede Form führt zu ihrem Schritt\."
    r" Die Schritte unten beschreiben denselben Ablauf als Text\."
    r" \[→ /prozesse/[\w-]+/bpmn/\] Als BPMN 2\.0 herunterladen \(für Modellierungswerkzeuge\)(?= |$)"
    r"| \[→ /prozesse/import/\] BPMN-Datei importieren(?= |$)"
    r"| \[→ /prozesse/handbuch/\] Handbuch als PDF(?= |$)"
)


def run(tree: Path, env: dict, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, *args], cwd=tree, env=env, capture_output=True, text=True, timeout=600
    )
    if check and result.returncode != 0:
        pytest.fail(
            f"{' '.join(args)} failed with exit code {result.returncode} in {tree}:\n"
            f"--- stdout ---\n{result.stdout[-4000:]}\n--- stderr ---\n{result.stderr[-6000:]}",
            pytrace=False,
        )
    return result


def old_tree(into: Path) -> Path:
    """The previous release's files in a folder of their own; fails (never skips) without git."""
    into.mkdir()
    try:
        archive = subprocess.run(
            ["git", "-C", str(REPO), "archive", PREVIOUS_RELEASE], capture_output=True, timeout=120
        )
    except (OSError, subprocess.SubprocessError) as error:
        pytest.fail(f"The upgrade test needs git to get the previous release {PREVIOUS_RELEASE}: {error}", pytrace=False)
    if archive.returncode != 0:
        pytest.fail(
            f"The previous release {PREVIOUS_RELEASE} is not in the git history of {REPO} "
            f"(a shallow clone or an export?): {archive.stderr.decode(errors='replace').strip()}",
            pytrace=False,
        )
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    # The KERN assets are git-ignored (npm); without them staticfiles warns on every command.
    if (REPO / "node_modules").is_dir():
        (into / "node_modules").symlink_to(REPO / "node_modules")
    return into


def postgres_params() -> dict:
    s = connection.settings_dict
    return {
        "host": s["HOST"] or "127.0.0.1",
        "port": str(s["PORT"] or 5432),
        "user": s["USER"] or "postgres",
        "password": s["PASSWORD"] or None,
    }


def postgres_admin(sql: list[tuple[str, tuple]]) -> None:
    import psycopg

    with psycopg.connect(dbname="postgres", autocommit=True, **postgres_params()) as conn:
        for statement, params in sql:
            conn.execute(statement, params)


def drop_postgres(name: str) -> None:
    from psycopg import sql

    postgres_admin(
        [
            ("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()", (name,)),
            (sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)), ()),
        ]
    )


@pytest.fixture(scope="module")
def upgrade(tmp_path_factory, django_db_setup):
    """The old and the new code's record of the same database, before and after the migration."""
    tmp = tmp_path_factory.mktemp("upgrade")
    old = old_tree(tmp / "old")
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("PYTHONPATH", "DJANGO_SETTINGS_MODULE", "DATABASE_URL", "DATABASE_PASSWORD")
    }
    # The production settings, but for the password hasher: the old demo hashes nine passwords,
    # two seconds with PBKDF2, and the upgrade does not depend on the hasher.
    settings_dir = tmp / "settings"
    settings_dir.mkdir()
    (settings_dir / "upgrade_settings.py").write_text(
        "from processdb.settings import *  # noqa: F403\n"
        'PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]\n'
    )
    env |= {
        "DJANGO_SETTINGS_MODULE": "upgrade_settings",
        "DEBUG": "1",
        "MEDIA_ROOT": str(tmp / "media"),  # the demo's uploaded documents, read by both releases
        "STATIC_ROOT": str(tmp / "static"),
        "LOG_LEVEL": "WARNING",
    }
    postgres = None
    if connection.vendor == "postgresql":
        # Named after this run's test database: each xdist worker and each run has its own. The
        # test database is only set up when the session has database tests: then NAME is its
        # name, before that Django would give it this name (with pytest-django's _gw<n>).
        test_name = connection.settings_dict["NAME"]
        if not test_name.startswith("test_"):
            test_name = connection.creation._get_test_db_name()
        postgres = f"{test_name}_upgrade"
        params = postgres_params()
        drop_postgres(postgres)
        from psycopg import sql

        postgres_admin([(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(postgres)), ())])
        env["DATABASE_URL"] = f"postgres://{params['user']}@{params['host']}:{params['port']}/{postgres}"
        if params["password"]:
            env["DATABASE_PASSWORD"] = params["password"]
    else:
        env["DATABASE_URL"] = f"sqlite:///{tmp / 'db.sqlite3'}"
    # The tree on PYTHONPATH wins over the editable install of this checkout (a finder appended
    # to sys.meta_path); the capture runs with -P so tests/processdb/ does not shadow processdb.
    old_env = env | {"PYTHONPATH": os.pathsep.join([str(old), str(settings_dir)])}
    new_env = env | {"PYTHONPATH": os.pathsep.join([str(REPO), str(settings_dir)])}
    try:
        run(old, old_env, "manage.py", "migrate", "--noinput")
        run(old, old_env, "manage.py", "demo")
        run(old, old_env, "-P", str(CAPTURE), str(tmp / "old.json"), "--discover")

        run(REPO, new_env, "manage.py", "migrate", "--noinput")
        pending = {
            "migrate --check": run(REPO, new_env, "manage.py", "migrate", "--check", check=False),
            "makemigrations --check --dry-run": run(
                REPO, new_env, "manage.py", "makemigrations", "--check", "--dry-run", check=False
            ),
        }
        run(REPO, new_env, "-P", str(CAPTURE), str(tmp / "new.json"), "--pages-from", str(tmp / "old.json"))
        yield {
            "old": json.loads((tmp / "old.json").read_text(encoding="utf-8")),
            "new": json.loads((tmp / "new.json").read_text(encoding="utf-8")),
            "old_tree": old,
            "pending": pending,
        }
    finally:
        if postgres:
            drop_postgres(postgres)
        shutil.rmtree(tmp, ignore_errors=True)


def test_upgrade_from_previous_release_loses_nothing(upgrade):
    """One test, so that xdist runs the old and the new code once, not once per worker. Every
    check runs; the failure lists all that failed."""
    failures = []
    for check in CHECKS:
        try:
            check(upgrade)
        except AssertionError as error:
            failures.append(f"{check.__name__}: {error}")
    assert not failures, "\n\n".join(failures)


def check_each_release_ran_its_own_code(upgrade):
    assert Path(upgrade["old"]["processdb_module"]).is_relative_to(upgrade["old_tree"])
    assert Path(upgrade["new"]["processdb_module"]).is_relative_to(REPO)
    # The capture saw a real demo, not empty pages.
    assert len(upgrade["old"]["results"]) >= 40
    assert upgrade["old"]["state"]["models"]["Process"] > 0


def check_nothing_left_to_migrate(upgrade):
    for command, result in upgrade["pending"].items():
        assert result.returncode == 0, f"{command} reports pending changes:\n{result.stdout}\n{result.stderr}"


def readable(text: str) -> list[str]:
    """A page's text in short lines for a diff: a line per link and sentence."""
    return [line for line in re.split(r"(?= \[→ )|(?<=[.:!?]) ", text) if line.strip()]


def without_new_models(result: dict) -> dict:
    """A page's result without what the new release adds: admin links to new models, feedback links."""
    if "text" not in result:
        return result
    return {**result, "text": _NEW_FEEDBACK_LINK.sub("", _NEW_ADMIN_LINK.sub("", result["text"]))}


def check_pages_look_the_same(upgrade):
    old, new = upgrade["old"]["results"], upgrade["new"]["results"]
    assert {page: result["status"] for page, result in old.items() if result["status"] != 200} == {}, (
        "the previous release must show every page of the list; fix the list in tests/upgrade_pages.py"
    )
    statuses = {
        page: (result["status"], new[page]["status"]) for page, result in old.items() if result["status"] != new[page]["status"]
    }
    assert statuses == {}, f"status (old, new) changed by the upgrade: {statuses}"

    new = {page: without_new_models(result) for page, result in new.items()}
    differing = [page for page in old if old[page] != new[page]]
    report = []
    for page in differing[:3]:
        diff = difflib.unified_diff(
            readable(old[page].get("text", "")),
            readable(new[page].get("text", "")),
            f"old {page}",
            f"new {page}",
            n=1,
            lineterm="",
        )
        report += list(diff)[:40] + [""]
    assert not differing, f"{len(differing)} of {len(old)} pages look different after the upgrade: {differing}\n" + "\n".join(
        report
    )


def check_rows_are_kept(upgrade):
    old, new = upgrade["old"]["state"], upgrade["new"]["state"]
    # The groups' permission rows grow by the GRANTED_PERMISSIONS, and only by them.
    granted = sum(p in GRANTED_PERMISSIONS for perms in new["groups"].values() for p in perms)
    added = {"auth_group_permissions": granted, "Group_permissions": granted}
    # By table, where a table exists in both …
    tables = {
        table: (count, new["tables"][table])
        for table, count in old["tables"].items()
        if table in new["tables"] and table not in NOT_COUNTED and count + added.get(table, 0) != new["tables"][table]
    }
    assert tables == {}, f"rows (old, new) per table changed by the upgrade: {tables}"
    # … and by model class (m2m tables by their through model, e.g. Process_roles), which finds a
    # table renamed when its model moved app. No model of the previous release may disappear.
    models = {}
    for name, count in old["models"].items():
        now = new["models"].get(RENAMED_MODELS.get(name, name))
        if now != count + added.get(name, 0):
            models[name] = (count, now)
    assert models == {}, f"rows (old, new) per model changed by the upgrade (None: no such model any more): {models}"


def check_permissions_survive(upgrade):
    """Permissions by model class and codename, not by app_label.codename, which changes when a
    model moves app (processes.view_document becomes documents.view_document): that is a rename,
    not a loss. A permission whose content type no longer belongs to any model (stale) counts as
    lost – nothing checks it any more. Each demo user keeps exactly the permissions they had."""
    old, new = upgrade["old"]["state"], upgrade["new"]["state"]
    assert old["stale_permissions"] == 0
    lost = sorted(set(old["live_permissions"]) - set(new["live_permissions"]))
    assert lost == [], f"permissions of no model any more after the upgrade: {lost}"
    new_groups = {group: [p for p in perms if p not in GRANTED_PERMISSIONS] for group, perms in new["groups"].items()}
    assert new_groups == old["groups"], "the groups' permissions changed:\n" + "\n".join(
        f"{group}: lost {sorted(set(perms) - set(new_groups.get(group, [])))}, "
        f"gained {sorted(set(new_groups.get(group, [])) - set(perms))}"
        for group, perms in old["groups"].items()
        if new_groups.get(group) != perms
    )
    for username, before in old["users"].items():
        after = new["users"][username]
        assert after["refused"] == [], f"{username}: has_perm refuses {after['refused']}"
        if before["superuser"]:
            # A superuser holds every permission there is: new models may add some, none may go.
            lost = sorted(set(before["permissions"]) - set(after["permissions"]))
            assert after["superuser"] and lost == [], f"{username}: lost {lost}"
            continue
        kept = [p for p in after["permissions"] if p not in GRANTED_PERMISSIONS]
        assert (len(kept), kept) == (before["count"], before["permissions"]), (
            f"{username}: {before['count']} permissions before, {len(kept)} after; lost "
            f"{sorted(set(before['permissions']) - set(kept))}, "
            f"gained {sorted(set(kept) - set(before['permissions']))}"
        )


def check_values_are_kept(upgrade):
    """Every column keeps its values (compared as a hash per model class and field), also those
    no page shows. A field that disappears is a loss unless listed in CHANGED_FIELDS."""
    old, new = upgrade["old"]["state"]["fields"], upgrade["new"]["state"]["fields"]
    changed = []
    for model, fields in old.items():
        now = new.get(RENAMED_MODELS.get(model, model), {})
        for field, digest in fields.items():
            if f"{model}.{field}" not in CHANGED_FIELDS and now.get(field) != digest:
                changed.append(f"{model}.{field}" + (" (gone)" if field not in now else ""))
    assert changed == [], f"values changed or lost by the upgrade: {changed}"


CHECKS = [
    check_each_release_ran_its_own_code,
    check_nothing_left_to_migrate,
    check_pages_look_the_same,
    check_rows_are_kept,
    check_permissions_survive,
    check_values_are_kept,
]
