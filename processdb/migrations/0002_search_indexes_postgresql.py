"""PostgreSQL search indexes: pg_trgm, a GIN index on the tsvector and a trigram index on titles.

Skipped on SQLite, whose fallback search does not use them.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

CREATE = [
    "CREATE INDEX IF NOT EXISTS search_document_vector ON processdb_searchdocument USING gin (search_vector)",
    "CREATE INDEX IF NOT EXISTS search_document_title_trgm ON processdb_searchdocument USING gin (title gin_trgm_ops)",
]
DROP = [
    "DROP INDEX IF EXISTS search_document_vector",
    "DROP INDEX IF EXISTS search_document_title_trgm",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in CREATE:
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("processdb", "0001_search_index")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(forwards, backwards),
    ]
