"""BPMN 2.0 export: every demo process validates against the OMG schema (shipped by SpiffWorkflow)
and carries lanes, gateways, timers, documentation with the legal basis, and diagram coordinates."""

from pathlib import Path
from xml.etree import ElementTree

import pytest
from django.test import Client
from lxml import etree

from processes.models import Process

SCHEMA_DIR = Path(__import__("SpiffWorkflow").__file__).parent / "bpmn" / "parser" / "schema"
NS = {"bpmn": "http://www.omg.org/spec/BPMN/20100524/MODEL", "bpmndi": "http://www.omg.org/spec/BPMN/20100524/DI"}


@pytest.fixture(scope="module")
def schema():
    return etree.XMLSchema(etree.parse(str(SCHEMA_DIR / "BPMN20.xsd")))


def download(client, process) -> bytes:
    response = client.get(f"/prozesse/{process.slug}/bpmn/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{process.slug}.bpmn"'
    return response.content


def test_every_demo_process_exports_valid_bpmn(demo_content, schema, reader):
    client = Client()
    client.force_login(reader)
    processes = list(Process.objects.filter(status=Process.Status.PUBLISHED))
    assert len(processes) > 30
    for process in processes:
        document = etree.fromstring(download(client, process))
        assert schema.validate(document), f"{process.slug}: {schema.error_log.last_error}"


def test_the_export_has_the_lanes_the_decision_the_timer_and_the_legal_basis(demo_content, reader):
    client = Client()
    client.force_login(reader)
    process = Process.objects.get(slug="aufenthaltserlaubnis-verlaengern")
    root = ElementTree.fromstring(download(client, process))
    lanes = [lane.get("name") for lane in root.iterfind(".//bpmn:lane", NS)]
    assert lanes == ["Servicecenter/Empfang", "Sachbearbeitung Aufenthalt", "Kasse/Zahlstelle"]
    gateway = root.find(".//bpmn:exclusiveGateway", NS)
    assert gateway.get("name").startswith("Entscheidung treffen")
    flows = root.iterfind(".//bpmn:sequenceFlow", NS)
    outgoing = [flow.get("name") for flow in flows if flow.get("sourceRef") == gateway.get("id")]
    assert outgoing == ["Verlängerung wird erteilt", "Ablehnung (nach Freigabe durch die Teamleitung)"]
    task = root.find(".//bpmn:task[@name='Fortbestand des Aufenthaltszwecks prüfen']", NS)
    assert "Rechtsgrundlage: § 8 AufenthG" in task.find("bpmn:documentation", NS).text.replace("\xa0", " ")
    # Every node and flow is drawn: bpmn.io opens the file laid out.
    drawn = {shape.get("bpmnElement") for shape in root.iterfind(".//bpmndi:BPMNShape", NS)}
    drawn |= {edge.get("bpmnElement") for edge in root.iterfind(".//bpmndi:BPMNEdge", NS)}
    ids = {element.get("id") for element in root.find("bpmn:process", NS) if element.get("id")}
    assert ids - {root.find("bpmn:process/bpmn:laneSet", NS).get("id")} <= drawn

    waiting = Process.objects.filter(steps__kind="wait").first()
    timer = ElementTree.fromstring(download(client, waiting)).find(".//bpmn:intermediateCatchEvent", NS)
    assert timer.find(".//bpmn:timeDuration", NS).text == "Zustimmungsfiktion nach zwei Wochen"


def test_a_process_nobody_may_read_is_not_exported(demo_content, reader):
    from processes.models import Process as P

    client = Client()
    client.force_login(reader)
    draft = P.objects.filter(status=P.Status.DRAFT).first() or P.objects.create(
        title="Entwurf", slug="entwurf-bpmn", status=P.Status.DRAFT,
        category=P.objects.first().category, owner_role=P.objects.first().owner_role,
    )
    assert client.get(f"/prozesse/{draft.slug}/bpmn/").status_code == 404
    assert Client().get("/prozesse/aufenthaltserlaubnis-verlaengern/bpmn/").status_code == 302  # to the login
