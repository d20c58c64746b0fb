"""The accessibility statement (Erklärung zur Barrierefreiheit) that BITV 2.0 § 7 requires.

Public, linked from the footer of every page, with what the model statement of Implementing
Decision (EU) 2018/1523 asks for: the state of conformance, the content that is not accessible
and why, the date of preparation, a feedback contact and the enforcement procedure.
"""

import re

import pytest
from django.test import Client

from processdb.views import AccessibilityView

STATEMENT = "/barrierefreiheit/"


def test_the_statement_is_public_and_german(client, db):
    response = client.get(STATEMENT)
    assert response.status_code == 200
    content = response.content.decode()
    assert '<html lang="de"' in content
    assert "<title>Erklärung zur Barrierefreiheit – Prozessdatenbank" in content
    assert re.search(r"<h1[^>]*>Erklärung zur Barrierefreiheit</h1>", content)


def test_the_statement_has_what_bitv_requires(client, db):
    content = client.get(STATEMENT).content.decode()
    # State of conformance, in the words of the model statement.
    assert "Stand der Vereinbarkeit mit den Anforderungen" in content
    assert "teilweise mit der BITV 2.0 vereinbar" in content
    assert "WCAG) 2.1" in content
    # Content that is not accessible, each with its reason.
    assert "Nicht barrierefreie Inhalte" in content
    assert "gesetze-im-internet.de" in content and "außerhalb unseres Einflusses" in content
    assert "Vorlagen und Formulare zum Herunterladen" in content
    # Date of preparation, readable and machine-readable.
    prepared = AccessibilityView.prepared_on
    assert f'<time datetime="{prepared:%Y-%m-%d}">{prepared:%d.%m.%Y}</time>' in content
    assert "Selbstbewertung" in content
    # Feedback mechanism and the enforcement procedure.
    assert "Feedback und Kontakt" in content
    assert "Schlichtungsverfahren" in content


def test_feedback_goes_to_the_configured_contact(client, db, settings):
    settings.PROCESSDB_ACCESSIBILITY_CONTACT = "barrierefrei@stadt.example"
    content = client.get(STATEMENT).content.decode()
    assert '<a class="kern-link" href="mailto:barrierefrei@stadt.example">barrierefrei@stadt.example</a>' in content
    assert "barrierefreiheit@example.org" not in content


def test_without_a_state_enforcement_body_the_conciliation_body_of_the_bgg_is_named(client, db, settings):
    settings.PROCESSDB_ACCESSIBILITY_ENFORCEMENT_URL = ""
    content = client.get(STATEMENT).content.decode()
    assert "Schlichtungsstelle nach § 16 des Behindertengleichstellungsgesetzes (BGG)" in content
    assert f'href="{AccessibilityView.conciliation_url}"' in content


def test_a_configured_enforcement_body_is_linked_instead(client, db, settings):
    settings.PROCESSDB_ACCESSIBILITY_ENFORCEMENT_URL = "https://durchsetzung.land.example/barrierefreiheit"
    content = client.get(STATEMENT).content.decode()
    assert 'href="https://durchsetzung.land.example/barrierefreiheit"' in content
    assert "Durchsetzungsstelle" in content
    assert AccessibilityView.conciliation_url not in content


FOOTER_LINK = re.compile(
    r'<footer class="site-footer">.*<a [^>]*href="/barrierefreiheit/"[^>]*>Erklärung zur Barrierefreiheit</a>.*</footer>', re.S
)


@pytest.mark.parametrize("url", ["/konto/anmelden/", STATEMENT])
def test_public_pages_link_the_statement_in_the_footer(client, db, url):
    assert FOOTER_LINK.search(client.get(url).content.decode())


@pytest.mark.parametrize(
    "url, status",
    [
        ("/", 200),
        ("/prozesse/", 200),
        ("/rollen/", 200),
        ("/recht/", 200),
        ("/dokumente/", 200),
        ("/wissen/", 200),
        ("/suche/?q=Fiktion", 200),
        ("/pruefung/", 200),
        ("/einarbeitung/", 200),
        (STATEMENT, 200),
        ("/wissen/neu/", 403),
        ("/prozesse/gibt-es-nicht/", 404),
    ],
)
def test_every_page_links_the_statement_in_the_footer(reader_client, url, status):
    response = reader_client.get(url)
    assert response.status_code == status
    assert FOOTER_LINK.search(response.content.decode())


def test_the_statement_needs_no_login_but_shows_the_navigation_to_those_logged_in(reader):
    anonymous = Client().get(STATEMENT).content.decode()
    assert 'aria-label="Hauptnavigation"' not in anonymous
    logged_in = Client()
    logged_in.force_login(reader)
    assert 'aria-label="Hauptnavigation"' in logged_in.get(STATEMENT).content.decode()
