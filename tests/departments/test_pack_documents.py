"""Document templates in packs: checked like an upload, released by the --as person, updated by a
new version when the file differs, refused with their place."""

import copy

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError
from django.test import Client

from departments.provenance import IMPORT_USERNAME
from documents import services as document_services
from documents.models import Document, DocumentVersion
from processes.models import Process
from tests.departments import packdata
from tests.departments.packdata import run_pack
from tests.pdf import pdf_bytes

PDF = pdf_bytes("Merkblatt Fiktionsbescheinigung", ["Was die Bescheinigung bedeutet."])
ENTRY = {
    "slug": "merkblatt-fiktion",
    "title": "Merkblatt Fiktionsbescheinigung",
    "kind": "merkblatt",
    "description": "Für Antragstellende.",
    "steps": [["aufenthaltserlaubnis-verlaengern", 2]],
    "file": "documents/merkblatt-fiktion.pdf",
}


def pack_with(tmp_path, entries=(ENTRY,), files=None, name="paket"):
    data = packdata.content()
    data["documents.yaml"] = {"documents": [copy.deepcopy(entry) for entry in entries]}
    texts = {"documents/merkblatt-fiktion.pdf": PDF, **(files or {})}
    return packdata.write_folder(tmp_path / name, packdata.files(data, texts=texts))


def test_a_document_is_created_with_its_file_and_released_by_the_named_person(db, editor, reader, tmp_path):
    output = run_pack("import", str(pack_with(tmp_path)), "--as", editor.username)

    assert "Dokument 1 neu" in output
    document = Document.objects.get(slug="merkblatt-fiktion")
    version = document.current_version
    assert version.number == 1 and version.file.read() == PDF
    assert version.uploaded_by.username == IMPORT_USERNAME and version.release.released_by == editor
    assert document.kind == "merkblatt" and document.description == "Für Antragstellende."
    assert [(step.process.slug, step.position) for step in document.steps.all()] == [("aufenthaltserlaubnis-verlaengern", 2)]
    client = Client()
    client.force_login(reader)
    page = client.get(Process.objects.get().get_absolute_url()).content.decode()
    assert "Merkblatt Fiktionsbescheinigung" in page  # the step shows its template
    assert client.get(f"/dokumente/{document.slug}/versionen/1/herunterladen/").getvalue() == PDF


def test_a_second_import_changes_nothing_and_another_file_becomes_a_released_version(db, editor, tmp_path):
    run_pack("import", str(pack_with(tmp_path)), "--as", editor.username)
    assert "Dokument 0 neu, 0 aktualisiert, 1 unverändert" in run_pack(
        "import", str(pack_with(tmp_path, name="wieder")), "--as", editor.username
    )

    renamed = {**ENTRY, "title": "Merkblatt zur Fiktionsbescheinigung"}
    output = run_pack("import", str(pack_with(tmp_path, [renamed], name="titel")), "--as", editor.username)
    assert "Dokument 0 neu, 1 aktualisiert" in output and "abweichend: title" in output
    assert DocumentVersion.objects.count() == 1  # the same file: no new version

    newer = pdf_bytes("Merkblatt Fiktionsbescheinigung", ["Neu gefasst."])
    folder = pack_with(tmp_path, [renamed], {"documents/merkblatt-fiktion.pdf": newer}, "datei")
    output = run_pack("import", str(folder), "--as", editor.username)
    assert "abweichend: sha256" in output
    document = Document.objects.get()
    assert document.title == "Merkblatt zur Fiktionsbescheinigung"
    assert document.current_version.number == 2 and document.current_version.file.read() == newer


def test_a_document_whose_newest_version_waits_for_release_is_left_alone(db, editor, second_editor, tmp_path):
    run_pack("import", str(pack_with(tmp_path)), "--as", editor.username)
    document = Document.objects.get()
    document_services.document_add_version(
        document=document, upload=SimpleUploadedFile("neu.pdf", PDF + b"\n%x"), note="Entwurf", user=second_editor, base_number=1
    )
    newer = pdf_bytes("Merkblatt", ["Andere Fassung."])

    folder = pack_with(tmp_path, files={"documents/merkblatt-fiktion.pdf": newer}, name="neu")
    output = run_pack("import", str(folder), "--as", editor.username)

    assert "1 übersprungen" in output and "Entwurf 2 wartet auf Freigabe" in output
    assert Document.objects.get().current_version.number == 1 and DocumentVersion.objects.count() == 2


@pytest.mark.parametrize(
    ("entry", "files", "message"),
    [
        (
            ENTRY,
            {"documents/merkblatt-fiktion.pdf": b"MZ\x90\x00 this is a program" * 10},
            "documents.yaml: documents[0].file (documents/merkblatt-fiktion.pdf): Der Inhalt passt nicht zur Endung .pdf",
        ),
        (
            {**ENTRY, "file": "documents/programm.exe"},
            {"documents/programm.exe": b"MZ\x90\x00"},
            "Dateien vom Typ „.exe“ sind nicht erlaubt",
        ),
        (
            {**ENTRY, "file": "documents/fehlt.pdf"},
            {},
            "documents.yaml: documents[0].file: Datei „documents/fehlt.pdf“ fehlt im Paket",
        ),
        (
            {**ENTRY, "file": "articles/fiktionsbescheinigung.md"},
            {},
            "documents.yaml: documents[0].file: die Datei muss im Ordner „documents/“ liegen",
        ),
        ({**ENTRY, "file": "documents/../pack.yaml"}, {}, "documents.yaml: documents[0].file: Pfad mit „..“ verlässt das Paket"),
        (
            ENTRY,
            {"documents/uebrig.pdf": PDF},
            "documents/uebrig.pdf: Datei im Ordner documents/, die kein Eintrag in documents.yaml nennt",
        ),
        (
            {**ENTRY, "steps": [["aufenthaltserlaubnis-verlaengern", 9]]},
            {},
            "documents[0].steps: Schritt 9 des Prozesses „aufenthaltserlaubnis-verlaengern“ ist im Paket nicht definiert",
        ),
        ({**ENTRY, "kind": "flugblatt"}, {}, "documents.yaml: documents[0].kind: „flugblatt“ ist nicht erlaubt"),
    ],
)
def test_a_bad_document_is_refused_with_its_place_and_nothing_is_written(db, editor, tmp_path, entry, files, message):
    with pytest.raises(CommandError) as error:
        run_pack("import", str(pack_with(tmp_path, [entry], files)), "--as", editor.username)

    assert message in str(error.value)
    assert not Document.objects.exists() and not Process.objects.exists()


def test_a_file_over_the_upload_limit_is_refused(db, editor, tmp_path, settings):
    settings.DOCUMENTS_MAX_UPLOAD_BYTES = 100

    with pytest.raises(CommandError, match=r"documents\[0\]\.file \(documents/merkblatt-fiktion\.pdf\): Die Datei ist zu groß"):
        run_pack("import", str(pack_with(tmp_path)), "--as", editor.username)
    assert not Document.objects.exists()


def test_documents_need_a_person_who_may_release_them(db, reader, tmp_path):
    data = packdata.content()
    for article in data["articles.yaml"]["articles"]:
        article["released"] = False
    data["documents.yaml"] = {"documents": [ENTRY]}
    folder = packdata.write_folder(tmp_path / "p", packdata.files(data, texts={"documents/merkblatt-fiktion.pdf": PDF}))

    with pytest.raises(CommandError, match="das Paket enthält Dokumente: bitte mit --as"):
        run_pack("import", str(folder))
    with pytest.raises(CommandError, match="darf keine Dokumentfassungen freigeben"):
        run_pack("import", str(folder), "--as", reader.username)
    assert not Document.objects.exists()
