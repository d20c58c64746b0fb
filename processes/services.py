"""Writes of the processes app: the step order, versions, release, restore, archive.

The live rows of a process (Process, Step, references) always hold its released version.
A change is saved as a draft version (a snapshot, processes.versioning); a second person
releases it, which writes the snapshot to the rows. Every function runs in one transaction
and, inside ``batching.batch()``, updates the search index and the content version once.
"""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from core import addresses, batching, caching, ownership
from core.signals import AuditAction, audit_event, released
from processes import versioning
from processes.models import Category, Process, ProcessRelease, ProcessVersion, Step

# Steps are parked above this offset while a new order is written, so that the
# unique (process, position) constraint holds after every single UPDATE.
_PARKING_OFFSET = 10_000
MAX_POSITION = 999


class EditConflict(Exception):
    """A newer version was saved since the editor was opened; ``process`` holds the current numbers."""

    def __init__(self, process: Process):
        super().__init__(f"a newer version of {process.slug} was saved meanwhile")
        self.process = process


class ReleaseRefused(Exception):
    pass


def _after_lock(process: Process) -> None:
    """Hook between taking the process lock and checking the base (tests pause here)."""


def lock(process: Process | int) -> Process:
    """The process row, locked until the transaction ends.

    Serialises concurrent saves, releases and reorders of the same process on PostgreSQL;
    SQLite's IMMEDIATE transactions already serialise writers.
    """
    locked = Process.objects.select_for_update().get(pk=getattr(process, "pk", process))
    _after_lock(locked)
    return locked


def _lock_process(process: Process) -> None:
    lock(process)


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
    unrendered = []
    with batching.batch():
        for position, step in enumerate(ordered_steps, start=1):
            step.process = process
            step.position = position
            if step.pk and not step._state.adding and getattr(step, "_rendered_source", None) == step.description:
                unrendered.append(step)  # nothing to render: written together below
            else:
                step.save()
        if unrendered:
            # One UPDATE for the steps whose text is unchanged, instead of one each (a reorder of 40).
            fields = [f.name for f in Step._meta.concrete_fields if not f.primary_key and f.name != "description_html"]
            Step.objects.bulk_update(unrendered, fields)
            process_changed(process.pk)
    # Steps added meanwhile by someone else are still parked: append them.
    remaining = Step.objects.filter(process=process, position__gt=_PARKING_OFFSET).order_by("position")
    for position, step in enumerate(remaining, start=len(ordered_steps) + 1):
        Step.objects.filter(pk=step.pk).update(position=position)
    caching.changed(*process.cache_tags())
    return ordered_steps


@transaction.atomic
def step_move(*, step: Step, position: int) -> None:
    """Move one step to a new position (1-based), shifting the others.

    Only positions change, so it costs a fixed number of queries for any number of steps:
    one UPDATE parks the steps, one writes the new order, the index is refreshed once.
    """
    with batching.batch():  # the page cache learns of the move and of the search rows at once
        _lock_process(step.process)
        ids = [pk for pk in Step.objects.filter(process_id=step.process_id).order_by("position").values_list("pk", flat=True)]
        if step.pk in ids:
            ids.remove(step.pk)
        position = max(1, min(position, len(ids) + 1))
        ids.insert(position - 1, step.pk)
        Step.objects.filter(process_id=step.process_id).update(position=F("position") + _PARKING_OFFSET)
        Step.objects.bulk_update([Step(pk=pk, position=number) for number, pk in enumerate(ids, start=1)], ["position"])
        step.position = position
        Process.objects.filter(pk=step.process_id).update(updated_at=timezone.now())
        caching.changed(*step.process.cache_tags())
        process_changed(step.process_id)


def process_changed(process_id: int) -> None:
    """Tell the apps above (search) that a process's rows changed without a save of the process row."""
    from processes.signals import process_rows_changed

    process_rows_changed.send(sender=Process, process_id=process_id)


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
    caching.changed(caching.tag("process", process.pk))
    process.refresh_from_db(fields=["significant_version", "significant_changed_at", "significant_change_note"])




def _latest(process: Process) -> ProcessVersion | None:
    return process.versions.filter(number=process.latest_version).first() if process.latest_version else None


def _new_version(*, process: Process, snapshot: dict, author, note: str, significant: bool, restored_from=None) -> ProcessVersion:
    number = process.latest_version + 1
    version = ProcessVersion(
        process=process,
        number=number,
        snapshot=snapshot,
        change_note=(note or "").strip()[:300] or _("Changed"),
        is_significant=significant,
        author=author,
        restored_from=restored_from,
    )
    try:
        with transaction.atomic():
            version.save()
    except IntegrityError as error:
        # The unique (process, number) constraint is the last guard against a lost update.
        raise EditConflict(process) from error
    Process.objects.filter(pk=process.pk).update(latest_version=number)
    process.latest_version = number  # the version's own signal tells the editors' pages (a draft)
    return version


@transaction.atomic
def ensure_baseline(process: Process, *, released_at: datetime.datetime | None = None) -> None:
    """Give a process without versions its first one: the state of its rows (released unless a draft).

    For processes created before versions existed, and for the demo. Does nothing otherwise.
    """
    process = lock(process)
    if process.latest_version:
        return
    snapshot = versioning.capture(versioning.loaded(Process.objects.filter(pk=process.pk)).get())
    version = _new_version(
        process=process, snapshot=snapshot, author=None, note=_("State when versions were introduced"), significant=False
    )
    if process.status != Process.Status.DRAFT:
        ProcessRelease.objects.create(version=version, released_by=None, released_at=released_at or timezone.now())
        Process.objects.filter(pk=process.pk).update(released_version=version.number)


@transaction.atomic
def process_save_draft(
    *, process: Process, author, base_number: int, snapshot: dict, note: str = "", significant: bool = False
) -> ProcessVersion | None:
    """Save an edit that started from version ``base_number`` as a new draft version.

    Raises EditConflict if another version was saved since; nothing is written then. Returns
    None if the snapshot says nothing new (saved again unchanged). Readers keep seeing the
    released version.
    """
    process = lock(process)
    ownership.check(author, process)
    target_id = snapshot["process"]["category"]["id"]
    if target_id != process.category_id:  # moved to another area: that area's department must agree too
        target = Category.objects.filter(pk=target_id).first()
        if target is not None:
            ownership.check(author, target)
    if not process.latest_version and base_number == 0:
        # Opened before the process had versions: its rows were the base.
        ensure_baseline(process)
        process.refresh_from_db(fields=["latest_version", "released_version"])
        base_number = process.latest_version
    if base_number != process.latest_version:
        raise EditConflict(process)
    latest = _latest(process)
    if latest is not None and versioning.content(latest.snapshot) == versioning.content(snapshot):
        return None
    return _new_version(process=process, snapshot=snapshot, author=author, note=note, significant=significant)


def release_problem(version: ProcessVersion, releaser) -> str | None:
    """Why ``releaser`` may not release ``version`` now, or None."""
    from processes.permissions import release_refusal

    refusal = release_refusal(releaser, version) or ownership.refusal(releaser, version.process)
    if refusal:
        return refusal
    if ProcessRelease.objects.filter(version=version).exists():
        return _("This version has already been released.")
    if version.number != version.process.latest_version:
        return _("Only the latest version can be released; a newer one exists.")
    if version.process.status == Process.Status.ARCHIVED:
        return _("Archived processes cannot be released. Reactivate the process first.")
    return None


@transaction.atomic
def version_release(*, version: ProcessVersion, releaser, released_at: datetime.datetime | None = None) -> ProcessRelease:
    """Publish a draft version (four-eyes principle): its snapshot becomes the process's rows.

    Side effects: readers see the new state at once; search, page cache and audit log are
    updated once; a significant change in any draft since the last release asks those who
    confirmed the process to read it again.
    """
    process = lock(version.process)
    version.process = process
    ownership.check(releaser, process)  # another department's process: PermissionDenied (403)
    problem = release_problem(version, releaser)
    if problem:
        raise ReleaseRefused(problem)
    previous = process.released_version or 0
    before = process.versions.filter(number=process.released_version).values_list("snapshot", flat=True).first()
    with batching.batch():
        created = versioning.apply(process, version.snapshot, keep_draft_keys=False)
        release = ProcessRelease.objects.create(
            version=version, released_by=releaser, released_at=released_at or timezone.now(), step_keys=created
        )
        fields = {"released_version": version.number}
        if process.status == Process.Status.DRAFT:
            fields["status"] = Process.Status.PUBLISHED
        Process.objects.filter(pk=process.pk).update(**fields)
        significant = (
            process.versions.filter(number__gt=process.released_version, number__lte=version.number, is_significant=True)
            .order_by("-number")
            .first()
        )
        if significant is not None and process.released_version:
            process_mark_significant_change(process=process, note=significant.change_note)
        # The rows apply() wrote named their pages; the first release shows the process on the map and in lists.
        first = [caching.tag(caching.MAP_AREA, process.category_id), f"{caching.MAP}-draft", caching.TITLES, caching.REVIEW]
        first = first if "status" in fields else []
        caching.changed(
            caching.tag("process", process.pk),
            caching.tag("process-draft", process.pk),
            caching.CITATIONS,
            *first,
            *versioning.cache_tags(before),
            *versioning.cache_tags(version.snapshot),
        )
        process_changed(process.pk)
    audit_event.send(
        sender=Process,
        action=AuditAction.RELEASE,
        actor=releaser,
        object_repr=str(process)[:300],
        details=f"version {version.number}, author {version.author.get_username() if version.author else '-'}",
    )
    compare = addresses.reverse("processes:compare", slug=process.slug) + f"?von={previous}&zu={version.number}"
    released.send(
        sender=Process, kind="process", object_id=process.pk, title=process.title, number=version.number,
        previous=previous, note=version.change_note, url=process.get_absolute_url(), compare_url=compare if previous else "",
        actor=releaser, significant=version.is_significant, owner_id=process.owner_id,
    )
    return release


@transaction.atomic
def version_restore(*, process: Process, number: int, author) -> ProcessVersion:
    """Revert: a new draft version that copies version ``number``. Nothing is overwritten.

    Raises ProcessVersion.DoesNotExist for a number the process does not have.
    """
    ensure_baseline(process)
    process = lock(process)
    ownership.check(author, process)
    old = process.versions.get(number=number)
    if number == process.latest_version:
        raise ValidationError(_("This is already the latest version."))
    version = _new_version(
        process=process,
        snapshot=old.snapshot,
        author=author,
        note=_("Restored version %(number)d") % {"number": number},
        significant=old.is_significant,
        restored_from=number,
    )
    audit_event.send(
        sender=Process, action=AuditAction.DRAFT, actor=author, object_repr=str(process)[:300],
        details=f"version {version.number}: restored from version {number}",
    )
    return version


def _set_status(processes: Iterable[Process], status: str, *, user, action: AuditAction) -> int:
    changed = 0
    with batching.batch():
        for process in processes:
            process = lock(process)
            ownership.check(user, process)
            if process.status == status:
                continue
            process.status = status
            process.save(update_fields=["status", "updated_at"])  # the search index and page cache follow
            audit_event.send(sender=Process, action=action, actor=user, object_repr=str(process)[:300])
            changed += 1
    return changed


@transaction.atomic
def processes_archive(*, processes: Iterable[Process], user) -> int:
    """Archive: readers no longer see the processes (nor find them); their versions stay. Returns how many changed."""
    return _set_status(processes, Process.Status.ARCHIVED, user=user, action=AuditAction.ARCHIVE)


@transaction.atomic
def processes_reactivate(*, processes: Iterable[Process], user) -> int:
    """Back from the archive: published again if a version was ever released, else a draft again."""
    changed = 0
    with batching.batch():
        processes = list(processes)
        for process in processes:
            ensure_baseline(process)  # a process archived before versions existed was released then
            process.refresh_from_db(fields=["released_version"])
        released = [p for p in processes if p.released_version]
        drafts = [p for p in processes if not p.released_version]
        changed += _set_status(released, Process.Status.PUBLISHED, user=user, action=AuditAction.RESTORE)
        changed += _set_status(drafts, Process.Status.DRAFT, user=user, action=AuditAction.RESTORE)
    return changed



@transaction.atomic
def process_created(*, process: Process, author, note: str = "") -> ProcessVersion:
    """The first version of a process just created (as a draft, seen only by editors until released)."""
    process = lock(process)
    ownership.check(author, process)  # filed in an area of another department
    if process.status != Process.Status.DRAFT:
        Process.objects.filter(pk=process.pk).update(status=Process.Status.DRAFT)
        process.status = Process.Status.DRAFT
    snapshot = versioning.capture(versioning.loaded(Process.objects.filter(pk=process.pk)).get())
    return _new_version(process=process, snapshot=snapshot, author=author, note=note or _("Created"), significant=False)
