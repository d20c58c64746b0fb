"""python manage.py restore FILE – load a backup into an empty, migrated database."""

from django.core.management.base import BaseCommand, CommandError

from processdb.backup import RestoreRefused, restore_backup


class Command(BaseCommand):
    help = "Restores a backup made by `manage.py backup` into an empty database (run `migrate` first). All or nothing."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Archive written by `manage.py backup`.")

    def handle(self, *args, file, **options):
        try:
            manifest = restore_backup(file)
        except FileNotFoundError as error:
            raise CommandError(f"{file}: no such file") from error
        except RestoreRefused as refusal:
            raise CommandError(str(refusal)) from refusal
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            self.style.SUCCESS(f"Restored {rows} rows and {manifest['media']} files from {file} (made {manifest['created']}).")
        )
