"""Documents are released like articles: a new version is a draft until a second person releases it.

Through the client, as the users see it: readers never see or download a draft, editors see it
with a marker and what changes, the uploader cannot release their own draft, an upload from a
stale page saves nothing, forged numbers end in a message or a 404 and never in a server error.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from documents import services
from documents.models import Document, DocumentRelease, DocumentVersion
from search import index
from search.query import search
from tests.factories import UserFactory
from tests.pdf import pdf_bytes

PDF = pdf_bytes("Merkblatt", ["Zeile"])
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
SLUG = "merkblatt-fiktionsbescheinigung"
PAGE = f"/dokumente/{SLUG}/"
UPLOAD = f"/dokumente/{SLUG}/hochladen/"
RELEASE = f"/dokumente/{SLUG}/freigeben/"
DRAFT_MARKER = "Entwurf wartet auf Freigabe"


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def text(response) -> str:
    return response.content.decode()


@pytest.fixture
def draft_document(editor):
    """A new document: its first version, uploaded by editor, is a draft."""
    return services.document_create(
        title="Merkblatt Fiktionsbescheinigung",
        kind=Document.Kind.LEAFLET,
        description="Erklärt die Fiktionswirkung",
        owner=editor,
        review_date=None,
        steps=[],
        upload=SimpleUploadedFile("merkblatt.pdf", PDF),
        note="Erstfassung",
        user=editor,
    )


@pytest.fixture
def document(draft_document, second_editor):
    """Version 1 released by second_editor."""
    services.document_version_release(version=draft_document.versions.get(), releaser=second_editor)
    draft_document.refresh_from_db()
    return draft_document


def upload_draft(client, *, base, note="Gebühr 2025 angepasst", name="merkblatt-2025.pdf", content=PDF + b"%2"):
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, content), "change_note": note, "base": base})


# --- Readers and drafts -------------------------------------------------------------------------


def test_a_new_document_is_hidden_from_readers_until_someone_else_releases_it(draft_document, editor, second_editor, reader):
    reader_client = client_for(reader)
    download = "/dokumente/merkblatt-fiktionsbescheinigung/versionen/1/herunterladen/"
    assert reader_client.get(PAGE).status_code == 404
    assert reader_client.get(download).status_code == 404
    assert "Merkblatt Fiktionsbescheinigung" not in text(reader_client.get("/dokumente/"))

    page = text(client_for(editor).get(PAGE))
    assert "Noch nicht freigegeben: Lesende sehen dieses Dokument nicht." in page
    assert f"{DRAFT_MARKER}: Version 1" in page
    assert "Vier-Augen-Prinzip" in page and "Version 1 freigeben" not in page  # not for the uploader
    assert DRAFT_MARKER in text(client_for(editor).get("/dokumente/"))

    reviewer = client_for(second_editor)
    page = text(reviewer.get(PAGE))
    assert "merkblatt.pdf" in page and "Erstfassung" in page and "Version 1 freigeben" in page
    response = reviewer.post(RELEASE, {"number": "1"}, follow=True)
    assert "Version 1 ist freigegeben; Lesende sehen sie jetzt." in text(response)

    page = text(reader_client.get(PAGE))
    assert "Version 1 herunterladen (PDF" in page and DRAFT_MARKER not in page
    response = reader_client.get(download)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert "Merkblatt Fiktionsbescheinigung" in text(reader_client.get("/dokumente/"))


def test_readers_keep_the_released_version_while_a_new_one_is_a_draft(document, editor, second_editor, reader):
    response = upload_draft(client_for(editor), base="1")
    assert response.status_code == 302
    reader_client = client_for(reader)
    page = text(reader_client.get(PAGE))
    assert "Version 1 herunterladen" in page
    assert "Gebühr 2025 angepasst" not in page and "versionen/2/" not in page
    assert reader_client.get(f"/dokumente/{SLUG}/versionen/2/herunterladen/").status_code == 404

    editor_page = text(client_for(editor).get(PAGE))
    assert f"{DRAFT_MARKER}: Version 2" in editor_page
    # What changes: both files side by side, with uploader and note.
    assert "Freigegeben: Version 1" in editor_page and "Entwurf: Version 2" in editor_page
    assert "merkblatt.pdf" in editor_page and "merkblatt-2025.pdf" in editor_page
    assert "Gebühr 2025 angepasst" in editor_page and "Erstfassung" in editor_page

    client_for(second_editor).post(RELEASE, {"number": "2"})
    page = text(reader_client.get(PAGE))
    assert "Version 2 herunterladen" in page and "Gebühr 2025 angepasst" in page
    assert reader_client.get(f"/dokumente/{SLUG}/versionen/2/herunterladen/").status_code == 200
    assert reader_client.get(f"/dokumente/{SLUG}/versionen/1/herunterladen/").status_code == 200  # history


def test_the_history_shows_every_version_with_uploader_and_release(document, editor, second_editor, reader):
    editor.first_name, editor.last_name = "Rita", "Redakteur"
    editor.save()
    second_editor.first_name, second_editor.last_name = "Zoe", "Zweite"
    second_editor.save()
    editor_client = client_for(editor)
    upload_draft(editor_client, base="1", note="Zweite Fassung")
    upload_draft(editor_client, base="2", note="Dritte Fassung", content=PDF + b"%3")
    release = document.versions.get(number=1).release
    released_at = timezone.localtime(release.released_at).strftime("%d.%m.%Y %H:%M")

    page = text(editor_client.get(PAGE))
    history = page[page.index('id="history-heading"') :]
    for note in ("Erstfassung", "Zweite Fassung", "Dritte Fassung"):
        assert note in history
    assert history.count("Rita Redakteur") == 3  # each version's uploader
    assert "Zoe Zweite<br><time" in history and released_at in history
    assert history.count("nicht freigegeben") == 2  # version 3 (waiting) and version 2 (passed over)

    reader_page = text(client_for(reader).get(PAGE))
    assert "Erstfassung" in reader_page and "Zweite Fassung" not in reader_page and "Dritte Fassung" not in reader_page


# --- The four-eyes principle and bad release requests -------------------------------------------


def test_the_uploader_cannot_release_their_own_draft(document, editor):
    upload_draft(client_for(editor), base="1")
    response = client_for(editor).post(RELEASE, {"number": "2"}, follow=True)
    assert "Vier-Augen-Prinzip: Eine Version muss von einer anderen Person freigegeben werden" in text(response)
    document.refresh_from_db()
    assert document.current_version.number == 1
    assert not DocumentRelease.objects.filter(version__number=2).exists()


def test_self_release_is_allowed_where_the_setting_says_so(document, editor, settings):
    settings.KNOWLEDGE_ALLOW_SELF_RELEASE = True
    upload_draft(client_for(editor), base="1")
    assert "Version 2 freigeben" in text(client_for(editor).get(PAGE))
    client_for(editor).post(RELEASE, {"number": "2"})
    document.refresh_from_db()
    assert document.current_version.number == 2


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("1", "Version 1 ist bereits freigegeben."),
        ("2", "Version 2 kann nicht mehr freigegeben werden: Es gibt eine neuere Version."),
        ("99", "Diese Version des Dokuments gibt es nicht. Bitte laden Sie die Seite neu."),
        ("0", "Diese Version des Dokuments gibt es nicht."),
        ("-1", "Diese Version des Dokuments gibt es nicht."),
        ("9" * 21, "Diese Version des Dokuments gibt es nicht."),
        ("9" * 18, "Diese Version des Dokuments gibt es nicht."),
        # The middleware strips control characters (processdb.middleware): "3\x00x" arrives as "3x".
        ("3\x00x", "Diese Version des Dokuments gibt es nicht."),
        ("\x00", "Diese Version des Dokuments gibt es nicht."),
        ("drei", "Diese Version des Dokuments gibt es nicht."),
        ("", "Diese Version des Dokuments gibt es nicht."),
        (None, "Diese Version des Dokuments gibt es nicht."),
    ],
)
def test_bad_release_requests_change_nothing_and_say_why(document, editor, second_editor, number, message):
    editor_client = client_for(editor)
    upload_draft(editor_client, base="1")  # version 2, passed over by …
    upload_draft(editor_client, base="2", content=PDF + b"%3")  # … version 3, the one waiting
    releases = list(DocumentRelease.objects.values_list("pk", flat=True))
    response = client_for(second_editor).post(RELEASE, {} if number is None else {"number": number}, follow=True)
    assert response.status_code == 200
    assert message in text(response)
    assert list(DocumentRelease.objects.values_list("pk", flat=True)) == releases
    document.refresh_from_db()
    assert document.current_version.number == 1


def test_release_needs_the_permission_and_a_document(document, editor, reader):
    upload_draft(client_for(editor), base="1")
    assert client_for(reader).post(RELEASE, {"number": "2"}).status_code == 403
    assert client_for(UserFactory(username="ohne-gruppe")).post(RELEASE, {"number": "2"}).status_code == 403
    assert client_for(editor).get(RELEASE).status_code == 405  # changes are POST only
    assert client_for(editor).post("/dokumente/gibt-es-nicht/freigeben/", {"number": "1"}).status_code == 404
    document.refresh_from_db()
    assert document.current_version.number == 1


def test_the_release_is_recorded_without_changing_the_version(document, editor, second_editor):
    upload_draft(client_for(editor), base="1")
    before = DocumentVersion.objects.filter(number=2).values().get()
    client_for(second_editor).post(RELEASE, {"number": "2"})
    assert DocumentVersion.objects.filter(number=2).values().get() == before
    release = DocumentRelease.objects.get(version__number=2)
    assert release.released_by == second_editor
    from processdb.models import AuditEvent

    event = AuditEvent.objects.latest("pk")
    assert (event.action, event.actor, event.object_repr) == ("release", second_editor, document.title)
    assert "document version 2" in event.details


# --- No lost update -----------------------------------------------------------------------------


def test_an_upload_from_a_stale_page_saves_nothing_and_keeps_the_note(document, editor, second_editor):
    mine = client_for(editor)
    assert '<input type="hidden" name="base" value="1">' in text(mine.get(PAGE))
    upload_draft(client_for(second_editor), base="1", note="Von der Kollegin")  # meanwhile
    response = upload_draft(mine, base="1", note="Meine Änderung", name="meine.pdf", content=PDF + b"%mine")
    page = text(response)
    assert response.status_code == 409
    assert f"Inzwischen hat {second_editor.get_full_name()} Version 2 hochgeladen" in page
    assert "„Von der Kollegin“" in page
    assert "Ihre Datei wurde nicht gespeichert." in page
    assert 'value="Meine Änderung"' in page
    assert document.versions.count() == 2
    # The form now starts from version 2, which the page shows: a deliberate second try is saved.
    assert '<input type="hidden" name="base" value="2">' in page and "Von der Kollegin" in page
    response = upload_draft(mine, base="2", note="Meine Änderung", name="meine.pdf", content=PDF + b"%mine")
    assert response.status_code == 302
    assert document.versions.get(number=3).change_note == "Meine Änderung"


@pytest.mark.parametrize("base", ["abc", "-1", "9" * 21, "9" * 18, "1\x00x", "\x00", "", None, "99", "0", "1.5", "😀"])
def test_a_forged_or_missing_base_is_refused_with_a_message(document, editor, base):
    data = {"file": SimpleUploadedFile("neu.pdf", PDF + b"%f"), "change_note": "Meine Notiz"}
    if base is not None:
        data["base"] = base
    response = client_for(editor).post(UPLOAD, data)
    page = text(response)
    assert response.status_code in (400, 409)
    assert "Dieses Formular passt nicht zu den Versionen des Dokuments" in page
    assert 'value="Meine Notiz"' in page
    assert document.versions.count() == 1


def test_an_upload_with_errors_keeps_the_base_it_was_opened_from(document, editor, second_editor):
    mine = client_for(editor)
    upload_draft(client_for(second_editor), base="1", note="Von der Kollegin")
    response = mine.post(UPLOAD, {"change_note": "ohne Datei", "base": "1"})
    assert response.status_code == 400
    assert '<input type="hidden" name="base" value="1">' in text(response)  # still noticed on the next try
    assert upload_draft(mine, base="1").status_code == 409


def test_an_upload_in_the_admin_from_a_stale_page_saves_nothing(document, team_lead, editor):
    from tests.documents.test_documents import admin_change_data

    url = reverse("admin:documents_document_change", args=[document.pk])
    upload_draft(client_for(editor), base="1")  # meanwhile
    data = admin_change_data(
        document, change_note="Aus der Verwaltung", file=SimpleUploadedFile("admin.pdf", PDF + b"%a"), base_number="1"
    )
    data["description"] = "Neue Beschreibung"
    response = client_for(team_lead).post(url, data)
    page = text(response)
    assert response.status_code == 200
    assert "Inzwischen wurde Version 2 hochgeladen, oder dieses Formular ist veraltet." in page
    assert "Neue Beschreibung" in page and "Aus der Verwaltung" in page
    document.refresh_from_db()
    assert document.versions.count() == 2 and document.description == "Erklärt die Fiktionswirkung"
    for forged in ("abc", "\x00", "9" * 21, ""):
        data["versions-1-base_number"] = forged
        data["versions-1-file"] = SimpleUploadedFile("admin.pdf", PDF + b"%a")
        assert client_for(team_lead).post(url, data).status_code == 200
    assert document.versions.count() == 2


# --- Search, list, page size --------------------------------------------------------------------


def test_readers_search_does_not_find_a_document_until_it_is_released(draft_document, reader, editor, second_editor):
    index.rebuild()

    def titles(user):
        return {hit.document.title for group in search("Fiktionswirkung", user=user).groups for hit in group.hits}

    assert "Merkblatt Fiktionsbescheinigung" not in titles(reader)
    assert "Merkblatt Fiktionsbescheinigung" in titles(editor)
    services.document_version_release(version=draft_document.versions.get(), releaser=second_editor)
    assert "Merkblatt Fiktionsbescheinigung" in titles(reader)


def test_the_document_page_and_the_list_keep_their_query_count(document, editor, second_editor, django_assert_max_num_queries):
    editor_client = client_for(editor)
    for number in range(2, 12):
        upload_draft(editor_client, base=str(number - 1), content=PDF + str(number).encode())
        if number % 2:
            client_for(second_editor).post(RELEASE, {"number": str(number)})
    upload_draft(editor_client, base="11", content=PDF + b"%12")  # one waiting for release
    editor_client.get(PAGE)  # the session and permissions are cached from here on
    with django_assert_max_num_queries(8):
        page = text(editor_client.get(PAGE))
    assert page.count("herunterladen/") >= 12 and f"{DRAFT_MARKER}: Version 12" in page
    for n in range(10):
        services.document_create(
            title=f"Formular {n}", kind=Document.Kind.FORM, description="", owner=editor, review_date=None, steps=[],
            upload=SimpleUploadedFile(f"f{n}.pdf", PDF + str(n).encode()), note="1", user=editor,
        )
    with django_assert_max_num_queries(6):
        page = text(editor_client.get("/dokumente/"))
    assert page.count(DRAFT_MARKER) == 11


# --- Existing data and the demo -----------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_released_versions_released_by_their_uploader():
    executor = MigrationExecutor(connection)
    before, after = [("documents", "0001_documents_from_processes")], [("documents", "0002_versions_released_by_a_second_person")]
    executor.migrate(before)
    apps = executor.loader.project_state(before).apps
    User = apps.get_model("auth", "User")
    Document = apps.get_model("documents", "Document")
    Version = apps.get_model("documents", "DocumentVersion")
    uploader = User.objects.create(username="alt")
    document = Document.objects.create(title="Alt", slug="alt", kind="merkblatt")
    released_at = timezone.now() - timezone.timedelta(days=30)
    common = {"document": document, "original_name": "a.pdf", "size": 1, "content_type": "application/pdf", "sha256": "0"}
    released = Version.objects.create(
        number=1, file="a", change_note="alt", uploaded_by=uploader, released_at=released_at, **common
    )
    draft = Version.objects.create(number=2, file="b", change_note="Entwurf", uploaded_by=uploader, **common)
    Document.objects.filter(pk=document.pk).update(current_version=released)

    MigrationExecutor(connection).migrate(after)
    release = DocumentRelease.objects.get()
    assert (release.version_id, release.released_by_id, release.released_at) == (released.pk, uploader.pk, released_at)
    assert not DocumentRelease.objects.filter(version_id=draft.pk).exists()

    # … and back: the release time returns to the version's own column.
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    Version = executor.loader.project_state(before).apps.get_model("documents", "DocumentVersion")
    assert dict(Version.objects.values_list("number", "released_at")) == {1: released_at, 2: None}
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_the_demo_documents_are_released_by_a_second_person_and_one_draft_waits(demo_content):
    from django.contrib.auth import get_user_model

    released = DocumentVersion.objects.filter(release__isnull=False).select_related("release")
    assert released and all(version.release.released_by_id != version.uploaded_by_id for version in released)
    assert not Document.objects.filter(current_version__isnull=True).exists()  # readers see every document
    [draft] = DocumentVersion.objects.filter(release__isnull=True).select_related("document__current_version")
    assert draft.document.current_version.number == draft.number - 1
    users = {user.username: user for user in get_user_model().objects.filter(username__in=["teamleitung", "sachbearbeitung"])}
    url = draft.document.get_absolute_url()
    lead_page = text(client_for(users["teamleitung"]).get(url))
    assert f"{DRAFT_MARKER}: Version {draft.number}" in lead_page and f"Version {draft.number} freigeben" in lead_page
    reader_page = text(client_for(users["sachbearbeitung"]).get(url))
    assert DRAFT_MARKER not in reader_page and draft.change_note not in reader_page
