"""Reads of the law changes: open review items of any content."""

from django.db.models import Q

from lawchanges.models import ReviewItem


def open_reviews_by_kind(wanted: dict[str, list[int]]) -> dict[tuple[str, int], list]:
    """{(kind, object id): open review items with their law change} for several kinds at once. One query."""
    condition = Q(pk__in=[])
    for kind, object_ids in wanted.items():
        condition |= Q(kind=kind, object_id__in=list(object_ids))
    result: dict[tuple[str, int], list] = {}
    items = (
        ReviewItem.objects.filter(condition, status=ReviewItem.Status.OPEN)
        .select_related("law_change")
        .order_by("law_change__effective_date")
    )
    for item in items:
        result.setdefault((item.kind, item.object_id), []).append(item)
    return result
