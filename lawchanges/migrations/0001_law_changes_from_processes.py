import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from core.migration_operations import move_content_types, state_only


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('law', '0001_law_and_norm_from_processes'),
        ('processes', '0011_law_changes_moved_to_lawchanges'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        state_only(
            migrations.CreateModel(
                name='LawChange',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('title', models.CharField(max_length=300, verbose_name='title')),
                    ('effective_date', models.DateField(verbose_name='takes effect')),
                    ('summary', models.TextField(blank=True, verbose_name='summary')),
                    ('source', models.CharField(blank=True, help_text='E.g. BGBl. 2024 I Nr. 54.', max_length=200, verbose_name='source')),
                    ('recorded_at', models.DateTimeField(auto_now_add=True, verbose_name='recorded')),
                    ('law', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='changes', to='law.law', verbose_name='law')),
                    ('norms', models.ManyToManyField(related_name='changes', to='law.norm', verbose_name='affected norms')),
                    ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='recorded by')),
                ],
                options={
                    'verbose_name': 'law change',
                    'verbose_name_plural': 'law changes',
                    'db_table': 'processes_lawchange',
                    'ordering': ['-effective_date', 'title'],
                },
            ),
            migrations.CreateModel(
                name='ReviewItem',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('kind', models.CharField(help_text='Registered impact source, e.g. process, step, article.', max_length=20, verbose_name='kind')),
                    ('object_id', models.PositiveBigIntegerField(verbose_name='object')),
                    ('title', models.CharField(max_length=400, verbose_name='title')),
                    ('url', models.CharField(max_length=400, verbose_name='address')),
                    ('reasons', models.CharField(blank=True, max_length=500, verbose_name='why affected')),
                    ('status', models.CharField(choices=[('open', 'open'), ('adapted', 'adapted'), ('not_affected', 'not affected')], db_index=True, default='open', max_length=12, verbose_name='status')),
                    ('resolution_note', models.TextField(blank=True, verbose_name='reason')),
                    ('result_url', models.CharField(blank=True, help_text='E.g. the new revision of an article.', max_length=400, verbose_name='result')),
                    ('closed_at', models.DateTimeField(blank=True, null=True, verbose_name='closed')),
                    ('closed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='closed by')),
                    ('law_change', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='review_items', to='lawchanges.lawchange', verbose_name='law change')),
                    ('owner', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='responsible')),
                    ('role', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='processes.role', verbose_name='role')),
                ],
                options={
                    'verbose_name': 'review item',
                    'verbose_name_plural': 'review items',
                    'db_table': 'processes_reviewitem',
                    'ordering': ['law_change', 'kind', 'title'],
                },
            ),
            migrations.AddConstraint(
                model_name='lawchange',
                constraint=models.UniqueConstraint(fields=('law', 'effective_date', 'title'), name='law_change_unique', violation_error_message='This change has already been recorded.'),
            ),
            migrations.AddIndex(
                model_name='reviewitem',
                index=models.Index(fields=['kind', 'object_id', 'status'], name='review_item_object'),
            ),
            migrations.AddConstraint(
                model_name='reviewitem',
                constraint=models.UniqueConstraint(fields=('law_change', 'kind', 'object_id'), name='review_item_unique_per_change'),
            ),
            migrations.AddConstraint(
                model_name='reviewitem',
                constraint=models.CheckConstraint(condition=models.Q(models.Q(('closed_at__isnull', True), ('status', 'open')), models.Q(models.Q(('status', 'open'), _negated=True), ('closed_at__isnull', False)), _connector='OR'), name='review_item_closed_consistently'),
            ),
        ),
        move_content_types("processes", "lawchanges", ["lawchange", "reviewitem"]),
    ]
