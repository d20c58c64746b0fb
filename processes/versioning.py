"""A whole process as a snapshot, and a snapshot written back to the process's rows.

A snapshot is plain JSON: the process's fields, its legal bases and its steps in order, each
step with its roles, legal references, documents and text (Markdown and the HTML rendered
from it). It holds ids, to write it back (``apply``), and names, to show it as it was even
after a role or norm was renamed.

Steps are identified by a *key*: the step's id for a step that exists in the released
process, a negative number for a step that only a draft has. Negative keys never clash with
ids; they encode the process and draft they were made in (``new_step_key``).
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import F, Prefetch
from django.utils.translation import gettext as _

from law.models import Norm
from processes import cards
from processes.models import Category, Process, ProcessReference, Role, Step, StepReference

SCHEMA = 1
PROCESS_FIELDS = ["code", "title", "slug", "purpose", "trigger", "outcome", "notes", "documents"]
STEP_FIELDS = ["title", "description", "documents", "duration", "kind", "outcomes"]
# What a snapshot taken before a field existed means by its absence.
STEP_DEFAULTS = {"kind": "task", "outcomes": ""}
PINPOINTS = ["subsection", "sentence", "item", "letter"]
_KEY_PROCESS, _KEY_VERSION = 10**9, 10**3
# Steps are parked above this offset while a new order is written (unique position per process).
_PARKING_OFFSET = 10_000


def new_step_key(process_id: int, version_number: int, index: int) -> int:
    """The key of the ``index``-th step that draft ``version_number`` adds: negative and unique per process."""
    return -(process_id * _KEY_PROCESS + version_number * _KEY_VERSION + index)


def process_of_key(key: int) -> int | None:
    """The process id a draft step's negative key was made for."""
    return (-key) // _KEY_PROCESS if key < 0 else None


def _person(user) -> dict | None:
    if user is None:
        return None
    return {"id": user.pk, "name": user.get_full_name() or user.get_username()}


def _reference(ref) -> dict:
    return {
        "norm": ref.norm_id,
        "label": ref.label,
        "url": ref.norm.get_absolute_url(),
        **{field: getattr(ref, field) for field in PINPOINTS},
    }


def loaded(queryset=None):
    """Processes with everything ``capture`` reads (a fixed number of queries for any size)."""
    queryset = queryset if queryset is not None else Process.objects.all()
    return queryset.select_related("category", "owner_role", "owner").prefetch_related(
        Prefetch("references", queryset=ProcessReference.objects.select_related("norm__law").order_by("position", "id")),
        Prefetch(
            "steps",
            queryset=Step.objects.select_related("responsible_role")
            .prefetch_related(
                "participating_roles",
                Prefetch("references", queryset=StepReference.objects.select_related("norm__law").order_by("position", "id")),
            )
            .order_by("position"),
        ),
    )


def capture(process: Process, *, key_of=None) -> dict:
    """The snapshot of a process as loaded (use ``loaded()``); ``key_of(step)`` gives each step's key."""
    key_of = key_of or (lambda step: step.pk)
    steps = []
    for step in process.steps.all():
        roles = sorted(step.participating_roles.all(), key=lambda role: role.name)
        steps.append(
            {
                "key": key_of(step),
                **{field: getattr(step, field) for field in STEP_FIELDS},
                "description_html": step.description_html,
                "responsible_role": {"id": step.responsible_role_id, "name": step.responsible_role.name},
                "participating_roles": [{"id": role.pk, "name": role.name} for role in roles],
                "references": [_reference(ref) for ref in step.references.all()],
            }
        )
    return {
        "schema": SCHEMA,
        "process": {
            **{field: getattr(process, field) for field in PROCESS_FIELDS},
            "notes_html": process.notes_html,
            "category": {"id": process.category_id, "name": str(process.category)},
            "owner_role": {"id": process.owner_role_id, "name": process.owner_role.name},
            "owner": _person(process.owner),
        },
        "references": [_reference(ref) for ref in process.references.all()],
        "steps": steps,
    }


def step_value(step: dict, field: str):
    """A step field of a snapshot; older snapshots lack the fields added since (STEP_DEFAULTS)."""
    return step[field] if field in step else STEP_DEFAULTS[field]


def flow_of(snapshot: dict) -> list:
    """The steps of a snapshot as processes.flow reads them."""
    from processes.flow import FlowStep

    return [
        FlowStep(position, step_value(step, "kind"), step_value(step, "outcomes"))
        for position, step in enumerate(snapshot["steps"], start=1)
    ]


def content(snapshot: dict) -> dict:
    """What a snapshot says, without what is derived from it (names, labels, HTML): to tell "changed" from "saved again"."""
    def refs(items):
        return [[item["norm"], *(item[field] for field in PINPOINTS)] for item in items]

    process = snapshot["process"]
    return {
        "process": {
            **{field: process[field] for field in PROCESS_FIELDS},
            "category": process["category"]["id"],
            "owner_role": process["owner_role"]["id"],
            "owner": (process["owner"] or {}).get("id"),
        },
        "references": refs(snapshot["references"]),
        "steps": [
            {
                "key": step["key"],
                **{field: step_value(step, field) for field in STEP_FIELDS},
                "responsible_role": step["responsible_role"]["id"],
                "participating_roles": sorted(role["id"] for role in step["participating_roles"]),
                "references": refs(step["references"]),
            }
            for step in snapshot["steps"]
        ],
    }


def cache_tags(snapshot: dict | None) -> set[str]:
    """The pages a version's state appears on besides its process's: its roles' and its norms'."""
    from core.caching import tag

    if not snapshot:
        return set()
    roles = {snapshot["process"]["owner_role"]["id"]}
    norms = {ref["norm"] for ref in snapshot["references"]}
    for step in snapshot["steps"]:
        roles.add(step["responsible_role"]["id"])
        roles.update(role["id"] for role in step["participating_roles"])
        norms.update(ref["norm"] for ref in step["references"])
    return {tag("role", pk) for pk in roles} | {tag("norm", pk) for pk in norms}


def _check_targets(snapshot: dict) -> None:
    """Refuse, in German, a snapshot that names a role, norm or category that no longer exists."""
    role_ids = {snapshot["process"]["owner_role"]["id"]}
    norm_ids = {ref["norm"] for ref in snapshot["references"]}
    for step in snapshot["steps"]:
        role_ids.add(step["responsible_role"]["id"])
        role_ids.update(role["id"] for role in step["participating_roles"])
        norm_ids.update(ref["norm"] for ref in step["references"])
    missing_roles = role_ids - set(Role.objects.filter(pk__in=role_ids).values_list("pk", flat=True))
    missing_norms = norm_ids - set(Norm.objects.filter(pk__in=norm_ids).values_list("pk", flat=True))
    if missing_roles or missing_norms or not Category.objects.filter(pk=snapshot["process"]["category"]["id"]).exists():
        raise ValidationError(
            _("This version names a role, norm or area of the process map that no longer exists; it cannot be applied.")
        )


def _sync_references(model, owner: dict, live: list, wanted: list[dict]) -> None:
    def key(item):
        return (item["norm"], *(item[field] for field in PINPOINTS))

    if [key({"norm": ref.norm_id, **{f: getattr(ref, f) for f in PINPOINTS}}) for ref in live] == [key(w) for w in wanted]:
        return
    model.objects.filter(pk__in=[ref.pk for ref in live]).delete()
    model.objects.bulk_create(
        [
            model(**owner, norm_id=item["norm"], position=position, **{field: item[field] for field in PINPOINTS})
            for position, item in enumerate(wanted, start=1)
        ]
    )


def apply(process: Process, snapshot: dict, *, keep_draft_keys: bool) -> dict[int, int]:
    """Write a snapshot to the process's rows: fields, legal bases, steps (added, changed, moved, removed).

    ``process`` must be locked by the caller. Steps only the draft has are created with their
    negative key as id if ``keep_draft_keys`` (to show the draft in its editor, rolled back
    afterwards), else with a new id. Returns {draft key: new id} for the steps created.
    Markdown is rendered only for texts that changed.
    """
    _check_targets(snapshot)
    data = snapshot["process"]
    process = loaded(Process.objects.filter(pk=process.pk)).get()
    for field in PROCESS_FIELDS:
        setattr(process, field, data[field])
    process.category_id = data["category"]["id"]
    process.owner_role_id = data["owner_role"]["id"]
    owner_id = (data["owner"] or {}).get("id")
    process.owner_id = owner_id if owner_id and get_user_model().objects.filter(pk=owner_id).exists() else None
    process.save()
    _sync_references(ProcessReference, {"process": process}, list(process.references.all()), snapshot["references"])

    live = {step.pk: step for step in process.steps.all()}
    wanted = snapshot["steps"]
    kept = {item["key"] for item in wanted if item["key"] in live}
    removed = [pk for pk in live if pk not in kept]
    for step in Step.objects.filter(pk__in=removed):
        step.delete()  # one by one: the search index and the audit hear of each
    Step.objects.filter(process=process).update(position=F("position") + _PARKING_OFFSET)
    created: dict[int, int] = {}
    moved: list[Step] = []
    for position, item in enumerate(wanted, start=1):
        step = live.get(item["key"])
        is_new = step is None
        if is_new:
            step = Step(process=process, pk=item["key"] if keep_draft_keys else None)
        changed = is_new or any(getattr(step, field) != step_value(item, field) for field in STEP_FIELDS)
        changed = changed or step.responsible_role_id != item["responsible_role"]["id"]
        for field in STEP_FIELDS:
            setattr(step, field, step_value(item, field))
        step.responsible_role_id = item["responsible_role"]["id"]
        step.position = position
        if changed:
            step.save(force_insert=is_new)
            if is_new:
                created[item["key"]] = step.pk
        else:
            moved.append(step)
        role_ids = sorted(role["id"] for role in item["participating_roles"])
        if is_new or sorted(role.pk for role in step.participating_roles.all()) != role_ids:
            step.participating_roles.set(role_ids)
        _sync_references(StepReference, {"step": step}, [] if is_new else list(step.references.all()), item["references"])
    if moved:
        Step.objects.bulk_update(moved, ["position"])
    # References are written in bulk (no signals): the released steps' cards are rendered again.
    cards.changed(Step.objects.filter(process=process).values_list("pk", flat=True))
    cards.bases_changed([process.pk])
    return created
