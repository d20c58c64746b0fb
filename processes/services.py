"""Writes of the processes app that do more than one save."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from core import caching
from processes.models import Process, Step

# Steps are parked above this offset while a new order is written, so that the
# unique (process, position) constraint holds after every single UPDATE.
_PARKING_OFFSET = 10_000
MAX_POSITION = 999


def _lock_process(process: Process) -> None:
    # Serialises concurrent reorders of the same process (a no-op on SQLite,
    # whose IMMEDIATE transactions already lock the database).
    Process.objects.select_for_update().filter(pk=process.pk).exists()


@transaction.atomic
def steps_apply_order(*, process: Process, ordered_steps: Iterable[Step]) -> list[Step]:
    """Save the given steps of a process in the given order as positions 1..n.

    New steps in the list are created, existing ones updated (including any other
    field changes on the instances). Steps of the process that are not in the list
    keep their relative order after the given ones. Side effects: every step of the
    process may get a new position; all in one transaction.
    """
    _lock_process(process)
    ordered_steps = list(ordered_steps)
    Step.objects.filter(process=process).update(position=F("position") + _PARKING_OFFSET)
    for position, step in enumerate(ordered_steps, start=1):
        step.process = process
        step.position = position
        step.save()
    # Steps added meanwhile by someone else are still parked: append them.
    remaining = Step.objects.filter(process=process, position__gt=_PARKING_OFFSET).order_by("position")
    for position, step in enumerate(remaining, start=len(ordered_steps) + 1):
        Step.objects.filter(pk=step.pk).update(position=position)
    caching.bump()
    return ordered_steps


@transaction.atomic
def step_move(*, step: Step, position: int) -> None:
    """Move one step to a new position (1-based), shifting the others."""
    steps = [s for s in Step.objects.filter(process_id=step.process_id).order_by("position") if s.pk != step.pk]
    position = max(1, min(position, len(steps) + 1))
    steps.insert(position - 1, step)
    steps_apply_order(process=step.process, ordered_steps=steps)


@transaction.atomic
def process_mark_significant_change(*, process: Process, note: str) -> None:
    """Record that the steps changed significantly: everyone who confirmed the process must read it again."""
    note = (note or "").strip()
    if not note:
        raise ValidationError({"significant_change_note": _("Please describe the significant change in a few words.")})
    Process.objects.filter(pk=process.pk).update(
        significant_version=F("significant_version") + 1,
        significant_changed_at=timezone.now(),
        significant_change_note=note[:300],
    )
    caching.bump()
    process.refresh_from_db(fields=["significant_version", "significant_changed_at", "significant_change_note"])


