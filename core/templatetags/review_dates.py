"""{{ date|review_state }}: "none", "overdue", "due" or "ok" (core.review_dates)."""

from django import template

from core.review_dates import review_state as _review_state

register = template.Library()


@register.filter
def review_state(date) -> str:
    return _review_state(date or None)
