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


ARTICLE = "/wissen/servicecenter-termine-vollstaendigkeit/"  # revision 3 by `redaktion` waits for release


def test_team_lead_and_author_discuss_a_draft_and_the_release_box_counts_the_open_comments(browser, site):
    lead = browser.new_context(locale="de-DE").new_page()
    login(lead, site, "teamleitung")
    lead.goto(site + ARTICLE)
    release_box = lead.locator("section[aria-labelledby=pending-heading]")
    assert "Noch keine Kommentare zu diesem Entwurf." in release_box.inner_text()
    release_box.get_by_role("link", name="Entwurf kommentieren").click()
    assert axe_violations(lead) == []
    lead.get_by_label("Ihr Kommentar").fill("Bitte die Öffnungszeiten des Servicecenters ergänzen.")
    lead.get_by_role("button", name="Kommentar speichern").click()
    assert "Ihr Kommentar ist gespeichert" in lead.get_by_role("status").first.inner_text()
    lead.goto(site + ARTICLE)
    assert "1 offener Kommentar von 1 Kommentar zu diesem Entwurf" in release_box.inner_text()

    author = browser.new_context(locale="de-DE").new_page()
    login(author, site, "redaktion")
    author.get_by_role("link", name="Benachrichtigungen").click()
    author.get_by_role("link", name="Neuer Kommentar zum Entwurf „Servicecenter: Terminvergabe").first.click()
    assert "Bitte die Öffnungszeiten des Servicecenters ergänzen." in author.locator("main").inner_text()
    author.get_by_role("button", name="Als erledigt markieren").click()
    assert "erledigt von" in author.locator("main").inner_text()
    assert axe_violations(author) == []

    lead.goto(site + ARTICLE)
    assert "0 offene Kommentare von 1 Kommentar zu diesem Entwurf" in release_box.inner_text()
    assert release_box.get_by_role("button", name="Version 3 freigeben").is_visible(), "comments block nothing"
    lead.context.close()
    author.context.close()
