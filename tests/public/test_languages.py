"""The public pages in the applicants' languages: translations, right to left, language markup,
outdated translations, and Leichte Sprache."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils.html import strip_tags

from public import languages, services
from public.models import PublicText, PublicTranslation

pytestmark = pytest.mark.django_db

User = get_user_model()


def html_of(url: str, **headers):
    response = Client().get(url, **headers)
    assert response.status_code == 200, url
    return response, response.content.decode()


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", strip_tags(html))


def test_an_arabic_page_reads_right_to_left_and_marks_its_languages(demo_content):
    response, html = html_of("/info/ar/blaue-karte-eu/")
    translation = PublicTranslation.objects.get(text__slug="blaue-karte-eu", language="ar")
    assert '<html lang="ar" dir="rtl"' in html
    assert f"<h1 class=\"kern-heading-large\">{translation.title}</h1>" in html
    assert '<article class="public-service" lang="ar">' in html
    # Law citations and the fee stay left to right, marked German where they are German.
    assert '<ul class="public-laws" lang="de">' in html and "<bdi>" in html
    assert '<bdi dir="ltr">100,00 €</bdi>' in html
    # German is binding: the notice, with a link to the German page.
    assert 'class="kern-alert kern-alert--info public-binding-notice"' in html
    assert 'href="/info/blaue-karte-eu/" hreflang="de"' in html
    assert not response.cookies


def test_pages_link_their_language_versions_with_hreflang_and_a_switcher_naming_each_language_in_itself(demo_content):
    _, html = html_of("/info/blaue-karte-eu/")
    translated = set(
        PublicTranslation.objects.filter(text__slug="blaue-karte-eu").values_list("language", flat=True)
    )
    assert {"en", "ar", "uk"} <= translated
    links = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))
    assert links["x-default"] == "http://testserver/info/blaue-karte-eu/"
    assert links["de"] == "http://testserver/info/blaue-karte-eu/"
    for code in translated:
        assert links[languages.get(code).link_tag] == f"http://testserver/info/{code}/blaue-karte-eu/"
    assert "tr" not in links  # no Turkish translation of this service: no alternate
    for language in languages.LANGUAGES:
        assert (
            f'hreflang="{language.link_tag}" lang="{language.tag}" dir="{language.direction}"'
            in html.replace(' aria-current="true"', "")
        )
        assert f">{language.name}</a>" in html
    _, start = html_of("/info/")
    assert 'hreflang="tr" href="http://testserver/info/tr/"' in start  # the start page exists in every language


def test_an_untranslated_service_shows_the_german_text_marked_german_with_a_notice(demo_content):
    _, html = html_of("/info/tr/blaue-karte-eu/")
    german = PublicText.objects.get(slug="blaue-karte-eu").published_version
    assert '<html lang="tr" dir="ltr"' in html
    assert '<article class="public-service" lang="de">' in html
    assert german.title in html
    assert "public-untranslated" in html
    assert "public-binding-notice" in html


def test_the_interface_speaks_the_language_of_the_page(demo_content):
    _, arabic = html_of("/info/ar/")
    _, ukrainian = html_of("/info/uk/a-z/")
    _, english = html_of("/info/en/")
    assert "Services by topic" in english and "Leistungen nach Themen" not in english
    for html in (arabic, ukrainian):
        assert "Leistungen nach Themen" not in text_of(html) and "Services by topic" not in text_of(html)


def test_a_new_german_version_marks_its_translations_outdated_on_the_page_and_for_editors(demo_content):
    text = PublicText.objects.get(slug="blaue-karte-eu")
    editor, lead = User.objects.get(username="redaktion"), User.objects.get(username="teamleitung")
    before = Client().get("/info/ar/blaue-karte-eu/")
    assert "public-outdated" not in before.content.decode()
    latest = text.published_version
    values = {name: getattr(latest, name) for name in services.VERSION_FIELDS}
    values["short_text"] = "Neu gefasst."
    saved = services.save_version(text=text, base_number=text.latest_number, values=values, author=editor, note="neu")
    # A draft outdates nothing.
    assert "public-outdated" not in Client().get("/info/ar/blaue-karte-eu/").content.decode()
    services.release(version=saved.version, user=lead)
    after = Client().get("/info/ar/blaue-karte-eu/", HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200
    html = after.content.decode()
    assert "public-outdated" in html and 'href="/info/blaue-karte-eu/" hreflang="de"' in html
    # The editors' overview lists it as outdated, and translations that do not exist as missing.
    staff = Client()
    staff.force_login(editor)
    overview = staff.get("/oeffentlich/uebersetzungen/").content.decode()
    row = overview[overview.index('href="/oeffentlich/blaue-karte-eu/"') :]
    row = row[: row.index("</tr>")]
    assert 'public-state--outdated"' in row and "/oeffentlich/blaue-karte-eu/uebersetzungen/ar/" in row
    assert 'public-state--missing"' in row
    assert "veraltet" in text_of(row) and "fehlt" in text_of(row)
    # Translated again from the new version: current, and the page drops the notice.
    form = staff.get("/oeffentlich/blaue-karte-eu/uebersetzungen/ar/")
    data = form_data(form)
    data["short_text"] = "نص جديد."
    assert staff.post("/oeffentlich/blaue-karte-eu/uebersetzungen/ar/", data).status_code == 302
    assert PublicTranslation.objects.get(text=text, language="ar").source_version == saved.version
    page = Client().get("/info/ar/blaue-karte-eu/").content.decode()
    assert "public-outdated" not in page and "نص جديد." in page


def form_data(response) -> dict:
    form, items = response.context["form"], response.context["formset"]
    data = {}
    for bound in [*form, *(field for item in items for field in item), *items.management_form]:
        value = bound.value()
        data[bound.html_name] = "" if value is None else str(value)
    return data


def test_a_stale_translation_form_never_overwrites_and_bad_input_keeps_what_was_typed(demo_content):
    first, second = Client(), Client()
    first.force_login(User.objects.get(username="redaktion"))
    second.force_login(User.objects.get(username="teamleitung"))
    one = form_data(first.get("/oeffentlich/blaue-karte-eu/uebersetzungen/en/"))
    two = form_data(second.get("/oeffentlich/blaue-karte-eu/uebersetzungen/en/"))
    one["title"] = "Apply for an EU Blue Card (first)"
    assert first.post("/oeffentlich/blaue-karte-eu/uebersetzungen/en/", one).status_code == 302
    two["title"] = "EU Blue Card (second)"
    refused = second.post("/oeffentlich/blaue-karte-eu/uebersetzungen/en/", two)
    assert refused.status_code == 400
    assert "Es wurde nichts gespeichert" in text_of(refused.content.decode())
    assert "EU Blue Card (second)" in refused.content.decode()
    assert PublicTranslation.objects.get(text__slug="blaue-karte-eu", language="en").title == "Apply for an EU Blue Card (first)"
    # An empty required text and a forged number of documents: refused, nothing saved.
    bad = form_data(first.get("/oeffentlich/blaue-karte-eu/uebersetzungen/en/"))
    bad["full_text"] = "  "
    bad["short_text"] = "Typed with care."
    response = first.post("/oeffentlich/blaue-karte-eu/uebersetzungen/en/", bad)
    assert response.status_code == 400 and "Typed with care." in response.content.decode()
    bad = form_data(first.get("/oeffentlich/blaue-karte-eu/uebersetzungen/en/"))
    bad["doc-TOTAL_FORMS"] = "1"
    assert first.post("/oeffentlich/blaue-karte-eu/uebersetzungen/en/", bad).status_code == 400
    assert PublicTranslation.objects.get(text__slug="blaue-karte-eu", language="en").title == "Apply for an EU Blue Card (first)"


@pytest.mark.parametrize(
    "url",
    [
        "/info/xx/", "/info/xx/blaue-karte-eu/", "/info/en/gibt-es-nicht/", "/info/DE/", "/info/ar/gibt-es-nicht/checkliste/",
        "/info/de/blaue-karte-eu/",
    ],
)
def test_unknown_languages_and_services_are_404(demo_content, url):
    assert Client().get(url).status_code == 404


def test_editors_get_404_for_a_language_that_is_not_offered(demo_content):
    staff = Client()
    staff.force_login(User.objects.get(username="redaktion"))
    assert staff.get("/oeffentlich/blaue-karte-eu/uebersetzungen/xx/").status_code == 404
    assert staff.get("/oeffentlich/blaue-karte-eu/uebersetzungen/de/").status_code == 404


def test_the_easy_language_start_page_explains_the_pages_and_links_them(demo_content):
    _, html = html_of("/info/leichte-sprache/")
    assert '<html lang="de" dir="ltr"' in html
    text = text_of(html)
    for words in ("Wer sind wir?", "Was finden Sie auf diesen Seiten?", "Wie benutzen Sie diese Seiten?",
                  "barriere·frei", "Wo finden Sie mehr Informationen?"):
        assert words in text
    assert 'href="/info/leichte-sprache/wegweiser/"' in html and 'href="/barrierefreiheit/"' in html
    assert 'hreflang="de-x-ls"' in html
    _, german = html_of("/info/")
    assert 'href="/info/leichte-sprache/" lang="de">Leichte Sprache</a>' in german


def test_language_pages_set_no_cookie_and_answer_conditional_requests(demo_content):
    first, html = html_of("/info/uk/")
    assert not first.cookies and first["Cache-Control"] == "public, no-cache"
    assert Client().get("/info/uk/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert Client().get("/info/ar/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_a_service_in_leichte_sprache_shows_its_easy_text_and_is_linked_as_de_x_ls(demo_content):
    _, html = html_of("/info/leichte-sprache/verlust-aufenthaltstitel/")
    assert '<html lang="de" dir="ltr"' in html
    assert "Ihre Aufenthalts·karte ist weg" in html and "public-untranslated" not in html
    assert "Das Recht gilt nur für den Text in schwerer Sprache" in text_of(html)
    _, german = html_of("/info/verlust-aufenthaltstitel/")
    assert 'hreflang="de-x-ls" href="http://testserver/info/leichte-sprache/verlust-aufenthaltstitel/"' in german
    _, start = html_of("/info/leichte-sprache/")
    assert 'href="/info/leichte-sprache/verlust-aufenthaltstitel/">Ihre Aufenthalts·karte ist weg</a>' in start
