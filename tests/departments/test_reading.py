"""A department may show its content to its members only (issue 20): reading is open across
departments by default and can be restricted per department.

The demo's Bürgerservice is made members-only in the admin; then a reader of the foreigners'
authority finds none of its content – 404 on its pages, nothing in lists, map, search, start page,
review queue or on the shared norm pages – while its members and the administrator see all of it,
with the page cache on and off.
"""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from departments.models import Department
from onboarding.models import ReadingPath
from processes.models import Process

SECOND_PAGES = [
    "/prozesse/personalausweis-beantragen/",
    "/prozesse/personalausweis-beantragen/versionen/",
    "/prozesse/personalausweis-beantragen/versionen/1/",
    "/wissen/wohnungsgeberbestaetigung-pruefen/",
    "/wissen/wohnungsgeberbestaetigung-pruefen/versionen/",
    "/dokumente/merkblatt-wohnungsgeberbestaetigung/",
]


def client_of(username: str) -> Client:
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def text(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.fixture(params=[True, False], ids=["cache", "no-cache"])
def members_only(request, demo_content, settings):
    """The Bürgerservice restricted to its members, as a superuser sets it in the admin."""
    settings.PROCESSDB_FRAGMENT_CACHE = request.param
    second = Department.objects.get(slug="buergerservice")
    admin = client_of("admin")
    # Its members see their pages first (the page cache must not hand them to others afterwards).
    for url in [*SECOND_PAGES, "/prozesse/", "/recht/bmg/17/", "/suche/?q=Personalausweis"]:
        text(client_of("bs.redaktion"), url)
    form = admin.get(reverse("admin:departments_department_change", args=[second.pk]))
    assert "Nur für Mitglieder lesbar" in form.content.decode()
    data = {
        "name": second.name,
        "slug": second.slug,
        "description": second.description,
        "members_only": "on",
        "members": [str(pk) for pk in second.members.values_list("pk", flat=True)],
    }
    response = admin.post(reverse("admin:departments_department_change", args=[second.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    second.refresh_from_db()
    assert second.members_only
    return second


def test_a_reader_outside_gets_404_on_its_pages(members_only):
    reader = client_of("sachbearbeitung")
    for url in SECOND_PAGES:
        assert reader.get(url).status_code == 404, url
    # The own department's content stays readable.
    assert reader.get("/prozesse/fiktionsbescheinigung/").status_code == 200


def test_its_members_and_the_administrator_read_everything(members_only):
    for username in ("bs.redaktion", "admin"):
        member = client_of(username)
        for url in SECOND_PAGES:
            assert member.get(url).status_code == 200, (username, url)
    # Reading the other (unrestricted) department stays open to the Bürgerservice.
    assert client_of("bs.redaktion").get("/prozesse/fiktionsbescheinigung/").status_code == 200


def test_map_search_start_page_and_norm_page_leave_it_out(members_only):
    reader = client_of("sachbearbeitung")
    process_map = text(reader, "/prozesse/")
    assert "Personalausweis beantragen" not in process_map and "Fiktionsbescheinigung" in process_map
    assert 'value="buergerservice"' not in process_map  # not offered as a filter either
    assert "Personalausweis beantragen" not in text(reader, "/suche/?q=Personalausweis")
    assert "Personalausweis beantragen" not in text(reader, "/suche/?q=Personalausweis&abteilung=buergerservice")
    norm = text(reader, "/recht/bmg/17/")
    assert "Wohnung anmelden" not in norm
    home = text(reader, "/")
    assert "Wohnungsgeberbestätigung prüfen" not in home and "Bürgerservice" not in home
    assert "Wohnungsgeberbestätigung prüfen" not in text(reader, "/wissen/")
    assert "Merkblatt Wohnungsgeberbestätigung" not in text(reader, "/dokumente/")
    # A member sees them on the same pages.
    member = client_of("bs.redaktion")
    assert "Personalausweis beantragen" in text(member, "/prozesse/")
    assert "Wohnung anmelden" in text(member, "/recht/bmg/17/")
    assert "Personalausweis beantragen" in text(member, "/suche/?q=Personalausweis")


def test_its_onboarding_paths_are_hidden_from_other_team_leads(members_only):
    path = ReadingPath.objects.get(title="Einarbeitung Sachbearbeitung Bürgerservice")
    other_lead = client_of("teamleitung")
    assert other_lead.get(reverse("onboarding:path", args=[path.pk])).status_code == 404
    assert path.title not in text(other_lead, reverse("onboarding:paths"))
    assert client_of("bs.teamleitung").get(reverse("onboarding:path", args=[path.pk])).status_code == 200


def test_by_default_every_department_reads_the_others(demo_content):
    assert not Department.objects.filter(members_only=True).exists()
    reader = client_of("sachbearbeitung")
    for url in SECOND_PAGES:
        assert reader.get(url).status_code == 200, url
    assert Process.objects.filter(slug="personalausweis-beantragen").exists()


def test_cached_pages_are_kept_apart_by_what_their_reader_may_see(members_only):
    """A reader of both departments has the same permissions and names the same department in the
    header as a reader of the first only: the page cache must still not give one the other's page."""
    from processdb import groups
    from tests.factories import UserFactory

    both = UserFactory(username="beide", groups=[groups.READERS])
    for department in Department.objects.all():
        department.members.add(both)
    both_client = Client()
    both_client.force_login(both)
    reader = client_of("sachbearbeitung")
    for url, shown in [("/prozesse/", "Personalausweis beantragen"), ("/recht/bmg/17/", "Wohnung anmelden")]:
        assert shown not in text(reader, url)
        assert shown in text(both_client, url)
        assert shown not in text(reader, url)


def test_the_admin_lists_none_of_it_for_staff_outside(members_only):
    process = Process.objects.get(slug="personalausweis-beantragen")
    outside, member = client_of("redaktion"), client_of("bs.redaktion")
    for client, listed in ((outside, False), (member, True)):
        for url, title in [
            (reverse("admin:processes_process_changelist") + "?q=Personalausweis", "Personalausweis beantragen"),
            (reverse("admin:knowledge_article_changelist"), "Wohnungsgeberbestätigung prüfen"),
            (reverse("admin:documents_document_changelist"), "Merkblatt Wohnungsgeberbestätigung"),
        ]:
            assert (title in text(client, url)) is listed, (url, listed)
    # Its change page is not found from outside (the admin sends back to its start page).
    change = reverse("admin:processes_process_change", args=[process.pk])
    assert outside.get(change).status_code == 302
    assert member.get(change).status_code == 200
