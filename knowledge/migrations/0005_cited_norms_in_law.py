from django.db import migrations, models

from core.migration_operations import state_only


class Migration(migrations.Migration):

    dependencies = [
        ('knowledge', '0004_release_time_index'),
        ('law', '0001_law_and_norm_from_processes'),
    ]

    operations = [
        state_only(
            migrations.AlterField(
                model_name='revision',
                name='cited_norms',
                field=models.ManyToManyField(blank=True, related_name='citing_revisions', to='law.norm', verbose_name='cited norms'),
            ),
        ),
    ]
