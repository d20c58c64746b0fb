"""Comments on drafts: author and reviewer discuss a draft; comments block nothing but are counted on release."""

import re

import pytest
from django.test import Client
from django.utils import timezone

from knowledge import services as knowledge
from notifications.models import DraftComment, Notification
from processes import services as processes
from processes import versioning
from processes.models import Process
from tests.factories import ProcessFactory, StepFactory


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def text_of(response) -> str:
    """What the user reads: the page without its tags, spaces collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())).replace(" ,", ",")


@pytest.fixture
def article(editor, second_editor):
    """Released revision 1, and revision 2 by ``editor`` waiting for release."""
    article = knowledge.article_create(author=editor, title="Fiktionsbescheinigung", body="Text.", note="Erstfassung")
    knowledge.revision_release(revision=article.revisions.get(number=1), releaser=second_editor)
    article.refresh_from_db()
    knowledge.article_revise(
        article=article, author=editor, base_number=1, title=article.title, body="Neuer Text.", note="Gebühr ergänzt"
    )
    article.refresh_from_db()
    return article


def discussion_url(kind, object_id, number) -> str:
    return f"/entwuerfe/{kind}/{object_id}/{number}/kommentare/"


def test_reviewer_and_author_discuss_an_article_draft_and_the_release_box_counts_open_comments(
    article, editor, second_editor
):
    reviewer, author = client_of(second_editor), client_of(editor)
    page = reviewer.get(article.get_absolute_url()).content.decode()
    assert "Noch keine Kommentare zu diesem Entwurf." in page
    url = discussion_url("article", article.pk, 2)
    assert f'href="{url}"' in page

    response = reviewer.post(url, {"text": "Bitte die Gebühr mit § 47 AufenthV belegen."})
    assert response.status_code == 302
    comment = DraftComment.objects.get()
    assert response["Location"] == f"{url}#kommentar-{comment.pk}"
    told = Notification.objects.get(recipient=editor, kind="draft_comment")
    assert told.title == "Neuer Kommentar zum Entwurf „Fiktionsbescheinigung (Version 2)“"
    assert told.url == f"{url}#kommentar-{comment.pk}"
    assert not Notification.objects.filter(recipient=second_editor, kind="draft_comment").exists()

    assert "1 offener Kommentar von 1 Kommentar zu diesem Entwurf" in text_of(author.get(article.get_absolute_url()))
    discussion = text_of(author.get(url))
    assert "Bitte die Gebühr mit § 47 AufenthV belegen." in discussion and "1 Kommentar, 1 offen" in discussion

    author.post(url, {"text": "Ist ergänzt."})
    assert Notification.objects.filter(recipient=second_editor, kind="draft_comment").count() == 1  # the reviewer hears back
    author.post(f"/entwuerfe/kommentare/{comment.pk}/erledigt/", {"resolved": "1"})
    comment.refresh_from_db()
    assert comment.resolved_by == editor and not comment.is_open
    assert "1 offener Kommentar von 2 Kommentaren zu diesem Entwurf" in text_of(reviewer.get(article.get_absolute_url()))
    assert f"erledigt von {editor.get_full_name()}" in text_of(reviewer.get(url))

    # An open comment blocks nothing: the release goes through and the discussion is closed.
    assert reviewer.post(f"/wissen/{article.slug}/freigeben/", {"number": 2}).status_code == 302
    article.refresh_from_db()
    assert article.published_revision.number == 2
    closed = reviewer.post(url, {"text": "Noch etwas"})
    assert closed.status_code == 400
    assert "Diese Version ist freigegeben; ihre Diskussion ist abgeschlossen." in text_of(closed)
    assert DraftComment.objects.count() == 2


def test_a_process_draft_has_its_discussion_on_the_release_page(team_lead, editor):
    process = ProcessFactory(title="Blaue Karte EU erteilen", slug="blaue-karte", owner=None)
    StepFactory(process=process, position=1, title="Antrag prüfen", responsible_role=process.owner_role)
    processes.ensure_baseline(process)
    snapshot = versioning.capture(versioning.loaded(Process.objects.filter(pk=process.pk)).get())
    snapshot["steps"][0]["title"] = "Antrag und Unterlagen prüfen"
    version = processes.process_save_draft(process=process, author=team_lead, base_number=1, snapshot=snapshot, note="Titel")
    reviewer = client_of(editor)
    url = discussion_url("process", process.pk, version.number)
    assert "Noch keine Kommentare zu diesem Entwurf." in text_of(reviewer.get(version.get_absolute_url()))
    reviewer.post(url, {"text": "Warum zusammengelegt?"})
    reviewer.post(url, {"text": "Und die Frist?"})
    page = text_of(reviewer.get(version.get_absolute_url()))
    assert "2 offene Kommentare von 2 Kommentaren zu diesem Entwurf" in page
    assert Notification.objects.filter(recipient=team_lead, kind="draft_comment").count() == 2


def test_caseworkers_do_not_see_drafts_nor_their_discussion(article, reader):
    client = client_of(reader)
    url = discussion_url("article", article.pk, 2)
    assert client.get(url).status_code == 404
    assert client.post(url, {"text": "Hallo"}).status_code == 404
    assert "Kommentar" not in text_of(client.get(article.get_absolute_url()))
    comment = DraftComment.objects.create(kind="article", object_id=article.pk, number=2, text="intern")
    assert client.post(f"/entwuerfe/kommentare/{comment.pk}/erledigt/", {"resolved": "1"}).status_code == 404
    comment.refresh_from_db()
    assert comment.is_open


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Dieses Feld ist zwingend erforderlich."),
        ("   ", "Dieses Feld ist zwingend erforderlich."),
        ("x" * 5001, "höchstens 5000 Zeichen"),
    ],
)
def test_a_bad_comment_is_refused_with_a_message_and_kept_in_the_form(article, second_editor, text, message):
    response = client_of(second_editor).post(discussion_url("article", article.pk, 2), {"text": text})
    assert response.status_code == 400
    assert message in text_of(response)
    assert not DraftComment.objects.exists()


def test_a_nul_byte_in_a_comment_is_dropped(article, second_editor):
    client_of(second_editor).post(discussion_url("article", article.pk, 2), {"text": "a\x00b"})
    assert DraftComment.objects.get().text == "ab"


def test_markup_in_a_comment_is_shown_as_text(article, second_editor):
    client = client_of(second_editor)
    url = discussion_url("article", article.pk, 2)
    client.post(url, {"text": "<script>alert(1)</script>"})
    page = client.get(url).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


@pytest.mark.parametrize(
    "path",
    [
        "/entwuerfe/article/1/0/kommentare/", "/entwuerfe/step/1/1/kommentare/", "/entwuerfe/article/999999/1/kommentare/",
        "/entwuerfe/article/1/999999999999999999/kommentare/",
    ],
)
def test_a_discussion_of_nothing_is_a_404(article, second_editor, path):
    assert client_of(second_editor).get(path.replace("/1/", f"/{article.pk}/", 1)).status_code == 404


def test_the_discussion_page_costs_the_same_queries_for_many_comments(
    article, editor, second_editor, django_assert_max_num_queries
):
    DraftComment.objects.bulk_create(
        DraftComment(kind="article", object_id=article.pk, number=2, author=(editor, second_editor)[n % 2], text=f"Punkt {n}",
                     resolved_by=second_editor if n % 3 == 0 else None, resolved_at=timezone.now() if n % 3 == 0 else None)
        for n in range(60)
    )
    client = client_of(second_editor)
    client.get("/")
    with django_assert_max_num_queries(12):
        page = text_of(client.get(discussion_url("article", article.pk, 2)))
    assert "60 Kommentare" in page and "Punkt 59" in page
