"""Export all content to one file and restore it into an empty database.

The file is a zip archive:

    manifest.json   format version, time, row counts per model, the migration state
    data.json       every row of the content (Django's JSON serialisation, natural keys for
                    permissions and content types, so it loads into any database)
    media/…         the uploaded document files, under their storage names

Left out, because they are derived or transient: content types and permissions (created by
`migrate`), sessions, login attempts (django-axes) and the search index (rebuilt on restore).

This complements, not replaces, the database's own backup (pg_dump, SQLite's .backup; see
README): it is portable between SQLite and PostgreSQL and proves the content complete.
"""

import datetime
import io
import json
import tempfile
import zipfile
import zlib
from pathlib import Path

from django.apps import apps
from django.contrib.auth.models import Group
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.serializers.base import DeserializationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT = 1
EXCLUDED = {
    "contenttypes.contenttype",
    "auth.permission",
    "sessions.session",
    "search.searchdocument",
    "core.contentversion",  # the cache counter; raised after a restore
    "core.contentchange",  # its log
}
EXCLUDED_APPS = {"axes"}
# Models that moved to another app (issue 17): backups of earlier releases name them by their
# old label; a restore reads them under the new one.
MOVED_MODELS = {
    "processes.law": "law.law",
    "processes.norm": "law.norm",
    "processes.document": "documents.document",
    "processes.documentversion": "documents.documentversion",
    "processes.lawchange": "lawchanges.lawchange",
    "processes.reviewitem": "lawchanges.reviewitem",
}


def content_models():
    """The models whose rows a backup holds; those referenced by natural key (users) come first."""
    by_app = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if label in EXCLUDED or model._meta.app_label in EXCLUDED_APPS or model._meta.proxy or not model._meta.managed:
            continue
        by_app.setdefault(model._meta.app_config, []).append(model)
    return serializers.sort_dependencies(by_app.items(), allow_cycles=True)


def _file_fields(model):
    return [field for field in model._meta.concrete_fields if field.get_internal_type() == "FileField"]


def _migration_state() -> dict[str, str]:
    latest = {}
    for app, name in MigrationRecorder.Migration.objects.order_by("app", "name").values_list("app", "name"):
        latest[app] = name
    return latest


def create_backup(target) -> dict:
    """Write the archive to `target` (path or binary file object) and return its manifest."""
    models = content_models()
    counts: dict[str, int] = {}
    media: set[str] = set()
    # READ COMMITTED would give every query its own snapshot (SQLite's transaction is one anyway);
    # inside a caller's transaction the caller's isolation applies.
    repeatable_read = connection.vendor == "postgresql" and not connection.in_atomic_block
    # One snapshot: the rows, the files they name and the counts in the manifest belong together.
    with transaction.atomic(), zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        if repeatable_read:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        with archive.open("data.json", "w") as raw, io.TextIOWrapper(raw, encoding="utf-8") as stream:
            serializers.serialize(
                "json",
                _rows(models, counts, media),
                stream=stream,
                use_natural_foreign_keys=True,
                use_natural_primary_keys=False,
                cls=_FullPrecisionEncoder,
            )
        for name in sorted(media):
            with default_storage.open(name, "rb") as source:
                archive.writestr(f"media/{name}", source.read())
        manifest = {
            "format": FORMAT,
            "created": timezone.now().isoformat(),
            "counts": counts,
            "media": len(media),
            "migrations": _migration_state(),
        }
        archive.writestr("manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False))
    return manifest


class _FullPrecisionEncoder(DjangoJSONEncoder):
    """Django's encoder cuts times to milliseconds; a restore must give back the very same values."""

    def default(self, o):
        if isinstance(o, (datetime.datetime, datetime.time)):
            return o.isoformat()
        return super().default(o)


def _rows(models, counts: dict[str, int], media: set[str]):
    """Every row of the models, counting them and noting the stored files they name as they pass."""
    for model in models:
        label = model._meta.label_lower
        counts[label] = 0
        file_fields = _file_fields(model)
        for row in model._default_manager.order_by("pk").iterator(chunk_size=2000):
            counts[label] += 1
            media.update(stored.name for field in file_fields if (stored := getattr(row, field.name)))
            yield row


class RestoreRefused(Exception):
    """The archive cannot be restored here; the message says why (German)."""


def _read(archive: zipfile.ZipFile, name: str) -> bytes:
    """One member of the archive; a damaged or truncated archive is refused with a message."""
    try:
        return archive.read(name)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as error:
        raise RestoreRefused(
            _("The backup file is damaged or incomplete (%(name)s cannot be read).") % {"name": name}
        ) from error


def _read_manifest(archive: zipfile.ZipFile) -> dict:
    try:
        manifest = json.loads(_read(archive, "manifest.json"))
        if not isinstance(manifest, dict):
            raise ValueError("manifest is not an object")
    except (KeyError, ValueError) as error:
        raise RestoreRefused(_("The file is not a backup of the process database (manifest missing or unreadable).")) from error
    if manifest.get("format") != FORMAT:
        raise RestoreRefused(_("The backup has format %(found)s; this version reads format %(expected)s.") % {
            "found": manifest.get("format"), "expected": FORMAT})
    missing = {
        app: name
        for app, name in manifest.get("migrations", {}).items()
        if not MigrationRecorder.Migration.objects.filter(app=app, name=name).exists()
    }
    if missing:
        raise RestoreRefused(
            _("The database is missing migrations the backup was made with: %(missing)s. Run `manage.py migrate` first.")
            % {"missing": ", ".join(f"{app}.{name}" for app, name in sorted(missing.items()))}
        )
    return manifest


def _assert_empty() -> None:
    # The groups exist after every migrate (see processdb.groups); anything else means content.
    occupied = [model._meta.label for model in content_models() if model is not Group and model._default_manager.exists()]
    if occupied:
        raise RestoreRefused(
            _("The database is not empty (%(models)s). A backup is only restored into an empty, migrated database.")
            % {"models": ", ".join(occupied[:5]) + (" …" if len(occupied) > 5 else "")}
        )


def restore_backup(source) -> dict:
    """Load the archive at `source` into the empty database; all or nothing. Returns the manifest."""
    from core import caching
    from processdb.groups import ensure_groups
    from search import index

    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError) as error:
        raise RestoreRefused(_("The file is not a backup of the process database (not a zip archive).")) from error
    written: list[str] = []
    with archive, tempfile.TemporaryDirectory(prefix="processdb-restore-") as folder:
        manifest = _read_manifest(archive)
        data = Path(folder) / "data.json"
        try:
            data.write_bytes(_relabelled(_read(archive, "data.json")))
        except KeyError as error:
            raise RestoreRefused(_("The file is not a backup of the process database (data missing).")) from error
        manifest["counts"] = {MOVED_MODELS.get(label, label): count for label, count in manifest["counts"].items()}
        try:
            with transaction.atomic(), index.suspended():
                _assert_empty()
                # The backup brings its groups with their ids; the empty ones of migrate make way.
                Group.objects.all().delete()
                try:
                    call_command("loaddata", str(data), verbosity=0)
                except DeserializationError as error:
                    raise RestoreRefused(_("The backup file is damaged or incomplete (its data cannot be read).")) from error
                ensure_groups()
                _check_counts(manifest)
                for member in archive.namelist():
                    if member.startswith("media/") and not member.endswith("/"):
                        name = member.removeprefix("media/")
                        if default_storage.exists(name):
                            raise RestoreRefused(_("The file %(name)s already exists in the media folder.") % {"name": name})
                        stored = default_storage.save(name, ContentFile(_read(archive, member)))
                        written.append(stored)
                index.rebuild()
                caching.bump()
        except Exception:
            for name in written:
                default_storage.delete(name)
            raise
    return manifest


def _relabelled(raw: bytes) -> bytes:
    """The backup's rows with the labels of moved models brought up to date (unchanged if none moved)."""
    try:
        rows = json.loads(raw)
    except ValueError:
        return raw  # loaddata reports the damage
    if not isinstance(rows, list) or not any(isinstance(row, dict) and row.get("model") in MOVED_MODELS for row in rows):
        return raw
    for row in rows:
        if isinstance(row, dict) and row.get("model") in MOVED_MODELS:
            row["model"] = MOVED_MODELS[row["model"]]
    return json.dumps(rows, cls=DjangoJSONEncoder).encode()


def _check_counts(manifest: dict) -> None:
    for label, expected in manifest["counts"].items():
        try:
            model = apps.get_model(label)
        except LookupError as error:
            raise RestoreRefused(_("The backup holds %(model)s, which this version does not know.") % {"model": label}) from error
        found = model._default_manager.count()
        if found != expected:
            raise RestoreRefused(
                _("Restoring %(model)s gave %(found)d rows instead of %(expected)d.")
                % {"model": label, "found": found, "expected": expected}
            )


def default_file_name() -> str:
    return f"processdb-backup-{timezone.localtime():%Y-%m-%d-%H%M}.zip"
