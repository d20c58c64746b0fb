"""python manage.py pack export|import – content packs (departments/PACKS.md)."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from departments import pack_files, pack_plan, packs, selectors, services
from departments.models import Department


def refusal(problems) -> CommandError:
    lines = [f"Paket abgelehnt, nichts wurde geschrieben ({len(problems)} Problem(e)):"]
    lines += [f"  {problem}" for problem in problems]
    return CommandError("\n".join(lines))


class Command(BaseCommand):
    help = "Exportiert die Inhalte als Paket oder importiert ein Paket (Ordner oder ZIP-Datei)."

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="action", required=True)
        export = commands.add_parser("export", help="Inhalte als Paket schreiben (Ziel auf .zip: ZIP-Datei, sonst Ordner).")
        export.add_argument("target", help="ZIP-Datei oder neuer bzw. leerer Ordner")
        export.add_argument("--name", default="Prozessdatenbank", help="Name des Pakets in pack.yaml")
        export.add_argument("--description", default="", help="Beschreibung des Pakets in pack.yaml")
        export.add_argument(
            "--department", default=None, help="Nur die Inhalte dieser Abteilung (Kürzel, slug) statt der ganzen Installation"
        )
        imported = commands.add_parser("import", help="Paket prüfen und importieren: alles oder nichts.")
        imported.add_argument("source", help="ZIP-Datei oder Ordner des Pakets")
        imported.add_argument(
            "--as", dest="as_user", default=None,
            help="Benutzername der Person, die freigegebene Artikel des Pakets freigibt (Vier-Augen-Prinzip)",
        )
        imported.add_argument("--dry-run", action="store_true", help="Nur prüfen und zeigen, was geschähe.")
        imported.add_argument(
            "--department", default=None,
            help=(
                "Kürzel (slug) der Abteilung, der die Bereiche, Artikel und Einarbeitungspfade des Pakets gehören "
                "(wird angelegt, falls neu)"
            ),
        )

    def handle(self, *args, **options):
        if options["action"] == "export":
            self.export(
                Path(options["target"]),
                name=options["name"],
                description=options["description"],
                department=options["department"],
            )
        else:
            self.import_(
                Path(options["source"]), as_user=options["as_user"], dry_run=options["dry_run"], department=options["department"]
            )

    def export(self, target: Path, *, name: str, description: str, department: str | None = None) -> None:
        owner = None
        if department:
            owner = Department.objects.filter(slug=department).first()
            if owner is None:
                raise CommandError(f"Die Abteilung „{department}“ gibt es nicht.")
        pack = selectors.pack_content(name=name, description=description, department=owner)
        try:
            pack_files.write(packs.render(pack), target)
        except (FileExistsError, OSError) as error:
            raise CommandError(f"Paket nicht geschrieben: {error}") from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Paket „{name}“ geschrieben nach {target}: {len(pack.laws)} Gesetze, {len(pack.roles)} Rollen, "
                f"{len(list(pack.walk_categories()))} Bereiche, {len(pack.processes)} Prozesse, {len(pack.articles)} Artikel, "
                f"{len(pack.documents)} Dokumente, {len(pack.paths)} Einarbeitungspfade."
            )
        )

    def import_(self, source: Path, *, as_user: str | None, dry_run: bool, department: str | None = None) -> None:
        releaser = None
        if as_user:
            user_model = get_user_model()
            releaser = user_model.objects.filter(**{user_model.USERNAME_FIELD: as_user}).first()
            if releaser is None:
                raise CommandError(f"Benutzer „{as_user}“ (--as) gibt es nicht.")
        try:
            pack = packs.load(source)
            if dry_run:
                plan = pack_plan.check(pack, releaser=releaser)
            else:
                with transaction.atomic():
                    owner = None
                    if department:
                        owner = Department.objects.filter(slug=department).first()
                        if owner is None:
                            if Department.objects.filter(name=pack.name).exists():
                                raise CommandError(
                                    f"Die Abteilung „{department}“ gibt es nicht, und ihr Name aus dem Paket („{pack.name}“) "
                                    "ist schon vergeben: bitte die Abteilung zuerst im Admin anlegen."
                                )
                            owner = Department.objects.create(slug=department, name=pack.name)
                    plan = services.pack_import(pack=pack, releaser=releaser, department=owner)
        except packs.PackRefused as error:
            raise refusal(error.problems) from None
        self.report(plan, dry_run=dry_run)
        if department and not dry_run:
            what = "Bereiche, Artikel und Einarbeitungspfade des Pakets"
            self.stdout.write(f"{what} gehören zur Abteilung „{owner.name}“ ({owner.slug}).")

    def report(self, plan: pack_plan.Plan, *, dry_run: bool) -> None:
        head = "Probelauf, nichts geschrieben" if dry_run else "Paket importiert"
        self.stdout.write(self.style.SUCCESS(f"{head}: „{plan.pack.name}“"))
        rows = plan.summary()
        width = max((len(row["kind"]) for row in rows), default=0)  # the counts in one column
        for row in rows:
            self.stdout.write(
                f"  {row['kind']:<{width}} {row['new']} neu, {row['updated']} aktualisiert, {row['unchanged']} unverändert, "
                f"{row['differs']} übersprungen"
            )
        updated = [action for action in plan.actions if action.state == pack_plan.UPDATE]
        if updated:
            self.stdout.write("Aktualisiert:" if not dry_run else "Würde aktualisiert:")
            for action in updated:
                self.stdout.write(f"  {action}")
        if plan.skipped:
            self.stdout.write(self.style.WARNING("Nicht geändert, obwohl abweichend:"))
            for action in plan.skipped:
                self.stdout.write(f"  {action}")
