"""Step cards (processes.cards): rendered when what they show changes, never stale, never per request."""

import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from processes import services
from processes.models import Process, ProcessReference, Step, StepReference
from tests.factories import LawFactory, NormFactory, ProcessFactory, RoleFactory, StepFactory
from tests.processes.test_targeted_invalidation import release_latest
from tests.processes.test_versions import login


@pytest.fixture
def process(db):
    process = ProcessFactory(slug="blaue-karte", title="Blaue Karte EU erteilen")
    law = LawFactory(key="aufenthg", abbreviation="AufenthG", gii_slug="aufenthg_2004")
    step = StepFactory(
        process=process,
        position=1,
        title="Antrag prüfen",
        responsible_role=RoleFactory(code="SB", name="Sachbearbeitung", slug="sachbearbeitung"),
        description="Gehalt **prüfen**.",
        duration="etwa 20 Minuten",
    )
    step.participating_roles.add(RoleFactory(code="BA", name="Bundesagentur für Arbeit", slug="ba", is_external=True))
    StepReference.objects.create(step=step, norm=NormFactory(law=law, number="18g"), subsection="1")
    ProcessReference.objects.create(process=process, norm=NormFactory(law=law, number="19a"), subsection="2")
    return process


def page_of(user, process) -> str:
    response = login(user).get(process.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def step_card(html: str) -> str:
    """The first step of a process page, as the reader sees it."""
    return re.search(r'<li class="step" id="schritt-1".*?</li>\s*</ol>', html, re.S).group(0)


def test_the_page_shows_the_stored_card_and_reads_no_roles_or_references(process, reader):
    step = Step.objects.get(process=process)
    assert "Bundesagentur für Arbeit" in step.card_html and "§\u00a018g Abs. 1 AufenthG" in step.card_html

    client = login(reader)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(process.get_absolute_url()).content.decode()

    card = step_card(html)
    assert "Sachbearbeitung" in card and "Bundesagentur für Arbeit" in card and "tag--external" in card
    assert "<strong>prüfen</strong>" in card and "etwa 20 Minuten" in card
    assert 'href="https://www.gesetze-im-internet.de/aufenthg_2004/__18g.html"' in card
    tables = " ".join(query["sql"] for query in queries.captured_queries)
    assert "processes_step_participating_roles" not in tables and "processes_stepreference" not in tables


def test_a_renamed_role_shows_in_every_card_at_once(process, reader):
    page_of(reader, process)  # the page is in the cache
    role = Step.objects.get(process=process).participating_roles.get()

    role.name = "Agentur für Arbeit"
    role.save()

    assert "Agentur für Arbeit</a>" in step_card(page_of(reader, process))
    assert "Bundesagentur" not in Step.objects.get(process=process).card_html


def test_a_role_added_from_the_roles_side_shows_in_the_card(process, reader):
    step = Step.objects.get(process=process)
    RoleFactory(code="POL", name="Polizei", slug="polizei").participating_steps.add(step)

    assert "Polizei" in step_card(page_of(reader, process))


def test_a_law_renamed_relabels_the_citations_in_the_cards(process, reader):
    page_of(reader, process)
    law = StepReference.objects.get().norm.law

    law.abbreviation = "AufenthaltG"
    law.save()

    html = page_of(reader, process)
    assert "§\u00a018g Abs. 1 AufenthaltG" in step_card(html) and "AufenthG<" not in step_card(html)
    basis = html[html.index('id="legal-basis"') : html.index('id="steps-heading"')]
    assert "§\u00a019a Abs. 2 AufenthaltG" in basis


def test_a_released_version_renders_the_cards_it_changes_and_a_draft_none(process, team_lead, editor, reader):
    services.ensure_baseline(process)
    process = Process.objects.get(pk=process.pk)
    snapshot = process.versions.get(number=1).snapshot
    lead_role = RoleFactory(code="TL", name="Teamleitung", slug="teamleitung")
    snapshot["steps"][0]["responsible_role"] = {"id": lead_role.pk, "name": lead_role.name}
    snapshot["steps"][0]["participating_roles"] = []
    snapshot["steps"][0]["references"] = []
    services.process_save_draft(process=process, author=team_lead, base_number=1, snapshot=snapshot, note="Neu")

    draft = step_card(page_of(reader, process))
    assert "Sachbearbeitung" in draft and "Bundesagentur" in draft  # readers see the released version

    release_latest(editor, process)

    card = step_card(page_of(reader, process))
    assert "Teamleitung" in card and "Bundesagentur" not in card and "18g" not in card


def test_steps_written_without_signals_are_shown_right_and_stored_by_migrate(process, reader):
    role = RoleFactory(code="BS", name="Bürgerservice", slug="buergerservice")
    (step,) = Step.objects.bulk_create([Step(process=process, position=2, title="Bescheid", responsible_role=role)])

    html = page_of(reader, process)

    assert "Bescheid" in html and "Bürgerservice</a>" in html
    assert Step.objects.get(pk=step.pk).card_html == ""  # a page view writes nothing
    call_command("migrate", verbosity=0)
    assert "Bürgerservice" in Step.objects.get(pk=step.pk).card_html


def test_moving_a_step_keeps_its_card_and_shows_the_new_position(process, reader):
    second = StepFactory(process=process, position=2, title="Bescheid erstellen")
    card = Step.objects.get(pk=second.pk).card_html

    services.step_move(step=second, position=1)

    assert Step.objects.get(pk=second.pk).card_html == card
    html = page_of(reader, process)
    assert html.index("Bescheid erstellen") < html.index("Antrag prüfen")


def test_the_legal_basis_is_stored_with_the_process_and_follows_its_references(process, reader):
    html = page_of(reader, process)
    assert 'href="https://www.gesetze-im-internet.de/aufenthg_2004/__19a.html"' in html
    assert "§\u00a019a Abs. 2 AufenthG" in Process.objects.get(pk=process.pk).basis_html

    ProcessReference.objects.filter(process=process).delete()

    html = page_of(reader, process)
    assert 'id="legal-basis"' not in html and "19a" not in html
    other = ProcessFactory()  # a new process without references: rendered as such, nothing to look up
    assert Process.objects.get(pk=other.pk).basis_html.startswith("<!--")
