"""Importing packs through the command and the service: what is created, what a second import does."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError

from departments import packs, selectors, services
from knowledge import services as knowledge_services
from knowledge.models import Article, Revision
from law.models import Law, Norm
from processes.models import Category, Process, ProcessReference, Role, Step, StepReference
from tests.departments import packdata
from tests.departments.packdata import run_pack

COUNTED = [Law, Norm, Role, Category, Process, Step, ProcessReference, StepReference, Article, Revision]


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COUNTED}


@pytest.fixture
def pack_folder(tmp_path):
    return packdata.write_folder(tmp_path / "paket", packdata.files())


def test_import_creates_the_content_as_the_pack_says(db, editor, pack_folder):
    output = run_pack("import", str(pack_folder), "--as", editor.username)

    assert "Paket importiert: „Testpaket“" in output
    assert "Prozess  1 neu, 0 unverändert, 0 übersprungen" in output
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
    assert released.published_revision.author.username == services.IMPORT_USERNAME
    assert released.published_revision.release.released_by == editor
    assert list(released.steps.values_list("position", flat=True)) == [1]
    draft = Article.objects.get(slug="entwurf")
    assert draft.published_revision is None and draft.latest_number == 1
    assert not get_user_model().objects.get(username=services.IMPORT_USERNAME).is_active


def test_importing_the_same_pack_twice_creates_no_duplicates_and_changes_nothing(db, editor, pack_folder):
    run_pack("import", str(pack_folder), "--as", editor.username)
    before = counts()
    exported_before = packs.render(selectors.pack_content(name="x"))

    output = run_pack("import", str(pack_folder), "--as", editor.username)

    assert counts() == before
    assert packs.render(selectors.pack_content(name="x")) == exported_before
    for kind in ("Gesetz", "Norm", "Rolle", "Bereich", "Prozess", "Artikel"):
        assert f"{kind:<8} 0 neu" in output
    assert "übersprungen (existieren und weichen ab)" in output and "Nicht geändert" not in output


def test_reimporting_the_demo_export_changes_nothing(demo_content, tmp_path):
    target = tmp_path / "demo.zip"
    run_pack("export", str(target))
    before = counts()

    output = run_pack("import", str(target))  # nothing new: no releaser needed

    assert counts() == before
    assert " 0 neu" in output and "Nicht geändert" not in output


def test_an_existing_process_that_differs_is_skipped_and_named(db, editor, pack_folder):
    run_pack("import", str(pack_folder), "--as", editor.username)
    Process.objects.filter(slug="aufenthaltserlaubnis-verlaengern").update(title="Geändert vor Ort")
    changed = packdata.content()
    changed["processes.yaml"]["processes"][0]["steps"].append({"title": "Neu im Paket", "role": "SB-A"})
    folder = packdata.write_folder(pack_folder.parent / "zweites", packdata.files(changed))

    output = run_pack("import", str(folder), "--as", editor.username)

    assert "Prozess aufenthaltserlaubnis-verlaengern: übersprungen: existiert und weicht ab (abweichend: steps, title)" in output
    assert Process.objects.get(slug="aufenthaltserlaubnis-verlaengern").title == "Geändert vor Ort"
    assert not Step.objects.filter(title="Neu im Paket").exists()


def test_a_zip_with_the_pack_in_a_folder_is_read_like_the_folder(db, editor, tmp_path):
    files = {f"paket/{name}": value for name, value in packdata.files().items()}
    archive = packdata.write_zip(tmp_path / "paket.zip", files)

    run_pack("import", str(archive), "--as", editor.username)

    assert Process.objects.filter(slug="aufenthaltserlaubnis-verlaengern").exists()


def test_dry_run_reports_and_writes_nothing(db, editor, pack_folder):
    output = run_pack("import", str(pack_folder), "--as", editor.username, "--dry-run")

    assert "Probelauf, nichts geschrieben" in output and "Prozess  1 neu" in output
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

    assert "Artikel entwurf: übersprungen: existiert und weicht ab (archiviert)" in output
    assert Article.objects.get(slug="entwurf").is_archived
