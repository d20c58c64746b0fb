"""Onboarding paths in packs: written as the pack says, refused with their place, updated in place
unless someone is already following them, and the Bürgerservice demo's path from its pack."""

import copy
import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError
from django.test import Client
from django.utils import timezone

from departments import packs, rights, selectors
from departments.models import Department
from onboarding import services as onboarding_services
from onboarding.models import PathItem, PathSection, ReadingPath
from processes.models import Process
from tests.departments import packdata
from tests.departments.packdata import run_pack
from tests.factories import UserFactory

PATH = {
    "title": "Einarbeitung Sachbearbeitung Aufenthalt",
    "role": "SB-A",
    "description": "Für neue Kolleginnen und Kollegen.",
    "sections": [
        {
            "title": "Erste Woche",
            "items": [
                {"task": "Hospitation am Servicecenter", "instructions": "Zwei Vormittage.", "minutes": 480},
                {"article": "fiktionsbescheinigung"},
            ],
        },
        {"title": "Verfahren", "items": [{"process": "aufenthaltserlaubnis-verlaengern", "required": False}]},
    ],
}


def pack_with(paths, tmp_path, name="paket"):
    data = packdata.content()
    data["paths.yaml"] = {"paths": copy.deepcopy(paths)}
    return packdata.write_folder(tmp_path / name, packdata.files(data))


def items_of(path: ReadingPath) -> list[tuple]:
    return [
        (item.section.title, item.kind, item.label, item.required, item.estimated_minutes)
        for item in PathItem.objects.filter(section__path=path).select_related("section", "article", "process")
    ]


def test_a_path_is_created_with_its_sections_and_items_in_order(db, editor, tmp_path):
    output = run_pack("import", str(pack_with([PATH], tmp_path)), "--as", editor.username)

    assert "Einarbeitungspfad 1 neu" in output
    path = ReadingPath.objects.get(title=PATH["title"])
    assert path.role.code == "SB-A" and path.description == "Für neue Kolleginnen und Kollegen."
    assert list(path.sections.values_list("title", "position")) == [("Erste Woche", 1), ("Verfahren", 2)]
    assert items_of(path) == [
        ("Erste Woche", "task", "Hospitation am Servicecenter", True, 480),
        ("Erste Woche", "article", "Fiktionsbescheinigung", True, None),
        ("Verfahren", "process", "K1-01 Aufenthaltserlaubnis verlängern", False, None),
    ]
    assert selectors.path_entry(path) == packs.canonical_path(PATH)  # what export writes


def test_importing_twice_changes_nothing_and_a_changed_path_is_rewritten_in_place(db, editor, tmp_path):
    run_pack("import", str(pack_with([PATH], tmp_path)), "--as", editor.username)
    path = ReadingPath.objects.get()

    again = run_pack("import", str(pack_with([PATH], tmp_path, "zweimal")), "--as", editor.username)
    assert "Einarbeitungspfad 0 neu, 0 aktualisiert, 1 unverändert" in again

    changed = copy.deepcopy(PATH)
    changed["sections"].reverse()
    changed["sections"][0]["items"][0]["required"] = True
    output = run_pack("import", str(pack_with([changed], tmp_path, "geaendert")), "--as", editor.username)

    assert "Einarbeitungspfad 0 neu, 1 aktualisiert" in output
    assert ReadingPath.objects.get().pk == path.pk
    assert list(path.sections.values_list("title", flat=True)) == ["Verfahren", "Erste Woche"]
    assert items_of(path)[0] == ("Verfahren", "process", "K1-01 Aufenthaltserlaubnis verlängern", True, None)
    assert PathSection.objects.count() == 2 and PathItem.objects.count() == 3  # nothing left of the old rows


def test_a_path_new_hires_follow_is_left_alone_and_named(db, editor, team_lead, tmp_path):
    run_pack("import", str(pack_with([PATH], tmp_path)), "--as", editor.username)
    path = ReadingPath.objects.get()
    hire = UserFactory(username="neu")
    today = timezone.localdate()
    assignment = onboarding_services.assignment_create(
        path=path, person=hire, mentor=None, start_date=today, due_date=today + datetime.timedelta(days=30), assigned_by=team_lead
    )
    first = PathItem.objects.filter(section__path=path).first()
    onboarding_services.item_confirm(assignment=assignment, item=first, user=hire)

    changed = copy.deepcopy(PATH)
    changed["description"] = "Neu beschrieben."
    output = run_pack("import", str(pack_with([changed], tmp_path, "geaendert")), "--as", editor.username)

    assert "Einarbeitungspfad 0 neu, 0 aktualisiert, 0 unverändert, 1 übersprungen" in output
    assert "abweichend: description; schon Neuen zugewiesen" in output
    path.refresh_from_db()
    assert path.description == "Für neue Kolleginnen und Kollegen."
    assert assignment.confirmations.count() == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda p: p.update(role="XX"), "paths.yaml: paths[0].role: Rolle „XX“ ist in roles.yaml nicht definiert"),
        (
            lambda p: p["sections"][0]["items"][1].update(article="gibt-es-nicht"),
            "paths.yaml: paths[0].sections[0].items[1].article: Artikel „gibt-es-nicht“ ist in articles.yaml nicht definiert",
        ),
        (
            lambda p: p["sections"][1]["items"][0].update(process="fehlt"),
            "paths.yaml: paths[0].sections[1].items[0].process: Prozess „fehlt“ ist in processes.yaml nicht definiert",
        ),
        (
            lambda p: p["sections"][0]["items"][0].update(article="fiktionsbescheinigung"),
            "paths.yaml: paths[0].sections[0].items[0]: braucht genau eines von article, process oder task",
        ),
        (
            lambda p: p["sections"][0]["items"].append({"required": False}),
            "paths.yaml: paths[0].sections[0].items[2]: braucht genau eines von article, process oder task",
        ),
        (
            lambda p: p["sections"][0]["items"][0].update(minutes=-5),
            "paths.yaml: paths[0].sections[0].items[0].minutes: -5 liegt",
        ),
        (lambda p: p.update(colour="blau"), "paths.yaml: paths[0]: unbekannter Schlüssel: colour"),
    ],
)
def test_a_bad_path_is_refused_with_its_place_and_nothing_is_written(db, editor, tmp_path, change, message):
    path = copy.deepcopy(PATH)
    change(path)

    with pytest.raises(CommandError) as error:
        run_pack("import", str(pack_with([path], tmp_path)), "--as", editor.username)

    assert message in str(error.value)
    assert not ReadingPath.objects.exists() and not Process.objects.exists()


def test_two_paths_with_one_title_are_refused(db, editor, tmp_path):
    with pytest.raises(CommandError) as error:
        run_pack("import", str(pack_with([PATH, copy.deepcopy(PATH)], tmp_path)), "--as", editor.username)

    assert "paths.yaml: paths[1].title: Pfadtitel „Einarbeitung Sachbearbeitung Aufenthalt“ doppelt" in str(error.value)
    assert not ReadingPath.objects.exists()


def test_the_buergerservice_demo_path_comes_from_its_pack_and_belongs_to_it(demo_content):
    path = ReadingPath.objects.get(title="Einarbeitung Sachbearbeitung Bürgerservice")
    assert rights.department_of(path).slug == "buergerservice"
    lead = get_user_model().objects.get(username="bs.teamleitung")
    client = Client()
    client.force_login(lead)

    page = client.get(path.get_absolute_url()).content.decode()

    shown = ("Erste Woche", "Ausweise und Pässe", "Meldewesen", "Personalausweis beantragen", "Wohnungsgeberbestätigung prüfen")
    assert all(text in page for text in shown), [text for text in shown if text not in page]
    assert page.index("Personalausweis beantragen") < page.index("Wohnungsgeberbestätigung prüfen")


def test_a_departments_export_keeps_its_paths_without_items_of_another_department(demo_content, tmp_path):
    path = ReadingPath.objects.get(title="Einarbeitung Sachbearbeitung Bürgerservice")
    section = path.sections.first()
    foreign = Process.objects.get(slug="fiktionsbescheinigung")
    PathItem.objects.create(section=section, position=9, kind="process", process=foreign)

    pack = selectors.pack_content(name="BS", department=Department.objects.get(slug="buergerservice"))

    (entry,) = pack.paths
    assert entry["title"] == path.title
    assert not any(item.get("process") == "fiktionsbescheinigung" for s in entry["sections"] for item in s["items"])
    abh = selectors.pack_content(name="ABH", department=Department.objects.get(slug="auslaenderbehoerde"))
    assert path.title not in {entry["title"] for entry in abh.paths}
    assert {entry["title"] for entry in abh.paths} == set(
        ReadingPath.objects.exclude(pk=path.pk).values_list("title", flat=True)
    )
