"""Onboarding's part of the impact analysis: reading paths that contain affected content.

Paths get no review items of their own; they count in the impact summary and show the open
reviews of their content to the mentors (see selectors.open_reviews_for_paths).
"""

from django.db.models import Q
from django.utils.translation import ngettext

from core import impact
from knowledge.panels import ARTICLE
from onboarding.models import ReadingPath
from processes.impact import PROCESS, STEP


def _find_paths(norms, analysis):
    process_ids = {item.object_id for item in analysis.items(PROCESS)} | {
        item.parent_id for item in analysis.items(STEP)
    }
    article_ids = {item.object_id for item in analysis.items(ARTICLE)}
    paths = (
        ReadingPath.objects.filter(Q(sections__items__process__in=process_ids) | Q(sections__items__article__in=article_ids))
        .distinct()
        .order_by("title")
    )
    return [
        impact.Affected(kind="path", object_id=path.pk, title=path.title, url=path.get_absolute_url())
        for path in paths
    ]


def _describe_paths(items):
    return ngettext("%(count)d reading path", "%(count)d reading paths", len(items)) % {"count": len(items)}


def register():
    impact.register(impact.ImpactSource("path", _find_paths, _describe_paths, opens_review_items=False, order=40))
