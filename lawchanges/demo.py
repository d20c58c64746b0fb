"""The demo's law changes: recorded through the service, the older ones' review items closed."""

import datetime

from django.db import transaction

from law.models import Law, Norm
from lawchanges import services
from lawchanges.models import LawChange, ReviewItem


@transaction.atomic
def load_law_changes(*, recorded_by, data: list[dict]) -> dict[str, int]:
    """Record the demo law changes (idempotent) and close the review items of the older ones.

    ``data``: the law_changes of processdb/demo/history.yaml; laws are named by their key.
    """
    laws = {law.key: law for law in Law.objects.all()}
    created = 0
    for entry in data:
        date = datetime.date.fromisoformat(entry["date"])
        law = laws[entry["law"]]
        if LawChange.objects.filter(law=law, effective_date=date, title=entry["title"]).exists():
            continue
        norms = [Norm.objects.get_or_create(law=laws[key], number=str(number))[0] for key, number in entry["norms"]]
        change = services.law_change_record(
            law=law, norms=norms, title=entry["title"], effective_date=date, summary=entry["summary"],
            source=entry["source"], recorded_by=recorded_by,
        )
        if entry["closed"]:
            items = list(change.review_items.all())
            services.review_items_close(items=items[::2], user=recorded_by, status=ReviewItem.Status.ADAPTED)
            services.review_items_close(
                items=items[1::2], user=recorded_by, status=ReviewItem.Status.NOT_AFFECTED,
                note="Geprüft: der Schritt ist von der Änderung inhaltlich nicht berührt.",
            )
        created += 1
    return {"law_changes_created": created}
