"""The admin a team lead uses: steps inline, saved and reordered in one transaction."""

import pytest
from django.urls import reverse

from processes.models import Process, Step
from tests.factories import NormFactory, ProcessFactory, RoleFactory, StepFactory


def process_form_data(process, steps, **changes):
    """POST data of the process change page with the given step rows (dicts)."""
    data = {
        "base_version": Process.objects.get(pk=process.pk).latest_version,
        "code": process.code,
        "title": process.title,
        "slug": process.slug,
        "category": process.category_id,
        "status": process.status,
        "purpose": process.purpose,
        "trigger": process.trigger,
        "outcome": process.outcome,
        "documents": process.documents,
        "notes": process.notes,
        "owner_role": process.owner_role_id,
        "owner": "",
        "review_date": "",
        "references-TOTAL_FORMS": "0",
        "references-INITIAL_FORMS": "0",
        "references-MIN_NUM_FORMS": "0",
        "references-MAX_NUM_FORMS": "1000",
        "steps-TOTAL_FORMS": str(len(steps)),
        "steps-INITIAL_FORMS": str(sum(1 for row in steps if row.get("id"))),
        "steps-MIN_NUM_FORMS": "0",
        "steps-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(steps):
        prefix = f"steps-{index}-"
        data[prefix + "id"] = row.get("id", "")
        data[prefix + "process"] = process.pk
        data[prefix + "position"] = row["position"]
        data[prefix + "title"] = row["title"]
        data[prefix + "responsible_role"] = row["role"]
        data[prefix + "duration"] = row.get("duration", "")
        if row.get("delete"):
            data[prefix + "DELETE"] = "on"
    data.update(changes)
    return data


@pytest.fixture
def process_with_steps(db):
    process = ProcessFactory(title="Fiktionsbescheinigung ausstellen", slug="fiktionsbescheinigung")
    role = process.owner_role
    steps = [StepFactory(process=process, position=n, title=t, responsible_role=role) for n, t in enumerate("ABC", start=1)]
    return process, steps


def rows(steps, positions):
    return [
        {"id": step.pk, "position": position, "title": step.title, "role": step.responsible_role_id}
        for step, position in zip(steps, positions, strict=True)
    ]


def saved_order(process):
    """The order of the steps in the newest version (a draft after an admin save), or of the rows before any."""
    process = Process.objects.get(pk=process.pk)
    version = process.versions.filter(number=process.latest_version).first()
    if version is None:
        return list(Step.objects.filter(process=process).order_by("position").values_list("position", "title"))
    return [(position, step["title"]) for position, step in enumerate(version.snapshot["steps"], start=1)]


def live_order(process):
    return list(Step.objects.filter(process=process).order_by("position").values_list("position", "title"))


def test_team_lead_opens_the_process_change_page_with_its_steps(team_lead_client, process_with_steps):
    process, steps = process_with_steps
    response = team_lead_client.get(reverse("admin:processes_process_change", args=[process.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    for step in steps:
        assert f'value="{step.title}"' in content
    assert "admin-step-order.js" in content


def test_swapping_two_steps_saves_the_new_order(team_lead_client, process_with_steps):
    process, steps = process_with_steps
    url = reverse("admin:processes_process_change", args=[process.pk])
    response = team_lead_client.post(url, process_form_data(process, rows(steps, [2, 1, 3])))
    assert response.status_code == 302, response.context["inline_admin_formsets"][1].formset.non_form_errors()
    assert saved_order(process) == [(1, "B"), (2, "A"), (3, "C")]


def test_moving_the_last_step_to_the_front_and_adding_one(team_lead_client, process_with_steps):
    process, steps = process_with_steps
    new_row = {"position": 10, "title": "D", "role": process.owner_role_id}
    data = process_form_data(process, [*rows(steps, [2, 3, 1]), new_row])
    response = team_lead_client.post(reverse("admin:processes_process_change", args=[process.pk]), data, follow=True)
    assert saved_order(process) == [(1, "C"), (2, "A"), (3, "B"), (4, "D")]
    assert "Die Schritte wurden in der angegebenen Reihenfolge von 1 bis 4 neu nummeriert." in response.content.decode()


def test_deleting_a_step_closes_the_gap(team_lead_client, process_with_steps):
    process, steps = process_with_steps
    data = process_form_data(process, [{**row, "delete": index == 0} for index, row in enumerate(rows(steps, [1, 2, 3]))])
    team_lead_client.post(reverse("admin:processes_process_change", args=[process.pk]), data)
    assert saved_order(process) == [(1, "B"), (2, "C")]


def test_duplicate_positions_give_a_german_error_and_save_nothing(team_lead_client, process_with_steps):
    process, steps = process_with_steps
    data = process_form_data(process, rows(steps, [1, 1, 2]), title="Geänderter Titel")
    response = team_lead_client.post(reverse("admin:processes_process_change", args=[process.pk]), data)
    assert response.status_code == 200
    assert "Jede Position darf nur einmal vorkommen; Position 1 ist doppelt vergeben." in response.content.decode()
    process.refresh_from_db()
    assert process.title == "Fiktionsbescheinigung ausstellen"
    assert saved_order(process) == [(1, "A"), (2, "B"), (3, "C")]


def test_invalid_value_keeps_what_was_typed_and_saves_nothing(team_lead_client, process_with_steps):
    process, steps = process_with_steps
    data = process_form_data(process, rows(steps, [3, 2, 0]), title="Neuer Titel")
    response = team_lead_client.post(reverse("admin:processes_process_change", args=[process.pk]), data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Geben Sie eine Position zwischen 1 und 999 ein." in content
    assert 'value="Neuer Titel"' in content
    process.refresh_from_db()
    assert process.title == "Fiktionsbescheinigung ausstellen"
    assert saved_order(process) == [(1, "A"), (2, "B"), (3, "C")]


def test_failure_after_the_process_was_saved_rolls_everything_back(team_lead_client, process_with_steps, monkeypatch):
    process, steps = process_with_steps
    from processes import services

    def broken(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "steps_apply_order", broken)
    data = process_form_data(process, rows(steps, [2, 1, 3]), title="Halb gespeichert?")
    team_lead_client.raise_request_exception = False
    response = team_lead_client.post(reverse("admin:processes_process_change", args=[process.pk]), data)
    assert response.status_code == 500
    process.refresh_from_db()
    assert process.title == "Fiktionsbescheinigung ausstellen"
    assert saved_order(process) == [(1, "A"), (2, "B"), (3, "C")]


def test_step_page_moves_a_step_and_cites_a_norm(team_lead_client, process_with_steps):
    process, steps = process_with_steps
    norm = NormFactory(number="81")
    url = reverse("admin:processes_step_change", args=[steps[2].pk])
    data = {
        "base_version": process.latest_version,
        "position": 1,
        "title": "C",
        "description": "Siehe § 81 Abs. 4 AufenthG.",
        "responsible_role": steps[2].responsible_role_id,
        "participating_roles": [RoleFactory(code="BA", name="Bundesagentur für Arbeit").pk],
        "documents": "Antrag",
        "duration": "",
        "references-TOTAL_FORMS": "1",
        "references-INITIAL_FORMS": "0",
        "references-MIN_NUM_FORMS": "0",
        "references-MAX_NUM_FORMS": "1000",
        "references-0-norm": norm.pk,
        "references-0-subsection": "4",
        "references-0-sentence": "1",
        "references-0-item": "",
        "references-0-letter": "",
        "references-0-position": "0",
    }
    response = team_lead_client.post(url, data)
    assert response.status_code == 302
    assert saved_order(process) == [(1, "C"), (2, "A"), (3, "B")]
    assert live_order(process) == [(1, "A"), (2, "B"), (3, "C")], "readers keep the released version"
    draft = process.versions.get(number=Process.objects.get(pk=process.pk).latest_version)
    assert [ref["label"] for ref in draft.snapshot["steps"][0]["references"]] == ["§\u00a081 Abs. 4 Satz 1 AufenthG"]


def test_norm_autocomplete_understands_citations(team_lead_client):
    norm = NormFactory(number="81")
    NormFactory(law=norm.law, number="8")
    url = reverse("admin:autocomplete")
    params = {"app_label": "processes", "model_name": "stepreference", "field_name": "norm"}
    response = team_lead_client.get(url, {**params, "term": "§ 81 AufenthG"})
    assert [item["text"] for item in response.json()["results"]] == ["§\u00a081 AufenthG"]


def test_reader_cannot_open_the_admin(reader_client, process_with_steps):
    process, _ = process_with_steps
    response = reader_client.get(reverse("admin:processes_process_change", args=[process.pk]))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_editor_cannot_delete_processes(editor_client, process_with_steps):
    process, _ = process_with_steps
    response = editor_client.post(reverse("admin:processes_process_delete", args=[process.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert Process.objects.filter(pk=process.pk).exists()


def test_a_post_claiming_countless_step_rows_gets_a_german_error_and_saves_nothing(team_lead_client, process_with_steps):
    """TOTAL_FORMS is the client's word: the admin builds at most 200 rows, not 2,000 or 10^21."""
    process, steps = process_with_steps
    data = process_form_data(process, rows(steps, [1, 2, 3]), **{"title": "Geändert", "steps-TOTAL_FORMS": "9" * 21})

    response = team_lead_client.post(reverse("admin:processes_process_change", args=[process.pk]), data)

    assert response.status_code == 200
    assert "Bitte höchstens 200 Formulare abschicken." in response.content.decode()
    assert len(response.context["inline_admin_formsets"][1].formset.forms) <= 200
    process.refresh_from_db()
    assert process.title == "Fiktionsbescheinigung ausstellen"
