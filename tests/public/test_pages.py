"""The public pages for applicants (/info/), as a visitor without an account meets them.

Every page of the demo is read anonymously: nothing internal appears, no cookie is set, nothing
is written, conditional requests are answered 304, a released change shows at once, and no
input – unknown slugs, odd queries, forged headers – yields an error.
"""

import json
import re
from xml.etree import ElementTree as ET

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import strip_tags

from documents.models import Document
from processes.models import Process, ProcessReference, Role
from public import services
from public.feeds import XZUFI_NAMESPACE
from public.models import MODULE_CODES, PublicText
from tests.public import helpers

pytestmark = pytest.mark.django_db

User = get_user_model()


def anonymous() -> Client:
    return Client()


def page_text(response) -> str:
    return re.sub(r"\s+", " ", strip_tags(response.content.decode()))


def public_urls() -> list[str]:
    urls = ["/info/", "/info/a-z/", "/info/suche/?q=Karte", "/info/impressum/", "/info/feed.json", "/sitemap.xml"]
    for slug in PublicText.objects.released().values_list("slug", flat=True):
        urls += [f"/info/{slug}/", f"/info/{slug}/checkliste/", f"/info/{slug}/xzufi.xml"]
    return urls


def sentences(text: str) -> list[str]:
    """The longer sentences of an internal text: each is specific enough to be found if it leaked."""
    plain = re.sub(r"[*_`#>\[\]]", "", text or "")
    return [part.strip() for part in re.split(r"(?<=[.!?:])\s+|\n+", plain) if len(part.strip()) >= 40]


def test_no_internal_text_of_a_process_appears_on_its_public_pages(demo_content):
    # A pending draft of a public text, with a marker that must stay unseen until released.
    text = PublicText.objects.get(slug="blaue-karte-eu")
    editor = User.objects.get(username="redaktion")
    latest = text.versions.get(number=text.latest_number)
    values = {name: getattr(latest, name) for name in services.VERSION_FIELDS}
    values["full_text"] = "ENTWURFSMARKE: noch nicht freigegeben."
    services.save_version(text=text, base_number=text.latest_number, values=values, author=editor, note="Entwurf")

    staff_names = set()
    for user in User.objects.all():
        staff_names.add(user.get_username())
        if user.get_full_name().strip():
            staff_names.add(user.get_full_name().strip())
    internal_roles = list(Role.objects.filter(is_external=False).values_list("name", "code"))
    internal_documents = list(Document.objects.filter(is_public=False).values_list("title", flat=True))
    checked = 0
    for public in PublicText.objects.released().select_related("process"):
        process = public.process
        secrets = sentences(process.notes) + sentences(process.purpose) + sentences(process.outcome)
        for step in process.steps.all():
            secrets += sentences(step.description)
        assert secrets, f"{process.slug}: nothing internal to look for"
        pages = [
            page_text(anonymous().get(f"/info/{public.slug}/")),
            page_text(anonymous().get(f"/info/{public.slug}/checkliste/")),
            anonymous().get(f"/info/{public.slug}/xzufi.xml").content.decode(),
        ]
        for html in pages:
            for secret in secrets:
                assert secret not in html, f"{public.slug}: internal text leaked: {secret!r}"
            for name in staff_names:
                assert not re.search(rf"(?<![\w.@-]){re.escape(name)}(?![\w.@-])", html), f"{public.slug}: staff name {name!r}"
            for name, code in internal_roles:
                assert name not in html and f" {code} " not in html, f"{public.slug}: internal role {name}"
            for title in internal_documents:
                assert title not in html, f"{public.slug}: internal document {title!r}"
            assert "ENTWURFSMARKE" not in html
            assert "/prozesse/" not in html and "/wissen/" not in html and "/pruefung/" not in html
            checked += 1
    assert checked == 3 * PublicText.objects.released().count() >= 36
    feed = anonymous().get("/info/feed.json").content.decode()
    assert "ENTWURFSMARKE" not in feed and "Dienstanweisung" not in feed


def test_the_start_page_groups_the_services_by_topic_and_links_a_to_z_search_and_the_statements(demo_content):
    response = anonymous().get("/info/")
    assert response.status_code == 200
    html = response.content.decode()
    text = page_text(response)
    topics = re.findall(r'<h2 class="kern-heading-medium" id="thema-[a-z]+">([^<]+)</h2>', html)
    assert topics == [
        "Arbeit", "Studium und Ausbildung", "Familie", "Schutz und humanitäre Gründe", "Niederlassung und Einbürgerung",
        "Dokumente",
    ]
    assert "Welche Leistung brauchen Sie?" in text
    work = html[html.index('id="thema-arbeit"') : html.index("</section>", html.index('id="thema-arbeit"'))]
    assert "Blaue Karte EU" in work and 'href="/info/blaue-karte-eu/"' in work
    assert 'href="/info/a-z/"' in html and 'action="/info/suche/"' in html
    assert 'href="/barrierefreiheit/"' in html and 'href="/info/impressum/"' in html
    # No staff navigation, no login form, no CSRF token.
    assert 'href="/prozesse/"' not in html and "csrfmiddlewaretoken" not in html and "/konto/" not in html


def test_a_to_z_lists_every_released_service_under_its_letter(demo_content):
    html = anonymous().get("/info/a-z/").content.decode()
    for slug, title in PublicText.objects.released().values_list("slug", "title"):
        assert f'<a class="kern-link public-list__title" href="/info/{slug}/">{title}</a>' in html
    assert re.search(r'<h2 class="kern-heading-medium" id="buchstabe-\d+">B</h2>', html)


def test_search_finds_blue_card_by_words_of_its_text_and_only_released_texts(demo_content):
    text = page_text(anonymous().get("/info/suche/", {"q": "Blaue Karte"}))
    assert "Blaue Karte EU" in text
    assert "gefunden" in text
    none = page_text(anonymous().get("/info/suche/", {"q": "Xylophonunterricht"}))
    assert "0 Leistungen gefunden" in none
    # A draft's words are not found.
    process = Process.objects.get(slug="duldung")
    helpers.draft_text(process=process, slug="geheim", author=User.objects.get(username="redaktion"), title="Zauberwort Entwurf")
    assert "0 Leistungen gefunden" in page_text(anonymous().get("/info/suche/", {"q": "Zauberwort"}))


def test_a_service_page_shows_every_module_with_legal_bases_forms_and_the_release(demo_content):
    response = anonymous().get("/info/fiktionsbescheinigung/")
    assert response.status_code == 200
    text = page_text(response)
    public = PublicText.objects.get(slug="fiktionsbescheinigung")
    version = public.published_version
    headings = ("Voraussetzungen", "Erforderliche Unterlagen", "Verfahrensablauf", "Kosten", "Rechtsgrundlagen", "Rechtsbehelf")
    for heading in headings:
        assert heading in text
    assert version.title in text and version.short_text in text
    for entry in version.documents:
        assert entry["item"] in text
    # Rechtsgrundlagen: the process's references, linked to gesetze-im-internet.de.
    html = response.content.decode()
    for reference in ProcessReference.objects.filter(process=public.process).select_related("norm__law"):
        assert re.sub(r"\s+", " ", reference.label) in text
        if reference.norm.official_url:
            assert f'href="{reference.norm.official_url}"' in html
    assert 'href="https://www.gesetze-im-internet.de/' in html
    # Formulare: the released public leaflet of the process's steps.
    assert 'href="/info/formulare/merkblatt-fiktionsbescheinigung/"' in html
    release = version.release
    assert f"Fachlich freigegeben am {timezone.localdate(release.released_at):%d.%m.%Y} durch {version.office.name}" in text
    assert "Zuletzt geändert am" in text
    assert version.office.opening_hours.splitlines()[0] in text
    assert "Beispielwerte" in text  # the demo's office data are examples, and say so


def test_the_checklist_lists_documents_with_boxes_fee_and_office_for_printing(demo_content):
    response = anonymous().get("/info/blaue-karte-eu/checkliste/")
    html = response.content.decode()
    version = PublicText.objects.get(slug="blaue-karte-eu").published_version
    assert "Was muss ich mitbringen?" in page_text(response)
    assert html.count('type="checkbox"') == len(version.documents)
    labels = re.findall(r'<label for="(item-[ac]\d+)">([^<]+)', html.replace("&#x27;", "'"))
    assert sorted(item.strip() for _, item in labels) == sorted(entry["item"] for entry in version.documents)
    assert all(f'id="{box}"' in html for box, _ in labels)
    assert "100,00 €" in page_text(response)
    assert version.office.name in page_text(response)
    assert 'href="/static/css/public-print.css"' in html or "public-print" in html


def test_public_forms_are_downloadable_and_internal_documents_are_not(demo_content):
    response = anonymous().get("/info/formulare/merkblatt-fiktionsbescheinigung/")
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    assert not response.cookies
    internal = Document.objects.get(slug="dienstanweisung-freigabe-von-ablehnungen-durch-die-teamleitung")
    assert anonymous().get(f"/info/formulare/{internal.slug}/").status_code == 404


def test_anonymous_visits_set_no_cookie_and_write_nothing(demo_content):
    client = anonymous()
    for url in public_urls():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        assert not response.cookies, url
        assert "Set-Cookie" not in response.headers, url
        assert "Cookie" not in response.get("Vary", ""), url
        writes = [q["sql"] for q in queries.captured_queries if re.match(r"\s*(INSERT|UPDATE|DELETE)", q["sql"], re.I)]
        assert not writes, f"{url} wrote: {writes}"
    assert not client.cookies


def test_a_logged_in_visitor_gets_the_same_shared_page_without_cookie_or_staff_navigation(demo_content):
    staff = Client()
    staff.login(username="sachbearbeitung", password="demo")
    response = staff.get("/info/blaue-karte-eu/")
    assert response.status_code == 200 and not response.cookies
    assert response["Cache-Control"] == "public, no-cache"
    assert response.content == anonymous().get("/info/blaue-karte-eu/").content
    assert 'href="/prozesse/"' not in response.content.decode()


@pytest.mark.parametrize("url", ["/info/", "/info/a-z/", "/info/blaue-karte-eu/", "/info/feed.json", "/sitemap.xml"])
def test_pages_are_cacheable_and_answer_conditional_requests_with_304(demo_content, url):
    first = anonymous().get(url)
    assert first["Cache-Control"] == "public, no-cache"
    assert first["ETag"] and first["Last-Modified"]
    again = anonymous().get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == first["ETag"]
    assert anonymous().get(url, HTTP_IF_NONE_MATCH=f'W/{first["ETag"]}').status_code == 304
    assert anonymous().get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    # Forged or broken validators: a normal page, never an error.
    for headers in (
        {"HTTP_IF_NONE_MATCH": '"nicht-passend"'},
        {"HTTP_IF_NONE_MATCH": "\x7f,,,\"" * 500},
        {"HTTP_IF_MODIFIED_SINCE": "gestern"},
        {"HTTP_IF_MODIFIED_SINCE": "Mon, 99 Foo 99999 99:99:99 GMT"},
        {"HTTP_IF_MATCH": '"falsch"'},
        {"HTTP_IF_UNMODIFIED_SINCE": "Thu, 01 Jan 1970 00:00:00 GMT"},
    ):
        response = anonymous().get(url, **headers)
        assert response.status_code == 200, headers
        assert response.content == first.content


def test_a_draft_changes_nothing_public_and_its_release_by_a_second_person_shows_at_once(demo_content):
    url = "/info/blaue-karte-eu/"
    before = anonymous().get(url)
    author, second = Client(), Client()
    author.login(username="redaktion", password="demo")
    second.login(username="teamleitung", password="demo")
    form = author.get("/oeffentlich/blaue-karte-eu/bearbeiten/")
    data = form_data(form)
    data["short_text"] = "Neu: Die Blaue Karte EU gibt es jetzt auch für IT-Fachleute ohne Studium."
    data["change_note"] = "IT-Fachleute ergänzt"
    saved = author.post("/oeffentlich/blaue-karte-eu/bearbeiten/", data)
    assert saved.status_code == 302
    # A draft: applicants still see the released text, and their cached copy stays valid.
    draft_seen = anonymous().get(url, HTTP_IF_NONE_MATCH=before["ETag"])
    assert draft_seen.status_code == 304
    assert "IT-Fachleute" not in page_text(anonymous().get(url))
    # The author may not release it.
    text = PublicText.objects.get(slug="blaue-karte-eu")
    refused = author.post("/oeffentlich/blaue-karte-eu/freigeben/", {"number": text.latest_number}, follow=True)
    assert "Vier-Augen-Prinzip" in page_text(refused)
    assert PublicText.objects.get(pk=text.pk).published_version.number == text.latest_number - 1
    # A second person releases it: the next request shows it, and the old ETag no longer matches.
    released = second.post("/oeffentlich/blaue-karte-eu/freigeben/", {"number": text.latest_number}, follow=True)
    assert "ist freigegeben" in page_text(released)
    after = anonymous().get(url, HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200
    assert "IT-Fachleute ohne Studium" in page_text(after)
    assert after["ETag"] != before["ETag"]
    assert "IT-Fachleute" in page_text(anonymous().get("/info/suche/", {"q": "IT-Fachleute"}))


def test_a_change_of_the_process_legal_bases_shows_on_its_public_page(demo_content):
    public = PublicText.objects.get(slug="blaue-karte-eu")
    before = anonymous().get("/info/blaue-karte-eu/")
    reference = ProcessReference.objects.filter(process=public.process).select_related("norm__law").first()
    reference.delete()  # the live rows of a process are its released state
    after = anonymous().get("/info/blaue-karte-eu/", HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200 and after["ETag"] != before["ETag"]


def form_data(response) -> dict:
    """The values a browser would send back for the form on the page (inputs, selects, textareas)."""
    form = response.context["form"]
    items = response.context["items"]
    data = {}
    for bound in list(form) + [field for item in items for field in item] + list(items.management_form):
        value = bound.value()
        if isinstance(bound.field.widget, type(form.fields["fee_is_example"].widget)):
            if value:
                data[bound.html_name] = "on"
            continue
        data[bound.html_name] = "" if value is None else str(value)
    return data


def test_the_json_feed_carries_every_released_text_with_its_modules_coded(demo_content):
    response = anonymous().get("/info/feed.json")
    assert response["Content-Type"] == "application/json"
    feed = json.loads(response.content)
    released = dict(PublicText.objects.released().values_list("slug", "title"))
    assert {service["id"]: service["title"] for service in feed["services"]} == released
    service = next(s for s in feed["services"] if s["id"] == "blaue-karte-eu")
    assert service["url"] == "http://testserver/info/blaue-karte-eu/"
    assert service["language"] == "de" and service["fee"]["min"] == "100.00"
    codes = {module["key"]: module["code"] for module in service["modules"]}
    assert codes["title"] == "02" and codes["full_text"] == "04" and codes["legal_basis"] == "15"
    assert set(codes.items()) <= set(MODULE_CODES.items())
    legal = next(m for m in service["modules"] if m["key"] == "legal_basis")
    assert any(link["url"].startswith("https://www.gesetze-im-internet.de/aufenthg_2004/") for link in legal["links"])
    assert all(link["url"].startswith("https://") for link in legal["links"])
    documents = next(m for m in service["modules"] if m["key"] == "documents")
    assert [d["item"] for d in service["documents"]][0] in documents["text"]


def test_the_xzufi_xml_parses_and_holds_the_modules_of_the_service(demo_content):
    response = anonymous().get("/info/blaue-karte-eu/xzufi.xml")
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    ns = {"x": XZUFI_NAMESPACE}
    assert root.tag == f"{{{XZUFI_NAMESPACE}}}leistung"
    version = PublicText.objects.get(slug="blaue-karte-eu").published_version
    modules = {m.find("x:leikaTextmodul/code", ns).text: m for m in root.findall("x:modulText", ns)}
    assert modules["02"].find("x:inhalt", ns).text == version.title
    assert modules["02"].find("x:inhalt", ns).get("languageCode") == "de"
    assert modules["05"].find("x:inhalt", ns).text == version.short_text
    assert version.documents[0]["item"] in modules["06"].find("x:inhalt", ns).text
    assert modules["15"].findall("x:weiterfuehrenderLink/x:uri", ns)
    assert root.find("x:modulKosten/x:kosten/x:betragFix", ns).text == "100.00"
    approval = root.find("x:modulFachlicheFreigabe", ns)
    assert approval.find("x:fachlichFreigegebenAm", ns).text == timezone.localdate(version.release.released_at).isoformat()
    assert root.find("x:modulUrsprungsportal/x:uri", ns).text == "http://testserver/info/blaue-karte-eu/"


def test_the_sitemap_lists_the_public_pages(demo_content):
    root = ET.fromstring(anonymous().get("/sitemap.xml").content)
    locations = {loc.text for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    assert "http://testserver/info/" in locations
    assert "http://testserver/info/blaue-karte-eu/" in locations
    assert "http://testserver/info/blaue-karte-eu/checkliste/" in locations
    assert not any("/prozesse/" in location for location in locations)


@pytest.mark.parametrize(
    "url",
    [
        "/info/gibt-es-nicht/",
        "/info/gibt-es-nicht/checkliste/",
        "/info/gibt-es-nicht/xzufi.xml",
        "/info/formulare/gibt-es-nicht/",
        "/info/%C3%A4%00/",
        "/info/" + "a" * 5000 + "/",
    ],
)
def test_unknown_services_are_404(demo_content, url):
    response = anonymous().get(url)
    assert response.status_code == 404
    assert not response.cookies


@pytest.mark.parametrize(
    "query",
    [
        "", " ", "\x00Blaue", "a", "%ff%fe", "ü" * 10_000, "§ 81 AufenthG", "' OR 1=1 --", "<script>alert(1)</script>",
        "🙂🙂", "a b c d e f g h i j k",
    ],
)
def test_search_answers_any_query_with_a_normal_page(demo_content, query):
    response = anonymous().get("/info/suche/", {"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_query_parameters_on_cached_pages_give_the_normal_page(demo_content):
    plain = anonymous().get("/info/blaue-karte-eu/")
    for query in ("?utm_source=x", "?a=%00", "?" + "x=1&" * 500, "?%ff=%fe"):
        response = anonymous().get("/info/blaue-karte-eu/" + query)
        assert response.status_code == 200 and response.content == plain.content


def test_post_and_other_methods_are_refused_without_error(demo_content):
    assert anonymous().post("/info/").status_code == 405
    assert anonymous().put("/info/blaue-karte-eu/").status_code == 405
    assert anonymous().head("/info/blaue-karte-eu/").status_code == 200
