import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

from core.migration_operations import move_content_types, state_only


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('processdb', '0007_search_index_moved_to_search'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('processes', '0012_content_version_moved_to_core'),
    ]

    operations = [
        state_only(
            migrations.CreateModel(
                name='SearchDocument',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('kind', models.CharField(choices=[('process', 'Processes'), ('step', 'Steps'), ('article', 'Knowledge'), ('norm', 'Norms'), ('document', 'Templates and forms')], max_length=10, verbose_name='kind')),
                    ('object_id', models.PositiveBigIntegerField(verbose_name='object')),
                    ('title', models.CharField(max_length=400, verbose_name='title')),
                    ('context', models.CharField(blank=True, help_text='E.g. the process of a step.', max_length=400, verbose_name='context')),
                    ('body', models.TextField(blank=True, verbose_name='text')),
                    ('url', models.CharField(max_length=400, verbose_name='address')),
                    ('is_public', models.BooleanField(default=True, verbose_name='visible to all readers')),
                    ('search_text', models.TextField(default='', editable=False)),
                    ('search_vector', django.contrib.postgres.search.SearchVectorField(editable=False, null=True)),
                    ('title_vector', django.contrib.postgres.search.SearchVectorField(editable=False, null=True)),
                    ('updated_at', models.DateTimeField(auto_now=True)),
                    ('category', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='processes.category', verbose_name='category')),
                    ('roles', models.ManyToManyField(blank=True, related_name='+', to='processes.role', verbose_name='roles')),
                ],
                options={
                    'verbose_name': 'search entry',
                    'verbose_name_plural': 'search entries',
                    'db_table': 'processdb_searchdocument',
                    'indexes': [models.Index(fields=['kind', 'is_public'], name='search_kind_public')],
                    'constraints': [models.UniqueConstraint(fields=('kind', 'object_id'), name='search_document_unique_object')],
                },
            ),
        ),
        move_content_types("processdb", "search", ["searchdocument"]),
    ]
