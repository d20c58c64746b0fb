"""The demo's two departments: the foreigners' authority (the demo content) and the Bürgerservice (a pack)."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from core import caching
from departments import pack_plan, packs
from departments import services as pack_services
from departments.models import Department, Ownership
from documents.models import Document
from knowledge.models import Article
from onboarding.models import ReadingPath
from processes.models import Category

FIRST = {
    "slug": "auslaenderbehoerde",
    "name": "Ausländerbehörde",
    "description": "Aufenthaltsrecht, Einbürgerung und Dokumente für ausländische Staatsangehörige.",
}
SECOND = {
    "slug": "buergerservice",
    "name": "Bürgerservice",
    "description": "Ausweise und Pässe, Meldewesen, Auskünfte und Bescheinigungen.",
}
# Packs under packs/ imported for the second department.
SECOND_PACK = "buergerservice"


def _department(entry: dict) -> Department:
    department, _ = Department.objects.get_or_create(
        slug=entry["slug"], defaults={"name": entry["name"], "description": entry["description"]}
    )
    return department


@transaction.atomic
def load(*, users: dict, second_department_accounts: set[str]) -> dict[str, int]:
    """Call after the first department's demo content: it gets everything no department owns yet.

    Then the second department's pack is imported for it, released by its team lead.
    """
    first, second = _department(FIRST), _department(SECOND)
    pack = packs.load(settings.BASE_DIR / "packs" / SECOND_PACK)
    # Bands, articles, documents and reading paths no department owns yet go to the first
    # (in bulk: a bench database has 10,000 articles).
    for model, exclude in (
        (Category.objects.filter(parent=None), {entry["slug"] for entry in pack.categories}),
        (Article.objects.all(), {entry["slug"] for entry in pack.articles}),
        (Document.objects.all(), set()),
        (ReadingPath.objects.all(), set()),
    ):
        content_type = ContentType.objects.get_for_model(model.model)
        owned = set(Ownership.objects.filter(content_type=content_type).values_list("object_id", flat=True))
        ids = (model.exclude(slug__in=exclude) if exclude else model).values_list("pk", flat=True)
        Ownership.objects.bulk_create(
            [Ownership(department=first, content_type=content_type, object_id=pk) for pk in ids if pk not in owned]
        )
    caching.changed(caching.ALL)  # written in bulk, without the signals that tell the page cache
    for username, user in users.items():
        if user.is_superuser:
            continue
        (second if username in second_department_accounts else first).members.add(user)
    plan = pack_services.pack_import(pack=pack, releaser=users["bs.teamleitung"], department=second)
    return {
        "departments": Department.objects.count(),
        "processes_created": len(plan.of("Prozess", pack_plan.NEW)),
        "articles_created": len(plan.of("Artikel", pack_plan.NEW)),
    }
