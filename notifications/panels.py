"""„Give feedback“ on the pages of lower apps: a link under every process, step, article and document.

The link is the same for every reader (no query, nothing personal), so the shared pages stay shared.
"""

from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core import panels
from notifications.permissions import HANDLE_FEEDBACK

WATCH_TEMPLATE = "notifications/includes/_watch_link.html"
DRAFT_TEMPLATE = "notifications/includes/_draft_comments.html"


def _link_html(context: dict) -> str:
    """„Hinweis geben“ (and „Beobachten“) for one object: the same HTML for every reader."""
    kind, pk, title, give, watch = context["kind"], context["pk"], escape(context["title"]), *context["labels"]
    html = (
        f'<p class="give-feedback"><a class="kern-link kern-link--small" href="{context["give_url"]}'
        f'?art={kind}&amp;id={pk}" aria-label="{give}: {title}">{give}</a>'
    )
    if context["watch_url"]:
        html += (
            f' · <a class="kern-link kern-link--small" href="{context["watch_url"]}?art={kind}&amp;id={pk}"'
            f' aria-label="{watch}: {title}">{watch}</a>'
        )
    return mark_safe(html + "</p>")  # noqa: S308 – the only value from content, the title, is escaped above


def _links(kind: str, title_of):
    def load(objects, user, memo):
        shared = {
            "kind": kind,
            "give_url": reverse("notifications:give"),
            "watch_url": reverse("notifications:watch") if kind in ("process", "article") else "",
            "labels": (gettext("Give feedback"), gettext("Watch")),
        }
        return {obj.pk: {**shared, "pk": obj.pk, "title": title_of(obj)} for obj in objects}

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
    panels.register("process", panels.Panel("feedback", "", _links("process", lambda p: p.title), order=900, html=_link_html))
    panels.register("step", panels.Panel("feedback", "", _links("step", lambda s: s.title), order=900, html=_link_html))
    panels.register("article", panels.Panel("feedback", "", _links("article", lambda a: a.title), order=900, html=_link_html))
    panels.register("document", panels.Panel("feedback", "", _links("document", lambda d: d.title), order=900, html=_link_html))
    panels.register("norm_history", panels.Panel("watch", WATCH_TEMPLATE, _watch_link("norm"), order=900))
    panels.register("article_draft", panels.Panel("comments", DRAFT_TEMPLATE, _draft_comments("article", lambda r: r.article_id)))
    panels.register("process_draft", panels.Panel("comments", DRAFT_TEMPLATE, _draft_comments("process", lambda v: v.process_id)))
    panels.register_link("review", _("Feedback from readers"), lambda: reverse("notifications:queue"), HANDLE_FEEDBACK)
