"""The law changes' part of other apps' pages: a norm's timeline, the open-review banners."""

from core import panels, review_flags
from lawchanges import selectors
from lawchanges.models import LawChange


def _norm_timeline(norms, user, memo):
    """{norm pk: {"changes": [...]}}: the recorded changes of each norm, oldest first, in one query."""
    found: dict[int, list[LawChange]] = {}
    through = LawChange.norms.through
    for link in (
        through.objects.filter(norm__in=norms)
        .select_related("lawchange")
        .order_by("lawchange__effective_date", "lawchange__title")
    ):
        found.setdefault(link.norm_id, []).append(link.lawchange)
    return {pk: {"changes": changes} for pk, changes in found.items()}


def register():
    panels.register("norm_history", panels.Panel("lawchanges", "lawchanges/includes/_norm_timeline.html", _norm_timeline))
    review_flags.register(selectors.open_reviews_by_kind)
