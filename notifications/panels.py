"""„Give feedback“ on the pages of lower apps: a link under every process, step, article and document.

The link is the same for every reader (no query, nothing personal), so the shared pages stay shared.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core import panels
from notifications.permissions import HANDLE_FEEDBACK

TEMPLATE = "notifications/includes/_give_feedback.html"
WATCH_TEMPLATE = "notifications/includes/_watch_link.html"
DRAFT_TEMPLATE = "notifications/includes/_draft_comments.html"


def _links(kind: str, title_of):
    def load(objects, user, memo):
        watchable = kind in ("process", "article")
        return {obj.pk: {"kind": kind, "pk": obj.pk, "title": title_of(obj), "watchable": watchable} for obj in objects}

    return load


def _watch_link(kind: str):
    def load(objects, user, memo):
        return {obj.pk: {"kind": kind, "pk": obj.pk, "title": str(obj)} for obj in objects}

    return load


def _draft_comments(kind: str, object_id_of):
    """The open and all comments on each draft shown, with the way to its discussion (one query)."""

    def load(drafts, user, memo):
        from notifications import comments

        drafts = [draft for draft in drafts if comments.may_discuss(user, kind, object_id_of(draft))]
        found = comments.counts(kind, [(object_id_of(draft), draft.number) for draft in drafts])
        return {
            draft.pk: {
                "open": found.get((object_id_of(draft), draft.number), (0, 0))[0],
                "all": found.get((object_id_of(draft), draft.number), (0, 0))[1],
                "url": comments.comments_url(kind, object_id_of(draft), draft.number),
            }
            for draft in drafts
        }

    return load


def register():
    panels.register("process", panels.Panel("feedback", TEMPLATE, _links("process", lambda p: p.title), order=900))
    panels.register("step", panels.Panel("feedback", TEMPLATE, _links("step", lambda s: s.title), order=900))
    panels.register("article", panels.Panel("feedback", TEMPLATE, _links("article", lambda a: a.title), order=900))
    panels.register("document", panels.Panel("feedback", TEMPLATE, _links("document", lambda d: d.title), order=900))
    panels.register("norm_history", panels.Panel("watch", WATCH_TEMPLATE, _watch_link("norm"), order=900))
    panels.register("article_draft", panels.Panel("comments", DRAFT_TEMPLATE, _draft_comments("article", lambda r: r.article_id)))
    panels.register("process_draft", panels.Panel("comments", DRAFT_TEMPLATE, _draft_comments("process", lambda v: v.process_id)))
    panels.register_link("review", _("Feedback from readers"), lambda: reverse("notifications:queue"), HANDLE_FEEDBACK)
