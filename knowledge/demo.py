"""Loads the demo articles (knowledge/demo_data.py) through the services, so every rule holds.

Idempotent: an article whose slug exists is left alone.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from knowledge import services
from knowledge.models import Article
from processes.models import Process, Step


@transaction.atomic
def load(*, users: dict, data=None) -> dict[str, int]:
    if data is None:
        from knowledge import demo_data as data

    steps = {(step.process.slug, step.position): step for step in Step.objects.select_related("process")}
    processes = {process.slug: process for process in Process.objects.all()}
    today = timezone.localdate()
    now = timezone.now()
    created = 0
    for index, entry in enumerate(data.ARTICLES):
        if Article.objects.filter(slug=entry["slug"]).exists():
            continue
        revisions = entry["revisions"]
        # Spread the history over the past months: first revision long ago, the last one recent.
        times = [now - datetime.timedelta(days=200 - index * 3 - number * 35, hours=number) for number in range(len(revisions))]
        first = revisions[0]
        article = services.article_create(
            author=users[first["author"]],
            title=first["title"],
            body=first["body"],
            note=first["note"],
            slug=entry["slug"],
            owner=users[entry["owner"]],
            review_date=today + datetime.timedelta(days=entry["review_in_days"]),
            steps=[steps[key] for key in entry["steps"] if key in steps],
            processes=[processes[slug] for slug in entry["processes"] if slug in processes],
            created_at=times[0],
        )
        for number, revision_entry in enumerate(revisions, start=1):
            if number > 1:
                services.article_revise(
                    article=article,
                    author=users[revision_entry["author"]],
                    base_number=number - 1,
                    title=revision_entry["title"],
                    body=revision_entry["body"],
                    note=revision_entry["note"],
                    significant=revision_entry["significant"],
                    created_at=times[number - 1],
                )
            if revision_entry["released_by"]:
                services.revision_release(
                    revision=article.revisions.get(number=number),
                    releaser=users[revision_entry["released_by"]],
                    released_at=times[number - 1] + datetime.timedelta(hours=3),
                )
        created += 1
    return {"articles_created": created}
