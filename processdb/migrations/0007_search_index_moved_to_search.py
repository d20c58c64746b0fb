from django.db import migrations

from core.migration_operations import state_only


class Migration(migrations.Migration):

    dependencies = [
        ('processdb', '0006_audit_log'),
    ]

    operations = [
        state_only(
            migrations.DeleteModel(
                name='SearchDocument',
            ),
        ),
    ]
