import django.db.models.deletion
from django.db import migrations, models

from core.migration_operations import state_only


class Migration(migrations.Migration):

    dependencies = [
        ('knowledge', '0005_cited_norms_in_law'),
        ('law', '0001_law_and_norm_from_processes'),
        ('processes', '0008_markdown_texts_validated'),
    ]

    operations = [
        state_only(
            migrations.AlterField(
                model_name='lawchange',
                name='law',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='changes', to='law.law', verbose_name='law'),
            ),
            migrations.RemoveField(
                model_name='norm',
                name='law',
            ),
            migrations.AlterField(
                model_name='stepreference',
                name='norm',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='step_references', to='law.norm', verbose_name='norm'),
            ),
            migrations.AlterField(
                model_name='processreference',
                name='norm',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='process_references', to='law.norm', verbose_name='norm'),
            ),
            migrations.AlterField(
                model_name='lawchange',
                name='norms',
                field=models.ManyToManyField(related_name='changes', to='law.norm', verbose_name='affected norms'),
            ),
            migrations.AlterField(
                model_name='process',
                name='text_citations',
                field=models.ManyToManyField(blank=True, editable=False, related_name='citing_process_texts', to='law.norm', verbose_name='norms cited in the notes'),
            ),
            migrations.AlterField(
                model_name='step',
                name='text_citations',
                field=models.ManyToManyField(blank=True, editable=False, related_name='citing_step_texts', to='law.norm', verbose_name='norms cited in the description'),
            ),
            migrations.DeleteModel(
                name='Law',
            ),
            migrations.DeleteModel(
                name='Norm',
            ),
        ),
    ]
