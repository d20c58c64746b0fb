"""The recurring jobs, run by the task worker itself (no cron needed): the daily digest e-mails and
the weekly list of due reviews for owners, at PROCESSDB_DIGEST_HOUR local time (Mondays for the list).

Each job has a row (ScheduledJob) with its next time and a task queued to run then. The task runs
the job only if it is due, under a row lock, and then queues its successor; a task that finds its
job not due ends without doing anything. So `ensure()` (`manage.py notifications_schedule`, run
before the worker by `make run` and docker-compose) may be called any number of times: at most one
run per due time, and a lost task is replaced at the next start. A worker that was down when a job
was due runs it when it comes back.
"""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from notifications.models import ScheduledJob

logger = logging.getLogger(__name__)
MONDAY = 0


def _at_hour(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(settings.PROCESSDB_DIGEST_HOUR)))


def next_daily(after: datetime.datetime) -> datetime.datetime:
    """The next digest time strictly after ``after``."""
    day = timezone.localtime(after).date()
    candidate = _at_hour(day)
    return candidate if candidate > after else _at_hour(day + datetime.timedelta(days=1))


def next_weekly(after: datetime.datetime) -> datetime.datetime:
    """The next Monday at the digest hour strictly after ``after``."""
    day = timezone.localtime(after).date()
    day += datetime.timedelta(days=(MONDAY - day.weekday()) % 7)
    candidate = _at_hour(day)
    return candidate if candidate > after else _at_hour(day + datetime.timedelta(days=7))


def _digest() -> str:
    from notifications import delivery

    return f"{delivery.send_digests()} digests sent"


def _due_reviews() -> str:
    from notifications import services

    return f"{services.weekly_due_reviews()} owners told"


JOBS = {"digest": (_digest, next_daily), "due_reviews": (_due_reviews, next_weekly)}


def ensure(*, now=None) -> list[ScheduledJob]:
    """A row and a queued task for every job (idempotent; see the module's docstring)."""
    now = now or timezone.now()
    jobs = []
    for name, (_job, following) in JOBS.items():
        with transaction.atomic():
            job, _created = ScheduledJob.objects.get_or_create(name=name, defaults={"next_at": following(now)})
            run.using(run_after=max(job.next_at, now)).enqueue(name)
        jobs.append(job)
    return jobs


@task()
def run(name: str) -> str:
    """Run the job if it is due (once per due time), then queue the next run."""
    if name not in JOBS:
        return "unknown job"
    job_function, following = JOBS[name]
    now = timezone.now()
    with transaction.atomic():
        job = ScheduledJob.objects.select_for_update().filter(name=name).first()
        if job is None or job.next_at > now:
            return "not due"
        try:
            with transaction.atomic():  # a failing job rolls back its own writes only
                result = job_function()
        except Exception as error:  # the next run is still queued; the failure is logged and shown in the row
            logger.exception("scheduled job %s failed", name)
            result = f"failed: {type(error).__name__}: {error}"
        job.last_run_at = now
        job.last_result = result[:200]
        job.next_at = following(now)
        job.save()
        run.using(run_after=job.next_at).enqueue(name)
    return result
