"""Reads of the onboarding app: progress of assignments, computed from a fixed number of queries."""

from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Prefetch, Q
from django.http import Http404
from django.utils import timezone

from core import ownership
from knowledge.panels import ARTICLE
from onboarding.models import Assignment, Confirmation, PathItem, PathSection, ReadingPath, confirmation_outdated
from onboarding.permissions import SEE_ALL_ASSIGNMENTS
from processes.impact import PROCESS, STEP
from processes.models import Step

DONE, OPEN, OUTDATED = "done", "open", "outdated"


@dataclass
class ItemProgress:
    item: PathItem
    confirmation: Confirmation | None

    @cached_property  # computed once per request; the team view asks thousands of times
    def state(self) -> str:
        if self.confirmation is None:
            return OPEN
        return OUTDATED if self.confirmation.is_outdated() else DONE

    @property
    def is_done(self) -> bool:
        return self.state == DONE


@dataclass
class SectionProgress:
    section: PathSection
    items: list[ItemProgress] = field(default_factory=list)


class _Percent:
    """Share of the required items done; an assignment without required items counts as complete."""

    done_required: int
    total_required: int

    @property
    def percent(self) -> int:
        return round(100 * self.done_required / self.total_required) if self.total_required else 100


@dataclass
class AssignmentProgress(_Percent):
    assignment: Assignment
    sections: list[SectionProgress]

    @cached_property
    def items(self) -> list[ItemProgress]:
        return [item for section in self.sections for item in section.items]

    @cached_property
    def required(self) -> list[ItemProgress]:
        return [item for item in self.items if item.item.required]

    @cached_property
    def done_required(self) -> int:
        return sum(1 for item in self.required if item.is_done)

    @property
    def total_required(self) -> int:
        return len(self.required)

    @cached_property
    def outdated(self) -> list[ItemProgress]:
        return [item for item in self.items if item.state == OUTDATED]

    @property
    def is_overdue(self) -> bool:
        return self.assignment.due_date < timezone.localdate() and self.done_required < self.total_required

    @property
    def overdue_items(self) -> list[ItemProgress]:
        """Required items not done although the due date has passed."""
        if self.assignment.due_date >= timezone.localdate():
            return []
        return [item for item in self.required if not item.is_done]

    @property
    def open_minutes(self) -> int:
        return sum(item.item.estimated_minutes or 0 for item in self.required if not item.is_done)

    @property
    def next_item(self) -> ItemProgress | None:
        """The first required item not done, else the first optional one."""
        for candidates in (self.required, self.items):
            for item in candidates:
                if not item.is_done:
                    return item
        return None


def _items_queryset():
    # The revisions' texts are not part of a checklist: only numbers and titles are read.
    return (
        PathItem.objects.select_related("article__published_revision", "process")
        .defer(
            "article__published_revision__body", "article__published_revision__body_html", "process__notes", "process__notes_html"
        )
        .order_by("section__position", "position", "id")
    )


def progress_for(assignments: list[Assignment]) -> list[AssignmentProgress]:
    """Progress of many assignments from three queries: sections, items, confirmations."""
    if not assignments:
        return []
    path_ids = {a.path_id for a in assignments}
    sections = list(
        PathSection.objects.filter(path_id__in=path_ids)
        .order_by("path_id", "position", "id")
        .prefetch_related(Prefetch("items", queryset=_items_queryset()))
    )
    confirmations: dict[tuple[int, int], Confirmation] = {
        (c.assignment_id, c.item_id): c
        for c in Confirmation.objects.filter(assignment__in=assignments)
        .select_related("revision")
        .defer("process_snapshot", "revision__body", "revision__body_html")  # texts not needed for progress
    }
    # Lists once per section, not a queryset per assignment and section (50 hires × 10 sections).
    sections_of_path: dict[int, list[tuple[PathSection, list[PathItem]]]] = {}
    for section in sections:
        sections_of_path.setdefault(section.path_id, []).append((section, list(section.items.all())))
    result = []
    for assignment in assignments:
        section_progress = []
        for section, section_items in sections_of_path.get(assignment.path_id, []):
            items = []
            for item in section_items:
                confirmation = confirmations.get((assignment.pk, item.pk))
                if confirmation is not None:
                    confirmation.item = item  # is_outdated() reads the loaded article/process
                items.append(ItemProgress(item, confirmation))
            section_progress.append(SectionProgress(section, items))
        result.append(AssignmentProgress(assignment, section_progress))
    return result


def _assignments():
    return Assignment.objects.select_related("path", "person", "mentor")


def my_assignments(*, user) -> list[AssignmentProgress]:
    return progress_for(list(_assignments().filter(person=user).order_by("due_date", "id")))


def visible_assignments(user):
    """Assignments whose progress the user may see: own, mentees, those they assigned; all with the permission."""
    queryset = _assignments()
    if user.has_perm(SEE_ALL_ASSIGNMENTS):
        return queryset
    return queryset.filter(Q(person=user) | Q(mentor=user) | Q(assigned_by=user))


@dataclass
class ProgressSummary(_Percent):
    """The figures of one assignment's progress, for overviews of many people (no items)."""

    assignment: Assignment
    done_required: int
    total_required: int
    overdue_count: int
    outdated_count: int

    @property
    def is_overdue(self) -> bool:
        return self.overdue_count > 0


def progress_summaries(assignments: list[Assignment]) -> list[ProgressSummary]:
    """The figures of many assignments from two queries of plain values.

    The same figures as AssignmentProgress (tested against it), without building an object per
    item and confirmation: the team view counts 50 people × 60 items on every request.
    """
    if not assignments:
        return []
    items_of_path: dict[int, list[tuple]] = {}
    items = PathItem.objects.filter(section__path_id__in={a.path_id for a in assignments}).values_list(
        "section__path_id", "id", "kind", "required", "article__significant_number", "process__significant_version"
    )
    for path_id, *item in items:
        items_of_path.setdefault(path_id, []).append(item)
    confirmed = {
        (assignment_id, item_id): (revision_number, process_version)
        for assignment_id, item_id, revision_number, process_version in Confirmation.objects.filter(
            assignment__in=assignments
        ).values_list("assignment_id", "item_id", "revision__number", "process_version")
    }
    today = timezone.localdate()
    result = []
    for assignment in assignments:
        done = total = outdated = 0
        for item_id, kind, required, significant_number, significant_version in items_of_path.get(assignment.path_id, []):
            confirmation = confirmed.get((assignment.pk, item_id))
            is_outdated = confirmation is not None and confirmation_outdated(
                kind=kind,
                revision_number=confirmation[0],
                process_version=confirmation[1],
                article_significant_number=significant_number,
                process_significant_version=significant_version,
            )
            outdated += is_outdated
            if required:
                total += 1
                done += confirmation is not None and not is_outdated
        overdue = total - done if assignment.due_date < today else 0
        result.append(ProgressSummary(assignment, done, total, overdue, outdated))
    return result


def team_assignments(*, user) -> list[Assignment]:
    """Every assignment the user mentors or assigned (all, with the permission), not their own."""
    queryset = visible_assignments(user).exclude(person=user).order_by("person__last_name", "person__first_name", "path__title")
    # Names and dates only: 50 rows of four joined users' full records cost more than the page's queries.
    queryset = queryset.select_related("path__role").only(
        "path_id",
        "person_id",
        "mentor_id",
        "start_date",
        "due_date",
        "path__title",
        "path__role__name",
        *(f"{user_field}__{name}" for user_field in ("person", "mentor") for name in ("username", "first_name", "last_name")),
    )
    return list(queryset)


def team_overview(*, user) -> list[ProgressSummary]:
    """The progress figures of the team view and its export."""
    return progress_summaries(team_assignments(user=user))


def assignment_for(*, pk: int, user) -> AssignmentProgress:
    """One assignment's progress, if the user may see it; else 404 (no hint that it exists)."""
    assignment = visible_assignments(user).filter(pk=pk).first()
    if assignment is None:
        raise Http404
    return progress_for([assignment])[0]


def own_item(*, assignment_pk: int, item_pk: int, user) -> tuple[Assignment, PathItem, Confirmation | None]:
    """An item of the user's own assignment, with its confirmation; 404 for anything else."""
    assignment = _assignments().filter(pk=assignment_pk, person=user).first()
    item = (
        _items_queryset()
        .select_related("section")
        .filter(pk=item_pk, section__path_id=getattr(assignment, "path_id", None))
        .first()
    )
    if assignment is None or item is None:
        raise Http404
    confirmation = Confirmation.objects.select_related("revision").filter(assignment=assignment, item=item).first()
    if confirmation is not None:
        confirmation.item = item
    return assignment, item, confirmation


def paths_with_counts(*, user):
    """The reading paths ``user`` may see (a department may keep its own to its members), with counts."""
    from django.db.models import Count

    paths = ReadingPath.objects.select_related("role").annotate(
        item_count=Count("sections__items", distinct=True), assignment_count=Count("assignments", distinct=True)
    )
    return ownership.readable(user, paths, "path")


def path_detail(*, pk: int, user) -> ReadingPath:
    path = (
        ownership.readable(user, ReadingPath.objects.all(), "path")
        .select_related("role", "created_by")
        .prefetch_related(
            Prefetch("sections", queryset=PathSection.objects.prefetch_related(Prefetch("items", queryset=_items_queryset())))
        )
        .filter(pk=pk)
        .first()
    )
    if path is None:
        raise Http404
    return path


def open_review_counts_for_paths(path_ids) -> dict[int, int]:
    """{path id: number of open review items on the path}, for overviews that show only the number."""
    return {path_id: len(items) for path_id, items in open_reviews_for_paths(path_ids, details=False).items()}


def open_reviews_for_paths(path_ids, *, details: bool = True) -> dict[int, list]:
    """{path id: open review items of the processes, steps and articles on the path}. Two queries.

    Without details the items are (kind, object id) pairs, which is all a count needs.
    """
    from lawchanges.models import ReviewItem

    items = PathItem.objects.filter(section__path_id__in=path_ids).values_list("section__path_id", "process_id", "article_id")
    processes, articles = {}, {}
    for path_id, process_id, article_id in items:
        if process_id:
            processes.setdefault(process_id, set()).add(path_id)
        if article_id:
            articles.setdefault(article_id, set()).add(path_id)
    if not processes and not articles:
        return {}
    wanted = {
        PROCESS: list(processes),
        ARTICLE: list(articles),
        STEP: Step.objects.filter(process__in=processes).values("pk"),
    }
    open_items = ReviewItem.objects.filter(status=ReviewItem.Status.OPEN)
    if details:
        found = open_items.filter(
            Q(kind=PROCESS, object_id__in=wanted[PROCESS])
            | Q(kind=ARTICLE, object_id__in=wanted[ARTICLE])
            | Q(kind=STEP, object_id__in=wanted[STEP])
        )
        open_items = list(found.select_related("law_change").order_by("law_change__effective_date", "title"))
        keys = [(item.kind, item.object_id) for item in open_items]
    else:
        # One index scan per kind (kind, object_id, status); an OR of the three scans every item.
        parts = [
            open_items.filter(kind=kind, object_id__in=ids).values_list("kind", "object_id").order_by()
            for kind, ids in wanted.items()
        ]
        open_items = keys = list(parts[0].union(*parts[1:], all=True))
    step_process = dict(Step.objects.filter(pk__in=[oid for kind, oid in keys if kind == STEP]).values_list("pk", "process_id"))
    result: dict[int, list] = {}
    for item, (kind, object_id) in zip(open_items, keys, strict=True):
        if kind == PROCESS:
            targets = processes.get(object_id, ())
        elif kind == ARTICLE:
            targets = articles.get(object_id, ())
        else:
            targets = processes.get(step_process.get(object_id), ())
        for path_id in targets:
            result.setdefault(path_id, []).append(item)
    return result
