"""/pruefung/: due processes and articles, for everyone and filtered to mine; marking as reviewed."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from knowledge import services
from tests.factories import ProcessFactory


@pytest.fixture
def due(db, editor, second_editor, team_lead):
    today = timezone.localdate()
    ProcessFactory(title="Überfälliger Prozess", slug="ueberfaellig", owner=editor, review_date=today - timedelta(days=5))
    ProcessFactory(title="Bald fälliger Prozess", slug="bald", owner=team_lead, review_date=today + timedelta(days=10))
    ProcessFactory(title="Später fälliger Prozess", slug="spaeter", owner=editor, review_date=today + timedelta(days=90))
    article = services.article_create(
        author=editor, title="Fälliger Artikel", body="Text", note="1", review_date=today + timedelta(days=3)
    )
    services.revision_release(revision=article.revisions.get(), releaser=second_editor)
    return article


def test_queue_lists_overdue_and_due_items_for_everyone(reader_client, due):
    content = reader_client.get(reverse("review:index")).content.decode()
    assert "Prüfdatum überschritten (1)" in content and "In 30 Tagen fällig (2)" in content
    assert content.index("Überfälliger Prozess") < content.index("Fälliger Artikel") < content.index("Bald fälliger Prozess")
    assert "Später fälliger Prozess" not in content
    assert "Als geprüft markieren" not in content  # readers cannot mark


def test_mine_shows_only_what_i_own(editor_client, due):
    content = editor_client.get(reverse("review:index") + "?filter=meine").content.decode()
    assert "Überfälliger Prozess" in content and "Fälliger Artikel" in content
    assert "Bald fälliger Prozess" not in content


def test_marking_a_process_reviewed_records_who_when_and_the_next_date(editor_client, editor, due):
    next_date = timezone.localdate() + timedelta(days=365)
    response = editor_client.post(
        reverse("processes:reviewed", args=["ueberfaellig"]),
        {"next_review": next_date.isoformat(), "next": reverse("review:index")},
        follow=True,
    )
    assert f"Nächste Prüfung: {next_date:%d.%m.%Y}" in response.content.decode()
    from processes.models import Process

    process = Process.objects.get(slug="ueberfaellig")
    assert (process.review_date, process.reviewed_by) == (next_date, editor)
    assert process.reviewed_at is not None
    assert "Überfälliger Prozess" not in response.content.decode().split("Prüfdatum überschritten (")[1]


def test_marking_an_article_reviewed(editor_client, editor, due):
    next_date = timezone.localdate() + timedelta(days=180)
    editor_client.post(reverse("knowledge:reviewed", args=[due.slug]), {"next_review": next_date.isoformat()})
    due.refresh_from_db()
    assert (due.review_date, due.reviewed_by) == (next_date, editor)


def test_a_past_next_date_is_refused_in_german(editor_client, due):
    response = editor_client.post(
        reverse("processes:reviewed", args=["ueberfaellig"]), {"next_review": "2000-01-01"}, follow=True
    )
    assert "Die nächste Prüfung muss in der Zukunft liegen." in response.content.decode()


def test_readers_cannot_mark_reviewed(reader_client, due):
    assert (
        reader_client.post(reverse("processes:reviewed", args=["ueberfaellig"]), {"next_review": "2099-01-01"}).status_code == 403
    )
    assert reader_client.get(reverse("processes:reviewed", args=["ueberfaellig"])).status_code in (403, 405)


def test_an_open_redirect_through_next_is_refused(editor_client, due):
    response = editor_client.post(
        reverse("processes:reviewed", args=["ueberfaellig"]),
        {"next_review": (timezone.localdate() + timedelta(days=30)).isoformat(), "next": "https://evil.example/"},
    )
    assert response["Location"] == "/prozesse/ueberfaellig/"
