"""Review dates of processes, documents and articles: when one counts as due or overdue."""

from django.utils import timezone

REVIEW_SOON_DAYS = 30


def review_state(review_date, today=None) -> str:
    """"none" (no date), "overdue", "due" (within REVIEW_SOON_DAYS) or "ok"."""
    if review_date is None:
        return "none"
    today = today or timezone.localdate()
    if review_date < today:
        return "overdue"
    if (review_date - today).days <= REVIEW_SOON_DAYS:
        return "due"
    return "ok"
