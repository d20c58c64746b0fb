"""Demo onboarding: reading paths for three roles drafted from the process map, three new hires.

`neu` has some items done and one confirmation outdated by a significant revision;
`teamleitung` mentors all three. Idempotent: existing paths and assignments are kept.
"""

import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from knowledge.models import Article
from onboarding import services
from onboarding.models import Assignment, Confirmation, PathItem, PathSection, ReadingPath
from processes.models import Role

FIRST_WEEK_TASKS = [
    ("Hospitation am Servicecenter, zwei Vormittage", "Begleiten Sie die Kolleginnen und Kollegen am Servicecenter: Anliegenklärung, Vollständigkeitsprüfung, Terminvergabe. Notieren Sie Fragen für das Gespräch mit Ihrer Patin oder Ihrem Paten.", 480),
    ("Einführung in das Fachverfahren und die E-Akte", "Termin mit den Zentralen Diensten: Anmeldung, Suche, Vorgangsanlage, Wiedervorlagen.", 120),
    ("Datenschutz- und Verschwiegenheitsbelehrung unterschreiben", "Die Belehrung liegt im Sekretariat bereit; die unterschriebene Fassung geht zur Personalakte.", 30),
]

PATHS = [
    ("SB-A", "Einarbeitung Sachbearbeitung Aufenthalt"),
    ("SB-E", "Einarbeitung Sachbearbeitung Erwerbsmigration"),
    ("SC", "Einarbeitung Servicecenter"),
]


def _path(role_code: str, title: str, created_by) -> ReadingPath:
    existing = ReadingPath.objects.filter(title=title).first()
    if existing:
        return existing
    path = services.path_draft_from_process_map(role=Role.objects.get(code=role_code), created_by=created_by)
    path.title = title
    path.description = f"Pfad für neue Kolleginnen und Kollegen in der Rolle {path.role.name}: erst die erste Woche, dann die Prozesse der Rolle mit dem Wissen zu ihren Schritten."
    path.save()
    PathSection.objects.filter(path=path).update(position=F("position") + 1)
    first_week = PathSection.objects.create(path=path, title="Erste Woche", position=1)
    for position, (task, instructions, minutes) in enumerate(FIRST_WEEK_TASKS, start=1):
        PathItem.objects.create(
            section=first_week, position=position, kind=PathItem.Kind.TASK, task_title=task,
            instructions=instructions, estimated_minutes=minutes, required=position != 2,
        )
    return path


@transaction.atomic
def load(*, users: dict) -> dict[str, int]:
    lead = users["teamleitung"]
    paths = {role_code: _path(role_code, title, lead) for role_code, title in PATHS}
    today = timezone.localdate()
    plans = [
        ("neu", "SB-A", today - datetime.timedelta(days=21), today + datetime.timedelta(days=35)),
        ("neu.erwerb", "SB-E", today - datetime.timedelta(days=70), today - datetime.timedelta(days=5)),
        ("neu.service", "SC", today - datetime.timedelta(days=3), today + datetime.timedelta(days=53)),
    ]
    created = 0
    for username, role_code, start, due in plans:
        person = users[username]
        if Assignment.objects.filter(person=person, path=paths[role_code]).exists():
            continue
        assignment = services.assignment_create(
            path=paths[role_code], person=person, mentor=lead, start_date=start, due_date=due, assigned_by=lead
        )
        created += 1
        _progress(assignment, person, done=8 if username == "neu" else (4 if username == "neu.erwerb" else 1))
        if username == "neu":
            _outdated_confirmation(assignment)
    return {"assignments_created": created}


def _progress(assignment: Assignment, person, *, done: int) -> None:
    """Confirm the first `done` confirmable items, as the person would have."""
    items = PathItem.objects.filter(section__path=assignment.path).select_related("article").order_by("section__position", "position")
    confirmed = 0
    for item in items:
        if confirmed >= done:
            break
        if item.kind == PathItem.Kind.ARTICLE and item.article.slug == "fiktionsbescheinigung-varianten":
            continue  # confirmed at an older revision below
        note = "Mit Herrn Keller besprochen." if item.kind == PathItem.Kind.TASK else ""
        confirmation = services.item_confirm(assignment=assignment, item=item, user=person, note=note)
        # Spread the demo history over the first days of the onboarding.
        Confirmation.objects.filter(pk=confirmation.pk).update(
            confirmed_at=timezone.make_aware(datetime.datetime.combine(assignment.start_date, datetime.time(9)))
            + datetime.timedelta(days=confirmed, hours=confirmed % 5)
        )
        confirmed += 1


def _outdated_confirmation(assignment: Assignment) -> None:
    """`neu` read the Fiktionsbescheinigung article before its significant revision was released."""
    article = Article.objects.filter(slug="fiktionsbescheinigung-varianten").first()
    item = PathItem.objects.filter(section__path=assignment.path, article=article).first()
    if article is None or item is None or article.significant_number <= 1:
        return
    older = article.revisions.filter(number__lt=article.significant_number, release__isnull=False).order_by("-number").first()
    if older is not None:
        Confirmation.objects.update_or_create(
            assignment=assignment, item=item,
            defaults={"revision": older, "confirmed_at": older.release.released_at + datetime.timedelta(days=1)},
        )
