"""Invalidate what changed, not everything (issue 19).

A released change shows at once on every page that shows it, in every server process; a draft
changes no reader's page, and a change leaves the pages that do not show it in the cache.

Each server process has its own cache and its own view of the change log (core.caching): the
`Worker`s below are two such processes, in one test process, so that the same request can be
asked of each.
"""

import re
from contextlib import contextmanager
from unittest import mock

import pytest
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core import caching
from core.models import ContentChange
from knowledge import services as knowledge_services
from processdb import auth
from processes import services
from processes.models import Process
from tests.factories import NormFactory, ProcessFactory, RoleFactory, StepFactory, StepReferenceFactory
from tests.processes.test_admin import process_form_data, rows
from tests.processes.test_versions import login, steps_of

# A whole page from the cache costs the session query; after a change, the first request of a
# process also reads the change log once.
CACHED = 2


class Worker:
    """One server process: its own page cache and its own replay of the change log."""

    def __init__(self, name: str):
        self.cache = LocMemCache(name, {"OPTIONS": {"MAX_ENTRIES": 1000}})
        self.replay = caching._Replay()

    @contextmanager
    def active(self):
        with (
            mock.patch.object(caching, "cache", self.cache),
            mock.patch.object(auth, "cache", self.cache),
            mock.patch.object(caching, "_replay", self.replay),
        ):
            yield

    def get(self, client, url) -> tuple[str, int]:
        """The page as this process serves it, and the queries that cost."""
        with self.active(), CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        # The logout form's token is masked anew for every request.
        page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())
        return page, len(queries.captured_queries)


@pytest.fixture
def workers():
    started = [Worker("erster"), Worker("zweiter")]
    for worker in started:
        worker.cache.clear()  # caches of one name share their storage: nothing from an earlier test
    yield started
    for worker in started:
        worker.cache.clear()


@pytest.fixture
def world(db, editor, second_editor):
    role = RoleFactory(name="Sachbearbeitung Aufenthalt", slug="sb-aufenthalt")
    norm = NormFactory(number="81")
    fiction = ProcessFactory(title="Fiktionsbescheinigung ausstellen", slug="fiktion", owner_role=role)
    check = StepFactory(process=fiction, position=1, title="Antrag prüfen", responsible_role=role)
    StepFactory(process=fiction, position=2, title="Bescheinigung ausstellen", responsible_role=role)
    StepReferenceFactory(step=check, norm=norm)
    other = ProcessFactory(title="Blaue Karte EU erteilen", slug="blaue-karte", owner_role=role)
    StepFactory(process=other, position=1, title="Zustimmung der Bundesagentur einholen", responsible_role=role)
    for process in (fiction, other):
        services.ensure_baseline(process)
    article = knowledge_services.article_create(
        author=editor, title="Fiktionswirkung im Überblick", body="Die Fiktion gilt bis zur Entscheidung.", note="1",
        steps=[check],
    )
    knowledge_services.revision_release(revision=article.revisions.get(), releaser=second_editor)
    return {
        "fiction": fiction,
        "other": other,
        "article": article,
        "urls": {
            "process": "/prozesse/fiktion/",
            "other": "/prozesse/blaue-karte/",
            "map": "/prozesse/",
            "role": "/rollen/sb-aufenthalt/",
            "norm": f"/recht/{norm.law.key}/81/",
            "article": f"/wissen/{article.slug}/",
        },
    }


def warm(workers, client, urls) -> dict[str, str]:
    """Every page cached in every process; returns the pages as they read."""
    pages = {}
    for worker in workers:
        for name, url in urls.items():
            pages[name], _ = worker.get(client, url)
            again, queries = worker.get(client, url)
            assert queries == 1 and again == pages[name], f"{name} is served from the cache"
    return pages


def draft_step_title(team_lead, process, old: str, new: str) -> None:
    """The team lead renames a step in the admin: a draft version."""
    steps = steps_of(process)
    step_rows = rows(steps, range(1, len(steps) + 1))
    for row in step_rows:
        if row["title"] == old:
            row["title"] = new
    response = login(team_lead).post(
        reverse("admin:processes_process_change", args=[process.pk]), process_form_data(process, step_rows)
    )
    assert response.status_code == 302


def release_latest(editor, process) -> None:
    """A second person releases the newest version on its page."""
    process = Process.objects.get(pk=process.pk)
    url = reverse("processes:release", kwargs={"slug": process.slug, "number": process.latest_version})
    assert login(editor).post(url).status_code == 302
    assert Process.objects.get(pk=process.pk).released_version == process.latest_version


def test_a_released_step_shows_on_every_page_that_shows_it_in_every_process(
    world, workers, reader_client, team_lead, editor
):
    urls = world["urls"]
    warm(workers, reader_client, urls)
    draft_step_title(team_lead, world["fiction"], "Antrag prüfen", "Antrag auf Vollständigkeit prüfen")
    release_latest(editor, world["fiction"])
    for worker in reversed(workers):  # the second process first: it learns of the change by itself
        for name in ("process", "role", "norm", "article"):
            page, _ = worker.get(reader_client, urls[name])
            assert "Antrag auf Vollständigkeit prüfen" in page, name
        # The other process's page and the map (no title changed) stay in the cache.
        for name in ("other", "map"):
            page, queries = worker.get(reader_client, urls[name])
            assert queries <= CACHED, name
            assert "Antrag auf Vollständigkeit prüfen" not in page


def test_a_draft_changes_no_readers_page(world, workers, reader_client, team_lead, editor):
    urls = world["urls"]
    before = warm(workers, reader_client, urls)
    draft_step_title(team_lead, world["fiction"], "Antrag prüfen", "Antrag auf Vollständigkeit prüfen")
    knowledge_services.article_revise(
        article=world["article"], author=editor, base_number=1, title="Fiktionswirkung (Entwurf)", body="Neu.", note="2"
    )
    fiction = world["fiction"]
    ProcessFactory(
        title="Neues Verfahren im Entwurf", status=Process.Status.DRAFT, owner_role=fiction.owner_role, category=fiction.category
    )
    assert ContentChange.objects.filter(tag__endswith="-draft").exists()
    for worker in workers:
        for name, url in urls.items():
            page, queries = worker.get(reader_client, url)
            assert queries <= CACHED, f"{name} was rendered again for a draft"
            assert page == before[name]
    # The editors see their drafts at once.
    lead = login(team_lead)
    assert "Neues Verfahren im Entwurf" in workers[0].get(lead, urls["map"])[0]
    assert "Entwurf" in workers[1].get(lead, urls["process"])[0]


def test_a_released_article_shows_on_its_process_and_leaves_the_others_warm(world, workers, reader_client, editor, second_editor):
    urls = world["urls"]
    warm(workers, reader_client, urls)
    revision = knowledge_services.article_revise(
        article=world["article"], author=editor, base_number=1, title="Fiktionswirkung kurz erklärt", body="Neu.", note="2"
    )
    knowledge_services.revision_release(revision=revision, releaser=second_editor)
    for worker in workers:
        for name in ("article", "process"):
            assert "Fiktionswirkung kurz erklärt" in worker.get(reader_client, urls[name])[0], name
        for name in ("other", "map"):
            assert worker.get(reader_client, urls[name])[1] <= CACHED, name


def test_the_map_follows_a_new_title_at_once(world, workers, reader_client, team_lead, editor):
    urls = world["urls"]
    warm(workers, reader_client, urls)
    fiction = world["fiction"]
    steps = steps_of(fiction)
    response = login(team_lead).post(
        reverse("admin:processes_process_change", args=[fiction.pk]),
        process_form_data(fiction, rows(steps, range(1, len(steps) + 1)), title="Fiktionsbescheinigung erteilen"),
    )
    assert response.status_code == 302
    assert "Fiktionsbescheinigung erteilen" not in workers[0].get(reader_client, urls["map"])[0]  # a draft
    release_latest(editor, fiction)
    for worker in workers:
        for name in ("map", "process", "role"):
            assert "Fiktionsbescheinigung erteilen" in worker.get(reader_client, urls[name])[0], name
        assert worker.get(reader_client, urls["other"])[1] <= CACHED


def test_a_process_that_missed_part_of_the_log_renders_everything_again(world, workers, reader_client):
    urls = world["urls"]
    warm(workers, reader_client, urls)
    step = world["other"].steps.get()
    step.title = "Zustimmung einholen und prüfen"
    step.save()
    ContentChange.objects.all().delete()  # as if pruned while the process was idle
    page, queries = workers[0].get(reader_client, urls["other"])
    assert "Zustimmung einholen und prüfen" in page
    assert workers[0].get(reader_client, urls["process"])[1] > CACHED  # could not know: rendered again


def test_history_comparison_and_search_are_cached_and_follow_a_release(
    world, workers, reader_client, editor, second_editor, django_capture_on_commit_callbacks
):
    article = world["article"]
    urls = {
        "history": f"/wissen/{article.slug}/versionen/",
        "search": "/suche/?q=Fiktionswirkung",
        "compare": f"/wissen/{article.slug}/vergleich/?von=1&zu=1",
    }
    before = warm(workers, reader_client, urls)  # each served from the cache the second time
    assert "im Überblick" in before["search"] and "Kurzfassung" not in before["history"]  # the hit is highlighted
    revision = knowledge_services.article_revise(
        article=article, author=editor, base_number=1, title="Fiktionswirkung kurz erklärt", body="Neu.", note="Kurzfassung"
    )
    for worker in workers:  # a draft: readers' pages stay as they were, from the cache
        for name, url in urls.items():
            page, queries = worker.get(reader_client, url)
            assert page == before[name] and queries <= CACHED, name
    with django_capture_on_commit_callbacks(execute=True):  # the search index follows on commit
        knowledge_services.revision_release(revision=revision, releaser=second_editor)
    for worker in workers:
        history, _ = worker.get(reader_client, urls["history"])
        assert "Kurzfassung" in history
        assert "kurz erklärt" in worker.get(reader_client, urls["search"])[0]
        compare, _ = worker.get(reader_client, f"/wissen/{article.slug}/vergleich/?von=1&zu=2")
        assert "Fiktionswirkung kurz erklärt" in compare and "„Kurzfassung“" in compare


def test_after_a_rename_the_map_reads_only_the_renamed_process_area(db, reader_client):
    from django.db.models.signals import post_init

    from tests.factories import CategoryFactory

    band = CategoryFactory(name="Kernprozesse")
    areas = [CategoryFactory(name=f"Bereich {n}", parent=band) for n in range(3)]
    processes = [
        ProcessFactory(title=f"Verfahren {area.pk}-{n}", category=area) for area in areas for n in range(4)
    ]
    worker = Worker("karte")
    worker.cache.clear()
    first, _ = worker.get(reader_client, "/prozesse/")
    renamed = Process.objects.get(pk=processes[0].pk)
    renamed.title = "Verfahren umbenannt"
    renamed.save()
    loaded = []

    def count(sender, instance, **kwargs):
        loaded.append(instance)

    post_init.connect(count, sender=Process)
    try:
        page, _ = worker.get(reader_client, "/prozesse/")
    finally:
        post_init.disconnect(count, sender=Process)
    assert "Verfahren umbenannt" in page and processes[0].title not in page
    # The other areas come from the cache: only the four processes of the renamed one are read.
    assert sorted(process.pk for process in loaded) == sorted(process.pk for process in processes[:4])
    assert page.replace("Verfahren umbenannt", processes[0].title) == first
    worker.cache.clear()
