"""What feedback can be about: how to find such an object for a reader, name it and link it."""

from dataclasses import dataclass

from core import ownership
from documents.models import Document
from documents.permissions import can_see_drafts
from knowledge.models import Article
from notifications.models import Target
from processes.models import Process, Step


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


FINDERS = {Target.PROCESS: _process, Target.STEP: _step, Target.ARTICLE: _article, Target.DOCUMENT: _document}


def find(target: str, pk, user) -> Found | None:
    """The object if it exists and the user may read it, else None (for any malformed input too)."""
    finder = FINDERS.get(target)
    if finder is None or not isinstance(pk, int) or not 0 < pk < 2**62:
        return None
    return finder(pk, user)
