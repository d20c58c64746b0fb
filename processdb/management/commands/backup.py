"""python manage.py backup [FILE] – all content and uploaded files in one zip archive."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from processdb.backup import create_backup, default_file_name


class Command(BaseCommand):
    help = "Exports all content (processes, articles, revisions, onboarding, law changes, users, documents) to a zip file."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="Archive to write (default: processdb-backup-<date>.zip here).")
        parser.add_argument("--force", action="store_true", help="Overwrite an existing file.")

    def handle(self, *args, file=None, force=False, **options):
        target = Path(file or default_file_name())
        if target.exists() and not force:
            raise CommandError(f"{target} exists; choose another name or pass --force.")
        partial = target.with_name(target.name + ".partial")
        try:
            manifest = create_backup(partial)
            partial.replace(target)  # a half-written archive never carries the final name
        finally:
            partial.unlink(missing_ok=True)
        rows = sum(manifest["counts"].values())
        self.stdout.write(self.style.SUCCESS(f"Backup written: {target} ({rows} rows, {manifest['media']} files)"))
