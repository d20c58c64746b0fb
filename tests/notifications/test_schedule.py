"""The recurring jobs run in the task worker: once per due time, each run queueing the next."""

import datetime
import zoneinfo

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from notifications import schedule, services
from notifications.models import Notification, Preference, ScheduledJob
from tests.factories import ProcessFactory, StepFactory

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def at(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=BERLIN)


@pytest.mark.parametrize(
    ("after", "daily", "weekly"),
    [
        (at(2026, 12, 8, 6, 59), at(2026, 12, 8, 7), at(2026, 12, 14, 7)),  # a Tuesday morning
        (at(2026, 12, 8, 7, 0), at(2026, 12, 9, 7), at(2026, 12, 14, 7)),  # just run: the next one
        (at(2026, 12, 14, 6, 0), at(2026, 12, 14, 7), at(2026, 12, 14, 7)),  # a Monday before seven
        (at(2026, 12, 14, 7, 0), at(2026, 12, 15, 7), at(2026, 12, 21, 7)),
        (at(2026, 12, 31, 23, 30), at(2027, 1, 1, 7), at(2027, 1, 4, 7)),  # over the turn of the year
    ],
)
def test_the_next_times(settings, after, daily, weekly):
    settings.TIME_ZONE = "Europe/Berlin"
    settings.PROCESSDB_DIGEST_HOUR = 7
    assert schedule.next_daily(after) == daily
    assert schedule.next_weekly(after) == weekly


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def queued_runs():
    return DBTaskResult.objects.filter(task_path="notifications.schedule.run", status="READY")


@pytest.mark.django_db(transaction=True)
def test_the_worker_sends_the_digest_when_it_is_due_once_and_queues_the_next(smtp, reader, editor):
    Preference.objects.create(user=reader, email=Preference.Email.DAILY)
    step = StepFactory(process=ProcessFactory(title="Aufenthaltserlaubnis verlängern"), title="Antrag prüfen")
    feedback = services.give_feedback(user=reader, kind="step", object_id=step.pk, text="Gebühr veraltet")
    services.answer_feedback(user=editor, feedback=feedback, status="done", reply="Ist angepasst.", seen=feedback.updated_at)
    run_worker()  # the editor's e-mail about the new feedback goes at once
    smtp.clear()
    assert Notification.objects.get(recipient=reader).email_state == "digest"

    call_command("notifications_schedule", verbosity=0)
    call_command("notifications_schedule", verbosity=0)  # at every start: harmless
    assert set(ScheduledJob.objects.values_list("name", flat=True)) == {"digest", "due_reviews"}
    assert queued_runs().count() == 4
    run_worker()
    assert smtp.messages == [], "not due yet: nothing runs before its time"

    ScheduledJob.objects.filter(name="digest").update(next_at=timezone.now() - datetime.timedelta(minutes=1))
    DBTaskResult.objects.update(run_after=timezone.now() - datetime.timedelta(seconds=1))
    run_worker()
    assert [rcpt for rcpt, _message in smtp.messages] == [[reader.email]], "one digest, although two runs were queued"
    job = ScheduledJob.objects.get(name="digest")
    assert job.last_result == "1 digests sent"
    assert job.next_at == schedule.next_daily(job.last_run_at) and job.next_at > timezone.now()
    assert queued_runs().filter(run_after=job.next_at).count() == 1, "the run queued its successor"
    assert Notification.objects.get(recipient=reader).email_state == "sent"

    DBTaskResult.objects.update(run_after=timezone.now() - datetime.timedelta(seconds=1))
    run_worker()  # the successor, early: not due, so it does nothing and queues nothing
    assert len(smtp.messages) == 1
    assert ScheduledJob.objects.get(name="digest").next_at == job.next_at


@pytest.mark.django_db(transaction=True)
def test_a_failing_job_is_recorded_and_still_comes_again(monkeypatch):
    def broken():
        raise RuntimeError("mail server exploded")

    monkeypatch.setitem(schedule.JOBS, "digest", (broken, schedule.next_daily))
    schedule.ensure()
    ScheduledJob.objects.filter(name="digest").update(next_at=timezone.now() - datetime.timedelta(minutes=1))
    assert schedule.run.call("digest") == "failed: RuntimeError: mail server exploded"
    job = ScheduledJob.objects.get(name="digest")
    assert job.next_at > timezone.now() and job.last_result.startswith("failed")
