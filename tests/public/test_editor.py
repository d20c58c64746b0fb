"""Editors write public texts in the app (/oeffentlich/): bad input is refused with a message and
loses nothing, a stale form never overwrites, and a second person releases."""

import re

import pytest
from django.test import Client
from django.utils.html import strip_tags

from processdb import groups
from public.models import PublicText, PublicTextVersion
from tests.factories import ProcessFactory, StepFactory, StepReferenceFactory, UserFactory
from tests.public import helpers

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return re.sub(r"\s+", " ", strip_tags(response.content.decode()))


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def process(db):
    process = ProcessFactory(title="Blaue Karte EU erteilen", slug="blaue-karte-intern")
    step = StepFactory(process=process, position=1, description="Interne Prüfung der Gehaltsgrenze mit dem Fachverfahren.")
    StepReferenceFactory(step=step)
    return process


def complete_form(the_process, office, **overrides) -> dict:
    data = {
        "process": str(the_process.pk),
        "slug": "blaue-karte",
        "topic": "arbeit",
        "title": "Blaue Karte EU beantragen",
        "teaser": "Für Fachkräfte mit Hochschulabschluss.",
        "short_text": "Mit der Blauen Karte EU arbeiten Sie in Deutschland.",
        "full_text": "Die Blaue Karte EU ist ein Aufenthaltstitel.",
        "requirements": "- Hochschulabschluss",
        "procedure": "1. Termin buchen",
        "appeal": "Die Rechtsbehelfsbelehrung in Ihrem Bescheid nennt Frist und Stelle.",
        "fee_min": "100",
        "fee_max": "100",
        "office": str(office.pk),
        "change_note": "Erste Fassung",
        "doc-TOTAL_FORMS": "3",
        "doc-INITIAL_FORMS": "0",
        "doc-MIN_NUM_FORMS": "0",
        "doc-MAX_NUM_FORMS": "40",
        "doc-0-item": "Gültiger Reisepass",
        "doc-0-when": "always",
        "doc-0-note": "",
        "doc-1-item": "Heiratsurkunde",
        "doc-1-when": "case",
        "doc-1-note": "wenn die Familie mitkommt",
        "doc-2-item": "",
        "doc-2-when": "always",
        "doc-2-note": "",
    }
    data.update(overrides)
    return data


def test_an_editor_writes_a_new_text_and_another_releases_it(process, editor, second_editor):
    office = helpers.office()
    response = logged_in(editor).post("/oeffentlich/neu/", complete_form(process, office))
    assert response.status_code == 302 and response["Location"] == "/oeffentlich/blaue-karte/"
    text = PublicText.objects.get(slug="blaue-karte")
    version = text.versions.get()
    assert version.documents == [
        {"item": "Gültiger Reisepass", "when": "always", "note": ""},
        {"item": "Heiratsurkunde", "when": "case", "note": "wenn die Familie mitkommt"},
    ]
    assert "<strong>" not in version.html["full_text"] and "Aufenthaltstitel" in version.html["full_text"]
    assert Client().get("/info/blaue-karte/").status_code == 404  # not released yet
    page = logged_in(second_editor).get("/oeffentlich/blaue-karte/")
    assert "Version 1 freigeben" in text_of(page)
    logged_in(second_editor).post("/oeffentlich/blaue-karte/freigeben/", {"number": "1"})
    public = Client().get("/info/blaue-karte/")
    assert public.status_code == 200 and "Blaue Karte EU beantragen" in text_of(public)


def test_the_author_is_told_why_they_may_not_release_their_own_text(process, editor):
    text = helpers.draft_text(process=process, slug="blaue-karte", author=editor)
    page = text_of(logged_in(editor).get("/oeffentlich/blaue-karte/"))
    assert "Vier-Augen-Prinzip" in page and "Version 1 freigeben" not in page
    logged_in(editor).post("/oeffentlich/blaue-karte/freigeben/", {"number": "1"})
    assert PublicText.objects.get(pk=text.pk).published_version is None


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"leika": "12345678901234"}, "leika", "LeiKa-Schlüssel"),
        ({"leika": "9901"}, "leika", "LeiKa-Schlüssel"),
        ({"fee_min": "-5"}, "fee_min", "größer oder gleich 0"),
        ({"fee_min": "100", "fee_max": "50"}, "fee_max", "nicht unter"),
        ({"fee_max": "9" * 40}, "fee_max", ""),
        ({"processing_value": "99999999999999999999"}, "processing_value", ""),
        ({"processing_value": "4"}, "processing_unit", "Einheit"),
        ({"full_text": ""}, "full_text", "Dieses Feld ist zwingend erforderlich"),
        ({"appeal": "   "}, "appeal", "Dieses Feld ist zwingend erforderlich"),
        ({"topic": "mond"}, "topic", "gültige Auswahl"),
        ({"online_service": "javascript:alert(1)"}, "online_service", "gültige Adresse"),
        ({"process": "99999999999999999999"}, "process", "gültige Auswahl"),
        ({"slug": "Ä Ö"}, "slug", ""),
    ],
)
def test_bad_input_is_refused_with_a_german_message_and_the_typed_text_is_shown_again(
    process, editor, overrides, field, message
):
    office = helpers.office()
    data = complete_form(process, office, **overrides)
    data["short_text"] = "Mein sorgfältig getippter Kurztext mit Umlauten äöü."
    response = logged_in(editor).post("/oeffentlich/neu/", data)
    assert response.status_code == 400
    page = text_of(response)
    assert "Es wurde nichts gespeichert" in page
    assert message in page
    form = response.context["form"] if field not in {"process", "slug"} else response.context["new_form"]
    assert form.errors.get(field), form.errors
    assert "Mein sorgfältig getippter Kurztext mit Umlauten äöü." in response.content.decode()
    assert not PublicText.objects.exists() and not PublicTextVersion.objects.exists()


def test_a_text_without_any_document_is_refused(process, editor):
    office = helpers.office()
    data = complete_form(process, office, **{"doc-0-item": "", "doc-1-item": ""})
    response = logged_in(editor).post("/oeffentlich/neu/", data)
    assert response.status_code == 400
    assert "mindestens eine Unterlage" in text_of(response)
    assert not PublicText.objects.exists()


def test_nul_bytes_and_a_forged_formset_are_ordinary_input(process, editor):
    office = helpers.office()
    data = complete_form(process, office, title="Blaue\x00 Karte", **{"doc-TOTAL_FORMS": "100000"})
    response = logged_in(editor).post("/oeffentlich/neu/", data)
    assert response.status_code in {302, 400}
    data = complete_form(process, office, title="Blaue\x00 Karte", **{"doc-TOTAL_FORMS": "abc"})
    assert logged_in(editor).post("/oeffentlich/neu/", data).status_code == 400


def test_a_duplicate_address_is_refused(process, editor):
    helpers.draft_text(process=process, slug="blaue-karte", author=editor)
    response = logged_in(editor).post("/oeffentlich/neu/", complete_form(process, helpers.office()))
    assert response.status_code == 400
    assert "bereits" in text_of(response)
    assert PublicText.objects.count() == 1


def test_a_stale_form_never_overwrites_a_newer_version(process, editor, second_editor):
    office = helpers.office()
    text = helpers.draft_text(process=process, slug="blaue-karte", author=editor)
    first, second = logged_in(editor), logged_in(second_editor)
    form_one = first.get("/oeffentlich/blaue-karte/bearbeiten/")
    form_two = second.get("/oeffentlich/blaue-karte/bearbeiten/")
    assert form_one.status_code == form_two.status_code == 200
    data = complete_form(process, office, base_number="1", short_text="Fassung der ersten Person.", change_note="eins")
    assert first.post("/oeffentlich/blaue-karte/bearbeiten/", data).status_code == 302
    data = complete_form(process, office, base_number="1", short_text="Fassung der zweiten Person.", change_note="zwei")
    refused = second.post("/oeffentlich/blaue-karte/bearbeiten/", data)
    assert refused.status_code == 400
    assert "Version 2" in text_of(refused) and "Es wurde nichts gespeichert" in text_of(refused)
    assert "Fassung der zweiten Person." in refused.content.decode()
    text.refresh_from_db()
    assert text.latest_number == 2
    assert text.versions.get(number=2).short_text == "Fassung der ersten Person."
    # Saving again after looking is deliberate: the form now carries the newer base.
    assert 'name="base_number" value="2"' in refused.content.decode()


def test_readers_may_not_write_or_release(process, editor, reader):
    helpers.draft_text(process=process, slug="blaue-karte", author=editor)
    client = logged_in(reader)
    assert client.get("/oeffentlich/").status_code == 403
    assert client.get("/oeffentlich/blaue-karte/bearbeiten/").status_code == 403
    assert client.post("/oeffentlich/blaue-karte/freigeben/", {"number": "1"}).status_code == 403
    assert PublicText.objects.get().published_version is None


def test_an_editor_of_another_department_may_not_change_the_text(process, editor):
    from departments import rights
    from departments.models import Department

    owner = Department.objects.create(slug="ab", name="Ausländerbehörde")
    owner.members.add(editor)
    rights.assign(owner, [process])
    helpers.draft_text(process=process, slug="blaue-karte", author=editor)
    outsider = UserFactory(username="redaktion.bs", groups=[groups.EDITORS], is_staff=True)
    Department.objects.create(slug="bs", name="Bürgerservice").members.add(outsider)
    data = complete_form(process, helpers.office(), base_number="1")
    response = logged_in(outsider).post("/oeffentlich/blaue-karte/bearbeiten/", data)
    assert response.status_code == 403
    assert PublicText.objects.get().latest_number == 1
