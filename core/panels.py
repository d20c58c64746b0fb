"""Panels: the extension points through which higher apps add to the pages of lower ones.

The process, step, norm and document pages import none of the apps above them. Such an app
(documents, knowledge, lawchanges) registers a panel in its AppConfig.ready(); the page asks
every registered panel of its kind for its content with one call per page, so a panel loads
the data for all steps of a page in one query.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.template import Context
from django.template.loader import get_template


@dataclass(frozen=True)
class Panel:
    """A fragment shown on a page of the processes app.

    ``load(objects, user, memo)`` returns {object pk: context} for the objects that have
    something to show; ``template`` is rendered once per such object with that context.
    ``memo`` is one dict per page, shared by all loaders, so a loader can hand data it
    fetched anyway to another (the process panel's query also yields the step panels').
    """

    key: str
    template: str
    load: Callable[[list, Any, dict], dict[int, dict]]
    order: int = 100
    # For a fragment as small as a link, a function (context -> SafeString) instead of the
    # template: a template costs about 70 µs per object, and some panels are under every step.
    html: Callable[[dict], str] | None = None


_panels: dict[str, dict[str, Panel]] = {
    "process": {}, "step": {}, "law": {}, "norm": {}, "norm_history": {}, "document": {}, "article": {},
    "article_draft": {}, "process_draft": {},
}


def register(kind: str, panel: Panel) -> None:
    """Register a panel for "process", "step", "law", "norm" (cited by), "norm_history", "document" or
    "article" pages, or for the draft of an article or process shown with its release button
    ("article_draft": a Revision, "process_draft": a ProcessVersion) (idempotent per key)."""
    _panels[kind][panel.key] = panel


def render_panels(kind: str, objects: Iterable, user, request=None, memo: dict | None = None) -> dict[int, list[str]]:
    """{object pk: [rendered HTML of each panel]} for all objects of one page."""
    objects = list(objects)
    memo = {} if memo is None else memo
    result: dict[int, list[str]] = {obj.pk: [] for obj in objects}
    if not objects:
        return result
    for panel in sorted(_panels[kind].values(), key=lambda p: p.order):
        found = panel.load(objects, user, memo)
        if not found:
            continue
        if panel.html is not None:
            for pk, context in found.items():
                result[pk].append(panel.html(context))
            continue
        # Panels show content only, nothing of the request or the user (the loader has already
        # filtered by permission): one plain context for all objects, without the context
        # processors and without a new context per step (half the cost of a panel).
        template = get_template(panel.template).template
        shared = Context(autoescape=True)
        for pk, context in found.items():
            with shared.push(context):
                result[pk].append(template.render(shared))
    return result


# Links higher apps add to a page of a lower one (the review page's tabs: notifications' feedback
# queue), each shown to those with its permission: (label, address, permission).
_links: dict[str, list[tuple]] = {"review": []}


def register_link(page: str, label, url: Callable[[], str], permission: str) -> None:
    """Add a link to ``page`` ("review"); ``url`` is called when the page is built (idempotent per label)."""
    _links[page] = [link for link in _links[page] if link[0] != label] + [(label, url, permission)]


def links(page: str, user) -> list[tuple[str, str]]:
    """[(label, address)] of the links of ``page`` the user may follow."""
    return [(label, url()) for label, url, permission in _links[page] if user.has_perm(permission)]
