"""The review queue: content whose review date is overdue or due soon, across apps."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from core import ownership
from core.review_dates import REVIEW_SOON_DAYS, review_state
from documents.models import Document
from knowledge.models import Article
from processes.models import Process


@dataclass
class DueItem:
    kind: str  # "process", "article" or "document"
    kind_label: str
    title: str
    url: str
    owner: object
    review_date: date
    reviewed_url: str
    obj: object

    @property
    def state(self) -> str:
        return review_state(self.review_date)


def due_items(*, user, mine: bool = False) -> list[DueItem]:
    """Processes, articles and documents due for review within REVIEW_SOON_DAYS, overdue first. Three queries."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    limit = timezone.localdate() + timedelta(days=REVIEW_SOON_DAYS)
    processes = (
        Process.objects.visible_to(user)
        .exclude(status=Process.Status.ARCHIVED)
        .filter(review_date__lte=limit)
        .select_related("owner")
    )
    articles = Article.objects.visible_to(user).active().filter(review_date__lte=limit).select_related("owner")
    documents = ownership.readable(user, Document.objects.filter(review_date__lte=limit), "document").select_related("owner")
    if mine:
        processes = processes.filter(owner=user)
        articles = articles.filter(owner=user)
        documents = documents.filter(owner=user)
    items = [
        DueItem(
            "process", _("Process"), f"{p.code} {p.title}".strip(), p.get_absolute_url(), p.owner, p.review_date,
            reverse("processes:reviewed", args=[p.slug]), p,
        )
        for p in processes
    ] + [
        DueItem(
            "article", _("Article"), a.title, a.get_absolute_url(), a.owner, a.review_date,
            reverse("knowledge:reviewed", args=[a.slug]), a,
        )
        for a in articles
    ] + [
        DueItem(
            "document", _("Document"), d.title, d.get_absolute_url(), d.owner, d.review_date,
            reverse("documents:document_reviewed", args=[d.slug]), d,
        )
        for d in documents
    ]
    return sorted(items, key=lambda item: (item.review_date, item.title))
