"""The processes app's impact sources: processes and steps that cite a changed norm (core.impact)."""

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.impact import Affected, ImpactSource, merge, register

PROCESS = "process"
STEP = "step"


def _find_processes(norms, impact) -> list[Affected]:
    from processes.models import Process, ProcessReference

    found: dict[int, Affected] = {}
    active = Process.objects.exclude(status=Process.Status.ARCHIVED)

    def make(process):
        return lambda: Affected(
            kind=PROCESS, object_id=process.pk, title=f"{process.code} {process.title}".strip(), url=process.get_absolute_url(),
            owner=process.owner, role=process.owner_role,
        )

    for reference in ProcessReference.objects.filter(norm__in=norms, process__in=active).select_related(
        "norm__law", "process__owner", "process__owner_role"
    ):
        merge(found, reference.process_id, make(reference.process), reference.label)
    for process in active.filter(text_citations__in=norms).select_related("owner", "owner_role").distinct():
        merge(found, process.pk, make(process), _("cited in the notes"))
    return sorted(found.values(), key=lambda item: item.title)


def _find_steps(norms, impact) -> list[Affected]:
    from processes.models import Process, Step, StepReference

    found: dict[int, Affected] = {}
    active = Process.objects.exclude(status=Process.Status.ARCHIVED)

    def make(step):
        return lambda: Affected(
            kind=STEP, object_id=step.pk, title=f"{step.process.title} – {step.position}. {step.title}",
            url=step.get_absolute_url(), owner=step.process.owner, role=step.responsible_role, parent_id=step.process_id,
        )

    for reference in StepReference.objects.filter(norm__in=norms, step__process__in=active).select_related(
        "norm__law", "step__process__owner", "step__responsible_role"
    ):
        merge(found, reference.step_id, make(reference.step), reference.label)
    for step in (
        Step.objects.filter(Q(text_citations__in=norms), process__in=active)
        .select_related("process__owner", "responsible_role")
        .distinct()
    ):
        merge(found, step.pk, make(step), _("cited in the description"))
    return sorted(found.values(), key=lambda item: item.title)


def _describe_processes(items) -> str:
    return ngettext("%(count)d process", "%(count)d processes", len(items)) % {"count": len(items)}


def _describe_steps(items) -> str:
    processes = len({item.parent_id for item in items})
    return ngettext("%(count)d step", "%(count)d steps", len(items)) % {"count": len(items)} + " " + ngettext(
        "in %(count)d process", "in %(count)d processes", processes
    ) % {"count": processes}


def register_own_sources() -> None:
    register(ImpactSource(PROCESS, _find_processes, _describe_processes, order=10))
    register(ImpactSource(STEP, _find_steps, _describe_steps, order=20))
