from django.db import migrations

from core.migration_operations import state_only


class Migration(migrations.Migration):

    dependencies = [
        ('knowledge', '0006_documents_in_documents'),
        ('processes', '0009_law_and_norm_moved_to_law'),
    ]

    operations = [
        state_only(
            migrations.RemoveField(
                model_name='documentversion',
                name='document',
            ),
            migrations.RemoveField(
                model_name='documentversion',
                name='uploaded_by',
            ),
            migrations.DeleteModel(
                name='Document',
            ),
            migrations.DeleteModel(
                name='DocumentVersion',
            ),
        ),
    ]
