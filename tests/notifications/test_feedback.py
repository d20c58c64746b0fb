"""„Hinweis geben“: a reader's feedback reaches those who handle it, and their answer comes back."""

import pytest
from django.test import Client
from django.utils.html import escape

from notifications.models import Feedback, Notification
from processdb import groups
from tests.factories import ProcessFactory, StepFactory, UserFactory


@pytest.fixture
def step(db):
    return StepFactory(process=ProcessFactory(status="published", title="Aufenthaltserlaubnis verlängern"), title="Antrag prüfen")


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def give(client, step, text="Die Gebühr ist seit Mai 2025 eine andere.", **extra):
    return client.post(f"/hinweise/neu/?art=step&id={step.pk}", {"text": text, **extra})


def test_every_step_offers_feedback(reader, step):
    page = client_of(reader).get(step.process.get_absolute_url()).content.decode()
    assert f'href="/hinweise/neu/?art=step&amp;id={step.pk}"' in page
    assert f'href="/hinweise/neu/?art=process&amp;id={step.process.pk}"' in page


def test_feedback_goes_to_the_queue_and_the_answer_back_to_the_reporter(reader, editor, step):
    reporter, handler = client_of(reader), client_of(editor)
    form = reporter.get(f"/hinweise/neu/?art=step&id={step.pk}")
    assert form.status_code == 200 and "Antrag prüfen" in form.content.decode()
    response = give(reporter, step, suggestion="Neue Gebühr: 100 Euro")
    feedback = Feedback.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/hinweise/{feedback.pk}/"
    assert (feedback.kind, feedback.object_id, feedback.reporter, feedback.status) == ("step", step.pk, reader, "open")
    # The editor is told and finds it in the queue.
    assert Notification.objects.filter(recipient=editor, kind="feedback_new").exists()
    assert "1" in handler.get("/").content.decode().split("Benachrichtigungen", 1)[1][:200]
    queue = handler.get("/pruefung/hinweise/").content.decode()
    assert "Die Gebühr ist seit Mai 2025 eine andere." in queue and "Aufenthaltserlaubnis verlängern – " in queue
    # The editor answers and closes it.
    page = handler.get(f"/hinweise/{feedback.pk}/")
    seen = page.context["form"]["seen"].value()
    response = handler.post(f"/hinweise/{feedback.pk}/", {"status": "done", "reply": "Danke, ist angepasst.", "seen": seen})
    assert response.status_code == 302
    feedback.refresh_from_db()
    assert (feedback.status, feedback.reply, feedback.handled_by) == ("done", "Danke, ist angepasst.", editor)
    assert "Die Gebühr" not in handler.get("/pruefung/hinweise/").content.decode()
    assert "Die Gebühr" in handler.get("/pruefung/hinweise/?zeigen=erledigt").content.decode()
    # The reporter sees the answer in the notification list, and the count in the header.
    start = reporter.get("/").content.decode()
    assert "1<span class=\"kern-sr-only\"> ungelesen" in start
    notifications = reporter.get("/benachrichtigungen/").content.decode()
    assert f"Ihr Hinweis zu „Aufenthaltserlaubnis verlängern – {step.position}. Antrag prüfen“: erledigt" in notifications
    assert "Danke, ist angepasst." in notifications
    assert "Danke, ist angepasst." in reporter.get("/hinweise/").content.decode()
    reporter.post("/benachrichtigungen/gelesen/")
    assert "ungelesen" not in reporter.get("/").content.decode()


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "Dieses Feld ist zwingend erforderlich."), ("x" * 2001, "höchstens 2000 Zeichen")],
)
def test_bad_feedback_is_refused_and_what_was_typed_stays(reader, step, text, message):
    response = give(client_of(reader), step, text=text, suggestion="mein Vorschlag")
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page and "mein Vorschlag" in page
    assert not Feedback.objects.exists()


def test_markup_is_stored_as_text_and_shown_escaped(reader, editor, step):
    give(client_of(reader), step, text="<script>alert(1)</script> **fett**")
    feedback = Feedback.objects.get()
    page = client_of(editor).get(f"/hinweise/{feedback.pk}/").content.decode()
    assert escape("<script>alert(1)</script>") in page and "<script>alert(1)" not in page


def test_a_flood_of_feedback_is_stopped_with_a_message(reader, step, settings):
    settings.PROCESSDB_FEEDBACK_PER_HOUR = 3
    client = client_of(reader)
    for n in range(3):
        assert give(client, step, text=f"Hinweis {n}").status_code == 302
    response = give(client, step, text="noch einer")
    assert response.status_code == 400 and "in der letzten Stunde" in response.content.decode()
    assert Feedback.objects.count() == 3


@pytest.mark.parametrize(
    "query", ["art=step&id=0", "art=step&id=99999999999999999999999", "art=nichts&id=1", "art=step&id=abc", ""]
)
def test_feedback_on_nothing_is_a_404(reader, query):
    assert client_of(reader).get(f"/hinweise/neu/?{query}").status_code == 404


def test_others_feedback_is_not_shown_to_readers(reader, step):
    give(client_of(reader), step)
    feedback = Feedback.objects.get()
    other = client_of(UserFactory(username="andere", groups=[groups.READERS]))
    assert other.get(f"/hinweise/{feedback.pk}/").status_code == 404
    assert other.get("/pruefung/hinweise/").status_code == 403
    assert other.post(f"/hinweise/{feedback.pk}/", {"status": "done"}).status_code == 404


def test_an_answer_on_a_stale_form_overwrites_nothing(reader, editor, second_editor, step):
    give(client_of(reader), step)
    feedback = Feedback.objects.get()
    first, second = client_of(editor), client_of(second_editor)
    seen = first.get(f"/hinweise/{feedback.pk}/").context["form"]["seen"].value()
    second_seen = second.get(f"/hinweise/{feedback.pk}/").context["form"]["seen"].value()
    answer = {"status": "in_progress", "reply": "Ich schaue.", "seen": seen}
    assert first.post(f"/hinweise/{feedback.pk}/", answer).status_code == 302
    response = second.post(f"/hinweise/{feedback.pk}/", {"status": "declined", "reply": "Stimmt nicht.", "seen": second_seen})
    assert response.status_code == 409
    assert "Stimmt nicht." in response.content.decode()  # what was typed stays
    feedback.refresh_from_db()
    assert (feedback.status, feedback.reply) == ("in_progress", "Ich schaue.")
