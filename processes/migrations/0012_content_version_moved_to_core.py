from django.db import migrations

from core.migration_operations import state_only


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0001_content_version_from_processes'),
        ('processes', '0011_law_changes_moved_to_lawchanges'),
    ]

    operations = [
        state_only(
            migrations.DeleteModel(
                name='ContentVersion',
            ),
        ),
    ]
