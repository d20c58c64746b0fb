"""Document versions are released by a second person; the release is a row of its own.

Versions released before (DocumentVersion.released_at set, which the old code did at upload) get
a DocumentRelease by their uploader at that time, so readers keep seeing them. Versions that
were never released stay drafts, as readers never saw them. Then the version's own column goes:
a version row is never changed after its upload.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

BATCH = 500


def record_releases(apps, schema_editor):
    DocumentVersion = apps.get_model("documents", "DocumentVersion")
    DocumentRelease = apps.get_model("documents", "DocumentRelease")
    released = DocumentVersion.objects.filter(released_at__isnull=False).order_by("pk")
    rows = [
        DocumentRelease(version_id=pk, released_by_id=uploader_id, released_at=released_at)
        for pk, uploader_id, released_at in released.values_list("pk", "uploaded_by_id", "released_at")
    ]
    DocumentRelease.objects.bulk_create(rows, batch_size=BATCH)


def restore_released_at(apps, schema_editor):
    DocumentVersion = apps.get_model("documents", "DocumentVersion")
    DocumentRelease = apps.get_model("documents", "DocumentRelease")
    for version_id, released_at in DocumentRelease.objects.values_list("version_id", "released_at").iterator():
        DocumentVersion.objects.filter(pk=version_id).update(released_at=released_at)


class Migration(migrations.Migration):

    dependencies = [
        ("documents", "0001_documents_from_processes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="documentversion",
            options={
                "ordering": ["document", "-number"],
                "permissions": [("release_documentversion", "Can release document versions (four-eyes principle)")],
                "verbose_name": "document version",
                "verbose_name_plural": "document versions",
            },
        ),
        migrations.CreateModel(
            name="DocumentRelease",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("released_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="released")),
                (
                    "released_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="released by",
                    ),
                ),
                (
                    "version",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="release",
                        to="documents.documentversion",
                        verbose_name="version",
                    ),
                ),
            ],
            options={
                "verbose_name": "document release",
                "verbose_name_plural": "document releases",
                "ordering": ["-released_at"],
            },
        ),
        migrations.RunPython(record_releases, restore_released_at, elidable=False),
        migrations.RemoveField(model_name="documentversion", name="released_at"),
    ]
