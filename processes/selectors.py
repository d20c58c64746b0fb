"""Reads that join: the querysets and structures the process pages render.

Every function here returns data whose related objects are already loaded, so
templates never query in a loop.
"""

from collections import OrderedDict
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Window
from django.http import Http404
from django.shortcuts import get_object_or_404

from law.models import Law, Norm
from processes import compare, tree, versioning
from processes.models import (
    Category,
    Process,
    ProcessReference,
    ProcessRelease,
    ProcessVersion,
    Role,
    Step,
    StepReference,
)
from processes.permissions import can_see_unpublished


@dataclass
class MapGroup:
    """An area of the process map: a group of a band, or a band's own processes ("tiles")."""

    category: Category
    processes: list[Process] = field(default_factory=list)
    category_ids: set[int] = field(default_factory=set)  # it and the categories below it
    html: str = ""  # filled by the page: the area's list, cached on its own


@dataclass
class MapBand:
    category: Category
    tiles: MapGroup | None = None  # processes filed directly under the band
    groups: list[MapGroup] = field(default_factory=list)
    department: tuple[str, str] | None = None  # (slug, name) of the department that owns it (core.ownership)

    @property
    def processes(self) -> list[Process]:
        return self.tiles.processes if self.tiles else []


def step_card_queryset():
    """Steps with what their cards show (processes.cards): roles, legal references with norms and laws."""
    return Step.objects.select_related("responsible_role").order_by("position").prefetch_related(
        "participating_roles",
        Prefetch("references", queryset=StepReference.objects.select_related("norm__law")),
    )


def process_map_frame() -> list[MapBand]:
    """The bands and groups of the process map, without processes: one query."""
    bands: list[MapBand] = []

    def collect(node: tree.TreeNode, group: MapGroup):
        group.category_ids.add(node.category.pk)
        for child in node.children:
            collect(child, group)

    for root in tree.category_tree():
        band = MapBand(root.category, tiles=MapGroup(root.category, category_ids={root.category.pk}))
        bands.append(band)
        for child in root.children:
            group = MapGroup(child.category)
            band.groups.append(group)
            collect(child, group)
    return bands


def map_processes(*, user, category_ids: set[int] | None, archived: bool) -> list[Process]:
    """The map's processes of these categories (None: all), in map order, with their number of steps; one query.

    With ``archived`` also the archived ones, for those who may see them.
    """
    processes = Process.objects.visible_to(user)
    if category_ids is not None:
        in_areas = Q(category_id__in=category_ids)
        processes = processes.filter(in_areas | Q(status=Process.Status.ARCHIVED) if archived else in_areas)
    if not archived:
        processes = processes.exclude(status=Process.Status.ARCHIVED)
    fields = ("code", "title", "slug", "status", "category_id")
    return list(processes.annotate(step_count=Count("steps")).only(*fields).order_by("code", "title"))


def process_map(*, user) -> tuple[list[MapBand], list[Process]]:
    """The bands of the process map with their groups and processes, plus archived processes.

    Archived processes are only returned to users who may see them. Two queries.
    """
    bands = process_map_frame()
    archived = fill_map(bands, map_processes(user=user, category_ids=None, archived=True))
    return bands, archived


def fill_map(bands: list[MapBand], processes: list[Process]) -> list[Process]:
    """File the processes into their areas; returns the archived ones."""
    area_of = {pk: area for band in bands for area in [band.tiles, *band.groups] for pk in area.category_ids}
    archived = []
    for process in processes:
        if process.status == Process.Status.ARCHIVED:
            archived.append(process)
        elif process.category_id in area_of:
            area_of[process.category_id].processes.append(process)
    return archived


def process_for_page(*, slug: str, user) -> Process:
    """A process with everything its page shows, or 404 if missing or not visible.

    The steps come with their stored cards and the process with its legal basis section
    (processes.cards), not with their roles, references, norms and laws.
    """
    from processes import cards

    queryset = (
        Process.objects.visible_to(user)
        .select_related("category__parent__parent", "owner_role", "owner")
        # The responsible role's name for the lanes of the diagram (processes.diagram).
        .prefetch_related(Prefetch("steps", queryset=Step.objects.select_related("responsible_role").order_by("position")))
    )
    process = get_object_or_404(queryset, slug=slug)
    cards.fill(list(process.steps.all()))
    cards.fill_basis(process)
    return process


def process_with_step_details(*, slug: str, user) -> Process:
    """A process with its steps' roles and references loaded (its plain-text snapshot), or 404."""
    queryset = Process.objects.visible_to(user).select_related("owner_role").prefetch_related(
        Prefetch("steps", queryset=step_card_queryset())
    )
    return get_object_or_404(queryset, slug=slug)


def process_for_bpmn(*, slug: str, user) -> Process:
    """A process with its legal basis and its steps' roles and references (the BPMN export), or 404."""
    queryset = Process.objects.visible_to(user).prefetch_related(
        Prefetch("references", queryset=ProcessReference.objects.select_related("norm__law").order_by("position", "id")),
        Prefetch("steps", queryset=step_card_queryset()),
    )
    return get_object_or_404(queryset, slug=slug)


@dataclass
class RoleProcess:
    process: Process
    steps: list[Step] = field(default_factory=list)


@dataclass
class RoleOverview:
    role: Role
    processes: list[RoleProcess]  # those of the current page
    owned_processes: list[Process]
    page: object  # the Paginator page of process ids
    step_count: int
    process_count: int


ROLE_PROCESSES_PER_PAGE = 25


def role_overview(*, slug: str, user, page_number=None) -> RoleOverview:
    """Everything a role does: its steps grouped by process in map order (a page of processes), and the processes it owns.

    A role can have thousands of steps in a large installation; the page shows 25 processes at a
    time, with the totals for all.
    """
    role = get_object_or_404(Role, slug=slug)
    visible = Process.objects.visible_to(user)
    of_role = Step.objects.filter(Q(responsible_role=role) | Q(participating_roles=role), process__in=visible)
    process_ids = list(
        visible.filter(pk__in=of_role.values("process_id"))
        .order_by("category__tree_id", "category__lft", "code")
        .values_list("pk", flat=True)
    )
    page = Paginator(process_ids, ROLE_PROCESSES_PER_PAGE).get_page(page_number)
    steps = (
        # Only what the role page shows of a step: its title, position and legal references.
        Step.objects.prefetch_related(Prefetch("references", queryset=StepReference.objects.select_related("norm__law")))
        .filter(pk__in=of_role.filter(process_id__in=list(page.object_list)).values("pk"))
        .select_related("process__category")
        .order_by("process__category__tree_id", "process__category__lft", "process__code", "position")
    )
    grouped: OrderedDict[int, RoleProcess] = OrderedDict()
    for step in steps:
        entry = grouped.setdefault(step.process_id, RoleProcess(step.process))
        entry.steps.append(step)
    owned = list(visible.filter(owner_role=role).order_by("code"))
    return RoleOverview(
        role=role, processes=list(grouped.values()), owned_processes=owned, page=page,
        step_count=of_role.values("pk").distinct().count(), process_count=len(process_ids),
    )


def roles_with_counts():
    return Role.objects.annotate(
        responsible_count=Count("responsible_steps", distinct=True),
        participating_count=Count("participating_steps", distinct=True),
    ).order_by("is_external", "name")


@dataclass
class Citing:
    """A process or step that cites a norm, with every pinpoint under which it does."""

    item: Process | Step
    references: list = field(default_factory=list)
    in_text: bool = False


@dataclass
class NormCitations:
    norm: Norm
    steps: list[Citing]
    processes: list[Citing]
    step_page: Page | None = None  # set when the steps are shown a page at a time

    @property
    def is_empty(self) -> bool:
        return not self.steps and not self.processes

    @property
    def shown_steps(self) -> list[Citing]:
        return list(self.step_page.object_list) if self.step_page else self.steps


def _group(references, attribute: str, text_citers, sort_key) -> list[Citing]:
    """One entry per citing process or step: its structured references, and whether its text cites too."""
    grouped: dict[int, Citing] = {}
    for reference in references:
        item = getattr(reference, attribute)
        grouped.setdefault(item.pk, Citing(item)).references.append(reference)
    for item in text_citers:
        grouped.setdefault(item.pk, Citing(item)).in_text = True
    return sorted(grouped.values(), key=lambda citing: sort_key(citing.item))


NORM_STEPS_PER_PAGE = 50


def norm_citations(*, norm: Norm, user, page_number=None, paged: bool = True) -> NormCitations:
    """Every visible step and process that cites the norm; the steps a page of 50 at a time.

    A central paragraph such as § 81 AufenthG can be cited by hundreds of steps in a large
    installation; the page shows the citing processes and the total, and pages through the steps.
    """
    citations = _citations(norm, user)
    if paged:
        citations.step_page = Paginator(citations.steps, NORM_STEPS_PER_PAGE).get_page(page_number)
    return citations


def law_norm_counts(*, law: Law, user) -> list[Norm]:
    """The law's norms (not the law as a whole), each with how many visible steps and processes cite it."""
    visible = Process.objects.visible_to(user)
    norms = list(
        law.norms.exclude(number="")
        .annotate(
            step_count=Count("step_references", filter=Q(step_references__step__process__in=visible), distinct=True),
            process_count=Count("process_references", filter=Q(process_references__process__in=visible), distinct=True),
        )
        .order_by("sort_key")
    )
    for norm in norms:
        norm.law = law
    return norms


def _citations(norm: Norm, user) -> NormCitations:
    """The norm's citations; the norm (with its law) is the one given, not joined again for every reference."""
    visible = Process.objects.visible_to(user)
    step_references = list(
        StepReference.objects.filter(norm=norm, step__process__in=visible)
        .select_related("step__process", "step__responsible_role")
        .order_by("step__process__code", "step__process__title", "step__position", "position", "id")
    )
    process_references = list(
        ProcessReference.objects.filter(norm=norm, process__in=visible)
        .select_related("process")
        .order_by("process__code", "process__title", "position", "id")
    )
    for reference in (*step_references, *process_references):
        reference.norm = norm
    text_steps = (
        Step.objects.filter(text_citations=norm, process__in=visible).select_related("process", "responsible_role")
    )
    text_processes = Process.objects.filter(text_citations=norm, pk__in=visible)
    return NormCitations(
        norm=norm,
        steps=_group(step_references, "step", text_steps, lambda s: (s.process.code, s.process.title, s.position)),
        processes=_group(process_references, "process", text_processes, lambda p: (p.code, p.title)),
    )


@dataclass
class CitationPreview:
    """The first steps citing a norm and how many there are, for the search results page."""

    norm: Norm
    steps: list[Citing]
    step_total: int


def norm_citation_preview(*, norm: Norm, user, limit: int = 8) -> CitationPreview:
    """The first steps citing a norm, with how many there are: two queries, however often it is cited."""
    visible = Process.objects.visible_to(user)
    structured = StepReference.objects.filter(norm=norm, step=OuterRef("pk"))
    in_text = Step.text_citations.through.objects.filter(norm=norm, step=OuterRef("pk"))
    steps = list(
        Step.objects.filter(process__in=visible)
        .filter(Exists(structured) | Exists(in_text))
        .annotate(cited_in_text=Exists(in_text), total=Window(Count("pk")))
        .select_related("process")
        .order_by("process__code", "process__title", "position")[:limit]
    )
    references: dict[int, list[StepReference]] = {}
    if steps:
        citing = StepReference.objects.filter(norm=norm, step__in=steps).select_related("norm__law").order_by("position", "id")
        for reference in citing:
            references.setdefault(reference.step_id, []).append(reference)
    return CitationPreview(
        norm=norm,
        steps=[Citing(step, references.get(step.pk, []), in_text=step.cited_in_text) for step in steps],
        step_total=steps[0].total if steps else 0,
    )


# --- versions -------------------------------------------------------------------------------


def step_aliases(process: Process) -> dict[int, int]:
    """{draft step key: id} of every step a release of the process created (one query)."""
    aliases: dict[int, int] = {}
    for keys in ProcessRelease.objects.filter(version__process=process).values_list("step_keys", flat=True):
        aliases.update({int(key): pk for key, pk in (keys or {}).items()})
    return aliases


def process_for_versions(*, slug: str, user) -> Process:
    """The process whose versions a user may see, or 404."""
    return get_object_or_404(Process.objects.visible_to(user).select_related("category"), slug=slug)


def versions(*, process: Process, user):
    """The versions of a process, newest first, with author and release; readers only see released ones."""
    queryset = process.versions.select_related("author", "release__released_by").order_by("-number")
    if not can_see_unpublished(user):
        queryset = queryset.filter(release__isnull=False)
    return queryset


def version_of(*, process: Process, number: int, user) -> ProcessVersion:
    """One version of the process, or 404 (also for a draft the user may not see)."""
    version = get_object_or_404(
        ProcessVersion.objects.select_related("author", "release__released_by"), process=process, number=number
    )
    version.process = process
    if not can_see_unpublished(user) and not hasattr(version, "release"):
        raise Http404
    return version


def version_comparison(*, process: Process, old_number: int, new_number: int) -> compare.Comparison | None:
    """The comparison of two versions of the process (None if one of them does not exist)."""
    found = {
        version.number: version.snapshot
        for version in ProcessVersion.objects.filter(process=process, number__in=[old_number, new_number])
    }
    if old_number not in found or new_number not in found:
        return None
    return compare.compare(found[old_number], found[new_number], aliases=step_aliases(process))


def summary(process: Process, snapshot: dict) -> str:
    """A summary of how ``snapshot`` differs from the newest version of the process (for a change note)."""
    latest = ProcessVersion.objects.filter(process=process, number=process.latest_version).values_list("snapshot", flat=True)
    base = latest.first()
    if base is None:
        base = versioning.capture(versioning.loaded(Process.objects.filter(pk=process.pk)).get())
    return compare.summary(compare.compare(base, snapshot, aliases=step_aliases(process)))
