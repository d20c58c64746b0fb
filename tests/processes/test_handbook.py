"""The process handbook as PDF: title page, contents with the right page numbers, every process of the area."""

import io
import re

import pytest
from django.test import Client
from pypdf import PdfReader

from processes import handbook
from processes.models import Process


def pages_of(response) -> list[str]:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return [re.sub(r"\s+", " ", page.extract_text()) for page in PdfReader(io.BytesIO(response.content)).pages]


@pytest.fixture
def client(demo_content):
    from django.contrib.auth import get_user_model

    client = Client()
    client.force_login(get_user_model().objects.get(username="sachbearbeitung"))
    return client


def test_the_handbook_of_an_area_has_a_title_page_contents_with_page_numbers_and_every_process(client):
    area = Process.objects.get(slug="aufenthaltserlaubnis-verlaengern").category  # a group of the Kernprozesse
    page = client.get("/prozesse/handbuch/").content.decode()
    assert f'<option value="{area.pk}">' in page
    response = client.get(f"/prozesse/handbuch/?bereich={area.pk}")
    assert response["Content-Disposition"] == f'attachment; filename="prozesshandbuch-{area.slug}.pdf"'
    pages = pages_of(response)
    processes = list(
        Process.objects.filter(
            status="published", category__tree_id=area.tree_id, category__lft__gte=area.lft, category__rght__lte=area.rght
        )
    )
    assert "Prozesshandbuch" in pages[0] and str(area) in pages[0]
    assert f"{len(processes)} freigegebene Prozesse" in pages[0]
    contents = " ".join(page for page in pages[1:4] if "Inhalt" in page or "…" in page or "." in page)
    assert len(pages) > len(processes) + 2
    for process in processes:
        label = f"{process.code} {process.title}" if process.code else process.title
        found = re.search(re.escape(label[:40]) + r".*?\.+ ?(\d+)", contents)
        assert found, f"{label} is not in the contents"
        number = int(found.group(1))
        assert label[:40] in pages[number - 1], f"{label}: the contents say page {number}"
    assert f"Seite 3 / {len(pages)}" in pages[2]
    assert "Verlängerung wird erteilt" in " ".join(pages)  # the decision of K1-01, in its diagram and its step


def test_too_large_a_selection_and_a_bad_area_get_the_form_with_a_message(client, monkeypatch):
    monkeypatch.setattr(handbook, "MAX_PROCESSES", 3)
    response = client.get("/prozesse/handbuch/?bereich=alle")
    assert response.status_code == 400
    assert "mehr, als ein Handbuch fasst (höchstens 3): Bitte wählen Sie einen Bereich." in response.content.decode()
    for value in ("999999", "abc", "", "1\x00"):
        assert client.get("/prozesse/handbuch/", {"bereich": value}).status_code == 400
