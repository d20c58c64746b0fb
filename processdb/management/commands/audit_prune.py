"""python manage.py audit_prune – delete audit and login records older than the retention period."""

from django.core.management.base import BaseCommand, CommandError

from processdb.audit import prune


class Command(BaseCommand):
    help = "Deletes audit events and login records older than AUDIT_RETENTION_DAYS (or --days). Run daily."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, help="keep this many days instead of AUDIT_RETENTION_DAYS")

    def handle(self, *args, days=None, **options):
        try:
            counts = prune(days=days)
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS("Deleted: " + ", ".join(f"{count} {name}" for name, count in counts.items())))
