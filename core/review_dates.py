"""Review dates of processes, documents and articles: when one counts as due or overdue, and
marking one as reviewed (the one implementation behind the three "reviewed" buttons)."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import caching
from core.forms import ReviewedForm
from core.models import Reviewable

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


@transaction.atomic
def mark_reviewed(obj: Reviewable, *, user, next_review: datetime.date) -> None:
    """Record that a process, document or article was checked and still holds; set the next review.

    Refuses (ValidationError on ``next_review``) a next review that is not in the future. Side
    effects: reviewed_at/reviewed_by/review_date of the row (not of ``obj`` in memory); the content
    version is raised so that cached pages show the new dates.
    """
    if next_review <= timezone.localdate():
        raise ValidationError({"next_review": _("The next review must be in the future.")})
    type(obj)._default_manager.filter(pk=obj.pk).update(
        reviewed_at=timezone.now(), reviewed_by=user, review_date=next_review
    )
    caching.changed(caching.REVIEW, *(obj.cache_tags() if isinstance(obj, caching.Tracked) else [caching.ALL]))


def mark_reviewed_from_post(request, obj: Reviewable) -> None:
    """The "reviewed" button's POST: check the date, mark ``obj`` reviewed, tell the user how it went."""
    form = ReviewedForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please enter a valid date for the next review."))
        return
    next_review = form.cleaned_data["next_review"]
    try:
        mark_reviewed(obj, user=request.user, next_review=next_review)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Marked as reviewed. Next review: %(date)s.") % {"date": next_review.strftime("%d.%m.%Y")}
        )
