"""The department rule (core.ownership): members change their department's content, nobody else's.

What a department owns: bands of the process map (root areas) with everything filed below them
(areas, processes, their steps and versions), articles (with their revisions), documents
(with their versions) and onboarding paths (with their sections and items). Content no
department owns (laws, norms, roles, content from before departments) may be changed by everyone
whose group allows it, as before. Superusers may change everything. Inactive accounts never sign
in; the system account that imports packs (departments.services) is one of them.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q

from departments.models import Department, Ownership
from documents.models import Document, DocumentVersion
from knowledge.models import Article, Revision
from onboarding.models import PathItem, PathSection, ReadingPath
from processes.models import Category, Process, ProcessVersion, Step

# Content a department's ownership decides for: its bands and what is filed below them, its articles.
OWNED_KINDS = (
    Article,
    Revision,
    Category,
    Process,
    Step,
    ProcessVersion,
    Document,
    DocumentVersion,
    ReadingPath,
    PathSection,
    PathItem,
)


def owned_object(obj):
    """The object whose ownership decides for ``obj`` (a band, an article), or None if none does."""
    if isinstance(obj, Revision):
        obj = obj.article
    if isinstance(obj, DocumentVersion):
        obj = obj.document
    if isinstance(obj, PathItem):
        obj = obj.section
    if isinstance(obj, PathSection):
        obj = obj.path
    if isinstance(obj, Article | Document | ReadingPath):
        return obj
    if isinstance(obj, Step | ProcessVersion):
        obj = obj.process
    if isinstance(obj, Process):
        obj = obj.category
    if isinstance(obj, Category):
        return obj if obj.parent_id is None else Category.objects.get(tree_id=obj.tree_id, parent=None)
    return None


def department_of(obj) -> Department | None:
    owned = owned_object(obj)
    if owned is None or owned.pk is None:
        return None
    ownership = (
        Ownership.objects.filter(content_type=ContentType.objects.get_for_model(owned), object_id=owned.pk)
        .select_related("department")
        .first()
    )
    return ownership.department if ownership else None


def owned(department, model):
    """The ids of the ``model`` rows (bands, articles, ...) the department owns, as a subquery.

    ``department``: a Department or its slug.
    """
    by = {"department__slug": department} if isinstance(department, str) else {"department": department}
    content_type = ContentType.objects.get_for_model(model)
    return Ownership.objects.filter(content_type=content_type, **by).values_list("object_id", flat=True)


def assign(department: Department, objects) -> None:
    """File these bands or articles under the department (moving them from another one)."""
    for obj in objects:
        owned = owned_object(obj)
        Ownership.objects.update_or_create(
            content_type=ContentType.objects.get_for_model(owned), object_id=owned.pk, defaults={"department": department}
        )


class DepartmentRule:
    def refusal(self, user, obj) -> str | None:
        if user is None or not user.is_active or user.is_superuser or not isinstance(obj, OWNED_KINDS):
            return None
        if not Ownership.objects.exists():
            return None  # an installation without departments (one query, not the content's)
        department = department_of(obj)
        if department is None or department.members.filter(pk=user.pk).exists():
            return None
        return f"Dieser Inhalt gehört zur Abteilung „{department.name}“; nur ihre Mitglieder dürfen ihn ändern."

    def band_owners(self, band_ids) -> dict[int, tuple[str, str]]:
        rows = Ownership.objects.filter(
            content_type=ContentType.objects.get_for_model(Category), object_id__in=list(band_ids)
        ).values_list("object_id", "department__slug", "department__name")
        return {band_id: (slug, name) for band_id, slug, name in rows}

    def departments(self) -> list[tuple[str, str]]:
        return list(Department.objects.order_by("name").values_list("slug", "name"))

    def reader(self, user) -> dict:
        """What pages need to know of ``user``, in one query: their departments and those they may not read."""
        if not user.is_authenticated:
            rows = Department.objects.filter(members_only=True).values_list("pk", "slug", "name", "members_only")
            return {"member": "", "home": None, "unreadable": sorted(slug for _, slug, _, _ in rows)}
        membership = Department.members.through.objects.filter(department=OuterRef("pk"), user=user.pk)
        rows = (
            Department.objects.filter(Q(members_only=True) | Q(members=user))
            .annotate(is_member=Exists(membership))
            .values_list("pk", "slug", "name", "members_only", "is_member")
            .distinct()
            .order_by("pk")
        )
        rows = list(rows)
        own = [(pk, name) for pk, _, name, _, is_member in rows if is_member]
        unreadable = [] if user.is_superuser else [slug for _, slug, _, only, is_member in rows if only and not is_member]
        return {
            "member": ",".join(str(pk) for pk, _ in own),
            "home": own[0][1] if len(own) == 1 else None,
            "unreadable": sorted(unreadable),
        }

    def owned_ids(self, slug: str, kind: str):
        trees = Category.objects.filter(pk__in=owned(slug, Category)).values("tree_id")
        return {
            "band": lambda: owned(slug, Category),
            "process": lambda: Process.objects.filter(category__tree_id__in=trees).values("pk"),
            "step": lambda: Step.objects.filter(process__category__tree_id__in=trees).values("pk"),
            "article": lambda: owned(slug, Article),
            "document": lambda: owned(slug, Document),
            "path": lambda: owned(slug, ReadingPath),
        }.get(kind, lambda: None)()

    def created(self, user, obj) -> None:
        """New articles, documents and reading paths go to their author's department, if they belong to exactly one."""
        if user is None or not isinstance(obj, Article | Document | ReadingPath):
            return
        departments = list(Department.objects.filter(members=user)[:2])
        if len(departments) == 1:
            assign(departments[0], [obj])


RULE = DepartmentRule()
