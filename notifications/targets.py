"""What feedback can be about: how to find such an object for a reader, name it and link it."""

from dataclasses import dataclass

from django.urls import reverse

from core import ownership
from documents.models import Document
from documents.permissions import can_see_drafts
from knowledge.models import Article
from law.models import Norm
from notifications.models import Target
from processes.models import Category, Process, Step
from processes.permissions import can_read as can_read_processes


@dataclass(frozen=True)
class Found:
    obj: object
    title: str
    url: str
    owner: object  # what core.ownership asks about: who may change it may handle its feedback


def _process(pk: int, user) -> Found | None:
    process = Process.objects.visible_to(user).filter(pk=pk).first()
    return process and Found(process, process.title, process.get_absolute_url(), process)


def _step(pk: int, user) -> Found | None:
    step = Step.objects.filter(pk=pk, process__in=Process.objects.visible_to(user)).select_related("process").first()
    if step is None:
        return None
    return Found(step, f"{step.process.title} – {step.position}. {step.title}", step.get_absolute_url(), step.process)


def _article(pk: int, user) -> Found | None:
    article = Article.objects.visible_to(user).filter(pk=pk).first()
    return article and Found(article, article.title, article.get_absolute_url(), article)


def _document(pk: int, user) -> Found | None:
    documents = Document.objects.all() if can_see_drafts(user) else Document.objects.filter(current_version__isnull=False)
    document = ownership.readable(user, documents, "document").filter(pk=pk).first()
    return document and Found(document, document.title, document.get_absolute_url(), document)


def _area(pk: int, user) -> Found | None:
    """An area of the process map (a band or a group in it), if its band's department lets the user read it."""
    area = Category.objects.filter(pk=pk).first() if can_read_processes(user) else None
    if area is None:
        return None
    band = area if area.parent_id is None else area.get_root()
    if not ownership.readable(user, Category.objects.filter(pk=band.pk), "band").exists():
        return None
    anchor = "band" if area.parent_id is None else "group"
    return Found(area, str(area), f"{reverse('processes:map')}#{anchor}-{area.slug}", None)


def _norm(pk: int, user) -> Found | None:
    norm = Norm.objects.filter(pk=pk).select_related("law").first() if user.has_perm("law.view_norm") else None
    return norm and Found(norm, str(norm), norm.get_absolute_url(), None)


FINDERS = {
    Target.PROCESS: _process, Target.STEP: _step, Target.ARTICLE: _article, Target.DOCUMENT: _document,
    Target.AREA: _area, Target.NORM: _norm,
}


def find(target: str, pk, user) -> Found | None:
    """The object if it exists and the user may read it, else None (for any malformed input too)."""
    finder = FINDERS.get(target)
    if finder is None or not isinstance(pk, int) or not 0 < pk < 2**62:
        return None
    return finder(pk, user)
