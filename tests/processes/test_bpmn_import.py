"""BPMN 2.0 import: a file from another tool becomes a draft process; what is not understood is
reported; hostile and broken files are refused in German with nothing written."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from processes import bpmn, bpmn_import
from processes.models import Process, Role, Step
from tests.factories import CategoryFactory, RoleFactory

OTHER_TOOL = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Defs"
    targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="P" name="Verpflichtungserklärung aufnehmen" isExecutable="false">
    <bpmn:laneSet id="LS">
      <bpmn:lane id="L1" name="Servicecenter"><bpmn:flowNodeRef>S</bpmn:flowNodeRef><bpmn:flowNodeRef>T1</bpmn:flowNodeRef>
        <bpmn:flowNodeRef>G</bpmn:flowNodeRef><bpmn:flowNodeRef>T2</bpmn:flowNodeRef></bpmn:lane>
      <bpmn:lane id="L2" name="Bonitätsprüfung"><bpmn:flowNodeRef>T3</bpmn:flowNodeRef><bpmn:flowNodeRef>W</bpmn:flowNodeRef>
        <bpmn:flowNodeRef>E</bpmn:flowNodeRef></bpmn:lane>
    </bpmn:laneSet>
    <bpmn:startEvent id="S" name="Vorsprache"/>
    <bpmn:userTask id="T1" name="Identität prüfen">
      <bpmn:documentation>Pass im Original vorlegen lassen.</bpmn:documentation></bpmn:userTask>
    <bpmn:exclusiveGateway id="G" name="Nachweise vollständig?"/>
    <bpmn:manualTask id="T2" name="Fehlende Nachweise anfordern"/>
    <bpmn:serviceTask id="T3" name="Bonität prüfen"/>
    <bpmn:intermediateCatchEvent id="W" name="Unterlagen abwarten">
      <bpmn:timerEventDefinition id="TD"><bpmn:timeDuration>P14D</bpmn:timeDuration></bpmn:timerEventDefinition>
    </bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="E"/>
    <bpmn:textAnnotation id="A"><bpmn:text>Gebühr 29 €</bpmn:text></bpmn:textAnnotation>
    <bpmn:parallelGateway id="PG" name="Nebenher"/>
    <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="T1"/>
    <bpmn:sequenceFlow id="F2" sourceRef="T1" targetRef="G"/>
    <bpmn:sequenceFlow id="F3" name="ja" sourceRef="G" targetRef="T3"/>
    <bpmn:sequenceFlow id="F4" name="nein" sourceRef="G" targetRef="T2"/>
    <bpmn:sequenceFlow id="F5" sourceRef="T2" targetRef="W"/>
    <bpmn:sequenceFlow id="F6" sourceRef="T3" targetRef="T2"/>
    <bpmn:sequenceFlow id="F7" sourceRef="W" targetRef="E"/>
  </bpmn:process>
</bpmn:definitions>
"""


@pytest.fixture
def area(db):
    return CategoryFactory(name="Kernprozesse", slug="kern")


def test_a_file_from_another_tool_becomes_a_draft_with_lanes_decisions_and_a_report(area, team_lead):
    RoleFactory(name="Servicecenter", code="SC")
    result = bpmn_import.import_process(data=OTHER_TOOL.encode(), category=area, author=team_lead)
    process = result.process
    assert process.status == Process.Status.DRAFT and process.title == "Verpflichtungserklärung aufnehmen"
    steps = list(Step.objects.filter(process=process).order_by("position").select_related("responsible_role"))
    assert [(s.position, s.title, s.kind) for s in steps] == [
        (1, "Identität prüfen", "task"),
        (2, "Nachweise vollständig?", "decision"),
        (3, "Bonität prüfen", "task"),
        (4, "Fehlende Nachweise anfordern", "task"),
        (5, "Unterlagen abwarten", "wait"),
    ]
    assert steps[1].outcomes == "ja → 3\nnein → 4"
    assert steps[0].description == "Pass im Original vorlegen lassen." and steps[4].duration == "P14D"
    lanes = [s.responsible_role.name for s in steps]
    assert lanes == ["Servicecenter", "Servicecenter", "Bonitätsprüfung", "Servicecenter", "Bonitätsprüfung"]
    assert Role.objects.filter(name="Servicecenter").count() == 1  # matched, not made again
    assert "Nicht übernommen: textAnnotation „A“." in result.notes
    assert "Nicht übernommen: parallelGateway „Nebenher“." in result.notes
    assert "Neue Rolle aus der Bahn „Bonitätsprüfung“." in result.notes
    assert process.versions.count() == 1 and process.released_version == 0


def test_export_import_export_is_stable(demo_content):
    from django.contrib.auth import get_user_model

    from processes.selectors import process_for_bpmn

    team_lead = get_user_model().objects.get(username="teamleitung")  # of the department owning the area

    def shape(process):
        root = bpmn_import.read(bpmn.export(process, list(process.steps.all())))
        name, nodes, lanes, _events, _notes = root
        return name, [(n.name, n.tag, lanes[n.id], n.documentation, [label for label, _t in n.outgoing]) for n in nodes]

    original = process_for_bpmn(slug="aufenthaltserlaubnis-verlaengern", user=team_lead)
    first = bpmn.export(original, list(original.steps.all()))
    imported = bpmn_import.import_process(data=first, category=original.category, author=team_lead).process
    again = process_for_bpmn(slug=imported.slug, user=team_lead)
    assert shape(again) == shape(original)
    assert [(s.kind, s.outcomes) for s in again.steps.all()] == [(s.kind, s.outcomes) for s in original.steps.all()]


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL">&lol2;</bpmn:definitions>"""
XXE = b"""<?xml version="1.0"?>
<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL">
<bpmn:process id="P">&xxe;</bpmn:process></bpmn:definitions>"""


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (BILLION_LAUGHS, "DTD"),
        (XXE, "DTD"),
        (b"\x89PNG\r\n\x1a\n not xml", "kein wohlgeformtes XML"),
        (b"<html><body>hallo</body></html>", "keine BPMN-2.0-Datei"),
        (b'<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"/>', "keinen BPMN-Prozess"),
        (b"<a>" + b"x" * (bpmn_import.MAX_BYTES + 1) + b"</a>", "größer als 2 MB"),
        (OTHER_TOOL.replace('id="F6" sourceRef="T3" targetRef="T2"', 'id="F6" sourceRef="T3" targetRef="T9"').encode(),
         "Element, das die Datei nicht hat"),
        (OTHER_TOOL.replace('name="nein" sourceRef="G" targetRef="T2"', 'name="nein" sourceRef="G" targetRef="G"').encode(),
         "Schritt 2"),
    ],
)
def test_hostile_and_broken_files_are_refused_and_nothing_is_written(area, team_lead, data, message):
    from django.utils import translation

    before = (Process.objects.count(), Role.objects.count(), Step.objects.count())
    with translation.override("de"), pytest.raises(bpmn_import.ImportRefused) as refused:
        bpmn_import.import_process(data=data, category=area, author=team_lead)
    assert message in str(refused.value)
    assert (Process.objects.count(), Role.objects.count(), Step.objects.count()) == before


def test_a_team_lead_imports_a_file_in_the_browser_form_and_reads_the_report(area, team_lead, reader):
    client = Client()
    client.force_login(team_lead)
    page = client.get("/prozesse/import/")
    assert page.status_code == 200 and "BPMN-Datei" in page.content.decode()
    upload = SimpleUploadedFile("ve.bpmn", OTHER_TOOL.encode(), content_type="application/xml")
    response = client.post("/prozesse/import/", {"file": upload, "category": area.pk})
    assert response.status_code == 200
    text = response.content.decode()
    process = Process.objects.get(title="Verpflichtungserklärung aufnehmen")
    assert "Nicht übernommen: parallelGateway „Nebenher“." in text
    assert f'href="/prozesse/{process.slug}/versionen/1/"' in text
    bad = client.post("/prozesse/import/", {"file": SimpleUploadedFile("x.bpmn", b"kaputt"), "category": area.pk})
    assert bad.status_code == 400 and "kein wohlgeformtes XML" in bad.content.decode()
    assert client.post("/prozesse/import/", {"category": area.pk}).status_code == 400  # no file: the form again
    reading = Client()
    reading.force_login(reader)
    assert reading.get("/prozesse/import/").status_code == 403
