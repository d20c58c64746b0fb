"""Notification e-mails through a real SMTP server, sent by the real task worker."""

import datetime

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from departments import rights
from departments.models import Department
from knowledge import services as knowledge
from notifications import delivery, services
from notifications.models import Notification, Preference, Watch
from tests.factories import ProcessFactory, StepFactory

# The worker commits and closes its database connection as it would in its own process, so these
# tests work on committed rows (flushed after each test) rather than inside a rolled-back transaction.
pytestmark = pytest.mark.django_db(transaction=True)


def run_worker():
    """What `manage.py db_worker` does in the background, here until the queue is empty."""
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def make_due():
    """Retries wait minutes; the test does not: every task may run now."""
    DBTaskResult.objects.update(run_after=timezone.now() - datetime.timedelta(seconds=1))


@pytest.fixture
def step(db):
    return StepFactory(process=ProcessFactory(title="Aufenthaltserlaubnis verlängern"), title="Antrag prüfen")


def test_an_answer_reaches_the_reporter_by_e_mail(smtp, reader, editor, step):
    feedback = services.give_feedback(user=reader, kind="step", object_id=step.pk, text="Gebühr veraltet")
    services.answer_feedback(user=editor, feedback=feedback, status="done", reply="Ist angepasst.", seen=feedback.updated_at)
    assert smtp.messages == []  # nothing is sent in the request: the worker sends
    run_worker()
    by_recipient = {tuple(rcpt): message for rcpt, message in smtp.messages}
    assert set(by_recipient) == {(editor.email,), (reader.email,)}
    answer = by_recipient[(reader.email,)]
    subject = f"Ihr Hinweis zu „Aufenthaltserlaubnis verlängern – {step.position}. Antrag prüfen“: erledigt"
    assert answer["Subject"].strip() == subject
    assert answer["List-Unsubscribe"].strip() == "<https://prozesse.example.org/benachrichtigungen/einstellungen/>"
    text = answer.get_body(("plain",)).get_content()
    html = answer.get_body(("html",)).get_content()
    assert "Ist angepasst." in text and f"https://prozesse.example.org/hinweise/{feedback.pk}/" in text
    assert f'href="https://prozesse.example.org/hinweise/{feedback.pk}/"' in html
    assert "https://prozesse.example.org/benachrichtigungen/einstellungen/" in text
    assert set(Notification.objects.values_list("email_state", flat=True)) == {"sent"}


def test_smtp_down_then_up_loses_nothing_and_sends_nothing_twice(smtp, reader, editor, step):
    smtp.stop()
    services.give_feedback(user=reader, kind="step", object_id=step.pk, text="Gebühr veraltet")
    run_worker()
    notification = Notification.objects.get(recipient=editor)
    assert (notification.email_state, notification.email_attempts) == ("pending", 1)
    assert "Connection refused" in notification.email_error or "Errno" in notification.email_error
    assert DBTaskResult.objects.filter(status="READY").count() == 1  # the retry, for later
    smtp.start()
    make_due()
    run_worker()
    # After a restart of the worker the due ones are queued again: still nothing twice.
    call_command("notifications_send", verbosity=0)
    run_worker()
    assert [rcpt for rcpt, _message in smtp.messages] == [[editor.email]]
    notification.refresh_from_db()
    assert notification.email_state == "sent" and notification.emailed_at is not None


def test_after_the_last_try_it_is_marked_failed(smtp, reader, editor, step):
    smtp.stop()
    services.give_feedback(user=reader, kind="step", object_id=step.pk, text="Gebühr veraltet")
    for _ in range(len(delivery.RETRY_AFTER) + 1):
        make_due()
        run_worker()
    notification = Notification.objects.get(recipient=editor)
    assert (notification.email_state, notification.email_attempts) == ("failed", len(delivery.RETRY_AFTER) + 1)
    assert not DBTaskResult.objects.filter(status="READY").exists()


def test_no_e_mail_about_what_the_recipient_may_no_longer_read(smtp, reader, editor, second_editor):
    article = knowledge.article_create(author=editor, title="Interna", body="Text.", note="Erstfassung")
    knowledge.revision_release(revision=article.revisions.get(number=1), releaser=second_editor)
    Watch.objects.create(user=reader, kind="article", object_id=article.pk, title="Interna", url="/")
    article.refresh_from_db()
    revision = knowledge.article_revise(article=article, author=editor, base_number=1, title="Interna", body="Neu.", note="neu")
    knowledge.revision_release(revision=revision, releaser=second_editor)
    # Between the notification and its e-mail, the article became its department's own.
    closed = Department.objects.create(slug="intern", name="Intern", members_only=True)
    closed.members.add(editor, second_editor)
    rights.assign(closed, [article])
    run_worker()
    # The author, its owner and a member, hears of it; the reader no longer may.
    assert {tuple(rcpt) for rcpt, _message in smtp.messages} == {(editor.email,)}
    assert Notification.objects.get(recipient=reader).email_state == "skipped"


def test_the_daily_digest_collects_and_no_e_mail_means_none(smtp, reader, editor, step, settings):
    settings.PROCESSDB_FEEDBACK_PER_HOUR = 10
    client = Client()
    client.force_login(editor)
    assert client.post("/benachrichtigungen/einstellungen/", {"email": "daily"}).status_code == 302
    assert Preference.objects.get(user=editor).email == "daily"
    for n in range(3):
        services.give_feedback(user=reader, kind="step", object_id=step.pk, text=f"Hinweis {n}")
    run_worker()
    assert smtp.messages == []
    call_command("notifications_digest", verbosity=0)
    assert len(smtp.messages) == 1
    rcpt, digest = smtp.messages[0]
    assert rcpt == [editor.email] and digest["Subject"].strip() == "Prozessdatenbank: 3 Benachrichtigungen"
    assert digest.get_body(("plain",)).get_content().count("Neuer Hinweis zu") == 3
    call_command("notifications_digest", verbosity=0)
    assert len(smtp.messages) == 1  # nothing twice
    client.post("/benachrichtigungen/einstellungen/", {"email": "off"})
    services.give_feedback(user=reader, kind="step", object_id=step.pk, text="noch einer")
    run_worker()
    call_command("notifications_digest", verbosity=0)
    assert len(smtp.messages) == 1


def test_a_bad_choice_of_setting_is_refused(reader):
    client = Client()
    client.force_login(reader)
    response = client.post("/benachrichtigungen/einstellungen/", {"email": "sofort\x00"})
    assert response.status_code == 400 and not Preference.objects.exists()
