"""Writes of the law changes: recording a change with its review items, closing review items."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import caching, impact
from core.signals import AuditAction, audit_event, law_change_recorded
from lawchanges.models import LawChange, ReviewItem


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
    law_change_recorded.send(  # notifications: those who watch what it affects are told
        sender=LawChange,
        change=change,
        affected=[(item.kind, item.object_id) for item in analysis.review_items],
        actor=recorded_by,
    )
    audit_event.send(
        sender=LawChange, action=AuditAction.LAW_CHANGE, actor=recorded_by, object_repr=str(change),
        details=f"norms: {', '.join(norm.label for norm in norms)}; review items: {len(analysis.review_items)}",
    )
    return change


@transaction.atomic
def review_items_close(*, items, user, status: str, note: str = "") -> int:
    """Close open review items as adapted or not affected; records who and when. Returns how many."""
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
        audit_event.send(
            sender=ReviewItem, action=AuditAction.REVIEW_CLOSED, actor=user, object_repr=f"{closed} items", details=status
        )
    return closed
