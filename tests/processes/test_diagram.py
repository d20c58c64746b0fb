"""The swimlane diagram on the process page: lanes by role, a shape per step linking to it, arrows for
decisions, inline SVG within the Content-Security-Policy."""

import re
from xml.etree import ElementTree

import pytest
from django.test import Client

from processes import diagram, flow
from processes.diagram import DiagramStep
from tests.factories import ProcessFactory, RoleFactory, StepFactory

SVG = "{http://www.w3.org/2000/svg}"


def drawn(steps) -> ElementTree.Element:
    return ElementTree.fromstring(diagram.svg(steps, title="Ablauf"))


def step(position, role, kind="task", outcomes="", title=None):
    return DiagramStep(position, title or f"Schritt {position}", kind, outcomes, role, f"Rolle {role}", f"schritt-{position}")


def test_one_lane_per_role_one_linked_shape_per_step_and_labelled_branches():
    svg = drawn(
        [
            step(1, "SC"),
            step(2, "SC", "decision", "vollständig → 4\nunvollständig → 3", title="Unterlagen vollständig?"),
            step(3, "SC"),
            step(4, "SB", "wait"),
            step(5, "BA", "handover"),
        ]
    )
    links = [a.get("href") for a in svg.iter(f"{SVG}a")]
    assert links == [f"#schritt-{n}" for n in range(1, 6)]
    texts = " ".join("".join(t.itertext()) for t in svg.iter(f"{SVG}text"))
    for expected in ("Rolle SC", "Rolle SB", "Rolle BA", "vollständig", "unvollständig", "Entscheidung", "Warten", "Übergabe"):
        assert expected in texts
    assert len(list(svg.iter(f"{SVG}polygon"))) == 1  # the decision's diamond (in its link)
    # 1→2, 2→4, 2→3, 3→4, 4→5, 5→end, and start→1
    assert len([p for p in svg.iter(f"{SVG}path") if p.get("marker-end")]) == 7


def test_long_titles_are_wrapped_inside_their_shape():
    title = "Allgemeine Erteilungsvoraussetzungen prüfen (Pass, Lebensunterhalt, Ausweisungsinteresse)"
    svg = drawn([step(1, "SC", title=title)])
    shape_text = next(a for a in svg.iter(f"{SVG}a")).find(f"{SVG}text")
    lines = [span.text for span in shape_text.iter(f"{SVG}tspan")]
    assert len(lines) == 4 and lines[-1].endswith("…")
    assert all(len(line) <= 22 or " " not in line for line in lines)  # a longer line is one whole word
    assert "Erteilungsvoraussetzungen" in lines


def test_the_diagram_has_nothing_the_content_security_policy_forbids():
    html = diagram.svg([step(1, "SC"), step(2, "SB", "decision", "ja → Ende\nnein → 1")], title="Ablauf")
    assert "style=" not in html and "<style" not in html and "<script" not in html and "javascript:" not in html


def test_markup_in_titles_and_roles_is_text():
    svg = diagram.svg([DiagramStep(1, "<b>fett</b> & Co", "task", "", 1, "<i>Rolle</i>", "schritt-1")], title="<x>")
    assert "<b>" not in svg and "&lt;b&gt;fett&lt;/b&gt; &amp; Co" in svg and "&lt;i&gt;Rolle&lt;/i&gt;" in svg


@pytest.fixture
def process(db):
    process = ProcessFactory(title="Aufenthaltserlaubnis verlängern", slug="verlaengern")
    service, clerk = RoleFactory(code="SC", name="Servicecenter"), RoleFactory(code="SB", name="Sachbearbeitung Aufenthalt")
    StepFactory(process=process, position=1, title="Antrag entgegennehmen", responsible_role=service)
    StepFactory(
        process=process, position=2, title="Unterlagen vollständig?", responsible_role=service, kind=flow.DECISION,
        outcomes="vollständig → 4\nunvollständig → 3",
    )
    StepFactory(process=process, position=3, title="Fehlende Nachweise anfordern", responsible_role=service)
    StepFactory(process=process, position=4, title="Entscheiden", responsible_role=clerk)
    return process


def test_the_process_page_shows_the_diagram_with_the_step_list_as_its_text_alternative(process, reader):
    client = Client()
    client.force_login(reader)
    page = client.get(process.get_absolute_url()).content.decode()
    figure = re.search(r'<figure class="process-diagram".*?</figure>', page, re.S).group(0)
    assert 'href="#schritt-2"' in figure and "Servicecenter" in figure
    assert "<tspan" in figure and ">Aufenthalt</tspan>" in figure  # the lane name, wrapped
    assert "Die Schritte unten beschreiben denselben Ablauf als Text." in figure
    # The step list names the decision's outcomes as links to the steps they lead to.
    card = re.search(r'id="schritt-2".*?</ul></dd>', page, re.S).group(0)
    assert 'href="#schritt-4"' in card and "vollständig" in card and 'href="#schritt-3"' in card


def test_a_draft_under_review_shows_its_own_flow(process, team_lead, editor):
    from processes import services, versioning
    from processes.models import Process

    services.ensure_baseline(process)
    snapshot = versioning.capture(versioning.loaded(Process.objects.filter(pk=process.pk)).get())
    snapshot["steps"][3]["kind"], snapshot["steps"][3]["outcomes"] = "decision", "erteilt → Ende\nzurück → 1"
    version = services.process_save_draft(process=process, author=team_lead, base_number=1, snapshot=snapshot, note="x")
    client = Client()
    client.force_login(editor)
    page = client.get(version.get_absolute_url()).content.decode()
    figure = re.search(r'<figure class="process-diagram".*?</figure>', page, re.S).group(0)
    assert figure.count("<polygon") == 2 and 'href="#v-schritt-4"' in figure and "zurück" in figure
    assert 'id="v-schritt-4"' in page and "erteilt → Ende" in page
