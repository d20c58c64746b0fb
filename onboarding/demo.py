"""Demo onboarding: three new hires on the reading paths of the foreigners' authority's pack.

`neu` has some items done and one confirmation outdated by a significant revision;
`teamleitung` mentors all three. Idempotent: existing paths and assignments are kept.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from knowledge.models import Article
from onboarding import services
from onboarding.models import Assignment, Confirmation, PathItem, ReadingPath

# The reading paths come with the department's pack (packs/auslaenderbehoerde/paths.yaml).
PATHS = [
    ("SB-A", "Einarbeitung Sachbearbeitung Aufenthalt"),
    ("SB-E", "Einarbeitung Sachbearbeitung Erwerbsmigration"),
    ("SC", "Einarbeitung Servicecenter"),
]


@transaction.atomic
def load(*, users: dict) -> dict[str, int]:
    lead = users["teamleitung"]
    paths = {role_code: ReadingPath.objects.get(title=title) for role_code, title in PATHS}
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
