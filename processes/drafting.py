"""The admin's change forms of a process and its steps, run on the process's newest version.

The live rows of a process hold its released version. To edit a pending draft with the
admin's own forms and inlines, the draft is written to the rows inside a savepoint, the
admin view runs on them (showing the form, or validating and saving a POST), what it saved
is captured as a snapshot, and the savepoint is rolled back: the rows hold the released
version again, and a POST's changes are kept as a new draft version. Nothing of the draft
reaches readers, the page cache or the search index.
"""

import dataclasses

from django.db import transaction
from django.http import HttpRequest

from core import batching, caching
from core.params import int_or_none
from core.signals import AuditAction, audit_event
from processes import selectors, services, versioning
from processes.models import Process, ProcessVersion


class _RollBack(Exception):
    pass


@dataclasses.dataclass
class DraftState:
    """What one admin request knows about the process it edits; ``request.process_draft``."""

    process: Process
    latest: int  # the number of the newest version when the request began
    released: int
    draft: ProcessVersion | None  # the pending draft the form shows, if any
    known_keys: set[int]
    submitted_base: int | None = None
    snapshot: dict | None = None  # set when the admin saved: the state to keep as a draft
    note: str = ""
    significant: bool = False
    review_date_changed: bool = False
    review_date: object = None
    saved: ProcessVersion | None = None
    unchanged: bool = False

    @property
    def is_stale(self) -> bool:
        """The form was opened from another version than the newest (or its base is forged)."""
        return self.submitted_base is not None and self.submitted_base != self.latest

    def key_of(self, step) -> int:
        """The snapshot key of a step: its id if the process or the draft had it, else a new draft key."""
        if step.pk in self.known_keys:
            return step.pk
        self._new_keys = getattr(self, "_new_keys", 0) + 1
        return versioning.new_step_key(self.process.pk, self.latest + 1, self._new_keys)

    def capture(self) -> None:
        process = versioning.loaded(Process.objects.filter(pk=self.process.pk)).get()
        self.snapshot = versioning.capture(process, key_of=self.key_of)


BASE_FIELD = "base_version"


def run(request: HttpRequest, process_id: int, view):
    """Run ``view()`` (an admin change view) on the newest version of the process; see the module text."""
    posting = request.method == "POST"
    with transaction.atomic():
        process = services.lock(process_id) if posting else Process.objects.get(pk=process_id)
        draft = process.versions.filter(number=process.latest_version).first() if process.has_pending_draft else None
        if draft is not None:
            known = {step["key"] for step in draft.snapshot["steps"]}
        else:
            known = set(process.steps.values_list("pk", flat=True))
        state = DraftState(
            process=process,
            latest=process.latest_version,
            released=process.released_version,
            draft=draft,
            known_keys=known,
            submitted_base=_submitted_base(request) if posting else None,
        )
        request.process_draft = state
        try:
            with transaction.atomic(), caching.no_store(), batching.discarded():
                if draft is not None:
                    versioning.apply(process, draft.snapshot, keep_draft_keys=True)
                response = view()
                if hasattr(response, "render") and not response.is_rendered:
                    response.render()  # the template reads the draft's rows: before they are rolled back
                raise _RollBack
        except _RollBack:
            pass
        if state.snapshot is not None:
            if not state.note:
                state.note = selectors.summary(process, state.snapshot)
            state.saved = services.process_save_draft(
                process=process,
                author=request.user,
                base_number=state.latest,  # checked against the submitted base by the form
                snapshot=state.snapshot,
                note=state.note,
                significant=state.significant,
            )
            state.unchanged = state.saved is None
            if state.saved is not None:
                # The admin's own history entry was rolled back with the savepoint: the audit log records the draft.
                audit_event.send(
                    sender=Process,
                    action=AuditAction.DRAFT,
                    actor=request.user,
                    object_repr=str(process)[:300],
                    details=f"version {state.saved.number}: {state.saved.change_note}"[:500],
                    request=request,
                )
            if state.review_date_changed:
                # The next review date is not content: it is set at once, as the "reviewed" button does.
                Process.objects.filter(pk=process.pk).update(review_date=state.review_date)
                caching.changed(caching.tag("process", process.pk), caching.tag("process-draft", process.pk), caching.REVIEW)
    return response


def _submitted_base(request) -> int:
    value = request.POST.get(BASE_FIELD, "")
    number = int_or_none(value)
    return -1 if number is None else number


def state_of(request) -> DraftState | None:
    return getattr(request, "process_draft", None)
