"""Shared page fragments: every change of content shows at once, and nothing personal is shared."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core import caching
from documents import services as document_services
from documents.models import Document
from knowledge import services as knowledge_services
from lawchanges import services as lawchange_services
from lawchanges.models import ReviewItem
from processes import services
from processes.models import Role
from tests.factories import LawFactory, NormFactory, ProcessFactory, StepFactory, StepReferenceFactory, UserFactory
from tests.pdf import pdf_bytes

URL = "/prozesse/fiktion/"


@pytest.fixture
def process(db, team_lead):
    role = Role.objects.create(name="Sachbearbeitung Aufenthalt", slug="sb-a", code="SB-A")
    process = ProcessFactory(title="Fiktionsbescheinigung ausstellen", slug="fiktion", owner_role=role, owner=team_lead)
    first = StepFactory(process=process, position=1, title="Antrag prüfen", responsible_role=role)
    StepFactory(process=process, position=2, title="Bescheinigung ausstellen", responsible_role=role)
    StepReferenceFactory(step=first, norm=NormFactory(law=LawFactory(), number="81"), subsection="4")
    return process


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def page(client, url=URL) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_changed_step_shows_at_once(reader_client, process):
    assert "Antrag prüfen" in page(reader_client)
    step = process.steps.get(position=1)
    step.title = "Antrag auf Vollständigkeit prüfen"
    step.save()
    assert "Antrag auf Vollständigkeit prüfen" in page(reader_client)


def test_a_new_order_shows_at_once(reader_client, process):
    before = page(reader_client)
    assert before.index("Antrag prüfen") < before.index("Bescheinigung ausstellen")
    services.step_move(step=process.steps.get(position=2), position=1)
    after = page(reader_client)
    assert after.index("Bescheinigung ausstellen") < after.index("Antrag prüfen")


def test_a_released_article_appears_on_its_step(reader_client, process, editor, second_editor):
    page(reader_client)
    article = knowledge_services.article_create(
        author=editor, title="Fiktionswirkung im Überblick", body="Text", note="1", steps=[process.steps.get(position=1)]
    )
    assert "Fiktionswirkung im Überblick" not in page(reader_client)  # a draft is not for readers
    knowledge_services.revision_release(revision=article.revisions.get(), releaser=second_editor)
    assert "Fiktionswirkung im Überblick" in page(reader_client)


def test_a_new_document_version_shows_at_once(reader_client, process, editor, second_editor):
    pdf = pdf_bytes("Merkblatt", ["Zeile"])
    document = document_services.document_create(
        title="Merkblatt Fiktion", kind=Document.Kind.LEAFLET, description="", owner=editor, review_date=None,
        steps=[process.steps.get(position=1)], upload=SimpleUploadedFile("m.pdf", pdf), note="1", user=editor,
    )
    document_services.document_version_release(version=document.versions.get(number=1), releaser=second_editor)
    assert "Version 1 (PDF" in page(reader_client)
    second = document_services.document_add_version(
        document=document, upload=SimpleUploadedFile("m.pdf", pdf + b"%2"), note="2", user=editor, base_number=1
    )
    assert "Version 2 (PDF" not in page(reader_client), "a draft is not shown to readers"
    document_services.document_version_release(version=second, releaser=second_editor)
    assert "Version 2 (PDF" in page(reader_client)


def test_law_change_banners_come_and_go_with_the_review_items(reader_client, process, team_lead):
    assert "Prüfung offen" not in page(reader_client)
    norm = process.steps.get(position=1).references.get().norm
    change = lawchange_services.law_change_record(
        law=norm.law,
        norms=[norm],
        title="Änderung § 81",
        effective_date=timezone.localdate() + datetime.timedelta(days=5),
        summary="",
        source="BGBl.",
        recorded_by=team_lead,
    )
    assert "Prüfung offen" in page(reader_client)
    queue = page(reader_client, "/pruefung/")
    assert "Änderung § 81" in queue and "Keine offenen Prüfaufgaben." not in queue
    lawchange_services.review_items_close(
        items=ReviewItem.objects.filter(law_change=change), user=team_lead, status="not_affected", note="passt"
    )
    assert "Prüfung offen" not in page(reader_client)
    assert "Keine offenen Prüfaufgaben." in page(reader_client, "/pruefung/")


def test_renamed_role_and_person_show_at_once(reader_client, process, team_lead):
    page(reader_client)
    Role.objects.filter(pk=process.owner_role_id).update(name="wird gleich überschrieben")  # no signal: must not matter
    role = Role.objects.get(pk=process.owner_role_id)
    role.name = "Team Aufenthalt"
    role.save()
    team_lead.last_name = "Neuname"
    team_lead.save()
    content = page(reader_client)
    assert "Team Aufenthalt" in content and "Neuname" in content


def test_a_login_does_not_throw_the_fragments_away(reader_client, process, reader):
    page(reader_client)
    version = caching.current_version()
    Client().post("/konto/anmelden/", {"username": "leser", "password": "test-password"})
    assert caching.current_version() == version


def test_archiving_in_the_admin_hides_the_process_at_once(reader_client, process, team_lead):
    page(reader_client)
    logged_in(team_lead).post("/admin/processes/process/", {"action": "archive", "_selected_action": [process.pk]})
    assert reader_client.get(URL).status_code == 404


def test_a_rolled_back_change_leaves_the_version(process):
    version = caching.current_version()
    with pytest.raises(RuntimeError), transaction.atomic():
        step = process.steps.get(position=1)
        step.title = "nie gespeichert"
        step.save()
        assert caching.current_version() > version  # the step and its search rows
        raise RuntimeError
    assert caching.current_version() == version


def test_readers_and_editors_get_their_own_fragment(reader_client, editor, process):
    assert "Prozess bearbeiten" not in page(reader_client)
    assert "Prozess bearbeiten" in page(logged_in(editor))
    assert "Prozess bearbeiten" not in page(reader_client)


def test_pages_with_forms_are_never_shared(editor_client, editor, second_editor):
    """An editor's article page carries forms with a CSRF token: rendered for each request."""
    article = knowledge_services.article_create(author=editor, title="Duldung", body="Text", note="1")
    knowledge_services.revision_release(revision=article.revisions.get(), releaser=second_editor)
    url = f"/wissen/{article.slug}/"
    editor_client.get(url)
    with CaptureQueriesContext(connection) as again:
        content = page(editor_client, url)
    assert len(again.captured_queries) > 4
    assert "Als geprüft markieren" in content


def test_a_reader_article_page_is_shared_and_follows_a_release(reader_client, editor, second_editor):
    article = knowledge_services.article_create(author=editor, title="Duldung", body="Erste Fassung.", note="1")
    knowledge_services.revision_release(revision=article.revisions.get(), releaser=second_editor)
    url = f"/wissen/{article.slug}/"
    assert "Erste Fassung." in page(reader_client, url)
    with CaptureQueriesContext(connection) as again:
        page(reader_client, url)
    # The whole page, the user and the permissions come from the cache: only the session is
    # read, and the content version with it.
    assert len(again.captured_queries) == 1
    revision = knowledge_services.article_revise(
        article=article, author=editor, base_number=1, title="Duldung", body="Zweite Fassung.", note="2"
    )
    assert "Erste Fassung." in page(reader_client, url)  # the draft is not released yet
    knowledge_services.revision_release(revision=revision, releaser=second_editor)
    assert "Zweite Fassung." in page(reader_client, url)
    knowledge_services.article_archive(article=article, user=editor)
    assert reader_client.get(url).status_code == 404


def test_two_readers_share_one_fragment_but_see_their_own_header(process):
    from processdb import groups

    clients = [
        logged_in(UserFactory(username=name, first_name=name.title(), last_name="Muster", groups=[groups.READERS]))
        for name in ("anna", "ben")
    ]
    first, second = page(clients[0]), page(clients[1])
    assert "Anna Muster" in first and "Anna Muster" not in second and "Ben Muster" in second


def test_the_fragment_cache_can_be_switched_off(reader_client, process, settings):
    settings.PROCESSDB_FRAGMENT_CACHE = False
    page(reader_client)
    with CaptureQueriesContext(connection) as again:
        page(reader_client)
    assert len(again.captured_queries) > 4


def test_messages_show_on_a_shared_page_once(team_lead_client, process):
    page(team_lead_client, "/prozesse/")  # the map is now in the cache; a refused input changes nothing
    with CaptureQueriesContext(connection) as queries:
        response = team_lead_client.post(f"{URL}geprueft/", {"next_review": "bald", "next": "/prozesse/"}, follow=True)
    assert response.redirect_chain[-1][0] == "/prozesse/"
    assert not any("processes_category" in query["sql"] for query in queries.captured_queries)  # served from the cache
    assert "Bitte geben Sie ein gültiges Datum für die nächste Prüfung ein." in response.content.decode()
    assert "gültiges Datum" not in page(team_lead_client, "/prozesse/")


def test_the_logout_form_of_a_cached_page_carries_a_valid_token(reader, process):
    client = Client(enforce_csrf_checks=True)
    client.force_login(reader)
    page(client)
    cached = page(client)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', cached).group(1)
    response = client.post("/konto/abmelden/", {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert client.get(URL).status_code == 302  # logged out: to the login page


def test_a_cached_page_shows_each_user_their_own_menu_and_permissions(process, editor, django_assert_max_num_queries):
    """One cached page per audience: a reader and a team lead each see their own name, and only
    the team lead the edit link, the administration link and a draft article, also from the cache."""
    from processdb import groups

    knowledge_services.article_create(
        author=editor, title="Entwurf zur Fiktion", body="Text", note="1", steps=[process.steps.get(position=1)]
    )
    reader = logged_in(UserFactory(username="lea", first_name="Lea", last_name="Lesend", groups=[groups.READERS]))
    lead = logged_in(
        UserFactory(username="tom", first_name="Tom", last_name="Leitend", groups=[groups.TEAM_LEADS], is_staff=True)
    )

    def check(reader_page, lead_page):
        assert "Lea Lesend" in reader_page and "Tom Leitend" not in reader_page
        assert "Tom Leitend" in lead_page and "Lea Lesend" not in lead_page
        for editors_only in ("Prozess bearbeiten", "Entwurf zur Fiktion", "/admin/"):
            assert editors_only not in reader_page and editors_only in lead_page, editors_only
        # Both are whole pages around the same content.
        for content in (reader_page, lead_page):
            assert "<title>Fiktionsbescheinigung ausstellen –" in content and "Antrag prüfen" in content
            assert caching.USER_MENU not in content and caching.MESSAGES not in content

    with CaptureQueriesContext(connection) as first:
        check(page(reader), page(lead))
    with django_assert_max_num_queries(2):  # per request: the session row with the content version
        check(page(reader), page(lead))
    assert len(first.captured_queries) > 8


def test_the_change_log_prunes_itself_keeping_the_last_changes(db, settings, monkeypatch):
    """Every PRUNE_EVERY-th change deletes log entries older than KEEP_CHANGES; a process that far
    behind re-renders everything (test_targeted_invalidation), one closer replays the log."""
    from core.models import ContentChange

    settings.PROCESSDB_CHANGE_LOG_PRUNE_EVERY = 3
    monkeypatch.setattr(caching, "KEEP_CHANGES", 4)
    role = Role.objects.create(name="Rolle", slug="rolle", code="R")
    for n in range(12):  # one change each
        role.name = f"Rolle {n}"
        role.save()
    numbers = sorted(set(ContentChange.objects.values_list("number", flat=True)))
    last = numbers[-1]
    pruned_at = last - last % 3
    assert numbers[0] == pruned_at - 4 + 1  # nothing older than KEEP_CHANGES before the last prune
    assert numbers == list(range(numbers[0], last + 1))
