"""Migration operations for moving models from one app to another without touching their rows.

A moved model keeps its table (Meta.db_table names the old one): the new app's migration creates
the model in Django's state only, the old app's migration deletes it from the state only
(SeparateDatabaseAndState). The content types are renamed in place, so that their ids, and with
them the permissions the groups hold, the admin log and anything else that points to them, stay.
"""

from django.db import migrations


def move_content_types(old_app: str, new_app: str, models: list[str]) -> migrations.RunPython:
    """Rename the content types of `models` (lower-case model names) from old_app to new_app."""

    def forwards(apps, schema_editor, source=old_app, target=new_app):
        content_type = apps.get_model("contenttypes", "ContentType")
        for model in models:
            # A fresh database has no content types yet; they are created after migrating.
            if not content_type.objects.filter(app_label=target, model=model).exists():
                content_type.objects.filter(app_label=source, model=model).update(app_label=target)

    def backwards(apps, schema_editor):
        forwards(apps, schema_editor, source=new_app, target=old_app)

    return migrations.RunPython(forwards, backwards, elidable=False)


def state_only(*operations) -> migrations.SeparateDatabaseAndState:
    """The operations change Django's picture of the models; the tables stay as they are."""
    return migrations.SeparateDatabaseAndState(state_operations=list(operations), database_operations=[])
