"""Processes are governed like articles: versions, drafts, four-eyes release, no lost update."""


import pytest
from django.test import Client
from django.urls import reverse

from processes import services
from processes.models import ImmutableError, Process, ProcessVersion, Step
from search.query import search
from tests.factories import ProcessFactory, RoleFactory, StepFactory
from tests.processes.test_admin import live_order, process_form_data, rows


@pytest.fixture
def process(db):
    process = ProcessFactory(title="Blaue Karte EU erteilen", slug="blaue-karte")
    role = process.owner_role
    for position, title in enumerate(["Antrag prüfen", "Zustimmung BA einholen", "Karte aushändigen"], start=1):
        StepFactory(process=process, position=position, title=title, responsible_role=role, description=f"Text {position}")
    return process


def login(user) -> Client:
    # The client fixtures share one Client: each person here gets their own.
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def lead(team_lead):
    return login(team_lead)


@pytest.fixture
def releaser(editor):
    return login(editor)


@pytest.fixture
def reading(reader):
    return login(reader)


def found_processes(text, user) -> list[str]:
    results = search(text, user=user, kind="process")
    return [hit.document.title for group in results.groups for hit in group.hits]


def steps_of(process):
    return list(Step.objects.filter(process=process).order_by("position"))


def admin_save(client, process, step_rows, **changes):
    url = reverse("admin:processes_process_change", args=[process.pk])
    return client.post(url, process_form_data(process, step_rows, **changes))


def fresh(process):
    return Process.objects.get(pk=process.pk)


def test_a_team_lead_change_is_a_draft_readers_keep_the_released_version(lead, process, reader):
    steps = steps_of(process)
    response = admin_save(lead, process, rows(steps, [1, 2, 3]), title="Blaue Karte EU (neu)")
    assert response.status_code == 302
    process = fresh(process)
    assert (process.latest_version, process.released_version) == (2, 1), "baseline 1 released, draft 2 pending"
    assert process.title == "Blaue Karte EU erteilen"

    reading = login(reader)
    page = reading.get(process.get_absolute_url()).content.decode()
    assert "Blaue Karte EU erteilen" in page
    assert "Blaue Karte EU (neu)" not in page
    assert "wartet auf Freigabe" not in page
    assert reading.get(reverse("processes:version", args=[process.slug, 2])).status_code == 404

    editor_page = lead.get(process.get_absolute_url()).content.decode()
    assert "Entwurf Version 2 wartet auf Freigabe" in editor_page

    # The admin's history entry went with the savepoint; the audit log has the draft.
    from processdb.models import AuditEvent

    event = AuditEvent.objects.filter(action="draft").get()
    assert (event.actor.username, event.details) == ("leitung", "version 2: Geändert: Titel")


def test_the_admin_form_shows_the_pending_draft_not_the_released_rows(lead, process):
    steps = steps_of(process)
    admin_save(lead, process, rows(steps, [1, 2, 3]), title="Entwurfstitel")
    page = lead.get(reverse("admin:processes_process_change", args=[process.pk])).content.decode()
    assert 'value="Entwurfstitel"' in page
    assert "Sie bearbeiten den Entwurf Version 2" in page
    assert fresh(process).title == "Blaue Karte EU erteilen"


def test_own_draft_cannot_be_released_another_person_releases_it(lead, process, team_lead, editor):
    steps = steps_of(process)
    admin_save(
        lead, process, [*rows(steps, [1, 2, 3]), {"position": 4, "title": "Akte schließen", "role": steps[0].responsible_role_id}]
    )
    release_url = reverse("processes:release", args=[process.slug, 2])

    response = lead.post(release_url, follow=True)
    assert "Vier-Augen-Prinzip" in response.content.decode()
    assert fresh(process).released_version == 1
    assert live_order(process) == [(1, "Antrag prüfen"), (2, "Zustimmung BA einholen"), (3, "Karte aushändigen")]

    releaser = login(editor)
    detail = releaser.get(reverse("processes:version", args=[process.slug, 2])).content.decode()
    assert "Version 2 freigeben" in detail
    assert "hinzugefügt" in detail and "Akte schließen" in detail
    response = releaser.post(release_url, follow=True)
    assert "Version 2 ist freigegeben" in response.content.decode()
    process = fresh(process)
    assert process.released_version == 2
    assert live_order(process)[-1] == (4, "Akte schließen")
    assert not process.has_pending_draft

    # Released, it cannot be released again; nor can an older version.
    again = releaser.post(release_url, follow=True).content.decode()
    assert "bereits freigegeben" in again
    assert releaser.post(reverse("processes:release", args=[process.slug, 1]), follow=True).status_code == 200
    assert fresh(process).released_version == 2


def test_versions_are_immutable(process, team_lead):
    services.ensure_baseline(process)
    version = ProcessVersion.objects.get(process=process, number=1)
    version.change_note = "überschrieben"
    with pytest.raises(ImmutableError):
        version.save()
    with pytest.raises(ImmutableError):
        version.delete()
    with pytest.raises(ImmutableError):
        ProcessVersion.objects.filter(pk=version.pk).update(change_note="x")
    with pytest.raises(ImmutableError):
        ProcessVersion.objects.filter(pk=version.pk).delete()
    assert ProcessVersion.objects.get(pk=version.pk).change_note != "überschrieben"


def test_the_comparison_shows_steps_moved_added_removed_and_text_changed(lead, releaser, process):
    first, second, third = steps_of(process)
    data_rows = [
        {"id": third.pk, "position": 1, "title": third.title, "role": third.responsible_role_id},
        {"id": first.pk, "position": 2, "title": "Antrag vollständig prüfen", "role": first.responsible_role_id},
        {"id": second.pk, "position": 3, "title": second.title, "role": second.responsible_role_id, "delete": True},
        {"position": 4, "title": "Bescheid versenden", "role": first.responsible_role_id},
    ]
    assert admin_save(lead, process, data_rows, purpose="Ein Verfahren für die Blaue Karte.").status_code == 302
    page = releaser.get(reverse("processes:compare", args=[process.slug]), {"von": 1, "zu": 2}).content.decode()
    assert "verschoben" in page and "von Position 3 auf Position 1" in page
    assert "Umbenannt:" in page and "Antrag vollständig prüfen" in page
    assert "entfernt" in page and "Zustimmung BA einholen" in page
    assert "hinzugefügt" in page and "Bescheid versenden" in page
    assert '<ins class="diff-ins">' in page and "Blaue Karte" in page
    assert "**" not in page and "##" not in page


def test_a_description_change_is_compared_as_rendered_text(lead, releaser, process):
    step = steps_of(process)[0]
    url = reverse("admin:processes_step_change", args=[step.pk])
    data = {
        "base_version": process.latest_version,
        "position": 1,
        "title": step.title,
        "description": "## Prüfen\n\n- **Pass** gültig\n- Foto",
        "responsible_role": step.responsible_role_id,
        "documents": "",
        "duration": "",
        "references-TOTAL_FORMS": "0",
        "references-INITIAL_FORMS": "0",
        "references-MIN_NUM_FORMS": "0",
        "references-MAX_NUM_FORMS": "1000",
    }
    assert lead.post(url, data).status_code == 302
    page = releaser.get(reverse("processes:version", args=[process.slug, 2])).content.decode()
    assert "<h2" in page and "Prüfen" in page and "<li>" in page
    assert "## Prüfen" not in page and "**Pass**" not in page


def test_a_stale_form_gets_the_conflict_and_keeps_what_was_typed(lead, process, editor):
    steps = steps_of(process)
    stale = process_form_data(process, rows(steps, [1, 2, 3]), title="Meine Fassung")  # opened at version 0 (no versions yet)
    other = login(editor)
    other.post(
        reverse("admin:processes_process_change", args=[process.pk]),
        process_form_data(process, rows(steps, [1, 2, 3]), title="Fassung der Kollegin"),
    )
    assert fresh(process).latest_version == 2

    response = lead.post(reverse("admin:processes_process_change", args=[process.pk]), stale)
    assert response.status_code == 200
    page = response.content.decode()
    assert "hat inzwischen eine neuere Version" in page
    assert 'value="Meine Fassung"' in page, "what was typed is kept"
    assert "Fassung der Kollegin" in page, "the other change is shown"
    assert fresh(process).latest_version == 2, "nothing was saved"
    assert ProcessVersion.objects.get(process=process, number=2).snapshot["process"]["title"] == "Fassung der Kollegin"

    # Saving again after seeing the conflict builds on the newest version.
    assert 'name="base_version" value="2"' in page


@pytest.mark.parametrize("base", ["abc", "-1", "99999999999999999999999", "1\x00", ""])
def test_a_forged_base_saves_nothing(lead, process, base):
    steps = steps_of(process)
    data = process_form_data(process, rows(steps, [1, 2, 3]), title="Gefälscht", base_version=base)
    response = lead.post(reverse("admin:processes_process_change", args=[process.pk]), data)
    assert response.status_code == 200
    assert "neuere Version" in response.content.decode()
    assert not ProcessVersion.objects.filter(process=process, number__gt=1).exists()


def test_restore_makes_a_new_draft_and_a_missing_version_is_404(lead, releaser, process):
    steps = steps_of(process)
    admin_save(lead, process, rows(steps, [1, 2, 3]), title="Zwischenstand")
    response = lead.post(reverse("processes:restore", args=[process.slug, 1]), follow=True)
    assert "als neue Version 3 wiederhergestellt" in response.content.decode()
    process = fresh(process)
    assert process.latest_version == 3
    assert ProcessVersion.objects.get(process=process, number=3).snapshot["process"]["title"] == "Blaue Karte EU erteilen"
    assert lead.post(reverse("processes:restore", args=[process.slug, 99])).status_code == 404
    assert lead.get(reverse("processes:restore", args=[process.slug, 1])).status_code == 405


def test_versions_page_lists_released_versions_for_readers_and_drafts_for_editors(lead, reading, process):
    steps = steps_of(process)
    admin_save(lead, process, rows(steps, [1, 2, 3]), title="Entwurf", change_note="Titel geschärft")
    editor_page = lead.get(reverse("processes:versions", args=[process.slug])).content.decode()
    assert "Titel geschärft" in editor_page and "Entwurf" in editor_page
    reader_page = reading.get(reverse("processes:versions", args=[process.slug])).content.decode()
    assert "Titel geschärft" not in reader_page
    assert "Stand bei Einführung der Versionen" in reader_page


def test_new_process_starts_as_a_draft_and_is_released_by_another_person(lead, releaser, reading):
    role = RoleFactory()
    from tests.factories import CategoryFactory

    category = CategoryFactory()
    data = {
        "code": "N-1",
        "title": "Neues Verfahren",
        "slug": "neues-verfahren",
        "category": category.pk,
        "purpose": "Zweck",
        "trigger": "",
        "outcome": "",
        "documents": "",
        "notes": "",
        "owner_role": role.pk,
        "owner": "",
        "review_date": "",
        "references-TOTAL_FORMS": "0",
        "references-INITIAL_FORMS": "0",
        "references-MIN_NUM_FORMS": "0",
        "references-MAX_NUM_FORMS": "1000",
        "steps-TOTAL_FORMS": "1",
        "steps-INITIAL_FORMS": "0",
        "steps-MIN_NUM_FORMS": "0",
        "steps-MAX_NUM_FORMS": "1000",
        "steps-0-position": "1",
        "steps-0-title": "Erster Schritt",
        "steps-0-responsible_role": role.pk,
        "steps-0-duration": "",
    }
    assert lead.post(reverse("admin:processes_process_add"), data).status_code == 302
    process = Process.objects.get(slug="neues-verfahren")
    assert process.status == Process.Status.DRAFT and process.latest_version == 1
    assert reading.get(process.get_absolute_url()).status_code == 404
    released = releaser.post(reverse("processes:release", args=[process.slug, 1]), follow=True)
    assert "Version 1 ist freigegeben" in released.content.decode(), [str(m) for m in released.context["messages"]]
    process = fresh(process)
    assert process.status == Process.Status.PUBLISHED
    assert "Erster Schritt" in reading.get(process.get_absolute_url()).content.decode()


def test_bulk_archive_and_reactivate_reach_search(lead, reader, process):
    assert found_processes("Blaue Karte", reader) == [str(process)]
    changelist = reverse("admin:processes_process_changelist")
    lead.post(changelist, {"action": "archive", "_selected_action": [process.pk]})
    assert fresh(process).status == Process.Status.ARCHIVED
    assert found_processes("Blaue Karte", reader) == []
    lead.post(changelist, {"action": "reactivate", "_selected_action": [process.pk]})
    assert fresh(process).status == Process.Status.PUBLISHED
    assert found_processes("Blaue Karte", reader) == [str(process)]


def test_a_release_reaches_search(lead, releaser, reader, process):
    steps = steps_of(process)
    admin_save(lead, process, rows(steps, [1, 2, 3]), title="Aufenthaltserlaubnis Fachkräfte")
    assert found_processes("Fachkräfte", reader) == []
    releaser.post(reverse("processes:release", args=[process.slug, 2]))
    assert found_processes("Fachkräfte", reader) == [f"{process.code} Aufenthaltserlaubnis Fachkräfte"]


def test_the_self_release_setting_of_articles_governs_processes_too(lead, process, settings):
    settings.KNOWLEDGE_ALLOW_SELF_RELEASE = True
    admin_save(lead, process, rows(steps_of(process), [1, 2, 3]), title="Selbst freigegeben")
    response = lead.post(reverse("processes:release", args=[process.slug, 2]), follow=True)
    assert "Version 2 ist freigegeben" in response.content.decode()
    assert fresh(process).title == "Selbst freigegeben"
