"""The knowledge base's contributions to process, step and norm pages (see processes.extensions)."""

from knowledge import selectors
from knowledge.permissions import can_read
from processes import extensions


def _step_articles(steps, user):
    if not can_read(user):
        return {}
    return {pk: {"articles": articles} for pk, articles in selectors.articles_for_steps(steps, user).items()}


def _process_articles(processes, user):
    if not can_read(user):
        return {}
    return {pk: {"articles": articles} for pk, articles in selectors.articles_for_processes(processes, user).items()}


def _norm_articles(norms, user):
    if not can_read(user):
        return {}
    return {pk: {"articles": articles} for pk, articles in selectors.articles_citing(norms, user).items()}


def register():
    extensions.register("step", extensions.Panel("knowledge", "knowledge/includes/_step_articles.html", _step_articles))
    extensions.register(
        "process", extensions.Panel("knowledge", "knowledge/includes/_process_articles.html", _process_articles)
    )
    extensions.register("norm", extensions.Panel("knowledge", "knowledge/includes/_norm_articles.html", _norm_articles))
