from django.db import migrations, models

from core.migration_operations import state_only


class Migration(migrations.Migration):

    dependencies = [
        ('documents', '0001_documents_from_processes'),
        ('knowledge', '0005_cited_norms_in_law'),
    ]

    operations = [
        state_only(
            migrations.AlterField(
                model_name='article',
                name='documents',
                field=models.ManyToManyField(blank=True, related_name='articles', to='documents.document', verbose_name='documents'),
            ),
        ),
    ]
