"""Step cards: what the process page shows of a step, rendered when it changes, not per request.

(The process's own legal basis is kept the same way: `Process.basis_html`, see the end.)

The card is the step's roles, description and facts (legal basis, documents, duration): the
part of the process page that needs the step's roles and references with their norms and laws
(three queries and most of the template's work). It is stored with the step (`Step.card_html`)
and rendered again, in the transaction of the change, whenever anything it shows changes:

- the step itself, its participating roles, its legal references;
- a role it names (name, address, external or not);
- a norm or law it cites (label, address, official link).

The title, position and anchor, the review flags and the panels of higher apps stay outside the
card: they change without the step (a move, a law change, a new article). A step whose card
is empty (written by a bulk insert that sends no signals) is rendered when its page is, and
stored by the next `migrate` (steps written before cards existed get theirs that way).
"""

from collections.abc import Iterable

from django.conf import settings
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.template.loader import get_template
from django.utils import translation

from core import batching
from law.models import Law, Norm
from processes.models import Process, ProcessReference, Role, Step, StepReference

TEMPLATE = "processes/includes/_step_card.html"
BASIS_TEMPLATE = "processes/includes/_process_basis.html"
NO_BASIS = "<!-- keine Rechtsgrundlage angegeben -->"  # rendered, and empty: not "not rendered yet"
_CHUNK = 500


def render(step: Step) -> str:
    """The card of one step, its roles and references loaded (see `loaded`)."""
    with translation.override(settings.LANGUAGE_CODE):  # the staff pages' language, whoever changed it
        return get_template(TEMPLATE).render({"step": step})


def loaded(step_ids: Iterable[int]):
    from processes.selectors import step_card_queryset

    return step_card_queryset().filter(pk__in=list(step_ids))


def refresh(step_ids: Iterable[int]) -> None:
    """Render and store the cards of these steps (missing ones are skipped), a few queries per 500 steps."""
    ids = sorted(set(step_ids))
    for start in range(0, len(ids), _CHUNK):
        steps = list(loaded(ids[start : start + _CHUNK]))
        for step in steps:
            step.card_html = render(step)
        Step.objects.bulk_update(steps, ["card_html"])  # no signals: nothing else changed


def render_missing() -> int:
    """Render and store every card not rendered yet (after migrate; after a bulk load). Returns how many."""
    ids = list(Step.objects.filter(card_html="").values_list("pk", flat=True))
    refresh(ids)
    processes = list(Process.objects.filter(basis_html="").values_list("pk", flat=True))
    refresh_bases(processes)
    return len(ids) + len(processes)


def _migrated(sender, **kwargs):
    # Steps written before cards existed get theirs once, with the models as they are now.
    render_missing()


def fill(steps: list[Step]) -> None:
    """Give steps without a stored card one for this request (rendered, not stored: a read writes nothing)."""
    missing = [step for step in steps if not step.card_html]
    if missing:
        rendered = {step.pk: render(step) for step in loaded(step.pk for step in missing)}
        for step in missing:
            step.card_html = rendered.get(step.pk, "")


def changed(step_ids: Iterable[int]) -> None:
    """These steps' cards are to be rendered again: now, or once at the end of the current batch."""
    ids = {pk for pk in step_ids if pk is not None}
    if ids:
        batching.collect("processes.step_cards", ids, refresh)


def _steps_of_roles(role_ids) -> set[int]:
    query = Q(responsible_role__in=role_ids) | Q(participating_roles__in=role_ids)
    return set(Step.objects.filter(query).values_list("pk", flat=True))


def _steps_citing(norms: Q) -> set[int]:
    return set(StepReference.objects.filter(norms).values_list("step_id", flat=True))


# --- what changes a card -----------------------------------------------------------------------


# --- the legal basis of a process --------------------------------------------------------------


def _with_references(process_ids):
    from django.db.models import Prefetch

    references = ProcessReference.objects.select_related("norm__law").order_by("position", "id")
    return Process.objects.filter(pk__in=list(process_ids)).prefetch_related(Prefetch("references", queryset=references))


def render_basis(process: Process) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return get_template(BASIS_TEMPLATE).render({"process": process}).strip() or NO_BASIS


def refresh_bases(process_ids: Iterable[int]) -> None:
    """Render and store the legal basis section of these processes."""
    ids = sorted(set(process_ids))
    for start in range(0, len(ids), _CHUNK):
        processes = list(_with_references(ids[start : start + _CHUNK]))
        for process in processes:
            process.basis_html = render_basis(process)
        Process.objects.bulk_update(processes, ["basis_html"])


def fill_basis(process: Process) -> None:
    """The legal basis for this request if it was never stored (rendered, not stored)."""
    if not process.basis_html:
        loaded_process = _with_references([process.pk]).first()
        process.basis_html = render_basis(loaded_process) if loaded_process else NO_BASIS


def bases_changed(process_ids: Iterable[int]) -> None:
    ids = {pk for pk in process_ids if pk is not None}
    if ids:
        batching.collect("processes.bases", ids, refresh_bases)


def _process_saved(sender, instance, raw=False, created=False, **kwargs):
    if not raw and created:
        bases_changed([instance.pk])  # none yet, but rendered: the page need not look


def _process_reference_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        bases_changed([instance.process_id])


# --- what changes a card -----------------------------------------------------------------------


def _step_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or (update_fields is not None and set(update_fields) <= {"position", "card_html"}):
        return  # a move or a card: nothing the card shows
    changed([instance.pk])


def _reference_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        changed([instance.step_id])


def _participants_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not action.startswith("post_"):
        return
    if not reverse:
        changed([instance.pk])
    elif pk_set:
        changed(pk_set)  # from the role's side: the steps added or removed
    else:
        changed(_steps_of_roles([instance.pk]))  # a role's steps cleared: those it had are gone already


def _role_saved(sender, instance, raw=False, created=False, **kwargs):
    if not raw and not created:
        changed(_steps_of_roles([instance.pk]))


def _processes_citing(norms: Q) -> set[int]:
    return set(ProcessReference.objects.filter(norms).values_list("process_id", flat=True))


def _norm_saved(sender, instance, raw=False, created=False, **kwargs):
    if not raw and not created:
        changed(_steps_citing(Q(norm=instance.pk)))
        bases_changed(_processes_citing(Q(norm=instance.pk)))


def _law_saved(sender, instance, raw=False, created=False, **kwargs):
    if not raw and not created:
        changed(_steps_citing(Q(norm__law=instance.pk)))
        bases_changed(_processes_citing(Q(norm__law=instance.pk)))


def connect(app_config) -> None:
    """From ProcessesConfig.ready()."""
    post_migrate.connect(_migrated, sender=app_config, dispatch_uid="cards.migrated")
    post_save.connect(_step_saved, sender=Step, dispatch_uid="cards.step")
    post_save.connect(_reference_changed, sender=StepReference, dispatch_uid="cards.reference.save")
    post_delete.connect(_reference_changed, sender=StepReference, dispatch_uid="cards.reference.delete")
    m2m_changed.connect(_participants_changed, sender=Step.participating_roles.through, dispatch_uid="cards.participants")
    post_save.connect(_role_saved, sender=Role, dispatch_uid="cards.role")
    post_save.connect(_norm_saved, sender=Norm, dispatch_uid="cards.norm")
    post_save.connect(_law_saved, sender=Law, dispatch_uid="cards.law")
    post_save.connect(_process_saved, sender=Process, dispatch_uid="cards.process")
    post_save.connect(_process_reference_changed, sender=ProcessReference, dispatch_uid="cards.basis.save")
    post_delete.connect(_process_reference_changed, sender=ProcessReference, dispatch_uid="cards.basis.delete")
