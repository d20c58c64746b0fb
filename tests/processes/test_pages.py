"""The read pages of the process database, as each kind of user sees them."""

import pytest
from django.urls import reverse

from processes.models import Process
from tests.factories import (
    CategoryFactory,
    LawFactory,
    NormFactory,
    ProcessFactory,
    ProcessReferenceFactory,
    RoleFactory,
    StepFactory,
    StepReferenceFactory,
)


@pytest.fixture
def fiktion(db):
    """A small published process citing § 81 AufenthG, plus a draft and an archived one."""
    band = CategoryFactory(name="Kernprozesse", slug="kernprozesse", code="K")
    group = CategoryFactory(name="Dokumente", slug="k8-dokumente", code="K8", parent=band)
    servicecenter = RoleFactory(code="SC", name="Servicecenter/Empfang", slug="servicecenter")
    caseworker = RoleFactory(code="SB-A", name="Sachbearbeitung Aufenthalt", slug="sachbearbeitung-aufenthalt")
    agency = RoleFactory(code="BA", name="Bundesagentur für Arbeit", slug="bundesagentur-fuer-arbeit", is_external=True)
    process = ProcessFactory(
        code="K8-03",
        title="Fiktionsbescheinigung ausstellen",
        slug="fiktionsbescheinigung",
        category=group,
        owner_role=caseworker,
        purpose="Bescheinigt, dass der Aufenthalt als erlaubt gilt.",
        trigger="Antrag auf Verlängerung vor Ablauf des Titels",
        outcome="Fiktionsbescheinigung nach Vordruck",
    )
    section_81 = NormFactory(law=LawFactory(), number="81")
    first = StepFactory(process=process, position=1, title="Antragseingang prüfen", responsible_role=servicecenter)
    StepReferenceFactory(step=first, norm=section_81, subsection="4", sentence="1")
    second = StepFactory(
        process=process, position=2, title="Fiktionsart bestimmen", responsible_role=caseworker, documents="Pass\nAntrag"
    )
    second.participating_roles.add(agency)
    StepReferenceFactory(step=second, norm=section_81, subsection="3")
    ProcessReferenceFactory(process=process, norm=section_81, subsection="5")
    ProcessFactory(title="Entwurf eines Verfahrens", slug="entwurf", category=group, status=Process.Status.DRAFT)
    ProcessFactory(title="Altes Verfahren", slug="alt", category=group, status=Process.Status.ARCHIVED)
    return process


READ_PAGES = [
    reverse("processes:map"),
    "/prozesse/fiktionsbescheinigung/",
    reverse("processes:roles"),
    "/rollen/servicecenter/",
    reverse("law:laws"),
    "/recht/aufenthg/",
    "/recht/aufenthg/81/",
    reverse("home"),
    reverse("search:index"),
]


@pytest.mark.parametrize("url", READ_PAGES)
def test_anonymous_is_sent_to_the_login_page(client, fiktion, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


@pytest.mark.parametrize("url", READ_PAGES)
@pytest.mark.parametrize("user_fixture", ["reader", "editor", "team_lead"])
def test_staff_can_read_every_page(client, fiktion, url, user_fixture, request):
    client.force_login(request.getfixturevalue(user_fixture))
    response = client.get(url)
    assert response.status_code == 200
    assert '<html lang="de"' in response.content.decode()


@pytest.mark.parametrize("url", [url for url in READ_PAGES if url not in (reverse("home"), reverse("search:index"))])
def test_account_without_group_is_refused(client, nobody, fiktion, url):
    client.force_login(nobody)
    assert client.get(url).status_code == 403


def test_login_page_is_german_and_public(client, db):
    response = client.get(reverse("login"))
    content = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="kern-heading-large">Anmelden</h1>' in content
    assert "Benutzername" in content and "Passwort" in content


def test_login_with_wrong_password_says_so_in_german_and_keeps_the_username(client, reader):
    response = client.post(reverse("login"), {"username": "leser", "password": "falsch"})
    content = response.content.decode()
    assert "Anmeldung fehlgeschlagen: Benutzername oder Passwort ist falsch." in content
    assert 'value="leser"' in content


def test_login_leads_to_the_page_asked_for(client, reader, fiktion):
    response = client.post(
        reverse("login") + "?next=/prozesse/fiktionsbescheinigung/",
        {"username": "leser", "password": "test-password", "next": "/prozesse/fiktionsbescheinigung/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/prozesse/fiktionsbescheinigung/"


def test_logout_is_a_post(reader_client):
    assert reader_client.get(reverse("logout")).status_code == 405
    response = reader_client.post(reverse("logout"))
    assert response.status_code == 302
    assert reader_client.get(reverse("processes:map")).status_code == 302


def test_healthz_is_public_and_answers_ok(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"


def test_healthz_skips_the_page_middleware_but_not_the_checks(reader_client, django_assert_num_queries):
    """Monitoring asks often: one query, no session, CSP or cookies; never cached; hosts and methods checked."""
    with django_assert_num_queries(1):
        response = reader_client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok\n"
    assert "no-store" in response["Cache-Control"]
    assert not response.has_header("Content-Security-Policy") and not response.cookies
    assert reader_client.get("/prozesse/").has_header("Content-Security-Policy")  # the pages still get it
    assert reader_client.head("/healthz").status_code == 200
    assert reader_client.post("/healthz").status_code == 405
    assert reader_client.get("/healthz", HTTP_HOST="evil.example").status_code == 400


def test_process_page_shows_numbered_steps_with_roles_and_linked_norms(reader_client, fiktion):
    response = reader_client.get("/prozesse/fiktionsbescheinigung/")
    content = response.content.decode()
    assert "<h1" in content and "Fiktionsbescheinigung ausstellen</h1>" in content
    assert "Bescheinigt, dass der Aufenthalt als erlaubt gilt." in content
    assert "Antrag auf Verlängerung vor Ablauf des Titels" in content
    assert '<li class="step" id="schritt-1" tabindex="-1">' in content
    assert '<li class="step" id="schritt-2" tabindex="-1">' in content
    assert content.index("Antragseingang prüfen") < content.index("Fiktionsart bestimmen")
    assert 'href="https://www.gesetze-im-internet.de/aufenthg_2004/__81.html"' in content
    assert "§\u00a081 Abs. 4 Satz 1 AufenthG" in content
    assert "§\u00a081 Abs. 5 AufenthG" in content
    assert 'href="/recht/aufenthg/81/"' in content
    assert "Bundesagentur für Arbeit" in content
    assert "<li>Pass</li>" in content
    assert "Schritte" in content and "Rechtsgrundlage" in content


def test_process_map_shows_bands_groups_and_processes(reader_client, fiktion):
    content = reader_client.get(reverse("processes:map")).content.decode()
    assert "Kernprozesse</h2>" in content
    assert "Dokumente</h3>" in content
    assert 'href="/prozesse/fiktionsbescheinigung/"' in content


def test_drafts_and_archived_processes_are_hidden_from_readers(reader_client, fiktion):
    content = reader_client.get(reverse("processes:map")).content.decode()
    assert "Entwurf eines Verfahrens" not in content
    assert "Altes Verfahren" not in content
    assert reader_client.get("/prozesse/entwurf/").status_code == 404
    assert reader_client.get("/prozesse/alt/").status_code == 404


def test_editors_see_drafts_and_archived_processes_marked(editor_client, fiktion):
    content = editor_client.get(reverse("processes:map")).content.decode()
    assert "Entwurf eines Verfahrens" in content
    assert "Archivierte Prozesse" in content and "Altes Verfahren" in content
    response = editor_client.get("/prozesse/entwurf/")
    assert response.status_code == 200
    assert "kern-badge--warning" in response.content.decode()


def test_draft_steps_do_not_leak_through_role_and_norm_pages(reader_client, fiktion):
    draft = Process.objects.get(slug="entwurf")
    secret = StepFactory(process=draft, position=1, title="Geheimer Entwurfsschritt", responsible_role=fiktion.owner_role)
    StepReferenceFactory(step=secret, norm=fiktion.steps.first().references.first().norm)
    assert "Geheimer Entwurfsschritt" not in reader_client.get("/rollen/sachbearbeitung-aufenthalt/").content.decode()
    assert "Geheimer Entwurfsschritt" not in reader_client.get("/recht/aufenthg/81/").content.decode()


def test_role_page_lists_the_steps_of_the_role_across_processes(reader_client, fiktion):
    other = ProcessFactory(title="Aufenthaltserlaubnis verlängern", slug="ae-verlaengern", category=fiktion.category)
    StepFactory(process=other, position=1, title="Antrag entgegennehmen", responsible_role=fiktion.steps.first().responsible_role)
    content = reader_client.get("/rollen/servicecenter/").content.decode()
    assert "Antragseingang prüfen" in content
    assert "Antrag entgegennehmen" in content
    assert 'href="/prozesse/fiktionsbescheinigung/#schritt-1"' in content


def test_norm_page_links_the_official_text_and_lists_what_cites_it(reader_client, fiktion):
    content = reader_client.get("/recht/aufenthg/81/").content.decode()
    assert 'href="https://www.gesetze-im-internet.de/aufenthg_2004/__81.html"' in content
    assert "In 2 Schritten zitiert" in content
    assert 'href="/prozesse/fiktionsbescheinigung/#schritt-1">1. Antragseingang prüfen</a>' in content
    assert 'href="/prozesse/fiktionsbescheinigung/#schritt-2">2. Fiktionsart bestimmen</a>' in content
    assert "§\u00a081 Abs. 4 Satz 1 AufenthG" in content
    assert "Rechtsgrundlage von 1 Prozess" in content
    assert "§\u00a081 Abs. 5 AufenthG" in content


def test_unknown_norm_law_and_process_give_404(reader_client, fiktion):
    assert reader_client.get("/recht/aufenthg/999/").status_code == 404
    assert reader_client.get("/recht/unbekannt/").status_code == 404
    assert reader_client.get("/prozesse/gibt-es-nicht/").status_code == 404


def test_every_page_has_the_frame_a_user_relies_on(reader_client, fiktion):
    content = reader_client.get("/prozesse/fiktionsbescheinigung/").content.decode()
    assert '<a class="skip-link" href="#main">Zum Inhalt springen</a>' in content
    assert 'id="main"' in content
    assert 'aria-label="Hauptnavigation"' in content
    for label in ["Prozesse", "Wissen", "Einarbeitung", "Prüfung"]:
        assert f">{label}</a>" in content
    assert 'role="search"' in content
    assert 'aria-label="Brotkrümelnavigation"' in content
    assert "print.css" in content and 'media="print"' in content
    assert "Erklärung zur Barrierefreiheit" in content


def test_norm_page_shows_a_step_once_with_all_its_pinpoints(reader_client, fiktion):
    second = fiktion.steps.get(position=2)
    StepReferenceFactory(step=second, norm=second.references.first().norm, subsection="4", sentence="3")
    content = reader_client.get("/recht/aufenthg/81/").content.decode()
    assert content.count('href="/prozesse/fiktionsbescheinigung/#schritt-2"') == 1
    assert "§\u00a081 Abs. 3 AufenthG<br>§\u00a081 Abs. 4 Satz 3 AufenthG" in content
