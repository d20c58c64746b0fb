from django.db import migrations

from core.migration_operations import state_only


class Migration(migrations.Migration):

    dependencies = [
        ('processes', '0010_documents_moved_to_documents'),
    ]

    operations = [
        state_only(
            migrations.RemoveField(
                model_name='reviewitem',
                name='law_change',
            ),
            migrations.RemoveField(
                model_name='reviewitem',
                name='closed_by',
            ),
            migrations.RemoveField(
                model_name='reviewitem',
                name='owner',
            ),
            migrations.RemoveField(
                model_name='reviewitem',
                name='role',
            ),
            migrations.DeleteModel(
                name='LawChange',
            ),
            migrations.DeleteModel(
                name='ReviewItem',
            ),
        ),
    ]
