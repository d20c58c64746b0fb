"""Reads of feedback and notifications, each in a fixed number of queries."""

from core import ownership
from notifications.models import FEEDBACK_KINDS, Feedback, Notification, Watch

Status = Feedback.Status
OPEN_STATES = (Status.OPEN, Status.IN_PROGRESS)
LIST_LIMIT = 200


def queue(*, user, closed: bool = False) -> list[Feedback]:
    """Feedback for those who handle it: open first (oldest first), or the last closed ones.
    Feedback on what the user may not read (another department's own content) is left out."""
    feedback = Feedback.objects.exclude(ownership.unreadable_entries(user, FEEDBACK_KINDS)).select_related("reporter")
    if closed:
        feedback = feedback.exclude(status__in=OPEN_STATES).order_by("-updated_at", "-id")
    else:
        feedback = feedback.filter(status__in=OPEN_STATES).order_by("created_at", "id")
    return list(feedback[:LIST_LIMIT])


def open_count(*, user) -> int:
    return Feedback.objects.exclude(ownership.unreadable_entries(user, FEEDBACK_KINDS)).filter(status__in=OPEN_STATES).count()


def mine(*, user) -> list[Feedback]:
    """The user's own feedback, newest first, with its state and reply."""
    return list(Feedback.objects.filter(reporter=user).select_related("handled_by").order_by("-created_at", "-id")[:LIST_LIMIT])


def notifications(*, user, limit: int = 100) -> list[Notification]:
    return list(Notification.objects.filter(recipient=user).order_by("-created_at", "-id")[:limit])


def watches(*, user) -> list[Watch]:
    return list(Watch.objects.filter(user=user).order_by("title", "id"))


def is_watching(*, user, kind: str, object_id: int) -> bool:
    return Watch.objects.filter(user=user, kind=kind, object_id=object_id).exists()


def areas(*, user) -> list:
    """The areas of the process map the user may read, in map order (bands and their groups; two queries)."""
    from processes.models import Category

    bands = ownership.readable(user, Category.objects.filter(parent__isnull=True), "band").values_list("tree_id", flat=True)
    return list(Category.objects.filter(tree_id__in=list(bands)).order_by("tree_id", "lft"))
