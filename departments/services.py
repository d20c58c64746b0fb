"""Writes of content packs: the import, in one transaction (all or nothing).

New content goes in as the demo builds it (processes.demo, knowledge.demo): processes with their
steps and references, then their first version through ``processes.services.ensure_baseline``;
articles through ``knowledge.services.article_create`` and, if the pack says released,
``revision_release``. What exists already (matched by its key) is left as it is: unchanged, or
reported as differing and skipped.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction

from core import batching
from departments import packs
from departments.packs import NEW, Pack, PackRefused, Plan, Problem
from knowledge import services as knowledge_services
from law import norms
from law.models import Law, Norm
from processes import services as process_services
from processes.models import Category, Process, ProcessReference, Role, Step, StepReference

# Author of imported article revisions. The four-eyes rule wants a releaser other than the
# author: a person named with --as releases them and takes responsibility for the content.
IMPORT_USERNAME = "paketimport"


def import_user():
    """The system account that authors imported revisions: inactive, no password, no rights."""
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        **{user_model.USERNAME_FIELD: IMPORT_USERNAME}, defaults={"is_active": False, "first_name": "Paketimport"}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _message(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return "; ".join(f"{field}: {' '.join(messages)}" for field, messages in sorted(error.message_dict.items()))
    return " ".join(error.messages)


class _Writer:
    """Writes the new parts of a plan; a refused row becomes a problem at its place."""

    def __init__(self, plan: Plan, releaser):
        self.plan = plan
        self.releaser = releaser
        self.problems: list[Problem] = []
        self.laws = {law.key: law for law in Law.objects.filter(key__in=[law["key"] for law in plan.pack.laws])}
        self.norms: dict[tuple[str, str], Norm] = {}
        self.roles: dict[str, Role] = {}
        self.categories: dict[str, Category] = {}

    def save(self, instance, place: str, exclude=()) -> bool:
        try:
            instance.full_clean(exclude=list(exclude))
        except ValidationError as error:
            self.problems.append(Problem(place, _message(error)))
            return False
        instance.save()
        return True

    def write(self) -> None:
        plan, pack = self.plan, self.plan.pack
        for action in plan.of("Gesetz", NEW):
            law = Law(**action.entry)
            if self.save(law, action.place):
                self.laws[law.key] = law
        for norm in Norm.objects.filter(law__key__in=self.laws).select_related("law"):
            self.norms[(norm.law.key, norm.number)] = norm
        for action in plan.of("Norm", NEW):
            if action.parent not in self.laws:
                continue  # its law was refused: reported there
            norm = Norm(law=self.laws[action.parent], **action.entry)
            if self.save(norm, action.place, exclude=["sort_key"]):
                self.norms[(action.parent, norm.number)] = norm

        self.roles = {role.code: role for role in Role.objects.filter(code__in=[role["code"] for role in pack.roles])}
        for action in plan.of("Rolle", NEW):
            entry = action.entry
            role = Role(
                code=entry["code"], slug=entry["slug"], name=entry["name"],
                is_external=entry["external"], description=entry["description"],
            )
            if self.save(role, action.place):
                self.roles[role.code] = role

        slugs = [entry["slug"] for entry, *_ in pack.walk_categories()]
        self.categories = {category.slug: category for category in Category.objects.filter(slug__in=slugs)}
        for action in plan.of("Bereich", NEW):  # tree order: a parent before its children
            category = Category(
                **action.entry, position=action.position, parent=self.categories.get(action.parent) if action.parent else None
            )
            if self.save(category, action.place, exclude=["lft", "rght", "tree_id", "level"]):
                self.categories[category.slug] = category

        if self.problems:
            return  # processes would only repeat what is missing
        created = []
        for action in plan.of("Prozess", NEW):
            process = self.process(action.entry, action.place)
            if process is not None:
                created.append(process)
        for process in created:
            process_services.ensure_baseline(process)

        if self.problems:
            return
        author = import_user() if plan.of("Artikel", NEW) else None
        for action in plan.of("Artikel", NEW):
            self.article(action.entry, pack.texts[action.key], author, action.place)

    def references(self, model, owner: dict, refs: list[dict], place: str) -> None:
        for position, ref in enumerate(refs, start=1):
            pinpoint = norms.parse_pinpoint(ref["pinpoint"])
            reference = model(**owner, norm=self.norms[(ref["law"], ref["norm"])], position=position, **pinpoint)
            self.save(reference, f"{place}[{position - 1}]")

    def process(self, entry: dict, place: str) -> Process | None:
        process = Process(
            slug=entry["slug"],
            code=entry["code"],
            title=entry["title"],
            category=self.categories[entry["category"]],
            purpose=entry["purpose"],
            trigger=entry["trigger"],
            outcome=entry["outcome"],
            owner_role=self.roles[entry["owner_role"]],
            status=entry["status"],
            documents="\n".join(entry["documents"]),
            notes=entry["notes"],
        )
        if not self.save(process, place, exclude=["notes_html"]):
            return None
        self.references(ProcessReference, {"process": process}, entry["legal_basis"], f"{place}.legal_basis")
        for position, step_entry in enumerate(entry["steps"], start=1):
            step_place = f"{place}.steps[{position - 1}]"
            step = Step(
                process=process,
                position=position,
                title=step_entry["title"],
                description=step_entry["description"],
                responsible_role=self.roles[step_entry["role"]],
                documents="\n".join(step_entry["documents"]),
                duration=step_entry["duration"],
            )
            if not self.save(step, step_place, exclude=["description_html"]):
                continue
            step.participating_roles.set([self.roles[code] for code in step_entry["participants"]])
            self.references(StepReference, {"step": step}, step_entry["refs"], f"{step_place}.refs")
        return process

    def article(self, entry: dict, body: str, author, place: str) -> None:
        steps = [
            Step.objects.filter(process__slug=slug, position=position).first() for slug, position in entry["steps"]
        ]
        if None in steps:
            self.problems.append(Problem(f"{place}.steps", "ein verknüpfter Schritt fehlt in der Datenbank"))
            return
        try:
            article = knowledge_services.article_create(
                author=author,
                title=entry["title"],
                body=body,
                note=f"Aus dem Paket „{self.plan.pack.name}“ übernommen",
                slug=entry["slug"],
                owner=self.releaser,
                steps=steps,
                processes=Process.objects.filter(slug__in=entry["processes"]),
            )
            if entry["released"]:
                knowledge_services.revision_release(revision=article.revisions.get(number=1), releaser=self.releaser)
        except ValidationError as error:
            self.problems.append(Problem(place, _message(error)))
        except knowledge_services.ReleaseRefused as error:
            self.problems.append(Problem(place, str(error)))


def pack_import(*, pack: Pack, releaser: AbstractBaseUser | None = None) -> Plan:
    """Import a validated pack: all or nothing.

    Creates what the pack has and the database lacks (matched by law key, norm number, role
    code, category slug, process slug, article slug); leaves existing content untouched and
    reports it as unchanged or differing. Raises PackRefused with every problem found; nothing
    is written then. Side effects: may create the inactive system account ``paketimport`` (the
    author of imported revisions); released articles are released by ``releaser``; the search
    index and page cache follow through the signals of the rows written.
    """
    with transaction.atomic():
        plan = packs.check(pack, releaser=releaser)
        with batching.batch():
            writer = _Writer(plan, releaser)
            writer.write()
            if writer.problems:
                raise PackRefused(writer.problems)  # leaves the atomic block: everything is rolled back
    return plan
