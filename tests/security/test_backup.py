"""Backup and restore: the round trip keeps every row and file; bad archives and full databases are refused."""

import json
import zipfile

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.test import Client

from documents.models import DocumentVersion
from knowledge.models import Article, Revision
from lawchanges.models import LawChange
from onboarding.models import Confirmation
from processdb.backup import MOVED_MODELS, content_models
from processes.models import Process, Step
from search.models import SearchDocument


def snapshot():
    """Every row of every backed-up model, ordered by primary key, and every M2M pair.

    Content types and permissions are created by `migrate` with ids of their own, so references
    to them are compared by natural key; the ids of Django's automatic M2M rows are not content
    (loaddata recreates the pairs), so pairs are compared without them.
    """
    natural = {
        ContentType: {ct.pk: ct.natural_key() for ct in ContentType.objects.all()},
        Permission: {perm.pk: perm.natural_key() for perm in Permission.objects.select_related("content_type")},
    }

    def rows_of(model, *, with_pk=True):
        columns = [f for f in model._meta.concrete_fields if with_pk or not f.primary_key]
        rows = []
        for values in model._default_manager.order_by("pk").values_list(*[f.attname for f in columns]):
            rows.append(tuple(
                natural[f.related_model].get(value) if f.is_relation and f.related_model in natural else value
                for f, value in zip(columns, values, strict=True)
            ))
        return rows if with_pk else sorted(rows, key=repr)

    rows = {}
    for model in content_models():
        rows[model._meta.label_lower] = rows_of(model)
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            rows[through._meta.label_lower] = rows_of(through, with_pk=not through._meta.auto_created)
    return rows


def media_files():
    return {version.file.name: version.file.open("rb").read() for version in DocumentVersion.objects.all()}


def as_previous_release(archive):
    """The archive as the release before the split into apps wrote it: moved models under their old labels."""
    old_label = {new: old for old, new in MOVED_MODELS.items()}
    with zipfile.ZipFile(archive) as opened:
        members = {name: opened.read(name) for name in opened.namelist()}
    rows = json.loads(members["data.json"])
    assert any(row["model"] in old_label for row in rows)
    for row in rows:
        row["model"] = old_label.get(row["model"], row["model"])
    manifest = json.loads(members["manifest.json"])
    manifest["counts"] = {old_label.get(label, label): count for label, count in manifest["counts"].items()}
    members["data.json"] = json.dumps(rows).encode()
    members["manifest.json"] = json.dumps(manifest).encode()
    with zipfile.ZipFile(archive, "w") as rewritten:
        for name, content in members.items():
            rewritten.writestr(name, content)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("written_by", ["this release", "the release before the split into apps"])
def test_round_trip_keeps_everything_identical(demo_content, tmp_path, reader, written_by):
    Client().post("/konto/anmelden/", {"username": "leser", "password": "falsch"})  # an audit row to carry along
    before, files = snapshot(), media_files()
    assert Process.objects.exists() and Step.objects.exists() and Revision.objects.exists()
    assert Confirmation.objects.exists() and LawChange.objects.exists() and files
    archive = tmp_path / "sicherung.zip"

    call_command("backup", str(archive))
    if written_by != "this release":
        as_previous_release(archive)
    call_command("flush", interactive=False)
    for name in files:
        default_storage.delete(name)
    assert not Process.objects.exists() and not Article.objects.exists()
    call_command("restore", str(archive))

    after = snapshot()
    assert after.keys() == before.keys()
    for label in before:
        assert after[label] == before[label], label
    assert media_files() == files
    # The search index is rebuilt, so the restored content is found again.
    assert SearchDocument.objects.filter(kind="process").count() == Process.objects.filter(status="published").count()
    client = Client()
    assert client.login(username="sachbearbeitung", password="demo")
    assert client.get("/suche/", {"q": "Fiktionsbescheinigung"}).context["results"]


def test_the_archive_says_what_it_holds(demo_content, tmp_path):
    archive = tmp_path / "sicherung.zip"
    call_command("backup", str(archive))
    with zipfile.ZipFile(archive) as opened:
        manifest = json.loads(opened.read("manifest.json"))
        rows = json.loads(opened.read("data.json"))
        names = opened.namelist()
    assert manifest["counts"]["processes.process"] == Process.objects.count()
    assert manifest["counts"]["knowledge.revision"] == Revision.objects.count()
    models = {row["model"] for row in rows}
    assert {"processes.step", "knowledge.revision", "onboarding.confirmation", "lawchanges.lawchange", "auth.user"} <= models
    assert not models & {"sessions.session", "contenttypes.contenttype", "auth.permission", "search.searchdocument"}
    assert sum(name.startswith("media/") for name in names) == DocumentVersion.objects.count()


def test_restore_into_a_database_with_content_is_refused_and_changes_nothing(demo_content, tmp_path):
    archive = tmp_path / "sicherung.zip"
    call_command("backup", str(archive))
    before = snapshot()
    with pytest.raises(CommandError, match="nicht leer"):
        call_command("restore", str(archive))
    assert snapshot() == before


def test_an_existing_backup_file_is_not_overwritten(db, tmp_path):
    archive = tmp_path / "sicherung.zip"
    archive.write_bytes(b"alt")
    with pytest.raises(CommandError, match="exists"):
        call_command("backup", str(archive))
    assert archive.read_bytes() == b"alt"


@pytest.mark.parametrize(
    "content, message",
    [
        (b"kein zip", "keine Sicherung"),
        (None, "keine Sicherung"),  # a zip without manifest
    ],
)
def test_a_file_that_is_no_backup_is_refused_with_a_reason(db, tmp_path, content, message):
    archive = tmp_path / "falsch.zip"
    if content is None:
        with zipfile.ZipFile(archive, "w") as opened:
            opened.writestr("data.json", "[]")
    else:
        archive.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        call_command("restore", str(archive))


def test_a_failing_restore_leaves_no_rows(db, tmp_path, editor):
    """A broken row in the middle: nothing of the archive stays, the groups are back."""
    archive = tmp_path / "sicherung.zip"
    call_command("backup", str(archive))
    with zipfile.ZipFile(archive) as opened:
        manifest = opened.read("manifest.json")
        rows = json.loads(opened.read("data.json"))
    rows.append({"model": "processes.step", "pk": 99, "fields": {"process": 12345, "position": 1, "title": "kaputt"}})
    broken = tmp_path / "kaputt.zip"
    with zipfile.ZipFile(broken, "w") as opened:
        opened.writestr("manifest.json", manifest)
        opened.writestr("data.json", json.dumps(rows))
    editor.delete()
    groups_before = snapshot()["auth.group"]
    with pytest.raises(Exception):  # noqa: B017 - any failure will do: this tests the rollback, the error differs by database
        call_command("restore", str(broken))
    assert not apps.get_model("auth.user").objects.exists()
    assert snapshot()["auth.group"] == groups_before
