"""The demo content in a test database in a fraction of a second: `manage.py demo` runs once per process.

Loading the demo takes 5–10 s. The first `restore()` of a test process (each xdist worker is
one) runs the command in the current test's database and keeps what it wrote in memory: every
row of every table except those `migrate` fills, and every stored file. Later calls insert the
same rows again – raw, without signals, so timestamps, ids, search vectors and the content
version are those of the load – reset the id sequences, put back any stored file a test
removed, and clear the cache. tests/processdb/test_demo.py proves that the copy equals the
load, row by row.

Tables filled by `migrate` (content types, permissions, the groups and their permissions) are
the same in every test database by natural key, but not by id: a flush after a transactional
test recreates them with new ids on PostgreSQL. They are never copied; columns that refer to
them (a user's groups) are kept as natural keys and translated back on restore.

Works in rolled-back (`db`) and in committed (`transactional_db`, live server) tests, on SQLite
and PostgreSQL. The content tables must be empty when it runs: request `demo_content` before
fixtures that create rows.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import FileField
from django.test.utils import override_settings

from core import caching

PASSWORD = "demo"

# Filled by `migrate` (post_migrate, also after every flush), identical by natural key in every
# test database: never copied. The SQL gives id and natural key of each row.
REFERENCE_TABLES = {
    "django_content_type": "SELECT id, app_label, model FROM django_content_type",
    "auth_permission": (
        "SELECT p.id, p.codename, c.app_label, c.model FROM auth_permission p "
        "JOIN django_content_type c ON c.id = p.content_type_id"
    ),
    "auth_group": "SELECT id, name FROM auth_group",
}
# Also from `migrate`, never copied: the migration history, and the groups' permissions (both
# sides reference tables; `reference_fingerprint()` makes sure the demo leaves them as they are).
SKIPPED_TABLES = {"django_migrations", "auth_group_permissions"}
# Rows of these tables can be in the database before the demo's: the data migration's content
# version, and the change log rows of groups that `migrate` (re)creates after every flush –
# committed, so a rolled-back test finds them again. The demo's rows replace them.
SEEDED_TABLES = {"processes_contentversion", "core_contentchange"}
# Copied without their id: the rows get fresh ids from the sequence, which therefore never has
# to be set back below rows committed outside the test (the change log's ids mean nothing).
FRESH_ID_TABLES = {"core_contentchange"}


def quote(name: str) -> str:
    return connection.ops.quote_name(name)


def reference_ids() -> dict[str, dict[int, tuple]]:
    """For each reference table: id → natural key."""
    with connection.cursor() as cursor:
        result = {}
        for table, sql in REFERENCE_TABLES.items():
            cursor.execute(sql)
            result[table] = {row[0]: tuple(row[1:]) for row in cursor.fetchall()}
        return result


def reference_fingerprint() -> dict[str, set]:
    """The reference tables and the groups' permissions by natural key, ids left out."""
    ids = reference_ids()
    with connection.cursor() as cursor:
        cursor.execute("SELECT group_id, permission_id FROM auth_group_permissions")
        pairs = {(ids["auth_group"][g], ids["auth_permission"][p]) for g, p in cursor.fetchall()}
    return {**{table: set(keys.values()) for table, keys in ids.items()}, "auth_group_permissions": pairs}


def content_tables() -> list[str]:
    with connection.cursor() as cursor:
        names = connection.introspection.table_names(cursor)
    return sorted(set(names) - set(REFERENCE_TABLES) - SKIPPED_TABLES)


def tables_with_rows(tables) -> list[str]:
    """Which of `tables` hold rows: one statement for all."""
    if not tables:
        return []
    sql = " UNION ALL ".join(
        f"SELECT '{table}' FROM (SELECT 1 AS present FROM {quote(table)} LIMIT 1) AS t{n}" for n, table in enumerate(tables)
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return sorted(row[0] for row in cursor.fetchall())


def stored_file_names() -> set[str]:
    names = set()
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, FileField):
                names |= set(model._default_manager.exclude(**{field.attname: ""}).values_list(field.attname, flat=True))
    return names


@dataclass
class Table:
    name: str
    columns: list[str]
    # Raw rows (SQLite, and tables that refer to reference tables) or PostgreSQL COPY text.
    rows: list[tuple] | None
    copy: bytes | None
    # Column index → reference table, for columns kept as natural keys.
    references: dict[int, str]

    @property
    def column_list(self) -> str:
        return ", ".join(quote(column) for column in self.columns)


@dataclass
class DemoContent:
    tables: list[Table]
    files: dict[str, bytes]

    # -- taking the copy ---------------------------------------------------------------------

    @classmethod
    def load(cls) -> DemoContent:
        """Run `manage.py demo` in the current (empty) test database and copy what it wrote."""
        tables = content_tables()
        check_empty(tables)
        before = reference_fingerprint()
        with override_settings(DEBUG=True):  # the command refuses to run on what looks like production
            call_command("demo", password=PASSWORD, verbosity=0, stdout=io.StringIO())
        assert reference_fingerprint() == before, (
            "the demo changed content types, permissions or groups; tests/demo.py does not copy those"
        )
        return cls.of_database(tables)

    @classmethod
    def of_database(cls, tables: list[str]) -> DemoContent:
        ids = reference_ids()
        copied = []
        with connection.cursor() as cursor:
            for name in tables:
                columns = [column.name for column in connection.introspection.get_table_description(cursor, name)]
                if name in FRESH_ID_TABLES:
                    columns.remove("id")
                references = {
                    columns.index(column): target
                    for column, (_, target) in connection.introspection.get_relations(cursor, name).items()
                    if target in REFERENCE_TABLES
                }
                primary_key = connection.introspection.get_primary_key_columns(cursor, name) or []
                order = f" ORDER BY {', '.join(quote(column) for column in primary_key)}" if primary_key else ""
                table = Table(name, columns, None, None, references)
                if connection.vendor == "postgresql" and not references:
                    # COPY's text format round-trips every type (tsvector, jsonb, inet …) exactly.
                    with cursor.cursor.copy(f"COPY (SELECT {table.column_list} FROM {quote(name)}{order}) TO STDOUT") as copy:
                        table.copy = b"".join(bytes(block) for block in copy)
                else:
                    # SQLite: `+column` is an expression without declared type, so the driver hands
                    # over the stored value as it is (no datetime or bool conversion).
                    select = ", ".join(("+" if connection.vendor == "sqlite" else "") + quote(c) for c in columns)
                    cursor.execute(f"SELECT {select} FROM {quote(name)}{order}")
                    table.rows = [
                        tuple(
                            ids[references[index]][value] if index in references and value is not None else value
                            for index, value in enumerate(row)
                        )
                        for row in cursor.fetchall()
                    ]
                if table.copy or table.rows:
                    copied.append(table)
        files = {name: default_storage.open(name, "rb").read() for name in sorted(stored_file_names())}
        return cls(copied, files)

    # -- putting it back ----------------------------------------------------------------------

    def restore(self) -> None:
        """Insert the copied rows into the current test database (whose content tables are empty)."""
        check_empty(content_tables())
        ids = {table: {key: pk for pk, key in keys.items()} for table, keys in reference_ids().items()}
        with transaction.atomic(), connection.cursor() as cursor:
            # Foreign keys are DEFERRABLE INITIALLY DEFERRED (Django creates them so on both
            # databases): inside the transaction the order of the tables does not matter.
            for table in self.tables:
                if table.name in SEEDED_TABLES:
                    cursor.execute(f"DELETE FROM {quote(table.name)}")
                if table.copy is not None:
                    with cursor.cursor.copy(f"COPY {quote(table.name)} ({table.column_list}) FROM STDIN") as copy:
                        copy.write(table.copy)
                else:
                    rows = [
                        tuple(
                            ids[table.references[index]][value] if index in table.references and value is not None else value
                            for index, value in enumerate(row)
                        )
                        for row in table.rows
                    ]
                    placeholders = ", ".join(["%s"] * len(table.columns))
                    cursor.executemany(
                        f"INSERT INTO {quote(table.name)} ({table.column_list}) VALUES ({placeholders})", rows
                    )
            # New rows of the test get ids after the copied ones (PostgreSQL; SQLite's
            # AUTOINCREMENT follows the largest id by itself).
            for sql in sequence_reset_sql(self.tables):
                cursor.execute(sql)
        self.restore_files()
        cache.clear()  # pages cached under the content version of an earlier test
        caching.reset()

    def restore_files(self) -> None:
        """Put back the stored files a test deleted or changed (the rows point at them)."""
        for name, content in self.files.items():
            path = Path(default_storage.path(name))
            if not path.is_file() or path.read_bytes() != content:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(content)


def sequence_reset_sql(tables: list[Table]) -> list[str]:
    """Set the id sequences of the copied tables past their rows (not of those with fresh ids)."""
    names = {table.name for table in tables} - FRESH_ID_TABLES
    models = [m for m in apps.get_models(include_auto_created=True) if m._meta.db_table in names]
    return connection.ops.sequence_reset_sql(no_style(), models)


def check_empty(tables) -> None:
    filled = [table for table in tables_with_rows(tables) if table not in SEEDED_TABLES]
    if filled:
        raise RuntimeError(
            f"the demo content goes into an empty database, but {', '.join(filled)} already hold rows: "
            "request the demo_content fixture before fixtures that create rows"
        )


_loaded: DemoContent | None = None


def restore() -> DemoContent:
    """The demo content in the current test database: loaded on first use in this process, else copied."""
    global _loaded
    if _loaded is None:
        _loaded = DemoContent.load()
    else:
        _loaded.restore()
    return _loaded


def dump() -> dict[str, list[tuple]]:
    """Every row of every table but the migration history, ordered by primary key, as stored
    (without the ids of FRESH_ID_TABLES)."""
    rows = {}
    with connection.cursor() as cursor:
        for name in sorted(set(connection.introspection.table_names(cursor)) - {"django_migrations"}):
            columns = [column.name for column in connection.introspection.get_table_description(cursor, name)]
            if name in FRESH_ID_TABLES:
                columns.remove("id")
            select = ", ".join(("+" if connection.vendor == "sqlite" else "") + quote(c) for c in columns)
            primary_key = connection.introspection.get_primary_key_columns(cursor, name) or columns
            cursor.execute(f"SELECT {select} FROM {quote(name)} ORDER BY {', '.join(quote(c) for c in primary_key)}")
            rows[name] = cursor.fetchall()
    return rows
