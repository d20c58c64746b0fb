"""Writes of the onboarding app. Every function runs in one transaction."""

import datetime
import math
import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from core import ownership
from core.signals import assigned
from knowledge.models import Article
from onboarding.models import Assignment, Confirmation, PathItem, PathSection, ReadingPath
from processes import tree
from processes.models import Process, Role, Step, StepReference


class ConfirmationRefused(Exception):
    """The item cannot be confirmed now; the message says why (in German)."""


def _own(assignment: Assignment, item: PathItem, user) -> None:
    # Nobody confirms for someone else; an item of another path is not part of this assignment.
    if assignment.person_id != user.pk:
        raise PermissionDenied("not your assignment")
    if item.section.path_id != assignment.path_id:
        raise PermissionDenied("item not on this path")


def _process_for_snapshot(process_id: int) -> Process:
    return Process.objects.prefetch_related(
        Prefetch(
            "steps",
            queryset=Step.objects.select_related("responsible_role").prefetch_related(
                "participating_roles", Prefetch("references", queryset=StepReference.objects.select_related("norm__law"))
            ),
        )
    ).get(pk=process_id)


@transaction.atomic
def item_confirm(*, assignment: Assignment, item: PathItem, user, note: str = "") -> Confirmation:
    """„Gelesen und verstanden“ / „Erledigt“: record when, and for an article the exact revision read.

    Confirming an item that is confirmed and current changes nothing (idempotent); confirming an
    outdated one records the current version. Raises ConfirmationRefused for archived or
    unreleased articles and PermissionDenied for someone else's assignment.
    """
    _own(assignment, item, user)
    values: dict = {"confirmed_at": timezone.now(), "note": (note or "").strip()[:2000]}
    if item.kind == PathItem.Kind.ARTICLE:
        article = Article.objects.select_related("published_revision").get(pk=item.article_id)
        if article.is_archived:
            raise ConfirmationRefused(
                _("This article has been archived and can no longer be confirmed. Please ask your mentor what replaces it.")
            )
        if not article.is_published:
            raise ConfirmationRefused(_("This article has not been released yet and cannot be confirmed."))
        values["revision"] = article.published_revision
    elif item.kind == PathItem.Kind.PROCESS:
        process = _process_for_snapshot(item.process_id)
        if not process.is_published:
            raise ConfirmationRefused(_("This process is not published and cannot be confirmed."))
        values["process_version"] = process.significant_version
        values["process_snapshot"] = process.snapshot_text()
        values["process_release"] = process.released_version or None

    existing = Confirmation.objects.select_for_update().filter(assignment=assignment, item=item).first()
    if existing is not None:
        existing.item = item
        unchanged = (
            existing.revision_id == getattr(values.get("revision"), "pk", None)
            and existing.process_version == values.get("process_version")
            and (item.kind != PathItem.Kind.TASK or existing.note == values["note"])
        )
        if unchanged:
            return existing
        for field, value in values.items():
            setattr(existing, field, value)
        existing.save()
        return existing
    try:
        with transaction.atomic():
            return Confirmation.objects.create(assignment=assignment, item=item, **values)
    except IntegrityError:
        # A double click raced us: the other request already recorded it.
        return Confirmation.objects.get(assignment=assignment, item=item)


@transaction.atomic
def item_undo(*, assignment: Assignment, item: PathItem, user) -> None:
    """Take back a confirmation; only its owner can."""
    _own(assignment, item, user)
    Confirmation.objects.filter(assignment=assignment, item=item).delete()


def _reading_minutes(text: str) -> int:
    """Reading time at 200 words a minute, in steps of five minutes."""
    words = len(re.findall(r"\w+", text or ""))
    return max(5, 5 * math.ceil(words / 200 / 5))


@transaction.atomic
def path_draft_from_process_map(*, role: Role, created_by) -> ReadingPath:
    """Draft a reading path for a role from the process map.

    Every published process in which the role is responsible for a step becomes an item, in
    process-map order, grouped in one section per area of the map; after each process come
    the released articles linked to the role's steps in it. The team lead edits the draft
    before assigning it.
    """
    steps = (
        Step.objects.filter(responsible_role=role, process__status=Process.Status.PUBLISHED)
        .select_related("process__category__parent")
        .order_by("process__category__tree_id", "process__category__lft", "process__code", "position")
    )
    processes: dict[int, Process] = {}
    step_ids_by_process: dict[int, list[int]] = {}
    for step in steps:
        processes.setdefault(step.process_id, step.process)
        step_ids_by_process.setdefault(step.process_id, []).append(step.pk)
    if not processes:
        raise ValidationError(
            _("The role %(role)s is not responsible for any step of a published process; there is nothing to draft from.")
            % {"role": role.name}
        )
    articles_by_step: dict[int, list[Article]] = {}
    for link in Article.steps.through.objects.filter(
        step_id__in=[pk for ids in step_ids_by_process.values() for pk in ids],
        article__in=Article.objects.published(),
    ).select_related("article__published_revision"):
        articles_by_step.setdefault(link.step_id, []).append(link.article)

    path = ReadingPath.objects.create(
        title=_("Onboarding %(role)s (draft of %(date)s)")
        % {"role": role.name, "date": timezone.localdate().strftime("%d.%m.%Y")},
        role=role,
        description=_(
            "Drafted from the process map: every process in which the role is responsible for a step, "
            "with the articles on those steps. Please check, add tasks (e.g. shadowing) and remove what is not needed."
        ),
        created_by=created_by,
    )
    sections: dict[int, PathSection] = {}
    item_positions: dict[int, int] = {}
    seen: set[int] = set()
    for process in processes.values():
        area = tree.ancestors(process.category, include_self=True)
        group = area[1] if len(area) > 1 else area[0]
        if group.pk not in sections:
            sections[group.pk] = PathSection.objects.create(
                path=path, title=f"{group.code} {group.name}".strip(), position=len(sections) + 1
            )
        section = sections[group.pk]

        def add(section=section, **fields):
            item_positions[section.pk] = item_positions.get(section.pk, 0) + 1
            PathItem.objects.create(section=section, position=item_positions[section.pk], **fields)

        add(
            kind=PathItem.Kind.PROCESS,
            process=process,
            required=True,
            estimated_minutes=10 + 2 * len(step_ids_by_process[process.pk]),
        )
        for step_id in step_ids_by_process[process.pk]:
            for article in articles_by_step.get(step_id, []):
                if article.pk in seen:  # an article on steps of several processes is read once
                    continue
                seen.add(article.pk)
                add(
                    kind=PathItem.Kind.ARTICLE,
                    article=article,
                    required=True,
                    estimated_minutes=_reading_minutes(article.published_revision.body),
                )
    ownership.created(created_by, path)  # the team lead's department
    return path


@transaction.atomic
def assignment_create(
    *, path: ReadingPath, person, mentor, start_date: datetime.date, due_date: datetime.date, assigned_by
) -> Assignment:
    """Assign a path to a new hire. A person can have several paths, but each path once."""
    ownership.check(assigned_by, path)  # another department's path: PermissionDenied (403)
    if due_date < start_date:
        raise ValidationError({"due_date": _("The due date must not be before the start.")})
    if mentor is not None and mentor.pk == person.pk:
        raise ValidationError({"mentor": _("Mentor and new colleague must be different people.")})
    if Assignment.objects.filter(path=path, person=person).exists():
        raise ValidationError({"person": _("This path is already assigned to this person.")})
    assignment = Assignment.objects.create(
        path=path, person=person, mentor=mentor, start_date=start_date, due_date=due_date, assigned_by=assigned_by
    )
    assigned.send(sender=Assignment, assignment=assignment)  # notifications: the new hire is told
    return assignment
