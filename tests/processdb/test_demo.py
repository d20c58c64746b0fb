"""python manage.py demo: the demo content and accounts, idempotent.

The tests that only look at what the command leaves share one run of it per test process
through the `demo_content` fixture (tests/demo.py), which copies the rows of that run into
each test's database; the first test here proves the copy equals the command's result.
"""

from pathlib import Path

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.models import Group
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from core.models import ContentChange
from departments import packs
from documents.models import Document, DocumentVersion
from knowledge.models import Article, Release, Revision
from law.models import Law, Norm
from lawchanges.models import LawChange, ReviewItem
from onboarding.models import Assignment, Confirmation, PathItem, ReadingPath
from processes.models import Category, Process, ProcessReference, Role, Step, StepReference
from tests import demo

MODELS = [
    Category, Role, Law, Norm, Process, Step, ProcessReference, StepReference, Article, Revision, Release,
    ReadingPath, PathItem, Assignment, Confirmation, LawChange, ReviewItem, Document, DocumentVersion,
]


def counts():
    return {model.__name__: model.objects.count() for model in [*MODELS, get_user_model()]}


@pytest.mark.django_db
def test_the_demo_content_fixture_gives_exactly_what_the_command_leaves():
    """Row by row in every table, the stored files, and fresh ids for rows added afterwards."""
    with transaction.atomic():
        loaded = demo.DemoContent.load()  # runs `manage.py demo` and copies what it wrote
        fresh = demo.dump()
        transaction.set_rollback(True)
    assert fresh["processes_process"] and fresh["processdb_searchdocument"] and fresh["auth_user_groups"]
    assert not Process.objects.exists() and not get_user_model().objects.exists()
    assert loaded.files and all(default_storage.exists(name) for name in loaded.files)
    # As after a flush: the id sequences of the (now empty) content tables start again
    # (PostgreSQL), and a test removed a file.
    with connection.cursor() as cursor:
        for sql in demo.sequence_reset_sql(loaded.tables):
            cursor.execute(sql)
    removed = min(loaded.files)
    default_storage.delete(removed)

    loaded.restore()

    copied = demo.dump()
    assert copied.keys() == fresh.keys()
    for table in fresh:
        assert copied[table] == fresh[table], table
    assert {name: Path(default_storage.path(name)).read_bytes() for name in loaded.files} == loaded.files
    with DocumentVersion.objects.get(file=removed).file.open("rb") as stored:
        assert stored.read() == loaded.files[removed]
    assert get_user_model().objects.create(username="nach-der-kopie").pk > max(row[0] for row in fresh["auth_user"])
    category = Category.objects.create(name="Nach der Kopie", slug="nach-der-kopie")
    assert category.pk > max(row[0] for row in fresh["processes_category"])


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_restore_leaves_ids_above_committed_rows():
    """After a flush `migrate` recreates the groups, and their change log rows stay committed;
    a test that restores the demo and rolls back must not leave the id sequence below them
    (the next test's first change would collide with one of those rows)."""
    Group.objects.create(name="Vor dem Test")  # committed, like the groups after a flush
    committed = set(ContentChange.objects.values_list("id", flat=True))
    with transaction.atomic():
        demo.restore()
        transaction.set_rollback(True)
    Group.objects.create(name="Nach dem Test")
    new = set(ContentChange.objects.values_list("id", flat=True)) - committed
    assert new and min(new) > max(committed)


@pytest.mark.django_db
def test_demo_twice_gives_the_same_counts(demo_content, settings, capsys):
    settings.DEBUG = True
    first = counts()  # after one run of the command (demo_content)
    call_command("demo")
    assert counts() == first
    # The foreigners' authority's 39 processes and the second department's, from its pack.
    second = packs.load(settings.PACKS_DIR / "buergerservice")
    assert first["Process"] == 39 + len(second.processes)
    assert Process.objects.filter(category__tree_id=Category.objects.get(slug="bs-buergerservice").tree_id).count() == 12
    assert first["Law"] >= 15
    assert first["Step"] > 250
    assert first["Article"] >= 15
    assert first["Revision"] > first["Article"]
    assert "sachbearbeitung" in capsys.readouterr().out


@pytest.mark.django_db
def test_demo_builds_the_catalogue_faithfully(demo_content):
    bands = list(Category.objects.filter(parent=None).order_by("tree_id").values_list("name", flat=True))
    assert bands == ["Führungsprozesse", "Kernprozesse", "Unterstützungsprozesse", "Bürgerservice"]
    fiktion = Process.objects.get(slug="fiktionsbescheinigung")
    assert fiktion.status == Process.Status.PUBLISHED
    assert fiktion.steps.count() >= 5
    assert StepReference.objects.filter(step__process=fiktion, norm__law__abbreviation="AufenthG", norm__number="81").exists()
    slugs = dict(Law.objects.values_list("abbreviation", "gii_slug"))
    assert slugs["AufenthG"] == "aufenthg_2004"
    assert slugs["AsylG"] == "asylvfg_1992"
    assert slugs["FreizügG/EU"] == "freiz_gg_eu_2004"
    assert slugs["BeschV"] == "beschv_2013"
    assert Role.objects.get(code="BA").is_external
    # Nothing the catalogue marks unverified is cited as the consent norm of the BA.
    assert not Norm.objects.filter(law__abbreviation="BeschV", number="39").exists()


@pytest.mark.django_db
def test_demo_keeps_what_a_team_lead_changed(demo_content, settings):
    settings.DEBUG = True
    Process.objects.filter(slug="fiktionsbescheinigung").update(title="Fiktionsbescheinigung (überarbeitet)")
    call_command("demo")
    assert Process.objects.get(slug="fiktionsbescheinigung").title == "Fiktionsbescheinigung (überarbeitet)"


# The account tests run the command again over the loaded demo (fast, idempotent): the
# password is set on every run, so what they check does not depend on an empty database.
@pytest.mark.django_db
def test_demo_accounts_log_in_with_the_given_password(demo_content, settings):
    settings.DEBUG = True
    call_command("demo", password="geheim-123")
    for username in ["sachbearbeitung", "teamleitung", "neu", "admin"]:
        assert authenticate(username=username, password="geheim-123") is not None
    assert get_user_model().objects.get(username="admin").is_superuser
    assert get_user_model().objects.get(username="teamleitung").groups.filter(name="Teamleitung").exists()


@pytest.mark.django_db
def test_demo_password_from_the_environment(demo_content, settings, monkeypatch):
    settings.DEBUG = True
    monkeypatch.setenv("PROZESSDB_DEMO_PASSWORD", "aus-der-umgebung")
    call_command("demo")
    assert authenticate(username="neu", password="aus-der-umgebung") is not None


@pytest.mark.django_db
def test_demo_refuses_to_run_with_debug_off(demo_content, settings):
    settings.DEBUG = False
    before = counts()
    with pytest.raises(CommandError, match="--force"):
        call_command("demo", password="neu-gesetzt")
    assert authenticate(username="neu", password="neu-gesetzt") is None
    assert counts() == before
    call_command("demo", force=True, password="neu-gesetzt")
    assert authenticate(username="neu", password="neu-gesetzt") is not None


@pytest.mark.django_db
def test_demo_articles_have_history_a_pending_draft_and_step_links(demo_content):
    multi = [a for a in Article.objects.all() if a.latest_number > 1]
    assert len(multi) >= 5
    pending = [a for a in Article.objects.select_related("published_revision") if a.has_pending_draft]
    assert len(pending) == 1
    fiktion = Article.objects.get(slug="fiktionsbescheinigung-varianten")
    assert fiktion.steps.filter(process__slug="fiktionsbescheinigung").exists()
    assert fiktion.published_revision.cited_norms.filter(law__abbreviation="AufenthG", number="81").exists()
    for release in Release.objects.select_related("revision"):
        assert release.released_by_id != release.revision.author_id
    # The people and dates of the history (processdb/demo/history.yaml), which the pack does not hold.
    history = [(r.author.username, r.release.released_by.username) for r in fiktion.revisions.order_by("number")]
    assert history == [("redaktion", "teamleitung"), ("teamleitung", "redaktion"), ("redaktion", "teamleitung")]
    first, *_, last = fiktion.revisions.order_by("number")
    assert round((last.created_at - first.created_at).total_seconds() / 86400) == 70 and fiktion.owner.username == "teamleitung"
    assert not Revision.objects.filter(author__username="paketimport", article__slug=fiktion.slug).exists()


@pytest.mark.django_db
def test_demo_onboarding_paths_and_the_new_hire(demo_content):
    from onboarding.selectors import my_assignments, team_overview

    assert ReadingPath.objects.values("role").distinct().count() >= 3
    User = get_user_model()
    [progress] = my_assignments(user=User.objects.get(username="neu"))
    assert 0 < progress.done_required < progress.total_required
    assert len(progress.outdated) == 1
    assert progress.outdated[0].item.article.slug == "fiktionsbescheinigung-varianten"
    lead = User.objects.get(username="teamleitung")
    mentees = {p.assignment.person.username for p in team_overview(user=lead)}
    assert {"neu", "neu.erwerb", "neu.service"} <= mentees


@pytest.mark.django_db
def test_demo_law_changes_have_open_and_closed_items_and_one_upcoming(demo_content):
    assert LawChange.objects.count() >= 10
    assert ReviewItem.objects.filter(status="open").exists()
    assert ReviewItem.objects.exclude(status="open").exists()
    assert any(change.is_upcoming for change in LawChange.objects.all())
    # § 81 AufenthG stays unrecorded, so a team lead can record a change to it in the demo.
    assert not LawChange.objects.filter(norms__law__abbreviation="AufenthG", norms__number="81").exists()


@pytest.mark.django_db
def test_demo_documents_are_attached_to_steps_and_one_version_waits_for_release(demo_content):
    checklist = Document.objects.get(title="Checkliste Unterlagen Verlängerung Aufenthaltserlaubnis")
    assert checklist.current_version.number == 1
    assert checklist.current_version.file.read().decode().startswith("Checkliste: Unterlagen zur Verlängerung")
    assert checklist.steps.filter(process__slug="aufenthaltserlaubnis-verlaengern").exists()
    leaflet = Document.objects.get(title="Merkblatt Fiktionsbescheinigung")
    assert leaflet.current_version.file.read(5) == b"%PDF-"
    # The demo's pending document version: proposed by the editors, the team lead releases it.
    template = Document.objects.get(slug="vorlage-anforderung-fehlender-unterlagen")
    assert template.current_version.number == 1
    pending = template.versions.get(number=2)
    assert pending.uploaded_by.username == "redaktion" and not hasattr(pending, "release")


@pytest.mark.django_db
def test_the_foreigners_authority_of_the_demo_is_its_pack(demo_content, tmp_path):
    """The demo's first department exports as exactly packs/auslaenderbehoerde: its processes,
    articles with their history, documents and paths come from the pack, nothing else."""
    from tests.departments.packdata import run_pack

    run_pack("export", str(tmp_path / "pack"), "--department", "auslaenderbehoerde", "--name", "Ausländerbehörde Musterstadt")
    source = Path(__file__).resolve().parents[2] / "packs" / "auslaenderbehoerde"
    exported = sorted(path.relative_to(tmp_path / "pack") for path in (tmp_path / "pack").rglob("*") if path.is_file())
    assert exported == sorted(path.relative_to(source) for path in source.rglob("*") if path.is_file())
    for name in exported:
        if name != Path("pack.yaml"):  # name and description are the export's options
            assert (tmp_path / "pack" / name).read_bytes() == (source / name).read_bytes(), name
    pack = packs.load(source)
    assert len(pack.processes) == 39 and len(pack.articles) == 19 and len(pack.paths) == 3
    assert Process.objects.filter(slug__in=[entry["slug"] for entry in pack.processes]).count() == 39
