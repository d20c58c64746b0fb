"""„Give feedback“ on the pages of lower apps: a link under every process, step, article and document.

The link is the same for every reader (no query, nothing personal), so the shared pages stay shared.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core import panels
from notifications.permissions import HANDLE_FEEDBACK

TEMPLATE = "notifications/includes/_give_feedback.html"


def _links(kind: str, title_of):
    def load(objects, user, memo):
        watchable = kind in ("process", "article")
        return {obj.pk: {"kind": kind, "pk": obj.pk, "title": title_of(obj), "watchable": watchable} for obj in objects}

    return load


def register():
    panels.register("process", panels.Panel("feedback", TEMPLATE, _links("process", lambda p: p.title), order=900))
    panels.register("step", panels.Panel("feedback", TEMPLATE, _links("step", lambda s: s.title), order=900))
    panels.register("article", panels.Panel("feedback", TEMPLATE, _links("article", lambda a: a.title), order=900))
    panels.register("document", panels.Panel("feedback", TEMPLATE, _links("document", lambda d: d.title), order=900))
    panels.register_link("review", _("Feedback from readers"), lambda: reverse("notifications:queue"), HANDLE_FEEDBACK)
