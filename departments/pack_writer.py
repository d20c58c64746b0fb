"""Writes the new and changed parts of a checked pack (departments.services.pack_import runs it
in one transaction). See departments.services for what is written how."""

from __future__ import annotations

import os

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from departments import packs, selectors
from departments.pack_plan import NEW, UPDATE, Action, Plan
from departments.pack_process_writer import ProcessWriting, message
from departments.packs import Problem
from departments.provenance import Provenance, import_user
from documents import services as document_services
from documents.models import Document
from knowledge import services as knowledge_services
from knowledge.markdown import articles_ahead
from knowledge.models import Article, Release
from law.markdown import laws_settled
from law.models import Law, Norm
from onboarding.models import PathItem, PathSection, ReadingPath
from processes import services as process_services
from processes.models import Category, Process, Role, Step


class PackWriter(ProcessWriting):
    """Writes the new parts of a plan; a refused row becomes a problem at its place."""

    def __init__(self, plan: Plan, releaser, provenance: Provenance):
        self.plan = plan
        self.releaser = releaser
        self.provenance = provenance
        self.problems: list[Problem] = []
        self.laws = {law.key: law for law in Law.objects.filter(key__in=[law["key"] for law in plan.pack.laws])}
        self.norms: dict[tuple[str, str], Norm] = {}
        self.roles: dict[str, Role] = {}
        self.categories: dict[str, Category] = {}
        self.path_targets: dict[str, dict] = {}  # "article"/"process" -> {slug: row}, for path items

    def save(self, instance, place: str, exclude=()) -> bool:
        # full_clean, except that a foreign key set to a row this import holds (read or written in
        # its transaction) is not looked up again: that asked the database once per key and row,
        # thousands of times for a department's pack. Unique fields and constraints are checked.
        held = [
            field.name
            for field in instance._meta.concrete_fields
            if field.many_to_one and field.get_cached_value(instance, None) is not None
        ]
        try:
            instance.clean_fields(exclude=[*exclude, *held])
            instance.clean()
            instance.validate_unique(exclude=list(exclude))
            instance.validate_constraints(exclude=list(exclude))
        except ValidationError as error:
            self.problems.append(Problem(place, message(error)))
            return False
        instance.save()
        return True

    def write(self) -> None:
        plan, pack = self.plan, self.plan.pack
        for action in plan.of("Gesetz", NEW):
            law = Law(**action.entry)
            if self.save(law, action.place):
                self.laws[law.key] = law
        for action in plan.of("Gesetz", UPDATE):
            law = self.laws[action.key]
            self.assign(law, action.entry)
            self.save(law, action.place)
        for norm in Norm.objects.filter(law__key__in=self.laws).select_related("law"):
            self.norms[(norm.law.key, norm.number)] = norm
        for action in plan.of("Norm", UPDATE):
            norm = self.norms[(action.parent, action.entry["number"])]
            self.assign(norm, action.entry)
            self.save(norm, action.place, exclude=["sort_key"])
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
        for action in plan.of("Rolle", UPDATE):
            entry, role = action.entry, self.roles[action.key]
            self.assign(role, {"slug": entry["slug"], "name": entry["name"], "is_external": entry["external"]})
            role.description = entry["description"]
            self.save(role, action.place)

        slugs = [entry["slug"] for entry, *_ in pack.walk_categories()]
        self.categories = {category.slug: category for category in Category.objects.filter(slug__in=slugs)}
        # New areas go after those their parent has already (a second department's band after the first's).
        after = {}
        for action in plan.of("Bereich", NEW):  # tree order: a parent before its children
            parent = self.categories.get(action.parent) if action.parent else None
            if action.parent not in after:
                siblings = Category.objects.filter(parent=parent)  # parent None: the bands
                after[action.parent] = max(siblings.values_list("position", flat=True), default=0)
            category = Category(**action.entry, position=after[action.parent] + action.position, parent=parent)
            if self.save(category, action.place, exclude=["lft", "rght", "tree_id", "level"]):
                self.categories[category.slug] = category
        for action in plan.of("Bereich", UPDATE):
            category = self.categories[action.key]
            self.assign(category, action.entry)
            parent = self.categories.get(action.parent) if action.parent else None
            if category.parent_id != (parent.pk if parent else None):
                category.parent = parent  # django-mptt moves the subtree on save
            self.save(category, action.place, exclude=["lft", "rght", "tree_id", "level"])

        if self.problems:
            return  # processes would only repeat what is missing
        with laws_settled():  # no law changes from here on: each text is rendered with them, read once
            self.write_content()

    def write_content(self) -> None:
        plan, pack = self.plan, self.plan.pack
        created = []
        for action in plan.of("Prozess", NEW):
            process = self.process(action.entry, action.place)
            if process is not None:
                created.append(process)
        for process in created:
            process_services.ensure_baseline(process)
        for action in plan.of("Prozess", UPDATE):
            self.process_update(action.entry, action.place)

        if self.problems:
            return
        # Links between the new articles show their titles although they are written one by one.
        with articles_ahead({action.key: action.entry["title"] for action in plan.of("Artikel", NEW)}):
            for action in plan.of("Artikel", NEW):
                self.article(action.entry, pack.texts[action.key], action.place)
        author = import_user() if plan.of("Artikel", UPDATE) else None
        for action in plan.of("Artikel", UPDATE):
            self.article_update(action.entry, pack.texts[action.key], author, action.place)

        if self.problems:
            return
        for action in plan.of("Dokument", NEW) + plan.of("Dokument", UPDATE):
            self.document(action)

        if self.problems:
            return
        paths = plan.of("Einarbeitungspfad", NEW) + plan.of("Einarbeitungspfad", UPDATE)
        if paths:
            existing = selectors.paths_for_pack([action.key for action in paths])
            self.path_targets = {
                "article": {a.slug: a for a in Article.objects.filter(slug__in=[a["slug"] for a in pack.articles])},
                "process": {p.slug: p for p in Process.objects.filter(slug__in=[p["slug"] for p in pack.processes])},
            }
            for action in paths:
                self.path(action.entry, action.place, existing.get(action.key))

    def document(self, action: Action) -> None:
        """A new document, released; or an existing one changed in place, with a new released version if its file differs."""
        entry, place = action.entry, action.place
        steps = self.linked_steps(entry, place)
        if steps is None:
            return
        name = f"{entry['slug']}{os.path.splitext(entry['file'])[1]}"
        note = f"Aus dem Paket „{self.plan.pack.name}“ übernommen"
        try:
            if action.state == NEW:
                document = document_services.document_create(
                    title=entry["title"],
                    kind=entry["kind"],
                    description=entry["description"],
                    owner=self.provenance.owner("document", entry["slug"]),
                    review_date=self.provenance.review_date("document", entry["slug"]),
                    steps=steps,
                    upload=SimpleUploadedFile(name, self.plan.pack.files[action.key]),
                    note=note,
                    user=import_user(),
                    slug=entry["slug"],
                )
                version = document.versions.get(number=1)
            else:
                document = Document.objects.get(slug=action.key)
                self.assign(document, {"title": entry["title"], "kind": entry["kind"], "description": entry["description"]})
                if not self.save(document, place, exclude=["current_version"]):
                    return
                document.steps.set(steps)
                version = None
                if action.new_file:
                    version = document_services.document_add_version(
                        document=document,
                        upload=SimpleUploadedFile(name, self.plan.pack.files[action.key]),
                        note=note,
                        user=import_user(),
                        base_number=document.versions.order_by("-number").values_list("number", flat=True).first() or 0,
                    )
            if version is not None:
                document_services.document_version_release(version=version, releaser=self.releaser)
        except ValidationError as error:
            self.problems.append(Problem(place, message(error)))
        except (document_services.ReleaseRefused, document_services.VersionConflict, PermissionDenied) as error:
            self.problems.append(Problem(place, str(error)))

    def path(self, entry: dict, place: str, path: ReadingPath | None) -> None:
        """Create the onboarding path, or write an unassigned one anew: its sections and items as the pack has them."""
        if path is None:
            path = ReadingPath()
        else:
            path.sections.all().delete()  # unassigned (see plan): no confirmation hangs on its items
        self.assign(path, {"title": entry["title"], "role": self.roles[entry["role"]], "description": entry["description"]})
        if not self.save(path, place, exclude=["created_by"]):
            return
        for section_index, section_entry in enumerate(entry["sections"]):
            section_place = f"{place}.sections[{section_index}]"
            section = PathSection(path=path, title=section_entry["title"], position=section_index + 1)
            if not self.save(section, section_place):
                continue
            for item_index, item in enumerate(section_entry["items"]):
                kind = next(kind for kind in packs.PATH_ITEM_KINDS if kind in item)
                row = PathItem(
                    section=section,
                    position=item_index + 1,
                    kind=kind,
                    task_title=item.get("task", ""),
                    instructions=item["instructions"],
                    required=item["required"],
                    estimated_minutes=item["minutes"],
                )
                if kind in self.path_targets:
                    setattr(row, kind, self.path_targets[kind][item[kind]])
                self.save(row, f"{section_place}.items[{item_index}]")

    @staticmethod
    def assign(instance, fields: dict) -> None:
        for name, value in fields.items():
            setattr(instance, name, value)

    def linked_steps(self, entry: dict, place: str) -> list[Step] | None:
        wanted = {(slug, position) for slug, position in entry["steps"]}
        found = {
            (step.process.slug, step.position): step
            for step in Step.objects.select_related("process").filter(process__slug__in={slug for slug, _ in wanted})
            if (step.process.slug, step.position) in wanted
        }
        if len(found) < len(wanted):
            self.problems.append(Problem(f"{place}.steps", "ein verknüpfter Schritt fehlt in der Datenbank"))
            return None
        return [found[(slug, position)] for slug, position in entry["steps"]]

    def article_update(self, entry: dict, body: str, author, place: str) -> None:
        steps = self.linked_steps(entry, place)
        if steps is None:
            return
        article = Article.objects.get(slug=entry["slug"])
        try:
            revision = knowledge_services.article_revise(
                article=article,
                author=author,
                base_number=article.latest_number,
                title=entry["title"],
                body=body,
                note=entry["note"] or f"Aus dem Paket „{self.plan.pack.name}“ übernommen",
                significant=entry["significant"],
                steps=steps,
                processes=Process.objects.filter(slug__in=entry["processes"]),
            )
            article.refresh_from_db()
            if entry["released"] and article.published_revision_id is None and revision is None:
                revision = article.revisions.get(number=article.latest_number)  # released now, text unchanged
            if entry["released"] and revision is not None:
                knowledge_services.revision_release(revision=revision, releaser=self.releaser)
        except ValidationError as error:
            self.problems.append(Problem(place, message(error)))
        except (knowledge_services.ReleaseRefused, PermissionDenied) as error:
            self.problems.append(Problem(place, str(error)))

    def article(self, entry: dict, body: str, place: str) -> None:
        steps = self.linked_steps(entry, place)
        if steps is None:
            return
        slug, note = entry["slug"], f"Aus dem Paket „{self.plan.pack.name}“ übernommen"
        # The history first (oldest first), then the pack's text: each a revision, released in
        # turn if the pack says the article is released.
        revisions = [
            {"title": earlier["title"], "body": text, "note": earlier["note"] or note, "significant": earlier["significant"]}
            for earlier, text in zip(entry["history"], self.plan.pack.history.get(slug, []), strict=True)
        ]
        revisions.append(
            {"title": entry["title"], "body": body, "note": entry["note"] or note, "significant": entry["significant"]}
        )
        try:
            article = None
            for index, revision in enumerate(revisions):
                written = self.provenance.revision(slug, index)
                if article is None:
                    article = knowledge_services.article_create(
                        author=written.author,
                        title=revision["title"],
                        body=revision["body"],
                        note=revision["note"],
                        slug=slug,
                        owner=self.provenance.owner("article", slug),
                        review_date=self.provenance.review_date("article", slug),
                        steps=steps,
                        processes=Process.objects.filter(slug__in=entry["processes"]),
                        created_at=written.created_at,
                    )
                else:  # a revision equal to the one before adds nothing (article_revise returns None)
                    knowledge_services.article_revise(
                        article=article,
                        author=written.author,
                        base_number=article.latest_number,
                        title=revision["title"],
                        body=revision["body"],
                        note=revision["note"],
                        significant=revision["significant"],
                        created_at=written.created_at,
                    )
                    article.refresh_from_db(fields=["latest_number"])
                latest = article.revisions.get(number=article.latest_number)
                if entry["released"] and not Release.objects.filter(revision=latest).exists():
                    knowledge_services.revision_release(
                        revision=latest, releaser=written.releaser or self.releaser, released_at=written.released_at
                    )
        except ValidationError as error:
            self.problems.append(Problem(place, message(error)))
        except (knowledge_services.ReleaseRefused, PermissionDenied) as error:
            self.problems.append(Problem(place, str(error)))
