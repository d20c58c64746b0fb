"""The processes of a pack: new ones with their steps and references, existing ones as a new version."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError

from departments.packs import Problem
from departments.provenance import import_user
from law import norms
from law.markdown import render
from processes import services as process_services
from processes import versioning
from processes.models import Process, ProcessReference, Step, StepReference


def message(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return "; ".join(f"{field}: {' '.join(messages)}" for field, messages in sorted(error.message_dict.items()))
    return " ".join(error.messages)


class ProcessWriting:
    """Part of departments.pack_writer.PackWriter: its processes (it has plan, roles, categories, norms,
    provenance, releaser, problems and save())."""

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
            owner=self.provenance.owner("process", entry["slug"]),
            review_date=self.provenance.review_date("process", entry["slug"]),
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
                kind=step_entry.get("kind", "task"),
                outcomes="\n".join(step_entry.get("outcomes", [])),
            )
            if not self.save(step, step_place, exclude=["description_html"]):
                continue
            step.participating_roles.set([self.roles[code] for code in step_entry["participants"]])
            self.references(StepReference, {"step": step}, step_entry["refs"], f"{step_place}.refs")
        return process

    def reference_snapshot(self, ref: dict) -> dict:
        """A legal reference as a process version records it (versioning.capture)."""
        norm = self.norms[(ref["law"], ref["norm"])]
        pinpoint = norms.parse_pinpoint(ref["pinpoint"])
        label = StepReference(norm=norm, **pinpoint).label
        return {"norm": norm.pk, "label": label, "url": norm.get_absolute_url(), **pinpoint}

    def process_update(self, entry: dict, place: str) -> None:
        """The pack's state of an existing process as its next version: steps are matched by position."""
        process = process_services.lock(Process.objects.get(slug=entry["slug"]))
        process_services.ensure_baseline(process)
        process.refresh_from_db(fields=["latest_version", "released_version"])
        base = process.versions.get(number=process.latest_version).snapshot
        keys = [step["key"] for step in base["steps"]]
        steps = []
        for index, step in enumerate(entry["steps"]):
            role = self.roles[step["role"]]
            participants = sorted((self.roles[code] for code in step["participants"]), key=lambda r: r.name)
            key = keys[index] if index < len(keys) else versioning.new_step_key(process.pk, process.latest_version + 1, index + 1)
            steps.append(
                {
                    "key": key,
                    "title": step["title"],
                    "description": step["description"],
                    "documents": "\n".join(step["documents"]),
                    "duration": step["duration"],
                    "kind": step.get("kind", "task"),
                    "outcomes": "\n".join(step.get("outcomes", [])),
                    "description_html": render(step["description"]).html,
                    "responsible_role": {"id": role.pk, "name": role.name},
                    "participating_roles": [{"id": r.pk, "name": r.name} for r in participants],
                    "references": [self.reference_snapshot(ref) for ref in step["refs"]],
                }
            )
        category = self.categories[entry["category"]]
        owner_role = self.roles[entry["owner_role"]]
        snapshot = {
            "schema": versioning.SCHEMA,
            "process": {
                "code": entry["code"],
                "title": entry["title"],
                "slug": entry["slug"],
                "purpose": entry["purpose"],
                "trigger": entry["trigger"],
                "outcome": entry["outcome"],
                "notes": entry["notes"],
                "documents": "\n".join(entry["documents"]),
                "notes_html": render(entry["notes"]).html,
                "category": {"id": category.pk, "name": str(category)},
                "owner_role": {"id": owner_role.pk, "name": owner_role.name},
                "owner": base["process"]["owner"],  # a pack holds no people: the owner stays
            },
            "references": [self.reference_snapshot(ref) for ref in entry["legal_basis"]],
            "steps": steps,
        }
        try:
            version = process_services.process_save_draft(
                process=process,
                author=import_user(),
                base_number=process.latest_version,
                snapshot=snapshot,
                note=f"Aus dem Paket „{self.plan.pack.name}“ übernommen",
            )
            if version is not None and entry["status"] != Process.Status.DRAFT:
                process_services.version_release(version=version, releaser=self.releaser)
        except ValidationError as error:
            self.problems.append(Problem(place, message(error)))
            return
        except (process_services.ReleaseRefused, PermissionDenied) as error:
            self.problems.append(Problem(place, str(error)))
            return
        process.refresh_from_db(fields=["status"])
        if entry["status"] == Process.Status.ARCHIVED and process.status != Process.Status.ARCHIVED:
            process_services.processes_archive(processes=[process], user=self.releaser)
        elif entry["status"] != Process.Status.ARCHIVED and process.status == Process.Status.ARCHIVED:
            process_services.processes_reactivate(processes=[process], user=self.releaser)
