import django.core.validators
import django.db.models.deletion
from django.db import migrations, models

from core.migration_operations import move_content_types, state_only


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('processes', '0008_markdown_texts_validated'),
    ]

    operations = [
        state_only(
            migrations.CreateModel(
                name='Law',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('key', models.SlugField(help_text='Used in addresses, e.g. aufenthg for /recht/aufenthg/81/.', max_length=40, unique=True, verbose_name='key')),
                    ('abbreviation', models.CharField(help_text='As cited in texts, e.g. AufenthG.', max_length=40, unique=True, verbose_name='abbreviation')),
                    ('title', models.CharField(max_length=400, verbose_name='title')),
                    ('gii_slug', models.CharField(blank=True, help_text='E.g. aufenthg_2004; empty for law not published there (state law, EU law).', max_length=60, validators=[django.core.validators.RegexValidator('^[a-z0-9_]*$', 'Only lower-case letters, digits and underscores, as in aufenthg_2004.')], verbose_name='gesetze-im-internet.de slug')),
                    ('url', models.URLField(blank=True, help_text='Only for law not on gesetze-im-internet.de.', verbose_name='address')),
                    ('jurisdiction', models.CharField(choices=[('bund', 'Federal law'), ('land', 'State law'), ('eu', 'EU law')], default='bund', max_length=4, verbose_name='jurisdiction')),
                    ('cites_articles', models.BooleanField(default=False, help_text='Cited as Art. (Grundgesetz) instead of §.', verbose_name='divided into articles')),
                ],
                options={
                    'verbose_name': 'law',
                    'verbose_name_plural': 'laws',
                    'db_table': 'processes_law',
                    'ordering': ['abbreviation'],
                },
            ),
            migrations.CreateModel(
                name='Norm',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('number', models.CharField(blank=True, help_text='Paragraph or article, e.g. 81 or 18g. Empty: the law as a whole.', max_length=8, validators=[django.core.validators.RegexValidator('^([0-9]{1,4}[a-z]?)?$', 'Enter a paragraph or article number such as 81, 18g or 16a (lower-case letter).')], verbose_name='number')),
                    ('title', models.CharField(blank=True, max_length=300, verbose_name='heading')),
                    ('url', models.URLField(blank=True, help_text='Only for law not on gesetze-im-internet.de.', verbose_name='address')),
                    ('sort_key', models.CharField(default='', editable=False, max_length=12)),
                    ('law', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='norms', to='law.law', verbose_name='law')),
                ],
                options={
                    'verbose_name': 'norm',
                    'verbose_name_plural': 'norms',
                    'db_table': 'processes_norm',
                    'ordering': ['law__abbreviation', 'sort_key'],
                    'constraints': [models.UniqueConstraint(fields=('law', 'number'), name='norm_unique_number_per_law')],
                },
            ),
        ),
        move_content_types("processes", "law", ["law", "norm"]),
    ]
