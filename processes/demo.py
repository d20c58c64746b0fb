"""Loads the demo process map (processes/demo_data.py) into the database.

Idempotent: laws, roles and categories are matched by their keys; a process that
already exists is left exactly as it is, so edits made in the admin survive a
second `make run`.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from core import batching
from law import norms
from law.models import Law, Norm
from processes import services
from processes.models import Category, Process, ProcessReference, Role, Step, StepReference


def _norm(law_by_abbreviation: dict[str, Law], abbreviation: str, number: str) -> Norm:
    law = law_by_abbreviation[abbreviation]
    norm, _ = Norm.objects.get_or_create(law=law, number=norms.normalise_number(number))
    return norm


def _reference_fields(ref, law_by_abbreviation) -> dict:
    abbreviation, number, pinpoint = ref
    return {"norm": _norm(law_by_abbreviation, abbreviation, number), **norms.parse_pinpoint(pinpoint)}


def _review_date(index: int) -> datetime.date:
    """Spread review dates: a few overdue, some due within weeks, most later in the year."""
    today = timezone.localdate()
    offsets = [-20, 10, 45, 120, 200, 300]
    return today + datetime.timedelta(days=offsets[index % len(offsets)])


@transaction.atomic
def load(*, owner=None, data=None) -> dict[str, int]:
    """Create what is missing of the demo process map. Returns how many processes were created."""
    with batching.batch():  # step cards, search rows and the page cache once, not per row
        return _load(owner=owner, data=data)


def _load(*, owner, data) -> dict[str, int]:
    if data is None:
        from processes import demo_data as data

    jurisdiction_values = {choice.value for choice in Law.Jurisdiction}
    law_by_abbreviation = {}
    for entry in data.LAWS:
        law, _ = Law.objects.get_or_create(
            key=entry["key"],
            defaults={
                "abbreviation": entry["abbreviation"],
                "title": entry["title"],
                "gii_slug": entry["gii_slug"],
                "url": entry.get("url", ""),
                "jurisdiction": entry["jurisdiction"] if entry["jurisdiction"] in jurisdiction_values else "bund",
                "cites_articles": entry["abbreviation"] in {"GG", "DSGVO"} or entry.get("cites_articles", False),
            },
        )
        law_by_abbreviation[law.abbreviation] = law

    role_by_code = {}
    for entry in data.ROLES:
        role, _ = Role.objects.get_or_create(
            code=entry["code"],
            defaults={
                "slug": entry["slug"],
                "name": entry["name"],
                "is_external": entry["external"],
                "description": entry.get("description", ""),
            },
        )
        role_by_code[role.code] = role

    category_by_code = {}
    for position, root in enumerate(data.CATEGORIES, start=1):
        band, _ = Category.objects.get_or_create(
            slug=root["slug"],
            defaults={
                "name": root["name"],
                "code": root["code"],
                "description": root.get("description", ""),
                "position": position,
            },
        )
        category_by_code[root["code"]] = band
        for child_position, child in enumerate(root.get("children", []), start=1):
            group, _ = Category.objects.get_or_create(
                slug=child["slug"],
                defaults={
                    "name": child["name"],
                    "code": child["code"],
                    "description": child.get("description", ""),
                    "position": child_position,
                    "parent": band,
                },
            )
            category_by_code[child["code"]] = group

    created = 0
    for index, entry in enumerate(data.PROCESSES):
        if Process.objects.filter(slug=entry["slug"]).exists():
            continue
        process = Process.objects.create(
            code=entry["code"],
            title=entry["title"],
            slug=entry["slug"],
            category=category_by_code[entry["category"]],
            purpose=entry["purpose"],
            trigger=entry.get("trigger", ""),
            outcome=entry.get("outcome", ""),
            notes=entry.get("notes", ""),
            documents="\n".join(entry.get("documents", [])),
            owner_role=role_by_code[entry["owner_role"]],
            owner=owner,
            status=entry.get("status", Process.Status.PUBLISHED),
            review_date=_review_date(index),
        )
        _add_references(ProcessReference, {"process": process}, entry.get("legal_basis", []), law_by_abbreviation)
        for position, step_entry in enumerate(entry["steps"], start=1):
            step = Step.objects.create(
                process=process,
                position=position,
                title=step_entry["title"],
                description=step_entry.get("description", ""),
                responsible_role=role_by_code[step_entry["role"]],
                documents="\n".join(step_entry.get("documents", [])),
                duration=step_entry.get("duration", ""),
            )
            participants = [role_by_code[code] for code in step_entry.get("participants", []) if code != step_entry["role"]]
            step.participating_roles.set(participants)
            _add_references(StepReference, {"step": step}, step_entry.get("refs", []), law_by_abbreviation)
        created += 1
    # Every process starts its history with the state it has now (also those loaded before versions existed).
    for process in Process.objects.filter(latest_version=0).order_by("pk"):
        services.ensure_baseline(process)
    return {"processes_created": created}


def _add_references(model, owner_fields: dict, refs, law_by_abbreviation) -> None:
    seen = set()
    for position, ref in enumerate(refs, start=1):
        fields = _reference_fields(ref, law_by_abbreviation)
        key = tuple(sorted((k, getattr(v, "pk", v)) for k, v in fields.items()))
        if key in seen:
            continue
        seen.add(key)
        model.objects.create(**owner_fields, position=position, **fields)
