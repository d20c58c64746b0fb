"""Documents: immutable versions, the current version, safe uploads, downloads, pages.

The four-eyes release of versions, stale uploads and bad input: test_release.py.
"""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from documents import services
from documents.models import Document, DocumentVersion
from documents.uploads import clean_name
from tests.factories import ProcessFactory, StepFactory
from tests.pdf import pdf_bytes

PDF = pdf_bytes("Merkblatt", ["Zeile"])
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def upload(name, content):
    return SimpleUploadedFile(name, content)


@pytest.fixture
def step(db):
    return StepFactory(
        process=ProcessFactory(title="Fiktionsbescheinigung ausstellen", slug="fiktion"), position=1, title="Vordruck ausfüllen"
    )


def add_version(document, user, name="neu.pdf", content=PDF + b"%n", note="neu"):
    """Upload a draft the way the form does: based on the latest version."""
    latest = document.versions.order_by("-number").first()
    return services.document_add_version(
        document=document, upload=upload(name, content), note=note, user=user, base_number=latest.number if latest else 0
    )


def add_released_version(document, user, releaser, **kwargs):
    version = add_version(document, user, **kwargs)
    services.document_version_release(version=version, releaser=releaser)
    return version


@pytest.fixture
def document(editor, second_editor, step):
    """A document whose first version (uploaded by editor) second_editor released."""
    document = services.document_create(
        title="Merkblatt Fiktionsbescheinigung",
        kind=Document.Kind.LEAFLET,
        description="Für Antragstellende",
        owner=editor,
        review_date=None,
        steps=[step],
        upload=upload("merkblatt.pdf", PDF),
        note="Erstfassung",
        user=editor,
    )
    services.document_version_release(version=document.versions.get(), releaser=second_editor)
    document.refresh_from_db()
    return document


def test_versions_are_numbered_kept_and_the_latest_released_is_current(document, editor, second_editor):
    second = add_released_version(document, editor, second_editor, name="merkblatt-2025.pdf", content=PDF + b"\n%v2")
    draft = add_version(document, editor, name="entwurf.pdf", content=PDF + b"\n%v3", note="Entwurf")
    document.refresh_from_db()
    assert [v.number for v in document.versions.all()] == [3, 2, 1]
    assert document.current_version == second
    assert not draft.is_released
    release = services.document_version_release(version=draft, releaser=second_editor)
    document.refresh_from_db()
    assert document.current_version == draft
    assert (release.version, release.released_by) == (draft, second_editor)
    first = document.versions.get(number=1)
    assert first.file.read() == PDF  # older versions stay downloadable


def test_a_version_and_its_release_are_never_changed_or_deleted(document):
    version = document.versions.get()
    version.change_note = "überschrieben"
    with pytest.raises(ValueError):
        version.save()
    with pytest.raises(ValueError):
        version.delete()
    assert DocumentVersion.objects.get(pk=version.pk).change_note == "Erstfassung"
    release = version.release
    with pytest.raises(ValueError):
        release.save()
    with pytest.raises(ValueError):
        release.delete()


def test_checksum_size_type_and_uploader_are_recorded(document, editor):
    import hashlib

    version = document.versions.get()
    assert version.sha256 == hashlib.sha256(PDF).hexdigest()
    assert (version.size, version.content_type, version.uploaded_by) == (len(PDF), "application/pdf", editor)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("programm.exe", b"MZ\x90\x00" + b"\x00" * 100, "Dateien vom Typ „.exe“ sind nicht erlaubt"),
        ("skript.js", b"alert(1)", "nicht erlaubt"),
        ("ohne-endung", b"Text", "nicht erlaubt"),
        ("bild.pdf", PNG, "Der Inhalt passt nicht zur Endung .pdf (erkannt: PNG)"),
        ("programm.pdf", b"MZ\x90\x00" + b"\x00" * 100, "Der Inhalt passt nicht zur Endung .pdf"),
        ("merkblatt.txt", PDF, "Der Inhalt passt nicht zur Endung .txt: Es ist eine PDF-Datei."),
        ("tabelle.xlsx", docx_bytes(), "Der Inhalt passt nicht zur Endung .xlsx (erkannt: DOCX)"),
        ("binaer.txt", b"abc\x00def", "keine Textdatei"),
        ("latin1.txt", "Gebühr".encode("latin-1"), "nicht UTF-8"),
        ("leer.pdf", b"", "Die Datei ist leer."),
    ],
)
def test_refused_uploads_say_why_and_store_nothing(document, editor, name, content, message, settings):
    files_before = sorted(p.name for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file())
    with pytest.raises(ValidationError) as error:
        add_version(document, editor, name=name, content=content)
    assert message in " ".join(error.value.messages)
    assert document.versions.count() == 1
    assert sorted(p.name for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()) == files_before


def test_too_large_is_refused(document, editor, settings):
    settings.DOCUMENTS_MAX_UPLOAD_BYTES = 1024
    with pytest.raises(ValidationError, match="zu groß"):
        add_version(document, editor, name="gross.pdf", content=PDF + b"0" * 2000)
    assert document.versions.count() == 1


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\windows\\system32\\vorlage.docx", "vorlage.docx"),
        ("/absolute/path/Merkblatt Fiktion (neu).PDF", "Merkblatt_Fiktion_neu.pdf"),
        ("...versteckt.pdf", "versteckt.pdf"),
        ("Anhörung\x00.txt", "Anhörung.txt"),
    ],
)
def test_file_names_are_reduced_to_a_plain_name(raw, expected):
    assert clean_name(raw) == expected


def test_stored_under_a_generated_name_never_the_users_path(document, editor):
    version = add_version(document, editor, name="../../../../tmp/evil.pdf", content=PDF + b"%x")
    assert version.original_name == "evil.pdf"
    assert version.file.name.startswith(f"dokumente/{document.pk}/")
    assert ".." not in version.file.name and "evil" not in version.file.name


@pytest.mark.parametrize(
    "name, content", [("vorlage.docx", docx_bytes()), ("checkliste.txt", "Gebühr 13 €".encode()), ("foto.png", PNG)]
)
def test_allowed_types_are_accepted(document, editor, name, content):
    version = add_version(document, editor, name=name, content=content)
    assert version.number == 2


def test_download_needs_login_and_comes_as_attachment_with_nosniff(document, reader_client):
    url = document.current_version.get_download_url()
    assert Client().get(url).status_code == 302
    response = reader_client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="merkblatt.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF


def test_unreleased_versions_are_only_for_editors(document, editor, reader_client):
    draft = add_version(document, editor, name="entwurf.pdf", content=PDF + b"%d", note="Entwurf")
    assert reader_client.get(draft.get_download_url()).status_code == 404
    other = Client()
    other.force_login(editor)
    assert other.get(draft.get_download_url()).status_code == 200


def test_step_shows_the_current_version_and_the_document_page_its_uses(document, editor, second_editor, reader_client):
    add_released_version(document, editor, second_editor, name="merkblatt.pdf", content=PDF + b"%2")
    page = reader_client.get("/prozesse/fiktion/").content.decode()
    assert "Vorlagen und Formulare" in page
    assert 'href="/dokumente/merkblatt-fiktionsbescheinigung/versionen/2/herunterladen/"' in page
    detail = reader_client.get(document.get_absolute_url()).content.decode()
    assert "Fiktionsbescheinigung ausstellen – 1. Vordruck ausfüllen" in detail
    assert "versionen/1/herunterladen/" in detail  # history keeps the old one


def test_articles_link_documents_and_the_document_lists_them(document, editor, second_editor, reader_client):
    from knowledge import services as knowledge_services

    article = knowledge_services.article_create(
        author=editor, title="Fiktion erklärt", body="Text", note="1", documents=[document]
    )
    knowledge_services.revision_release(revision=article.revisions.get(), releaser=second_editor)
    assert "Fiktion erklärt" in reader_client.get(document.get_absolute_url()).content.decode()
    assert "Merkblatt Fiktionsbescheinigung" in reader_client.get(article.get_absolute_url()).content.decode()


def test_upload_in_the_app_with_a_refusal_keeps_the_note(document, editor_client):
    response = editor_client.post(
        reverse("documents:document_upload", args=[document.slug]),
        {"file": upload("bild.pdf", PNG), "change_note": "Meine Notiz", "base": "1"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Der Inhalt passt nicht zur Endung .pdf" in page and 'value="Meine Notiz"' in page
    assert '<input type="hidden" name="base" value="1">' in page
    ok = editor_client.post(
        reverse("documents:document_upload", args=[document.slug]),
        {"file": upload("neu.pdf", PDF + b"%n"), "change_note": "Neu", "base": "1"},
        follow=True,
    )
    assert "Version 2 wurde als Entwurf gespeichert." in ok.content.decode()


def test_readers_cannot_upload_or_create(document, reader_client):
    assert (
        reader_client.post(
            reverse("documents:document_upload", args=[document.slug]),
            {"file": upload("x.pdf", PDF), "change_note": "x", "base": "1"},
        ).status_code
        == 403
    )
    assert reader_client.get(reverse("documents:document_create")).status_code == 403
    assert document.versions.count() == 1


def admin_change_data(document, **version_fields):
    """The admin's change form of the document with one new version row (index 1)."""
    return {
        "title": document.title,
        "slug": document.slug,
        "kind": document.kind,
        "description": "",
        "owner": "",
        "review_date": "",
        "steps": [],
        "versions-TOTAL_FORMS": "2",
        "versions-INITIAL_FORMS": "1",
        "versions-MIN_NUM_FORMS": "0",
        "versions-MAX_NUM_FORMS": "1000",
        "versions-0-id": document.versions.order_by("number").first().pk,
        "versions-0-document": document.pk,
        "versions-1-document": document.pk,
        **{f"versions-1-{name}": value for name, value in version_fields.items()},
    }


def test_team_lead_uploads_a_draft_in_the_admin(document, team_lead_client):
    url = reverse("admin:documents_document_change", args=[document.pk])
    form = team_lead_client.get(url).content.decode()
    assert 'name="versions-1-base_number" value="1"' in form
    data = admin_change_data(
        document, change_note="Aus der Verwaltung", file=upload("admin.pdf", PDF + b"%a"), base_number="1"
    )
    response = team_lead_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    document.refresh_from_db()
    draft = document.versions.get(number=2)
    assert (draft.change_note, draft.uploaded_by.username, draft.is_released) == ("Aus der Verwaltung", "leitung", False)
    assert document.current_version.number == 1  # a draft until a second person releases it
    bad = {**data, "versions-1-file": upload("bild.pdf", PNG), "versions-1-base_number": "2"}
    response = team_lead_client.post(url, bad)
    assert response.status_code == 200 and "Der Inhalt passt nicht zur Endung .pdf" in response.content.decode()
    assert document.versions.count() == 2


def test_search_finds_documents_and_review_lists_them(document, reader, editor_client):
    from datetime import timedelta

    from django.utils import timezone

    from search.query import search

    results = search("Merkblatt", user=reader)
    assert any(hit.document.title == "Merkblatt Fiktionsbescheinigung" for group in results.groups for hit in group.hits)
    Document.objects.filter(pk=document.pk).update(review_date=timezone.localdate() - timedelta(days=1))
    assert "Merkblatt Fiktionsbescheinigung" in editor_client.get("/pruefung/").content.decode()


def test_process_page_with_documents_keeps_its_query_count(
    reader_client, editor, second_editor, django_assert_max_num_queries
):
    process = ProcessFactory(slug="viele")
    steps = [StepFactory(process=process, position=n) for n in range(1, 16)]
    for n in range(20):
        document = services.document_create(
            title=f"Formular {n}",
            kind=Document.Kind.FORM,
            description="",
            owner=editor,
            review_date=None,
            steps=steps[n % 15 : n % 15 + 3],
            upload=upload(f"f{n}.pdf", PDF + str(n).encode()),
            note="1",
            user=editor,
        )
        if n % 4:  # every fourth stays a draft: readers do not see it
            services.document_version_release(version=document.versions.get(), releaser=second_editor)
    with django_assert_max_num_queries(12):
        response = reader_client.get("/prozesse/viele/")
    page = response.content.decode()
    assert page.count("herunterladen/") >= 15
    assert "Formular 1<" in page and "Formular 4<" not in page


def test_document_and_process_pages_flag_an_overdue_or_due_review(document, step, reader_client):
    from datetime import timedelta

    from django.utils import timezone

    today = timezone.localdate()
    Document.objects.filter(pk=document.pk).update(review_date=today - timedelta(days=1))
    page = reader_client.get("/dokumente/merkblatt-fiktionsbescheinigung/").content.decode()
    assert f'<time datetime="{today - timedelta(days=1):%Y-%m-%d}">' in page and ">überfällig<" in page
    type(step.process).objects.filter(pk=step.process_id).update(review_date=today + timedelta(days=10))
    page = reader_client.get("/prozesse/fiktion/").content.decode()
    assert f'<time datetime="{today + timedelta(days=10):%Y-%m-%d}">' in page and ">bald fällig<" in page
