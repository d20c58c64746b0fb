"""Writes of the processes app that do more than one save."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from processes import caching
from processes.models import Process, Step
from core.signals import audit_event
from core.text import german_slugify

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
def process_mark_reviewed(*, process: Process, user, next_review: datetime.date) -> None:
    """Record that the process description was checked and still holds; sets the next review date."""
    if next_review <= timezone.localdate():
        raise ValidationError({"next_review": _("The next review must be in the future.")})
    Process.objects.filter(pk=process.pk).update(
        reviewed_at=timezone.now(), reviewed_by=user, review_date=next_review
    )
    caching.bump()


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


class LawChangeRefused(Exception):
    """The law change cannot be recorded; the message says why (in German)."""


@transaction.atomic
def law_change_record(
    *, law, norms, title: str, effective_date: datetime.date, summary: str = "", source: str = "", recorded_by
):
    """Record a law change and open one review item per affected process, step and article.

    Recording the same change (law, date, title) twice is refused. Side effects: review
    items, which show as banners on the affected content until they are closed.
    """
    from processes import impact
    from processes.models import LawChange, ReviewItem

    norms = list(norms)
    title = (title or "").strip()
    if not norms:
        raise LawChangeRefused(_("Please choose at least one affected norm."))
    if not title:
        raise LawChangeRefused(_("Please give the change a title."))
    # Compared in Python: SQLite's case-insensitive match does not fold umlauts.
    same_day = LawChange.objects.filter(law=law, effective_date=effective_date).values_list("title", flat=True)
    if any(existing.casefold() == title.casefold() for existing in same_day):
        raise LawChangeRefused(_("This change (same law, date and title) has already been recorded."))
    change = LawChange.objects.create(
        law=law, title=title, effective_date=effective_date, summary=(summary or "").strip(),
        source=(source or "").strip(), recorded_by=recorded_by,
    )
    change.norms.set(norms)
    analysis = impact.analyse(norms)
    ReviewItem.objects.bulk_create(
        ReviewItem(
            law_change=change,
            kind=item.kind,
            object_id=item.object_id,
            title=item.title[:400],
            url=item.url,
            reasons="; ".join(item.reasons)[:500],
            owner=item.owner,
            role=item.role,
        )
        for item in analysis.review_items
    )
    caching.bump()  # bulk_create sends no signals
    audit_event.send(
        sender=LawChange, action="law_change", actor=recorded_by, object_repr=str(change),
        details=f"norms: {', '.join(norm.label for norm in norms)}; review items: {len(analysis.review_items)}",
    )
    return change


@transaction.atomic
def review_items_close(*, items, user, status: str, note: str = "") -> int:
    """Close open review items as adapted or not affected; records who and when. Returns how many."""
    from processes import impact
    from processes.models import ReviewItem

    if status not in (ReviewItem.Status.ADAPTED, ReviewItem.Status.NOT_AFFECTED):
        raise ValidationError(_("Choose „adapted“ or „not affected“."))
    note = (note or "").strip()
    if status == ReviewItem.Status.NOT_AFFECTED and not note:
        raise ValidationError({"note": _("Please give a reason why the content is not affected.")})
    now = timezone.now()
    closed = 0
    for item in ReviewItem.objects.select_for_update().filter(pk__in=[i.pk for i in items], status=ReviewItem.Status.OPEN):
        item.status = status
        item.resolution_note = note
        item.closed_by = user
        item.closed_at = now
        source = impact.source(item.kind)
        if status == ReviewItem.Status.ADAPTED and source and source.adapted_result:
            item.result_url = source.adapted_result(item.object_id)
        item.save()
        closed += 1
    if closed:
        audit_event.send(sender=ReviewItem, action="review_closed", actor=user, object_repr=f"{closed} items", details=status)
    return closed


