"""The knowledge base's contributions to process, step, norm and document pages (core.panels) and to the
impact analysis (core.impact)."""

from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import ngettext

from core import impact, panels
from knowledge import selectors
from knowledge.permissions import can_read

# The kind of review items and search entries for articles.
ARTICLE = "article"


def _step_articles(steps, user, memo):
    if not can_read(user):
        return {}
    by_step = memo.get("knowledge.step_articles")
    if by_step is None:
        by_step = selectors.articles_for_steps(steps, user)
    wanted = {step.pk for step in steps}
    return {pk: {"articles": articles} for pk, articles in by_step.items() if pk in wanted}


def _process_articles(processes, user, memo):
    if not can_read(user):
        return {}
    by_process, by_step = selectors.articles_for_processes(processes, user)
    memo["knowledge.step_articles"] = by_step
    return {pk: {"articles": articles} for pk, articles in by_process.items()}


def _norm_articles(norms, user, memo):
    if not can_read(user):
        return {}
    return {pk: {"articles": articles} for pk, articles in selectors.articles_citing(norms, user).items()}


def register():
    panels.register("step", panels.Panel("knowledge", "knowledge/includes/_step_articles.html", _step_articles))
    panels.register("process", panels.Panel("knowledge", "knowledge/includes/_process_articles.html", _process_articles))
    panels.register("norm", panels.Panel("knowledge", "knowledge/includes/_norm_articles.html", _norm_articles))
    panels.register("document", panels.Panel("knowledge", "knowledge/includes/_document_articles.html", _document_articles))


def _document_articles(documents, user, memo):
    if not can_read(user):
        return {}
    return {pk: {"articles": articles} for pk, articles in selectors.articles_for_documents(documents, user).items()}


def _find_articles(norms, analysis):
    """Articles whose released or latest revision cites one of the norms (archived ones excepted)."""
    from knowledge.models import Revision

    found: dict[int, impact.Affected] = {}
    revisions = (
        Revision.cited_norms.through.objects.filter(norm__in=norms, revision__article__archived_at__isnull=True)
        .filter(
            Q(revision__number=F("revision__article__latest_number")) | Q(revision__article__published_revision=F("revision_id"))
        )
        .select_related("norm__law", "revision__article__owner")
    )
    for link in revisions:
        article = link.revision.article
        impact.merge(
            found,
            article.pk,
            lambda article=article: impact.Affected(
                kind=ARTICLE, object_id=article.pk, title=article.title, url=article.get_absolute_url(), owner=article.owner
            ),
            link.norm.label,
        )
    return sorted(found.values(), key=lambda item: item.title)


def _describe_articles(items):
    return ngettext("%(count)d article", "%(count)d articles", len(items)) % {"count": len(items)}


def _adapted_result(article_id):
    """Closing an article's review as adapted links its latest revision."""
    from knowledge.models import Article

    article = Article.objects.filter(pk=article_id).first()
    if article is None or not article.latest_number:
        return ""
    return reverse("knowledge:revision", kwargs={"slug": article.slug, "number": article.latest_number})


def register_impact():
    impact.register(impact.ImpactSource(ARTICLE, _find_articles, _describe_articles, adapted_result=_adapted_result, order=30))
