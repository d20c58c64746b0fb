"""Impact analysis of a law change: what cites the affected norms.

Each app registers an impact source in its AppConfig.ready(): processes and steps here,
articles in knowledge, reading paths in onboarding. processes itself imports neither of
them. A source finds the affected items for a list of norms; sources that open review
items get one per item when the change is recorded, the others (reading paths) only count.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


@dataclass
class Affected:
    kind: str
    object_id: int
    title: str
    url: str
    reasons: list[str] = field(default_factory=list)
    owner: object = None
    role: object = None
    parent_id: int | None = None  # e.g. the process of a step


@dataclass(frozen=True)
class ImpactSource:
    kind: str
    find: Callable[[list, "Impact"], list[Affected]]
    describe: Callable[[list[Affected]], str]
    opens_review_items: bool = True
    adapted_result: Callable[[int], str] | None = None
    order: int = 100


@dataclass
class Impact:
    norms: list
    groups: dict[str, list[Affected]] = field(default_factory=dict)

    def items(self, kind: str) -> list[Affected]:
        return self.groups.get(kind, [])

    @property
    def review_items(self) -> list[Affected]:
        return [item for source in sources() if source.opens_review_items for item in self.items(source.kind)]

    @property
    def summary(self) -> str:
        """E.g. „7 Schritte in 4 Prozessen, 3 Artikel, 2 Einarbeitungspfade“."""
        parts = [source.describe(self.items(source.kind)) for source in sources() if self.items(source.kind)]
        return ", ".join(parts) if parts else _("Nothing in the process database cites these norms.")

    @property
    def is_empty(self) -> bool:
        return not any(self.groups.values())


_sources: dict[str, ImpactSource] = {}


def register(source: ImpactSource) -> None:
    _sources[source.kind] = source


def sources() -> list[ImpactSource]:
    return sorted(_sources.values(), key=lambda s: s.order)


def source(kind: str) -> ImpactSource | None:
    return _sources.get(kind)


def analyse(norms) -> Impact:
    """Everything that cites the norms, per registered source; each item once with all its reasons."""
    impact = Impact(norms=list(norms))
    for registered in sources():
        impact.groups[registered.kind] = registered.find(impact.norms, impact)
    return impact


def merge(found: dict[int, Affected], key: int, make: Callable[[], Affected], reason: str) -> None:
    """Add a reason to an item, creating it on first sight (no double count)."""
    item = found.get(key)
    if item is None:
        item = found[key] = make()
    if reason not in item.reasons:
        item.reasons.append(reason)


# --- the two sources of this app -------------------------------------------------------


def _find_processes(norms, impact) -> list[Affected]:
    from processes.models import Process, ProcessReference

    found: dict[int, Affected] = {}
    active = Process.objects.exclude(status=Process.Status.ARCHIVED)

    def make(process):
        return lambda: Affected(
            kind="process", object_id=process.pk, title=f"{process.code} {process.title}".strip(), url=process.get_absolute_url(),
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
            kind="step", object_id=step.pk, title=f"{step.process.title} – {step.position}. {step.title}",
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
    register(ImpactSource("process", _find_processes, _describe_processes, order=10))
    register(ImpactSource("step", _find_steps, _describe_steps, order=20))
