"""One test per server error that issue 16 listed: each bad input gets a message or a 4xx, never a 500.

The fuzzing test (test_fuzz.py) finds such cases in general; these pin each reported one, on
SQLite and PostgreSQL alike (PostgreSQL is the one that refuses NUL in text).
"""

import datetime
import io
import zipfile
from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db.models.signals import pre_save
from django.test import Client

from documents import services as document_services
from documents.models import Document
from knowledge import services as knowledge_services
from knowledge.models import Article, Revision
from lawchanges.models import ReviewItem
from onboarding.models import (
    Assignment,
    Confirmation,
    PathItem,
    PathSection,
    ReadingPath,
)
from tests.factories import ProcessFactory, RoleFactory
from tests.pdf import pdf_bytes

NUL = "\x00"


def client_for(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


@pytest.fixture
def article(editor, second_editor):
    article = knowledge_services.article_create(
        author=editor, title="Fiktionsbescheinigung", body="Nach § 81 AufenthG.", note="1"
    )
    knowledge_services.revision_release(revision=article.revisions.get(), releaser=second_editor)
    article.refresh_from_db()
    return article


@pytest.fixture
def document(team_lead):
    return document_services.document_create(
        title="Merkblatt Fiktionsbescheinigung",
        kind=Document.Kind.LEAFLET,
        description="",
        owner=team_lead,
        review_date=None,
        steps=[],
        note="Erstfassung",
        user=team_lead,
        upload=SimpleUploadedFile("merkblatt.pdf", pdf_bytes("Merkblatt", ["Seite 1"]), content_type="application/pdf"),
    )


@pytest.mark.parametrize("path", ["/wissen/", "/dokumente/", "/suche/"])
def test_a_nul_byte_in_the_search_box_is_ignored(reader, article, path):
    response = client_for(reader).get(path, {"q": f"Fiktion{NUL}sbescheinigung"})
    assert response.status_code == 200
    assert NUL not in response.content.decode()


def test_a_nul_byte_in_an_article_slug_gives_the_form_back(editor):
    response = client_for(editor).post(
        "/wissen/neu/", {"title": "Neu", "slug": f"neu{NUL}", "body": "Text, der bleibt.", "change_note": "x", "owner": editor.pk}
    )
    assert response.status_code in {302, 400}
    article = Article.objects.filter(title="Neu").first()
    assert article is None or NUL not in article.slug


def test_a_nul_byte_in_an_onboarding_note_is_removed(reader, team_lead):
    path = ReadingPath.objects.create(title="Einarbeitung", role=RoleFactory())
    section = PathSection.objects.create(path=path, title="Woche 1", position=1)
    item = PathItem.objects.create(section=section, position=1, kind="task", task_title="Hospitation")
    today = datetime.date.today()
    assignment = Assignment.objects.create(path=path, person=reader, start_date=today, due_date=today, assigned_by=team_lead)
    response = client_for(reader).post(f"/einarbeitung/punkt/{assignment.pk}/{item.pk}/bestaetigen/", {"note": f"erledigt{NUL}!"})
    assert response.status_code == 302
    assert Confirmation.objects.get(assignment=assignment, item=item).note == "erledigt!"


@pytest.mark.parametrize("value", ["abc", "-1", "9" * 21, "😀", "2026-02-30", "31.02.2026", "%FF%FE"])
def test_a_bad_review_date_gives_a_message_and_changes_nothing(team_lead, value):
    process = ProcessFactory(title="Blaue Karte EU", slug="blaue-karte", review_date=datetime.date(2027, 1, 1))
    client = client_for(team_lead)
    body = urlencode({"next": "/pruefung/"}) + "&next_review=" + (value if value.startswith("%") else urlencode({"": value})[1:])
    response = client.generic("POST", f"/prozesse/{process.slug}/geprueft/", body, "application/x-www-form-urlencoded")
    assert response.status_code == 302 and response["Location"] == "/pruefung/"
    process.refresh_from_db()
    assert process.review_date == datetime.date(2027, 1, 1)
    assert "gültiges Datum" in client.get("/pruefung/").content.decode()


@pytest.mark.parametrize("path", ["/pruefung/schliessen/", "/dokumente/{slug}/geprueft/"])
def test_a_next_that_is_no_url_sends_the_user_to_a_safe_page(team_lead, document, path):
    response = client_for(team_lead).post(path.format(slug=document.slug), {"next": "abc", "next_review": "2030-01-01"})
    assert response.status_code == 302
    assert response["Location"] in {"/pruefung/", document.get_absolute_url()}


@pytest.mark.parametrize("number", ["9" * 21, "9" * 19, "0"])
def test_a_huge_revision_number_is_not_found(editor, article, number):
    client = client_for(editor)
    assert client.post(f"/wissen/{article.slug}/versionen/{number}/wiederherstellen/").status_code == 404
    assert client.get(f"/wissen/{article.slug}/versionen/{number}/").status_code == 404


@pytest.mark.parametrize("parameter", ["prozess", "verantwortlich"])
def test_a_huge_number_in_a_filter_means_no_filter(reader, article, parameter):
    response = client_for(reader).get("/wissen/", {parameter: "9" * 21})
    assert response.status_code == 200
    assert "Fiktionsbescheinigung" in response.content.decode()


@pytest.mark.parametrize("charset", ["utf-16", "does-not-exist", "latin-1"])
def test_a_form_with_a_wrong_charset_gives_no_server_error(editor, charset):
    body = urlencode({"title": "Zeichensatz", "body": "Text", "change_note": "x", "owner": editor.pk})
    response = client_for(editor).generic(
        "POST", "/wissen/neu/", body.encode(), f"application/x-www-form-urlencoded; charset={charset}"
    )
    assert response.status_code < 500


@pytest.mark.parametrize("length", [256, 300 * 1024, 1024 * 1024])
def test_an_over_long_user_name_gets_the_login_form_with_a_message(db, length, settings):
    settings.AXES_ENABLED = True
    response = Client().post("/konto/anmelden/", {"username": "x" * length, "password": "egal"})
    assert response.status_code == 200
    assert "höchstens 150 Zeichen" in response.content.decode()


def test_the_same_title_created_twice_at_once_gives_the_second_editor_the_form_back(editor):
    """The second editor's insert meets the first one's row after the existence check passed."""

    def first_editor_saves_meanwhile(sender, instance, **kwargs):
        pre_save.disconnect(first_editor_saves_meanwhile, sender=Article)
        Article.objects.create(slug=instance.slug, title=instance.title, owner=editor)

    pre_save.connect(first_editor_saves_meanwhile, sender=Article)
    try:
        response = client_for(editor).post(
            "/wissen/neu/", {"title": "Duldung", "body": "Mein langer Text.", "change_note": "neu", "owner": editor.pk}
        )
    finally:
        pre_save.disconnect(first_editor_saves_meanwhile, sender=Article)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Es gibt bereits einen Artikel mit dieser Adresse." in page
    assert "Mein langer Text." in page
    # The simulated first editor shares this test's transaction, so only the refusal can be seen here.
    assert not Revision.objects.filter(body="Mein langer Text.").exists()


@pytest.mark.parametrize("keep", [0.3, 0.6, 0.9, 0.99])
def test_a_truncated_backup_is_refused_with_a_reason(db, tmp_path, article, keep):
    archive = tmp_path / "sicherung.zip"
    call_command("backup", str(archive))
    data = archive.read_bytes()
    truncated = tmp_path / "abgeschnitten.zip"
    truncated.write_bytes(data[: int(len(data) * keep)])
    with pytest.raises(CommandError):
        call_command("restore", str(truncated))


def test_a_backup_with_a_damaged_member_is_refused_with_a_reason(db, tmp_path, article):
    archive = tmp_path / "sicherung.zip"
    call_command("backup", str(archive))
    data = bytearray(archive.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as opened:
        info = opened.getinfo("data.json")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for offset in range(start + 10, start + 60):
        data[offset] ^= 0xFF
    damaged = tmp_path / "beschaedigt.zip"
    damaged.write_bytes(bytes(data))
    with pytest.raises(CommandError, match="beschädigt|keine Sicherung"):
        call_command("restore", str(damaged))


@pytest.mark.parametrize("name", ["€€€.pdf", "%%%.pdf", "ßß.pdf"])
def test_a_file_name_that_cleans_to_nothing_still_uploads(team_lead, document, name):
    response = client_for(team_lead).post(
        f"/dokumente/{document.slug}/hochladen/",
        {
            "file": SimpleUploadedFile(name, pdf_bytes("Merkblatt", ["Seite 1"]), content_type="application/pdf"),
            "change_note": "neu",
            "base": "1",
        },
    )
    assert response.status_code in {200, 302}, response.content.decode()[:500]
    assert document.versions.count() == 2
    assert document.versions.latest("number").original_name.endswith(".pdf")


def test_review_items_close_with_a_hostile_note(team_lead):
    response = client_for(team_lead).post("/pruefung/schliessen/", {"items": ["9" * 21, "abc"], "status": "adapted", "note": NUL})
    assert response.status_code == 302
    assert not ReviewItem.objects.exists()
