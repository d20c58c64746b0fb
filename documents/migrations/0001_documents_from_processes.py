import django.db.models.deletion
import documents.models
from django.conf import settings
from django.db import migrations, models

from core.migration_operations import move_content_types, state_only


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('processes', '0009_law_and_norm_moved_to_law'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        state_only(
            migrations.CreateModel(
                name='Document',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('title', models.CharField(max_length=200, verbose_name='title')),
                    ('slug', models.SlugField(help_text='Used in the address /dokumente/<slug>/.', max_length=120, unique=True, verbose_name='slug')),
                    ('kind', models.CharField(choices=[('vorlage', 'Template'), ('formular', 'Form'), ('merkblatt', 'Leaflet'), ('dienstanweisung', 'Service instruction')], max_length=20, verbose_name='kind')),
                    ('description', models.TextField(blank=True, verbose_name='description')),
                    ('review_date', models.DateField(blank=True, null=True, verbose_name='next review')),
                    ('reviewed_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='last reviewed')),
                    ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                    ('updated_at', models.DateTimeField(auto_now=True, verbose_name='last changed')),
                    ('owner', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='responsible')),
                    ('reviewed_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='last reviewed by')),
                    ('steps', models.ManyToManyField(blank=True, related_name='templates', to='processes.step', verbose_name='steps')),
                ],
                options={
                    'verbose_name': 'document',
                    'verbose_name_plural': 'documents',
                    'db_table': 'processes_document',
                    'ordering': ['title'],
                },
            ),
            migrations.CreateModel(
                name='DocumentVersion',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('number', models.PositiveIntegerField(verbose_name='number')),
                    ('file', models.FileField(max_length=300, upload_to=documents.models.document_file_path, verbose_name='file')),
                    ('original_name', models.CharField(max_length=200, verbose_name='file name')),
                    ('size', models.PositiveBigIntegerField(verbose_name='size in bytes')),
                    ('content_type', models.CharField(max_length=120, verbose_name='content type')),
                    ('sha256', models.CharField(max_length=64, verbose_name='SHA-256 checksum')),
                    ('change_note', models.CharField(max_length=300, verbose_name='change note')),
                    ('uploaded_at', models.DateTimeField(auto_now_add=True, verbose_name='uploaded')),
                    ('released_at', models.DateTimeField(blank=True, null=True, verbose_name='released')),
                    ('document', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='versions', to='documents.document', verbose_name='document')),
                    ('uploaded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='uploaded by')),
                ],
                options={
                    'verbose_name': 'document version',
                    'verbose_name_plural': 'document versions',
                    'db_table': 'processes_documentversion',
                    'ordering': ['document', '-number'],
                },
            ),
            migrations.AddField(
                model_name='document',
                name='current_version',
                field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='documents.documentversion', verbose_name='current version'),
            ),
            migrations.AddConstraint(
                model_name='documentversion',
                constraint=models.UniqueConstraint(fields=('document', 'number'), name='document_version_unique_number'),
            ),
        ),
        move_content_types("processes", "documents", ["document", "documentversion"]),
    ]
