"""The demo: two departments, each imported from its pack, and what only a demo has.

The content is in packs/ – the foreigners' authority (packs/auslaenderbehoerde) and the
Bürgerservice (packs/buergerservice) – and goes in through the pack import like any department's.
A pack holds no people and no dates; the demo's are in history.yaml next to this file: who owns
and who wrote and released each article revision when, a pending article draft and a pending
document version for the four-eyes release, and the law changes of recent years with their
review items. Then onboarding/demo.py assigns the reading paths and confirms some items.

Idempotent: a second run leaves existing content alone (the pack import finds nothing new).
"""

from __future__ import annotations

import datetime
from pathlib import Path

import yaml
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from departments import pack_plan, packs
from departments import services as pack_services
from departments.models import Department
from departments.provenance import Provenance, Written
from documents import services as document_services
from documents.models import Document
from knowledge import services as knowledge_services
from knowledge.models import Article
from lawchanges import demo as lawchanges_demo
from onboarding import demo as onboarding_demo
from public import demo as public_demo

HERE = Path(__file__).resolve().parent
PACKS = settings.PACKS_DIR

FIRST = {
    "slug": "auslaenderbehoerde",
    "name": "Ausländerbehörde",
    "description": "Aufenthaltsrecht, Einbürgerung und Dokumente für ausländische Staatsangehörige.",
    "pack": "auslaenderbehoerde",
    "releaser": "teamleitung",
}
SECOND = {
    "slug": "buergerservice",
    "name": "Bürgerservice",
    "description": "Ausweise und Pässe, Meldewesen, Auskünfte und Bescheinigungen.",
    "pack": "buergerservice",
    "releaser": "bs.teamleitung",
}
# Review dates of the processes, spread by their place on the map: a few overdue, some due
# within weeks, most later in the year.
REVIEW_OFFSETS = [-20, 10, 45, 120, 200, 300]


def demo_data(name: str) -> dict:
    with open(HERE / name, encoding="utf-8") as file:
        return yaml.safe_load(file)


def public_texts() -> dict:
    """Offices and services for applicants (public.yaml), written for the public pages."""
    return demo_data("public.yaml")


def history() -> dict:
    with open(HERE / "history.yaml", encoding="utf-8") as file:
        return yaml.safe_load(file)


class DemoProvenance(Provenance):
    """The people and dates of the foreigners' authority's history (history.yaml)."""

    def __init__(self, releaser, *, users: dict, pack: packs.Pack, data: dict):
        super().__init__(releaser)
        self.users = users
        self.articles = data["articles"]
        self.now = timezone.now()
        self.today = timezone.localdate()
        codes = sorted((entry["code"] for entry in pack.processes), key=_code_order)
        self.process_index = {entry["slug"]: codes.index(entry["code"]) for entry in pack.processes}

    def owner(self, kind: str, slug: str):
        if kind == "article" and slug in self.articles:
            return self.users[self.articles[slug]["owner"]]
        return self.releaser  # the team lead is responsible for processes and documents

    def review_date(self, kind: str, slug: str) -> datetime.date | None:
        if kind == "article" and slug in self.articles:
            return self.today + datetime.timedelta(days=self.articles[slug]["review_in_days"])
        if kind == "process":
            index = self.process_index[slug]
            return self.today + datetime.timedelta(days=REVIEW_OFFSETS[index % len(REVIEW_OFFSETS)])
        return None

    def revision(self, slug: str, index: int) -> Written:
        entry = self.articles.get(slug)
        if entry is None:
            return super().revision(slug, index)
        revision = entry["revisions"][index]
        created = self.now - datetime.timedelta(days=revision["days_ago"], hours=index)
        return Written(
            author=self.users[revision["author"]],
            releaser=self.users[revision["released_by"]],
            created_at=created,
            released_at=created + datetime.timedelta(hours=3),
        )


def _code_order(code: str) -> tuple:
    """F-01 < K1-01 < K2-01 < K10-01 < U-01: the map's order of process codes."""
    band, _, number = code.partition("-")
    order = {"F": 0, "K": 1, "U": 2}
    return (order.get(band[0], 3), int(band[1:] or 0), number)


def _department(entry: dict) -> Department:
    department, _ = Department.objects.get_or_create(
        slug=entry["slug"], defaults={"name": entry["name"], "description": entry["description"]}
    )
    return department


@transaction.atomic
def load(*, users: dict, second_department_accounts: set[str]) -> dict[str, int]:
    """Import both departments' packs and add the demo's people, drafts, law changes and onboarding."""
    data = history()
    counts = {"processes_created": 0, "articles_created": 0, "documents_created": 0}
    first, second = _department(FIRST), _department(SECOND)
    for username, user in users.items():
        if not user.is_superuser:
            (second if username in second_department_accounts else first).members.add(user)
    for entry, department in ((FIRST, first), (SECOND, second)):
        pack = packs.load(PACKS / entry["pack"])
        releaser = users[entry["releaser"]]
        provenance = DemoProvenance(releaser, users=users, pack=pack, data=data) if department == first else None
        plan = pack_services.pack_import(pack=pack, releaser=releaser, department=department, provenance=provenance)
        counts["processes_created"] += len(plan.of("Prozess", pack_plan.NEW))
        counts["articles_created"] += len(plan.of("Artikel", pack_plan.NEW))
        counts["documents_created"] += len(plan.of("Dokument", pack_plan.NEW))
        if department == first and plan.of("Artikel", pack_plan.NEW):
            _drafts(data, users=users)
    counts |= onboarding_demo.load(users=users)
    counts |= public_demo.load(data=public_texts(), author=users["redaktion"], releaser=users["teamleitung"])
    counts |= public_demo.load_translations(data=demo_data("public_translations.yaml"), translator=users["redaktion"])
    counts |= public_demo.load_guide(data=demo_data("guide.yaml"))
    counts |= lawchanges_demo.load_law_changes(recorded_by=users["teamleitung"], data=data["law_changes"])
    counts["departments"] = Department.objects.count()
    return counts


def _drafts(data: dict, *, users: dict) -> None:
    """Drafts waiting for a second person's release: an article revision and a document version."""
    now = timezone.now()
    for entry in data["article_drafts"]:
        article = Article.objects.get(slug=entry["article"])
        knowledge_services.article_revise(
            article=article,
            author=users[entry["author"]],
            base_number=article.latest_number,
            title=entry["title"],
            body=(HERE / entry["text"]).read_text(encoding="utf-8"),
            note=entry["note"],
            significant=entry["significant"],
            created_at=now - datetime.timedelta(days=entry["days_ago"]),
        )
    for entry in data["document_drafts"]:
        document = Document.objects.get(slug=entry["document"])
        latest = document.versions.order_by("-number").first()
        path = HERE / entry["file"]
        document_services.document_add_version(
            document=document,
            upload=SimpleUploadedFile(path.name, path.read_bytes()),
            note=entry["note"],
            user=users[entry["author"]],
            base_number=latest.number,
        )
