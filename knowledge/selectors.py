"""Reads of the knowledge base, with their related rows loaded."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import F, IntegerField, Prefetch, Q, Value, prefetch_related_objects
from django.http import Http404
from django.utils import timezone

from core import ownership
from core.review_dates import REVIEW_SOON_DAYS
from documents.models import Document
from knowledge.models import Article, Revision
from knowledge.permissions import can_edit
from law.models import Norm
from processes.models import Process, Step


def article_list(*, user, process_id=None, owner_id=None, review=None, status=None, query=""):
    """Articles for the list page, filtered; published ones only for readers."""
    articles = (
        Article.objects.visible_to(user)
        .select_related("published_revision__author", "owner")
        .order_by("title")
    )
    if process_id:
        # Two index lookups in the link tables; an OR across both joins would scan every article.
        articles = articles.filter(
            Q(pk__in=Article.processes.through.objects.filter(process_id=process_id).values("article_id"))
            | Q(pk__in=Article.steps.through.objects.filter(step__process_id=process_id).values("article_id"))
        )
    if owner_id:
        articles = articles.filter(owner_id=owner_id)
    today = timezone.localdate()
    if review == "overdue":
        articles = articles.filter(review_date__lt=today)
    elif review == "due":
        articles = articles.filter(review_date__gte=today, review_date__lte=today + timedelta(days=REVIEW_SOON_DAYS))
    elif review == "ok":
        articles = articles.filter(Q(review_date__gt=today + timedelta(days=REVIEW_SOON_DAYS)) | Q(review_date__isnull=True))
    if query:
        articles = articles.filter(title__icontains=query)
    if can_edit(user):
        if status == "archived":
            articles = articles.filter(archived_at__isnull=False)
        elif status == "draft":
            articles = articles.filter(archived_at__isnull=True).filter(
                Q(published_revision__isnull=True) | Q(latest_number__gt=F("published_revision__number"))
            )
        else:
            articles = articles.filter(archived_at__isnull=True)
    return articles


def _step_prefetch():
    return Prefetch(
        "steps", queryset=Step.objects.select_related("process").order_by("process__code", "position")
    )


@dataclass
class ArticlePage:
    article: Article
    revision: Revision  # the one shown
    latest: Revision | None  # a newer draft, for editors
    norms: list[Norm]
    missing_links: list[str]
    documents: list[Document]  # the released ones, the only ones readers may see

    @property
    def shows_draft(self) -> bool:
        return self.revision.pk != self.article.published_revision_id


def article_page_tags(article: Article) -> list[str]:
    """The cache tags of the processes and documents an article's page names (one query; none for an
    article from article_page(), which knows them)."""
    from django.db.models import CharField, Value

    from core.caching import tag

    known = getattr(article, "page_tags", None)
    if known is not None:
        return known

    def marked(queryset, kind: str, field: str):
        return queryset.order_by().annotate(page_kind=Value(kind, output_field=CharField())).values_list("page_kind", field)

    rows = marked(Step.objects.filter(articles=article), "process", "process_id").union(
        marked(Process.objects.filter(articles=article), "process", "pk"),
        marked(Document.objects.filter(articles=article), "document", "pk"),
    )
    return [tag(kind, pk) for kind, pk in rows]


def get_article(*, slug: str, user) -> Article:
    """The article if the user may see it, else 404."""
    try:
        return Article.objects.visible_to(user).select_related("published_revision", "owner").get(slug=slug)
    except Article.DoesNotExist as error:
        raise Http404 from error


def article_for_editor(*, slug: str, user) -> Article:
    """The article with the steps (and their processes), processes and documents the editor shows and preselects."""
    article = get_article(slug=slug, user=user)
    prefetch_related_objects([article], _step_prefetch(), "processes", "documents")
    return article


def article_page(*, slug: str, user) -> ArticlePage:
    """The article with what its page shows. The page's cache tags come from the same rows: the
    linked documents are loaded with the unreleased ones (whose release changes the page)."""
    from core.caching import tag

    article = (
        Article.objects.visible_to(user)
        .select_related("published_revision__author", "published_revision__release__released_by", "owner", "reviewed_by")
        .prefetch_related(
            # Only what the page shows of a step: its link, its process's title.
            Prefetch(
                "steps",
                queryset=Step.objects.select_related("process")
                .only("process_id", "position", "title", "process__slug", "process__title")
                .order_by("process__code", "position"),
            ),
            Prefetch("processes", queryset=Process.objects.order_by("code")),
            Prefetch("documents", queryset=Document.objects.select_related("current_version").order_by("title")),
        )
        .filter(slug=slug)
        .first()
    )
    if article is None:
        raise Http404
    latest = None
    if can_edit(user) and article.has_pending_draft:
        latest = Revision.objects.select_related("author").get(article=article, number=article.latest_number)
    revision = article.published_revision or latest
    norms = list(revision.cited_norms.select_related("law").order_by("law__abbreviation", "sort_key"))
    missing = []
    if revision.link_targets:
        existing = set(Article.objects.filter(slug__in=revision.link_targets).values_list("slug", flat=True))
        missing = [slug for slug in revision.link_targets if slug not in existing]
    documents = []
    for document in article.documents.all():
        if document.current_version is not None:
            document.current_version.document = document  # its download address names the document
            documents.append(document)
    article.page_tags = list(  # for article_page_tags(): the rows are loaded anyway
        dict.fromkeys(
            [
                *(tag("process", step.process_id) for step in article.steps.all()),
                *(tag("process", process.pk) for process in article.processes.all()),
                *(tag("document", document.pk) for document in article.documents.all()),
            ]
        )
    )
    return ArticlePage(
        article=article, revision=revision, latest=latest, norms=norms, missing_links=missing, documents=documents
    )


def revision_of(*, article: Article, number: int) -> Revision:
    try:
        return Revision.objects.select_related("author", "release__released_by").get(article=article, number=number)
    except Revision.DoesNotExist as error:
        raise Http404 from error


def recently_released(*, limit: int = 5, among=None, user=None) -> list[Article]:
    """The articles whose current revision was released last (not archived), newest first;
    ``among``: only these article ids (a list or a query of ids, e.g. a department's); ``user``:
    only articles they may read (a department may keep its own to its members).

    The newest releases come from the time index (a join-and-sort over all articles took 30 ms
    at 10,000 articles); older releases of articles released again are skipped in Python.
    """
    from knowledge.models import Release

    releases_of = Release.objects.all() if among is None else Release.objects.filter(revision__article_id__in=among)
    if user is not None:
        releases_of = ownership.readable(user, releases_of, "article", field="revision__article_id")
    batch = limit * 4
    while True:
        newest = releases_of.order_by("-released_at").values("pk")[:batch]
        releases = list(Release.objects.filter(pk__in=newest).select_related("revision__article").order_by("-released_at"))
        articles = []
        for release in releases:
            article = release.revision.article
            if article.published_revision_id == release.revision_id and article.archived_at is None:
                article.published_revision = release.revision
                articles.append(article)
        if len(articles) >= limit or len(releases) < batch:
            return articles[:limit]
        batch *= 4


def history(*, article: Article):
    return Revision.objects.filter(article=article).select_related("author", "release__released_by").order_by("-number")


def articles_for_steps(steps: list[Step], user) -> dict[int, list[Article]]:
    """{step id: published articles linked to it}, one query for all steps of a page."""
    through = Article.steps.through
    links = (
        through.objects.filter(step_id__in=[step.pk for step in steps], article__in=Article.objects.visible_to(user))
        .select_related("article")
        .order_by("article__title")
    )
    result: dict[int, list[Article]] = {}
    for link in links:
        result.setdefault(link.step_id, []).append(link.article)
    return result


def articles_for_processes(processes: list[Process], user) -> tuple[dict[int, list[Article]], dict[int, list[Article]]]:
    """({process id: articles on the process or its steps}, {step id: articles on the step}), one query.

    A UNION of the two link tables: an OR across both joins would make PostgreSQL scan every
    article and step (20 ms at 10,000 articles); each half uses its link table's index.
    """
    ids = {process.pk for process in processes}
    visible = Article.objects.visible_to(user).values("pk")
    on_process = Article.processes.through.objects.filter(process_id__in=ids, article_id__in=visible).values_list(
        "process_id", Value(None, output_field=IntegerField()), "article_id", "article__slug", "article__title"
    )
    on_step = Article.steps.through.objects.filter(step__process_id__in=ids, article_id__in=visible).values_list(
        "step__process_id", "step_id", "article_id", "article__slug", "article__title"
    )
    by_process: dict[int, dict[int, Article]] = {}
    by_step: dict[int, dict[int, Article]] = {}
    for process_id, step_id, pk, slug, title in on_process.union(on_step, all=True):
        article = Article(pk=pk, slug=slug, title=title)
        by_process.setdefault(process_id, {})[pk] = article
        if step_id is not None:
            by_step.setdefault(step_id, {})[pk] = article

    def ordered(found):
        return {key: sorted(articles.values(), key=lambda a: a.title) for key, articles in found.items()}

    return ordered(by_process), ordered(by_step)


def articles_for_documents(documents, user) -> dict[int, list[Article]]:
    """{document id: visible articles that link the document}, one query."""
    links = (
        Article.documents.through.objects.filter(document__in=documents, article__in=Article.objects.visible_to(user))
        .select_related("article")
        .order_by("article__title")
    )
    result: dict[int, list[Article]] = {}
    for link in links:
        result.setdefault(link.document_id, []).append(link.article)
    return result


def articles_citing(norms: list[Norm], user) -> dict[int, list[Article]]:
    """{norm id: articles whose shown revision cites the norm}: the published one, for editors also drafts."""
    through = Revision.cited_norms.through
    visible = Article.objects.visible_to(user)
    links = through.objects.filter(norm_id__in=[n.pk for n in norms], revision__article__in=visible)
    if can_edit(user):
        links = links.filter(revision__number=F("revision__article__latest_number"))
    else:
        links = links.filter(revision__article__published_revision=F("revision_id"))
    links = links.select_related("revision__article").order_by("revision__article__title")
    result: dict[int, list[Article]] = {}
    for link in links:
        result.setdefault(link.norm_id, []).append(link.revision.article)
    return result


STEP_SEARCH_LIMIT = 20


def _steps_in_map_order():
    return Step.objects.select_related("process").order_by("process__code", "process__title", "position")


def steps_by_ids(ids) -> list[Step]:
    """The steps with these ids and their processes, in process-map order; one query."""
    ids = list(ids)
    return list(_steps_in_map_order().filter(pk__in=ids)) if ids else []


def steps_matching(*, query: str, exclude=(), limit: int = STEP_SEARCH_LIMIT) -> tuple[list[Step], bool]:
    """Steps whose process code or title or own title contain every word of ``query``, in
    process-map order, at most ``limit`` (and whether there are more); one query."""
    words = query.split()[:10]
    if not words:
        return [], False
    steps = _steps_in_map_order()
    for word in words:
        word = word[:100]
        steps = steps.filter(Q(title__icontains=word) | Q(process__title__icontains=word) | Q(process__code__icontains=word))
    exclude = [pk for pk in exclude if pk is not None]
    if exclude:
        steps = steps.exclude(pk__in=exclude)
    found = list(steps[: limit + 1])
    return found[:limit], len(found) > limit

