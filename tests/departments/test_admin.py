"""Content packs in the admin: superusers download and upload them; nobody else reaches the page."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from departments import packs
from knowledge.models import Article
from law.models import Law
from processes.models import Process
from tests.departments import packdata
from tests.factories import UserFactory

URL = "/admin/pakete/"


@pytest.fixture
def superuser_client(db):
    client = Client()
    client.force_login(UserFactory(username="verwaltung", last_name="Verwaltung", is_staff=True, is_superuser=True))
    return client


def upload(content: bytes, name="paket.zip", **fields):
    return {"pack": SimpleUploadedFile(name, content, content_type="application/zip"), "import": "1", **fields}


def test_a_superuser_imports_a_pack_and_sees_what_happened(superuser_client):
    page = superuser_client.get(URL)
    assert page.status_code == 200
    assert "Paket importieren" in page.content.decode() and "Paket herunterladen" in page.content.decode()

    response = superuser_client.post(URL, upload(packdata.zip_bytes(packdata.files())), follow=True)

    text = response.content.decode()
    assert response.status_code == 200
    assert "Importiert: „Testpaket“" in text and "Paket „Testpaket“ importiert." in text
    assert Process.objects.filter(slug="aufenthaltserlaubnis-verlaengern").exists()
    article = Article.objects.get(slug="fiktionsbescheinigung")
    assert article.published_revision.release.released_by.username == "verwaltung"  # the uploader releases

    again = superuser_client.post(URL, upload(packdata.zip_bytes(packdata.files())))
    assert again.status_code == 200
    assert Process.objects.count() == 1 and Law.objects.count() == 1  # nothing twice
    assert "<td>0</td><td>1</td><td>0</td>" in again.content.decode()  # the process: unchanged


def test_a_dry_run_writes_nothing(superuser_client):
    response = superuser_client.post(URL, upload(packdata.zip_bytes(packdata.files()), dry_run="on"))
    assert response.status_code == 200
    assert "Probelauf für „Testpaket“: nichts wurde geschrieben" in response.content.decode()
    assert not Process.objects.exists() and not Law.objects.exists()


def test_a_broken_upload_is_refused_with_its_place_and_nothing_written(superuser_client):
    data = packdata.content()
    data["processes.yaml"]["processes"][0]["steps"][0]["role"] = "GIBTS-NICHT"
    response = superuser_client.post(URL, upload(packdata.zip_bytes(packdata.files(data)), name="mein-paket.zip"))
    text = response.content.decode()
    assert response.status_code == 400
    assert "Paket abgelehnt, nichts wurde geschrieben" in text
    assert "processes.yaml: processes[0].steps[0].role" in text
    assert not Process.objects.exists() and not Law.objects.exists()

    truncated = superuser_client.post(URL, upload(b"PK\x03\x04 kaputt", name="mein-paket.zip"))
    assert truncated.status_code == 400
    assert "<code>mein-paket.zip</code>: keine lesbare ZIP-Datei" in truncated.content.decode()  # the file's name, no server path
    assert "/tmp" not in truncated.content.decode()


def test_an_upload_without_a_file_gets_the_form_again(superuser_client):
    response = superuser_client.post(URL, {"import": "1"})
    assert response.status_code == 400
    assert "Bitte entweder eine ZIP-Datei hochladen oder eine Vorlage wählen." in response.content.decode()


def test_a_shipped_pack_is_imported_as_the_template_of_a_new_department(superuser_client):
    from departments import rights
    from departments.models import Department

    department = Department.objects.create(name="Bürgeramt Nord", slug="buergeramt-nord")
    form = superuser_client.get(URL).content.decode()
    assert '<option value="buergerservice">Bürgerservice Musterstadt</option>' in form
    assert '<option value="auslaenderbehoerde">Ausländerbehörde Musterstadt</option>' in form
    # Both a file and a template, or a folder that is not offered: the form again, nothing written.
    both = superuser_client.post(URL, upload(packdata.zip_bytes(packdata.files()), template="buergerservice"))
    assert both.status_code == 400 and not Process.objects.exists()
    forged = superuser_client.post(URL, {"import": "1", "template": "../tests"})
    assert forged.status_code == 400 and "Bitte eine gültige Auswahl treffen." in forged.content.decode()

    response = superuser_client.post(
        URL, {"import": "1", "template": "buergerservice", "department": str(department.pk)}, follow=True
    )

    assert "Paket „Bürgerservice Musterstadt“ importiert." in response.content.decode()
    process = Process.objects.get(slug="personalausweis-beantragen")
    assert rights.department_of(process) == department and process.released_version == 1


def test_a_superuser_downloads_the_installation_as_a_pack(demo_content, superuser_client):
    response = superuser_client.post(URL, {"export": "1", "name": "Ausländerbehörde Musterstadt", "description": ""})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert 'filename="auslanderbehorde-musterstadt.zip"' in response["Content-Disposition"]
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        names = set(archive.namelist())
        header = archive.read("pack.yaml").decode()
    assert {"pack.yaml", "processes.yaml", "articles.yaml"} <= names
    assert "name: Ausländerbehörde Musterstadt" in header
    pack = packs.parse({name: zipfile.ZipFile(io.BytesIO(response.content)).read(name) for name in names})
    assert len(pack.processes) == Process.objects.count()


@pytest.mark.parametrize("who", ["team_lead", "editor"])
def test_staff_who_are_not_superusers_get_403_and_change_nothing(request, who):
    client = Client()
    client.force_login(request.getfixturevalue(who))
    assert client.get(URL).status_code == 403
    assert client.post(URL, upload(packdata.zip_bytes(packdata.files()))).status_code == 403
    assert client.post(URL, {"export": "1", "name": "x"}).status_code == 403
    assert not Process.objects.exists()


def test_anonymous_visitors_go_to_the_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/konto/anmelden/")


def test_the_admin_index_links_the_packs_for_superusers_only(superuser_client, team_lead):
    index = superuser_client.get("/admin/").content.decode()
    assert "Inhaltspakete" in index and f'href="{URL}"' in index
    lead = Client()
    lead.force_login(team_lead)
    assert "Inhaltspakete" not in lead.get("/admin/").content.decode()


def test_a_new_department_from_a_template_pack_with_its_setup_checklist(superuser_client):
    from departments import rights
    from departments.models import Department

    response = superuser_client.post(
        "/admin/departments/department/add/", {"name": "Standesamt", "slug": "standesamt", "description": "", "members": []}
    )
    assert response.status_code == 302
    department = Department.objects.get(slug="standesamt")
    change = f"/admin/departments/department/{department.pk}/change/"
    checklist = superuser_client.get(change).content.decode()
    assert "○ Band der Prozesslandkarte" in checklist and "○ Erster Prozess" in checklist
    assert 'href="/admin/pakete/?abteilung=standesamt"' in checklist

    form = superuser_client.get(f"{URL}?abteilung=standesamt").content.decode()
    assert f'<option value="{department.pk}" selected>Standesamt</option>' in form
    superuser_client.post(URL, upload(packdata.zip_bytes(packdata.files()), department=str(department.pk)))

    assert rights.department_of(Process.objects.get(slug="aufenthaltserlaubnis-verlaengern")) == department
    checklist = superuser_client.get(change).content.decode()
    assert "✓ Band der Prozesslandkarte" in checklist and "✓ Erster Prozess" in checklist
    assert "✓ Erste Artikel" in checklist and "○ Ein Mitglied, das Prozesse freigeben darf" in checklist


def test_one_departments_pack_is_downloaded_from_the_admin(superuser_client):
    from departments import rights
    from departments.models import Department

    superuser_client.post(URL, upload(packdata.zip_bytes(packdata.files())))
    other = Department.objects.create(slug="leer", name="Leere Abteilung")
    rights.assign(Department.objects.create(slug="ab", name="Ausländerbehörde"), [Process.objects.get()])

    whole = superuser_client.post(URL, {"export": "1", "name": "Alles", "description": ""})
    empty = superuser_client.post(URL, {"export": "1", "name": "Leer", "description": "", "department": str(other.pk)})

    def processes(response):
        with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
            return archive.read("processes.yaml").decode()

    assert "aufenthaltserlaubnis-verlaengern" in processes(whole)
    assert "aufenthaltserlaubnis-verlaengern" not in processes(empty)
