"""GIN index on the title vector (PostgreSQL only)."""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS search_document_title_vector ON processdb_searchdocument USING gin (title_vector)"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_document_title_vector")


class Migration(migrations.Migration):
    dependencies = [("processdb", "0003_search_title_vector")]

    operations = [migrations.RunPython(forwards, backwards)]
