"""A caseworker's journey: search → process → step → article → norm → back → print.

`sachbearbeitung` looks up how a Fiktionsbescheinigung is issued: types the word into the search
box in the header, opens the process from the results, jumps to a step from „Schritte im
Überblick“, follows the step's knowledge article, opens a norm cited in the article (the norm's
page in the app, not gesetze-im-internet.de), goes from there back to the process and prints it:
with print media the print stylesheet hides header, navigation, search and the step overview,
keeps the numbered steps with a box to tick and the address of every external law link, and
Chromium renders a PDF.
"""

import re

from playwright.sync_api import expect

PROCESS = "Fiktionsbescheinigung ausstellen"
STEP = "Fiktionsart bestimmen; bei verspätetem Antrag über die Anordnung der Fortgeltung entscheiden (Freigabe TL)"
ARTICLE = "Fiktionsbescheinigung: Erlaubnis-, Duldungs- und Fortgeltungsfiktion"


def test_caseworker_finds_a_process_follows_article_and_norm_and_prints_it(page, as_user):
    site = as_user("sachbearbeitung")
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Willkommen, "))
    # The start page's own search box: its button is as tall as the field beside it.
    start_search = page.get_by_role("main").get_by_role("search")
    field = start_search.get_by_label("Was suchen Sie?").bounding_box()
    button = start_search.get_by_role("button", name="Suchen").bounding_box()
    assert abs(button["height"] - field["height"]) <= 4, f"search button {button['height']}px high, field {field['height']}px"

    # Search from the header of the start page.
    header_search = page.get_by_role("banner").get_by_role("search")
    header_search.get_by_label("Prozesse, Schritte, Wissen und Normen durchsuchen").fill("Fiktionsbescheinigung")
    header_search.get_by_role("button", name="Suchen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Suchergebnisse für „Fiktionsbescheinigung“")
    processes = page.get_by_role("region", name=re.compile(r"^Prozesse \(\d+\)$"))
    expect(processes).to_be_visible()

    # Open the process from the results.
    processes.get_by_role("link", name=f"K8-03 {PROCESS}").click()
    expect(page).to_have_url(f"{site}/prozesse/fiktionsbescheinigung/")
    expect(page.get_by_role("heading", level=1)).to_have_text(PROCESS)
    expect(page.get_by_role("heading", name="7 Schritte")).to_be_visible()

    # Open step 2 from the overview beside the steps: the page jumps to it and marks it.
    overview = page.get_by_role("navigation", name="Schritte im Überblick")
    overview.get_by_role("link", name=f"2. {STEP}").click()
    expect(page).to_have_url(re.compile(r"#schritt-2$"))
    step = page.locator("li.step").filter(has=page.get_by_role("heading", name=f"Schritt 2: {STEP}"))
    expect(step).to_be_in_viewport()
    expect(step).to_have_css("background-color", "rgb(255, 248, 214)")  # .step:target
    expect(step.get_by_role("heading", name="Wissen zu diesem Schritt")).to_be_visible()

    # Follow the step's knowledge article.
    step.get_by_role("link", name=ARTICLE).click()
    expect(page).to_have_url(f"{site}/wissen/fiktionsbescheinigung-varianten/")
    expect(page.get_by_role("heading", level=1)).to_have_text(ARTICLE)
    expect(page.get_by_role("heading", name="Verspäteter Antrag")).to_be_visible()

    # Open a norm cited in the article text: the norm's page in the app.
    page.locator(".article-body").get_by_role("link", name="§ 81 Abs. 4 Satz 3 AufenthG").click()
    expect(page).to_have_url(f"{site}/recht/aufenthg/81/")
    expect(page.get_by_role("heading", level=1)).to_have_text("§\u00a081 AufenthG")
    official = page.get_by_role("link", name="§\u00a081 AufenthG auf gesetze-im-internet.de lesen")
    expect(official).to_have_attribute("href", "https://www.gesetze-im-internet.de/aufenthg_2004/__81.html")
    expect(page.get_by_role("heading", name="Rechtsgrundlage von 2 Prozessen")).to_be_visible()
    expect(page.get_by_role("link", name=ARTICLE)).to_be_visible()  # „In 2 Artikeln zitiert“

    # Back to the process: the norm page lists it among the processes resting on § 81.
    page.get_by_role("link", name=f"K8-03 {PROCESS}", exact=True).first.click()
    expect(page).to_have_url(f"{site}/prozesse/fiktionsbescheinigung/")
    expect(page.get_by_role("heading", level=1)).to_have_text(PROCESS)
    printed_note = page.get_by_text(re.compile(r"^Ausgedruckt am \d\d\.\d\d\.\d{4} aus "))
    expect(printed_note).to_be_hidden()

    # Print it.
    page.emulate_media(media="print")
    expect(page.get_by_role("link", name="Zum Inhalt springen")).to_be_hidden()
    expect(page.get_by_role("banner").get_by_role("search")).to_be_hidden()
    expect(page.get_by_role("navigation", name="Hauptnavigation")).to_be_hidden()
    expect(page.get_by_role("navigation", name="Brotkrümelnavigation")).to_be_hidden()
    expect(page.get_by_role("button", name="Abmelden")).to_be_hidden()
    expect(page.get_by_role("contentinfo")).to_be_hidden()
    expect(overview).to_be_hidden()
    # What stays: title, the note where the print came from, all seven steps with a box to tick.
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(printed_note).to_be_visible()
    expect(printed_note).to_contain_text(f"{site}/prozesse/fiktionsbescheinigung/")
    steps = page.locator("li.step")
    expect(steps).to_have_count(7)
    for index in range(7):
        expect(steps.nth(index)).to_be_visible()
    expect(page.get_by_role("heading", name=f"Schritt 2: {STEP}")).to_be_visible()
    tick_box = steps.first.locator(".step__number").evaluate(
        "el => { const box = getComputedStyle(el, '::before'); return [box.content, box.borderTopStyle, box.width]; }"
    )
    assert tick_box[0] == '""' and tick_box[1] == "solid" and tick_box[2] != "auto", tick_box
    # The step that was the URL target is no longer highlighted on paper.
    expect(step).to_have_css("background-color", "rgba(0, 0, 0, 0)")
    # Links to the law print their address.
    official_url = "https://www.gesetze-im-internet.de/aufenthg_2004/__81.html"
    law_link = steps.first.get_by_role("link", name=f"§\u00a081 Abs. 4 Satz 1 AufenthG ({official_url})")
    expect(law_link).to_be_visible()
    assert official_url in law_link.evaluate("el => getComputedStyle(el, '::after').content")
    expect(page.get_by_role("link", name="Fundstellen von §\u00a081 AufenthG").first).to_be_hidden()

    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF-")
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) >= 2  # seven steps do not fit on one page

    assert page.problems.items == []
