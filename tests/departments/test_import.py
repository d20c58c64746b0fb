"""Importing packs through the command and the service: what is created, what a second import does."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management import CommandError
from django.test import Client

from departments import packs, selectors, services
from departments.provenance import IMPORT_USERNAME
from knowledge import services as knowledge_services
from knowledge.models import Article, Revision
from law.models import Law, Norm
from processes import services as process_services
from processes.models import Category, Process, ProcessReference, Role, Step, StepReference
from tests.departments import packdata
from tests.departments.packdata import run_pack
from tests.factories import UserFactory

COUNTED = [Law, Norm, Role, Category, Process, Step, ProcessReference, StepReference, Article, Revision]


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COUNTED}


@pytest.fixture
def pack_folder(tmp_path):
    return packdata.write_folder(tmp_path / "paket", packdata.files())


def test_the_report_shows_the_counts_of_every_kind_in_one_column(db, editor, tmp_path):
    import io

    from django.core.management import call_command

    data = packdata.content()
    week = {"title": "Erste Woche", "items": [{"task": "Hospitation"}]}
    data["paths.yaml"] = {"paths": [{"title": "Einarbeitung", "role": "SB-A", "sections": [week]}]}
    folder = packdata.write_folder(tmp_path / "p", packdata.files(data))
    out = io.StringIO()
    call_command("pack", "import", str(folder), "--as", editor.username, stdout=out)

    rows = [line for line in out.getvalue().splitlines() if line.endswith("übersprungen") and line.startswith("  ")]
    assert [row.split()[0] for row in rows] == [
        "Gesetz", "Norm", "Rolle", "Bereich", "Prozess", "Artikel", "Dokument", "Einarbeitungspfad"
    ]
    assert len({row.index(" neu,") - len(row.split()[1]) for row in rows}) == 1, rows


def test_import_creates_the_content_as_the_pack_says(db, editor, pack_folder):
    output = run_pack("import", str(pack_folder), "--as", editor.username)

    assert "Paket importiert: „Testpaket“" in output
    assert "Prozess 1 neu, 0 aktualisiert, 0 unverändert, 0 übersprungen" in output
    process = Process.objects.get(slug="aufenthaltserlaubnis-verlaengern")
    assert process.status == Process.Status.PUBLISHED and process.released_version == 1
    assert process.category.parent.slug == "kernprozesse"
    assert [ref.label for ref in process.references.all()] == ["§\u00a081 Abs. 4 Satz 1 AufenthG"]
    steps = list(process.steps.order_by("position"))
    assert [step.title for step in steps] == ["Antrag annehmen", "Zustimmung einholen"]
    assert [role.code for role in steps[1].participating_roles.all()] == ["BA"]
    assert [ref.label for ref in steps[1].references.all()] == ["§\u00a05 Abs. 1 Nr. 1 AufenthG"]
    assert "<strong>Zustimmung</strong>" in steps[1].description_html
    assert Role.objects.get(code="BA").is_external

    released = Article.objects.get(slug="fiktionsbescheinigung")
    assert released.published_revision.body == packdata.ARTICLE_TEXT
    assert released.published_revision.author.username == IMPORT_USERNAME
    assert released.published_revision.release.released_by == editor
    assert list(released.steps.values_list("position", flat=True)) == [1]
    draft = Article.objects.get(slug="entwurf")
    assert draft.published_revision is None and draft.latest_number == 1
    assert not get_user_model().objects.get(username=IMPORT_USERNAME).is_active


def test_importing_the_same_pack_twice_creates_no_duplicates_and_changes_nothing(db, editor, pack_folder):
    run_pack("import", str(pack_folder), "--as", editor.username)
    before = counts()
    exported_before = packs.render(selectors.pack_content(name="x"))

    output = run_pack("import", str(pack_folder), "--as", editor.username)

    assert counts() == before
    assert packs.render(selectors.pack_content(name="x")) == exported_before
    for kind in ("Gesetz", "Norm", "Rolle", "Bereich", "Prozess", "Artikel"):
        assert f"{kind} 0 neu" in output
        assert f"{kind} 0 neu, 0 aktualisiert" in output
    assert "Aktualisiert:" not in output and "Nicht geändert" not in output


def test_reimporting_the_demo_export_changes_nothing(demo_content, tmp_path):
    target = tmp_path / "demo.zip"
    run_pack("export", str(target))
    before = counts()

    output = run_pack("import", str(target))  # nothing new: no releaser needed

    assert counts() == before
    assert " 0 neu" in output and "Nicht geändert" not in output


def changed_pack(pack_folder, name="zweites"):
    """The test pack as a later edition: a renamed process with a third step, a renamed role, a new article text."""
    changed = packdata.content()
    process = changed["processes.yaml"]["processes"][0]
    process["title"] = "Aufenthaltserlaubnis verlängern (neu gefasst)"
    process["steps"].append({"title": "Bescheid aushändigen", "role": "SB-A", "description": "Mit **Unterschrift**."})
    changed["roles.yaml"]["roles"][0]["name"] = "Sachbearbeitung Aufenthaltsrecht"
    changed["laws.yaml"]["laws"][0]["title"] = "Gesetz über den Aufenthalt (Aufenthaltsgesetz)"
    texts = {"articles/fiktionsbescheinigung.md": packdata.ARTICLE_TEXT + "\nNeu: Die Bescheinigung gilt bis zur Entscheidung.\n"}
    return packdata.write_folder(pack_folder.parent / name, packdata.files(changed, texts=texts))


def test_a_later_edition_of_the_pack_updates_in_place_through_versions(db, editor, reader, pack_folder):
    run_pack("import", str(pack_folder), "--as", editor.username)
    before = counts()

    output = run_pack("import", str(changed_pack(pack_folder)), "--as", editor.username)

    assert "Prozess 0 neu, 1 aktualisiert, 0 unverändert, 0 übersprungen" in output
    assert "Prozess aufenthaltserlaubnis-verlaengern: aktualisiert (abweichend: steps, title)" in output
    after = counts()
    assert after["Process"] == before["Process"] and after["Role"] == before["Role"] and after["Article"] == before["Article"]
    assert after["Step"] == before["Step"] + 1 and after["Revision"] == before["Revision"] + 1
    process = Process.objects.get(slug="aufenthaltserlaubnis-verlaengern")
    assert process.title == "Aufenthaltserlaubnis verlängern (neu gefasst)"
    version = process.versions.get(number=2)
    assert process.released_version == 2 and version.author.username == IMPORT_USERNAME
    assert version.release.released_by == editor  # four eyes: the import wrote it, a person released it
    assert Role.objects.get(code="SB-A").name == "Sachbearbeitung Aufenthaltsrecht"
    assert Law.objects.get(key="aufenthg").title == "Gesetz über den Aufenthalt (Aufenthaltsgesetz)"
    article = Article.objects.get(slug="fiktionsbescheinigung")
    assert article.published_revision.number == 2 and "bis zur Entscheidung" in article.published_revision.body
    assert article.published_revision.release.released_by == editor

    client = Client()
    client.force_login(reader)
    page = client.get(process.get_absolute_url()).content.decode()
    assert "Aufenthaltserlaubnis verlängern (neu gefasst)" in page and "Bescheid aushändigen" in page
    assert "<strong>Unterschrift</strong>" in page and "Sachbearbeitung Aufenthaltsrecht" in page
    assert "bis zur Entscheidung" in client.get(article.get_absolute_url()).content.decode()

    again = run_pack("import", str(changed_pack(pack_folder, "drittes")), "--as", editor.username)
    assert counts() == after and "Aktualisiert:" not in again


def test_a_process_the_pack_calls_a_draft_is_updated_as_a_draft_readers_do_not_see(db, editor, reader, pack_folder):
    run_pack("import", str(pack_folder), "--as", editor.username)
    changed = packdata.content()
    changed["processes.yaml"]["processes"][0].update(title="Nur ein Entwurf", status="draft")
    folder = packdata.write_folder(pack_folder.parent / "entwurf", packdata.files(changed))

    run_pack("import", str(folder), "--as", editor.username)

    process = Process.objects.get(slug="aufenthaltserlaubnis-verlaengern")
    assert process.latest_version == 2 and process.released_version == 1 and process.title != "Nur ein Entwurf"
    assert process.versions.get(number=2).snapshot["process"]["title"] == "Nur ein Entwurf"
    client = Client()
    client.force_login(reader)
    assert "Nur ein Entwurf" not in client.get(process.get_absolute_url()).content.decode()


def test_a_process_or_article_with_a_draft_waiting_is_left_alone_and_named(db, editor, pack_folder):
    run_pack("import", str(pack_folder), "--as", editor.username)
    process = Process.objects.get(slug="aufenthaltserlaubnis-verlaengern")
    snapshot = process.versions.get(number=1).snapshot
    snapshot["process"]["title"] = "Entwurf vor Ort"
    process_services.process_save_draft(process=process, author=editor, base_number=1, snapshot=snapshot, note="vor Ort")

    output = run_pack("import", str(changed_pack(pack_folder)), "--as", editor.username)

    skipped = "Prozess aufenthaltserlaubnis-verlaengern: übersprungen (abweichend: steps, title; Entwurf 2 wartet auf Freigabe)"
    assert skipped in output
    process.refresh_from_db()
    assert process.latest_version == 2 and process.released_version == 1
    assert not Step.objects.filter(title="Bescheid aushändigen").exists()


def test_releasing_a_changed_process_needs_the_process_release_right(db, editor, pack_folder):
    run_pack("import", str(pack_folder), "--as", editor.username)
    writer = UserFactory(username="nurartikel")
    writer.user_permissions.add(Permission.objects.get(codename="release_revision"))

    with pytest.raises(CommandError) as refused:
        run_pack("import", str(changed_pack(pack_folder)), "--as", writer.username)

    assert "--as: „nurartikel“ darf keine Prozessversionen freigeben (Recht processes.release_process fehlt)" in str(
        refused.value
    )
    assert Process.objects.get(slug="aufenthaltserlaubnis-verlaengern").latest_version == 1


def test_a_zip_with_the_pack_in_a_folder_is_read_like_the_folder(db, editor, tmp_path):
    files = {f"paket/{name}": value for name, value in packdata.files().items()}
    archive = packdata.write_zip(tmp_path / "paket.zip", files)

    run_pack("import", str(archive), "--as", editor.username)

    assert Process.objects.filter(slug="aufenthaltserlaubnis-verlaengern").exists()


def test_dry_run_reports_and_writes_nothing(db, editor, pack_folder):
    output = run_pack("import", str(pack_folder), "--as", editor.username, "--dry-run")

    assert "Probelauf, nichts geschrieben" in output and "Prozess 1 neu" in output
    assert not Process.objects.exists() and not Law.objects.exists()


def test_released_articles_need_a_releaser(db, pack_folder):
    with pytest.raises(CommandError) as refused:
        run_pack("import", str(pack_folder))

    assert "articles.yaml: das Paket enthält freigegebene Artikel: bitte mit --as" in str(refused.value)
    assert not Process.objects.exists() and not Article.objects.exists()


def test_the_releaser_needs_the_release_permission(db, reader, pack_folder):
    with pytest.raises(CommandError) as refused:
        run_pack("import", str(pack_folder), "--as", reader.username)

    assert "--as: „leser“ darf keine Artikel freigeben" in str(refused.value)
    assert not Process.objects.exists()


def test_the_service_refuses_a_conflict_with_the_database_and_writes_nothing(db, editor, pack_folder):
    Role.objects.create(code="ANDERS", slug="sachbearbeitung-aufenthalt", name="Etwas anderes")
    pack = packs.load(pack_folder)

    with pytest.raises(packs.PackRefused) as refused:
        services.pack_import(pack=pack, releaser=editor)

    assert [str(p) for p in refused.value.problems] == [
        "roles.yaml: roles[0].slug: „sachbearbeitung-aufenthalt“ gehört in der Datenbank schon der Rolle „ANDERS“"
    ]
    assert Role.objects.count() == 1 and not Law.objects.exists()


def test_an_archived_article_with_the_slug_is_skipped_not_revived(db, editor, pack_folder):
    run_pack("import", str(pack_folder), "--as", editor.username)
    article = Article.objects.get(slug="entwurf")
    knowledge_services.article_archive(article=article, user=editor)

    output = run_pack("import", str(pack_folder), "--as", editor.username)

    assert "Artikel entwurf: übersprungen (archiviert)" in output
    assert Article.objects.get(slug="entwurf").is_archived
