from django.db import migrations, models

from core.migration_operations import move_content_types, state_only


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('processes', '0011_law_changes_moved_to_lawchanges'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        state_only(
            migrations.CreateModel(
                name='ContentVersion',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('number', models.BigIntegerField(default=1)),
                ],
                options={
                    'verbose_name': 'content version',
                    'verbose_name_plural': 'content version',
                    'db_table': 'processes_contentversion',
                },
            ),
        ),
        move_content_types("processes", "core", ["contentversion"]),
    ]
