"""Decisions in the flow: outcomes read from their text, and flows that lead nowhere refused."""

import pytest

from processes import flow
from processes.flow import END, FlowStep, Outcome
from tests.factories import ProcessFactory, StepFactory


def steps(*kinds_and_outcomes) -> list[FlowStep]:
    return [FlowStep(position, kind, outcomes) for position, (kind, outcomes) in enumerate(kinds_and_outcomes, start=1)]


def test_outcomes_are_read_in_every_usual_spelling():
    outcomes, errors = flow.parse_outcomes("Vollständig → 4\nUnvollständig -> Schritt 2\n\n  Abgelehnt => Ende \n")
    assert errors == []
    assert outcomes == [Outcome("Vollständig", 4), Outcome("Unvollständig", 2), Outcome("Abgelehnt", END)]


@pytest.mark.parametrize("line", ["Vollständig", "→ 4", "Ja → vier", "Ja → 99999", "Ja → -1", "Ja → 4\x00"])
def test_an_unreadable_outcome_is_named_in_the_message(line):
    outcomes, errors = flow.parse_outcomes(line)
    assert outcomes == [] and len(errors) == 1 and "„" in errors[0]


def test_a_linear_process_and_a_decision_with_a_loop_back_are_fine():
    assert flow.problems(steps(("task", ""), ("wait", ""), ("handover", ""))) == []
    looped = steps(
        ("task", ""),
        ("decision", "vollständig → 4\nunvollständig → 3"),
        ("task", ""),  # request what is missing, then on to step 4
        ("task", ""),
    )
    assert flow.problems(looped) == []
    back = steps(("task", ""), ("task", ""), ("decision", "ja → Ende\nnein → 1"))
    assert flow.problems(back) == []
    assert flow.edges(back)[3] == [Outcome("ja", END), Outcome("nein", 1)]
    assert flow.edges(back)[1] == [Outcome("", 2)]


@pytest.mark.parametrize(
    ("flow_steps", "message"),
    [
        (steps(("decision", "ja → 2"), ("task", "")), "Schritt 1 ist eine Entscheidung: Sie braucht mindestens zwei Ausgänge."),
        (steps(("decision", "ja → 2\nnein → 7"), ("task", "")), "führt zu Schritt 7, den es nicht gibt"),
        (steps(("decision", "ja → 1\nnein → 2"), ("task", "")), "führt zurück zur Entscheidung selbst"),
        (
            steps(("task", ""), ("decision", "ja → 1\nnein → 1"), ("task", "")),
            "Schritte 1, 2 erreichen nie das Ende des Prozesses",
        ),
    ],
)
def test_a_flow_that_leads_nowhere_is_refused(flow_steps, message):
    from django.utils import translation

    with translation.override("de"):
        found = flow.problems(flow_steps)
    assert any(message in problem for problem in found), found


@pytest.fixture
def process_with_steps(db):
    process = ProcessFactory(title="Fiktionsbescheinigung ausstellen", slug="fiktionsbescheinigung")
    role = process.owner_role
    return process, [StepFactory(process=process, position=n, title=t, responsible_role=role) for n, t in enumerate("ABC", 1)]


def step_form(process, step, **changes):
    data = {
        "base_version": process.latest_version,
        "position": step.position,
        "title": step.title,
        "description": "",
        "responsible_role": step.responsible_role_id,
        "documents": "",
        "duration": "",
        "kind": "task",
        "outcomes": "",
        "references-TOTAL_FORMS": "0",
        "references-INITIAL_FORMS": "0",
        "references-MIN_NUM_FORMS": "0",
        "references-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


def test_a_team_lead_makes_a_step_a_decision_and_the_draft_shows_its_outcomes(team_lead_client, process_with_steps):
    from django.urls import reverse

    from processes.models import Process

    process, steps = process_with_steps
    url = reverse("admin:processes_step_change", args=[steps[0].pk])
    response = team_lead_client.post(
        url, step_form(process, steps[0], kind="decision", outcomes="Vollständig → 3\nUnterlagen fehlen → 2")
    )
    assert response.status_code == 302
    process = Process.objects.get(pk=process.pk)
    draft = process.versions.get(number=process.latest_version).snapshot["steps"][0]
    assert (draft["kind"], draft["outcomes"]) == ("decision", "Vollständig → 3\nUnterlagen fehlen → 2")


@pytest.mark.parametrize(
    ("outcomes", "message"),
    [
        ("Vollständig → 3", "Schritt 1 ist eine Entscheidung: Sie braucht mindestens zwei Ausgänge."),
        ("Vollständig → 3\nFehlt → 9", "Der Ausgang „Fehlt“ führt zu Schritt 9, den es nicht gibt."),
        ("Vollständig → drei\nFehlt → 2", "Das Ziel muss eine Schrittnummer oder „Ende“ sein."),
    ],
)
def test_a_decision_that_leads_nowhere_is_refused_in_german_and_nothing_is_saved(
    team_lead_client, process_with_steps, outcomes, message
):
    from django.urls import reverse

    from processes.models import Process

    process, steps = process_with_steps
    url = reverse("admin:processes_step_change", args=[steps[0].pk])
    response = team_lead_client.post(url, step_form(process, steps[0], kind="decision", outcomes=outcomes))
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page and "Es wurde nichts gespeichert." in page
    assert outcomes.split("\n")[0] in page  # what was typed is kept
    assert Process.objects.get(pk=process.pk).latest_version == process.latest_version


def test_a_loop_without_exit_is_refused(team_lead_client, process_with_steps):
    from django.urls import reverse

    process, steps = process_with_steps
    url = reverse("admin:processes_step_change", args=[steps[2].pk])
    response = team_lead_client.post(url, step_form(process, steps[2], kind="decision", outcomes="Nochmal → 1\nAuch → 2"))
    assert response.status_code == 200
    assert "Schritte 1, 2, 3 erreichen nie das Ende des Prozesses" in response.content.decode()
