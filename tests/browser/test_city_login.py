"""Journeys through the login with the city's account, in Chromium, against the real provider and slapd."""

import pytest

from tests.browser.conftest import axe_violations
from tests.sso.conftest import (  # noqa: F401  # noqa: F401 - fixtures
    LDAP_PASSWORD,
    OIDC_PASSWORD,
    abh_department,
    configure,
    directory,
    ldap_env,
    oidc_env,
    oidc_server,
    provider,
    slapd_server,
)


@pytest.fixture
def city_site(site, settings, oidc_server, slapd_server):  # noqa: F811 - the fixtures above
    """The demo with both: the identity provider's button and the directory behind the password form."""
    configure(settings, {**oidc_env(oidc_server), **ldap_env(slapd_server)})
    return site


def test_log_in_through_the_provider_and_log_out_everywhere(page, city_site):
    page.goto(f"{city_site}/konto/anmelden/")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Mit dem Konto der Stadt anmelden").click()
    # The provider's own login page.
    page.get_by_label("Benutzername").fill("anna.schmidt")
    page.get_by_label("Passwort").fill(OIDC_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url(f"{city_site}/")
    assert page.get_by_text("Anna Schmidt").first.is_visible()
    page.goto(f"{city_site}/prozesse/")
    assert page.locator("h1").inner_text() == "Prozesslandkarte"
    # A reader: no way to the editors' pages.
    assert page.goto(f"{city_site}/oeffentlich/").status == 403
    page.goto(f"{city_site}/")
    page.get_by_role("button", name="Abmelden").click()
    # The provider asks to confirm its logout, then sends the browser back to the login page.
    page.get_by_role("button", name="Abmelden").click()
    page.wait_for_url(f"{city_site}/konto/anmelden/")
    page.goto(f"{city_site}/")
    page.wait_for_url(lambda url: "/konto/anmelden/" in url)
    # Logged out at the provider too: the city's login asks for the password again.
    page.get_by_role("link", name="Mit dem Konto der Stadt anmelden").click()
    assert page.get_by_label("Passwort").is_visible()
    assert page.problems.items == []


def test_a_refusal_comes_back_as_a_german_message(page, city_site):
    page.goto(f"{city_site}/konto/anmelden/")
    page.get_by_role("link", name="Mit dem Konto der Stadt anmelden").click()
    page.get_by_label("Benutzername").fill("cora.frei")
    page.get_by_label("Passwort").fill(OIDC_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url(f"{city_site}/konto/anmelden/")
    assert "keiner Gruppe" in page.get_by_role("alert").first.inner_text()
    assert axe_violations(page) == []


def test_a_directory_team_lead_logs_in_with_the_password_form(page, city_site):
    page.goto(f"{city_site}/konto/anmelden/")
    page.get_by_label("Benutzername").fill("t.keller")
    page.get_by_label("Passwort").fill(LDAP_PASSWORD)
    page.get_by_role("button", name="Anmelden", exact=True).click()
    page.wait_for_url(f"{city_site}/")
    assert page.get_by_text("Thomas Keller").first.is_visible()
    # Nested group → Teamleitung: the admin is open to it.
    assert page.goto(f"{city_site}/admin/").status == 200
    assert page.problems.items == []
