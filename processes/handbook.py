"""The process handbook as PDF (WeasyPrint): one area of the map or the whole map, with a title
page, a table of contents with page numbers, and each released process with its diagram, steps,
roles, legal references and documents.

Made in the request, so it is bounded: at most MAX_PROCESSES processes per handbook (an area of
the demo map has up to 25; a larger selection is refused with a message to choose an area).
"""

from django.conf import settings
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from processes import diagram
from processes.models import Category, Process, ProcessReference
from processes.selectors import step_card_queryset

MAX_PROCESSES = 60


class TooLarge(Exception):
    """More processes than one handbook made in a request may hold."""


def processes_of(*, area: Category | None, user) -> list[Process]:
    """The released processes of the area (with its groups) or of the whole map, in map order."""
    processes = Process.objects.visible_to(user).filter(status=Process.Status.PUBLISHED)
    if area is not None:
        processes = processes.filter(category__tree_id=area.tree_id, category__lft__gte=area.lft, category__rght__lte=area.rght)
    count = processes.count()
    if count > MAX_PROCESSES:
        raise TooLarge(count)
    return list(
        processes.select_related("category", "owner_role")
        .prefetch_related(
            Prefetch("references", queryset=ProcessReference.objects.select_related("norm__law").order_by("position", "id")),
            Prefetch("steps", queryset=step_card_queryset()),
        )
        .order_by("category__tree_id", "category__lft", "code", "title")
    )


def render_pdf(*, area: Category | None, user, base_url: str) -> bytes:
    """The handbook as PDF bytes (raises TooLarge)."""
    from weasyprint import HTML

    processes = processes_of(area=area, user=user)
    for process in processes:
        steps = list(process.steps.all())
        process.diagram = diagram.of_steps(steps, title=_("Flow of „%(title)s“") % {"title": process.title}) if steps else ""
    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string(
            "processes/handbook.html",
            {
                "title": str(area) if area is not None else _("All processes"),
                "processes": processes,
                "made": timezone.localtime(),
                "organisation": settings.PROCESSDB_ORGANISATION,
                "department": settings.PROCESSDB_DEPARTMENT,
            },
        )
    return HTML(string=html, base_url=base_url).write_pdf()
