"""The feedback loop in the browser: a caseworker reports an outdated step, the team lead answers."""

from tests.browser.conftest import axe_violations, login

PROCESS = "/prozesse/aufenthaltserlaubnis-verlaengern/"


def test_a_caseworker_reports_an_outdated_step_and_reads_the_answer(browser, site):
    caseworker = browser.new_context(locale="de-DE").new_page()
    login(caseworker, site, "sachbearbeitung")
    caseworker.goto(site + PROCESS)
    caseworker.get_by_role("link", name="Hinweis geben").nth(0).click()
    assert caseworker.locator("h1").inner_text() == "Hinweis geben"
    assert axe_violations(caseworker) == []
    caseworker.get_by_label("Was ist falsch oder veraltet?").fill("Die Gebühr hat sich zum 1. Mai geändert.")
    caseworker.get_by_role("button", name="Hinweis senden").click()
    assert "Ihr Hinweis wurde weitergegeben" in caseworker.get_by_role("status").first.inner_text()

    lead = browser.new_context(locale="de-DE").new_page()
    login(lead, site, "teamleitung")
    lead.goto(site + "/pruefung/")
    lead.get_by_role("link", name="Hinweise von Lesenden").click()
    assert axe_violations(lead) == []
    lead.get_by_role("link", name="Aufenthaltserlaubnis verlängern").first.click()
    assert axe_violations(lead) == []
    lead.get_by_label("Status", exact=True).select_option("done")
    lead.get_by_label("Antwort an die Person, die den Hinweis gegeben hat").fill("Danke, die Gebühr ist angepasst.")
    lead.get_by_role("button", name="Speichern und Person benachrichtigen").click()
    assert "Keine offenen Hinweise." in lead.content()

    caseworker.goto(site + "/")
    caseworker.get_by_role("link", name="Benachrichtigungen").click()
    assert "Danke, die Gebühr ist angepasst." in caseworker.content()
    assert axe_violations(caseworker) == []
    caseworker.context.close()
    lead.context.close()
