"""The team lead's journeys in the browser, done by clicking and typing as the person does.

1. Admin: open a process, reorder its steps with the ▲/▼ buttons of the step inline, edit a
   step's description on its own page: both are drafts. A caseworker still reads the released
   version; the editor releases the draft after seeing the comparison; then the caseworker
   reads the new order and text, and its history.
2. Knowledge base: draft an article change (with preview), have the second editor release it
   (four-eyes), then compare the two revisions and see the inserted and deleted words.
3. Review: record a law change (impact preview first), close review items in the queue and
   watch the progress go down.
4. Edit conflict: two tabs edit the same article; the second save gets the conflict page and
   nothing is overwritten.

Every test ends without console errors (CSP violations included) and without server errors.
"""

import re

from playwright.sync_api import expect

from knowledge.models import Article
from law.models import Law
from lawchanges.models import LawChange, ReviewItem
from processes.models import Step
from tests.browser.conftest import login

PROCESS_TITLE = "Aufenthaltserlaubnis verlängern"
PROCESS_SLUG = "aufenthaltserlaubnis-verlaengern"
STEP_1 = "Antrag entgegennehmen und Eingang vor Ablauf des Titels dokumentieren"
STEP_2 = "Antrag und Unterlagen auf Vollständigkeit prüfen, fehlende Nachweise anfordern"

ARTICLE_SLUG = "chancenkarte"
OLD_SENTENCE = "Ohne Anschlussperspektive rechtzeitig vor Ablauf beraten."
NEW_SENTENCE = "Ohne Anschlussperspektive spätestens drei Monate vor Ablauf beraten."


def step_rows(page):
    return page.locator("#steps-group tbody tr.form-row.has_original")


def step_row(page, title):
    # The read-only cell of an existing step shows „1. Title“; the title itself is an input.
    return step_rows(page).filter(has_text=title)


def log_out(page):
    page.get_by_role("button", name="Abmelden").click()
    expect(page).to_have_url(re.compile(r"/konto/anmelden/"))


# --------------------------------------------------------------------------------------------
# 1. Admin: reorder steps and edit a step's description
# --------------------------------------------------------------------------------------------


def test_team_lead_changes_steps_caseworkers_see_them_after_a_second_person_released_them(page, site, as_user):
    site = as_user("teamleitung")

    page.goto(f"{site}/admin/")
    page.locator("#content-main tr.model-process").get_by_role("link", name="Prozesse", exact=True).click()
    page.get_by_role("link", name=PROCESS_TITLE, exact=True).click()
    expect(page.get_by_role("heading", name="Prozess ändern")).to_be_visible()

    rows = step_rows(page)
    titles_before = [rows.nth(i).locator("td.field-title input").input_value() for i in range(rows.count())]
    assert titles_before[:2] == [STEP_1, STEP_2]
    step_3 = titles_before[2]

    # Step 1 goes down twice: it ends up third, steps 2 and 3 move up.
    down = page.get_by_role("button", name=f"Schritt nach unten {STEP_1}")
    down.click()
    expect(down).to_be_focused()
    down.click()
    expect(rows.nth(0).locator("td.field-title input")).to_have_value(STEP_2)
    expect(rows.nth(1).locator("td.field-title input")).to_have_value(step_3)
    expect(rows.nth(2).locator("td.field-title input")).to_have_value(STEP_1)
    # The numbers travel with the rows, so the form says what the table shows.
    for index in range(3):
        expect(rows.nth(index).locator("input.step-position")).to_have_value(str(index + 1))
    # The caption above a moved row („2. Title“) must not contradict its new number.
    expect(rows.nth(0).locator("td.original")).not_to_contain_text(f"2. {STEP_2}")
    expect(rows.nth(2).locator("td.original")).not_to_contain_text(f"1. {STEP_1}")

    page.get_by_role("button", name="Sichern und weiter bearbeiten").first.click()
    expect(page.locator(".messagelist")).to_contain_text("Als Entwurf Version 2 gespeichert")
    # The form shows the draft, not the released rows.
    expect(page.get_by_role("note")).to_contain_text("Sie bearbeiten den Entwurf Version 2")
    expect(rows.nth(0).locator("td.field-title input")).to_have_value(STEP_2)
    expect(rows.nth(2).locator("td.field-title input")).to_have_value(STEP_1)

    # The description is edited on the step's own page („Ändern“, as the inline's heading says).
    step_row(page, STEP_2).get_by_role("link", name="Ändern", exact=True).click()
    expect(page.get_by_role("heading", name="Schritt ändern")).to_be_visible()
    description = page.get_by_label("Beschreibung")
    added = "Fehlende Nachweise mit einer Frist von zwei Wochen schriftlich anfordern."
    description.fill(description.input_value().rstrip() + "\n\n" + added)
    page.get_by_role("button", name="Sichern", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("Als Entwurf Version 3 gespeichert")
    log_out(page)

    # A caseworker still sees the released version: the old order, not the new sentence.
    login(page, site, "sachbearbeitung")
    page.goto(f"{site}/prozesse/{PROCESS_SLUG}/")
    overview = page.get_by_role("navigation", name="Schritte im Überblick").get_by_role("listitem")
    expect(overview.nth(0)).to_have_text(f"1. {STEP_1}")
    expect(page.locator("ol.step-list")).not_to_contain_text(added)
    expect(page.get_by_text("wartet auf Freigabe")).to_have_count(0)
    log_out(page)

    # The editor checks what changed and releases the draft (four eyes).
    login(page, site, "redaktion")
    page.goto(f"{site}/prozesse/{PROCESS_SLUG}/")
    page.get_by_role("link", name="Entwurf prüfen und freigeben").click()
    expect(page.get_by_role("heading", name="Dieser Entwurf wartet auf Freigabe")).to_be_visible()
    changes = page.locator(".step-changes")
    expect(changes).to_contain_text("verschoben")
    expect(changes).to_contain_text("von Position 1 auf Position 3")
    expect(changes.locator("ins.diff-ins").filter(has_text="zwei Wochen")).to_have_count(1)
    page.get_by_role("button", name="Version 3 freigeben").click()
    expect(page.get_by_role("status").filter(has_text="Version 3 ist freigegeben")).to_be_visible()
    log_out(page)

    # Now the caseworker reads the new order and text, and its history.
    login(page, site, "sachbearbeitung")
    page.goto(f"{site}/prozesse/{PROCESS_SLUG}/")
    expect(overview.nth(0)).to_have_text(f"1. {STEP_2}")
    expect(overview.nth(1)).to_have_text(f"2. {step_3}")
    expect(overview.nth(2)).to_have_text(f"3. {STEP_1}")
    first_step = page.locator("ol.step-list > li").nth(0)
    expect(first_step.get_by_role("heading", level=3)).to_have_text(f"Schritt 1: {STEP_2}")
    expect(first_step).to_contain_text(added)
    page.get_by_role("link", name="Versionen und Änderungen").click()
    history = page.get_by_role("table", name="Versionen des Prozesses")
    # Readers see released versions only: 3 and 1 (draft 2 was never released on its own).
    expect(history.get_by_role("row")).to_have_count(3)
    page.get_by_role("button", name="Ausgewählte Versionen vergleichen").click()
    expect(page.get_by_role("heading", name="Version 1 im Vergleich mit Version 3")).to_be_visible()
    expect(page.locator(".step-changes")).to_contain_text(added)

    # Double-check in the database.
    stored = list(Step.objects.filter(process__slug=PROCESS_SLUG).order_by("position").values_list("title", "position"))
    assert stored[:3] == [(STEP_2, 1), (step_3, 2), (STEP_1, 3)]
    assert [position for _, position in stored] == list(range(1, len(stored) + 1))
    assert added in Step.objects.get(process__slug=PROCESS_SLUG, title=STEP_2).description

    assert page.problems.items == []


# --------------------------------------------------------------------------------------------
# 2. Knowledge base: draft, four-eyes release, comparison
# --------------------------------------------------------------------------------------------


def test_team_lead_drafts_an_article_change_the_editor_releases_it_and_the_comparison_shows_it(page, site, as_user):
    as_user("teamleitung")
    article = Article.objects.get(slug=ARTICLE_SLUG)
    released = article.published_revision.number
    draft = released + 1

    page.goto(f"{site}/wissen/{ARTICLE_SLUG}/")
    expect(page.locator(".article-body")).to_contain_text(OLD_SENTENCE)
    page.get_by_role("link", name="Artikel bearbeiten").click()

    body = page.get_by_label("Text", exact=True)
    text = body.input_value()
    assert OLD_SENTENCE in text
    body.fill(text.replace(OLD_SENTENCE, NEW_SENTENCE))
    page.get_by_label("Was haben Sie geändert?").fill("Beratungsfrist vor Ablauf konkretisiert")

    page.get_by_role("button", name="Vorschau").click()
    preview = page.get_by_role("region", name="Vorschau")
    expect(preview).to_contain_text("Noch nicht gespeichert.")
    expect(preview).to_contain_text(NEW_SENTENCE)
    # The preview wrote nothing.
    assert Article.objects.get(slug=ARTICLE_SLUG).latest_number == released

    page.get_by_role("button", name="Als Entwurf speichern").click()
    expect(page.get_by_role("status").filter(has_text=f"Version {draft}")).to_contain_text("Entwurf")
    pending = page.get_by_role("region", name=f"Version {draft} wartet auf Freigabe")
    expect(pending).to_be_visible()
    # Four eyes: the author cannot release their own revision, and readers still see the old text.
    expect(pending.get_by_role("button", name=f"Version {draft} freigeben")).to_have_count(0)
    expect(page.locator(".article-body")).to_contain_text(OLD_SENTENCE)

    # The second editor releases it.
    log_out(page)
    login(page, site, "redaktion")
    page.goto(f"{site}/wissen/{ARTICLE_SLUG}/")
    page.get_by_role("button", name=f"Version {draft} freigeben").click()
    expect(page.get_by_text(f"Version {draft} ist freigegeben; Lesende sehen sie jetzt.")).to_be_visible()
    expect(page.locator(".article-body")).to_contain_text(NEW_SENTENCE)
    expect(page.locator(".article-body")).not_to_contain_text(OLD_SENTENCE)
    expect(page.get_by_role("region", name=re.compile("wartet auf Freigabe"))).to_have_count(0)
    assert Article.objects.get(slug=ARTICLE_SLUG).published_revision.number == draft

    # History: choose the two revisions and compare them.
    page.get_by_role("link", name="Versionen und Vergleich").click()
    page.get_by_label(f"Vergleich ab Version {released}", exact=True).check()
    page.get_by_label(f"Vergleich bis Version {draft}", exact=True).check()
    page.get_by_role("button", name="Ausgewählte Versionen vergleichen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Version {released} im Vergleich mit Version {draft}")
    expect(page.get_by_role("status").filter(has_text="Wörter hinzugefügt")).to_have_text(
        re.compile(r"3 Wörter hinzugefügt, 1 Wort entfernt\.")
    )
    diff = page.locator(".diff")
    inserted = diff.locator("ins").filter(has_text="spätestens drei Monate")
    deleted = diff.locator("del").filter(has_text="rechtzeitig")
    expect(inserted).to_be_visible()
    expect(deleted).to_be_visible()
    # Screen readers hear what kind of change it is; sighted readers see it coloured.
    expect(inserted).to_contain_text("[eingefügt:]")
    expect(deleted).to_contain_text("[gelöscht:]")
    assert inserted.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
    assert deleted.evaluate("e => getComputedStyle(e).textDecorationLine") == "line-through"

    assert page.problems.items == []


# --------------------------------------------------------------------------------------------
# 3. Review: record a law change, close review items
# --------------------------------------------------------------------------------------------


def test_team_lead_records_a_law_change_and_works_through_the_review_queue(page, as_user):
    site = as_user("teamleitung")
    title = "Chancenkarte: geänderte Punktevoraussetzungen"
    changes_before = LawChange.objects.count()

    page.goto(f"{site}/")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Prüfung").click()
    page.get_by_role("link", name="Rechtsänderung erfassen").click()

    expect(page.get_by_label("Gesetz")).to_have_value(str(Law.objects.get(abbreviation="AufenthG").pk))
    page.get_by_label("Betroffene Paragrafen").fill("20a, 20b")
    page.get_by_label("Titel").fill(title)
    page.get_by_label("Inkrafttreten").fill("2027-03-01")
    page.get_by_label("Zusammenfassung").fill("Punktesystem der Chancenkarte neu gewichtet.")
    page.get_by_label("Fundstelle").fill("BGBl. 2026 I Nr. 99")

    # First the impact, nothing recorded yet.
    page.get_by_role("button", name="Auswirkungen anzeigen").click()
    impact = page.get_by_role("region", name="Auswirkungen")
    expect(impact).to_be_visible()
    expect(impact.get_by_role("link", name="Chancenkarte (§ 20a AufenthG) und Folge-Chancenkarte")).to_be_visible()
    assert LawChange.objects.count() == changes_before
    expect(page.get_by_label("Titel")).to_have_value(title)

    page.get_by_role("button", name="Änderung erfassen und Prüfungen eröffnen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    change = LawChange.objects.get(title=title)
    total = change.review_items.count()
    assert total >= 2
    expect(page.get_by_role("status")).to_have_text(f"Die Änderung wurde erfasst; {total} Prüfaufgaben sind offen.")
    expect(page.get_by_text(f"0 von {total} Prüfaufgaben abgeschlossen")).to_be_visible()

    # The queue: the new change with all its items open.
    page.get_by_role("navigation", name="Brotkrümelnavigation").get_by_role("link", name="Prüfung").click()
    changes = page.get_by_role("region", name="Rechtsänderungen")
    change_row = changes.get_by_role("row").filter(has=page.get_by_role("link", name=title, exact=True))
    expect(change_row).to_contain_text(f"{total} von {total} offen")

    page.get_by_label("Rechtsänderung", exact=True).select_option(label=f"01.03.2027 {title}")
    page.get_by_role("button", name="Filtern").click()
    items = page.get_by_role("region", name=re.compile("Offene Prüfaufgaben"))
    titles = [item.title for item in change.review_items.order_by("kind", "title")]
    open_titles = [t for t in titles if titles.count(t) == 1]  # each checkbox is found by its title
    expect(items.locator("tbody tr")).to_have_count(total)

    # One item is not affected – with the reason why.
    first = open_titles[0]
    page.get_by_label(f"{first} auswählen", exact=True).check()
    page.get_by_label("Begründung").fill("Punkteregelung betrifft diesen Inhalt nicht.")
    page.get_by_role("button", name="Nicht betroffen").click()
    expect(page.get_by_role("status").filter(has_text="abgeschlossen")).to_have_text("1 Prüfaufgabe abgeschlossen.")
    expect(change_row).to_contain_text(f"{total - 1} von {total} offen")
    expect(items.locator("tbody tr")).to_have_count(total - 1)

    # Another one was adapted.
    second = open_titles[1]
    page.get_by_label(f"{second} auswählen", exact=True).check()
    page.get_by_role("button", name="Angepasst").click()
    expect(change_row).to_contain_text(f"{total - 2} von {total} offen")

    # The change's own page shows the progress and who closed what.
    change_row.get_by_role("link", name=title, exact=True).click()
    expect(page.get_by_text(f"2 von {total} Prüfaufgaben abgeschlossen")).to_be_visible()
    expect(page.get_by_label(f"2 von {total} Prüfaufgaben abgeschlossen")).to_have_attribute("value", "2")
    expect(page.get_by_text("„Punkteregelung betrifft diesen Inhalt nicht.“")).to_be_visible()

    closed = {item.title: item for item in change.review_items.exclude(status=ReviewItem.Status.OPEN)}
    assert closed[first].status == ReviewItem.Status.NOT_AFFECTED
    assert closed[first].resolution_note == "Punkteregelung betrifft diesen Inhalt nicht."
    assert closed[second].status == ReviewItem.Status.ADAPTED
    assert {item.closed_by.username for item in closed.values()} == {"teamleitung"}

    assert page.problems.items == []


# --------------------------------------------------------------------------------------------
# 4. Edit conflict: two tabs, one article
# --------------------------------------------------------------------------------------------


def test_two_tabs_edit_one_article_the_second_save_gets_the_conflict_page_and_nothing_is_overwritten(
    page, context, as_user
):
    site = as_user("teamleitung")
    released = Article.objects.get(slug=ARTICLE_SLUG).latest_number

    other_tab = context.new_page()
    other_tab.on("console", page.problems.console)
    other_tab.on("response", page.problems.response)
    for tab in (page, other_tab):
        tab.goto(f"{site}/wissen/{ARTICLE_SLUG}/bearbeiten/")

    # The other tab saves first.
    body = other_tab.get_by_label("Text", exact=True)
    body.fill(body.input_value().replace(OLD_SENTENCE, NEW_SENTENCE))
    other_tab.get_by_label("Was haben Sie geändert?").fill("Frist konkretisiert")
    other_tab.get_by_role("button", name="Als Entwurf speichern").click()
    expect(other_tab.get_by_role("region", name=f"Version {released + 1} wartet auf Freigabe")).to_be_visible()

    # This tab still edits the old revision.
    mine = "Ohne Anschlussperspektive frühzeitig auf die Ausreisepflicht hinweisen."
    body = page.get_by_label("Text", exact=True)
    body.fill(body.input_value().replace(OLD_SENTENCE, mine))
    page.get_by_label("Was haben Sie geändert?").fill("Hinweis auf Ausreisepflicht")
    with page.expect_response(lambda response: response.request.method == "POST") as answer:
        page.get_by_role("button", name="Als Entwurf speichern").click()
    assert answer.value.status == 409

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Bearbeitungskonflikt: Ihre Änderung wurde nicht gespeichert"
    )
    expect(page.get_by_role("alert")).to_contain_text("Es wurde nichts überschrieben")
    # What was typed is kept in the form, and the revision saved meanwhile is shown.
    expect(page.get_by_label("Text", exact=True)).to_have_value(re.compile(re.escape(mine)))
    expect(page.get_by_text(NEW_SENTENCE).first).to_be_visible()

    article = Article.objects.get(slug=ARTICLE_SLUG)
    assert article.latest_number == released + 1
    assert NEW_SENTENCE in article.revisions.get(number=released + 1).body

    # Merging and saving again works: the draft is now based on the revision saved meanwhile.
    page.get_by_label("Text", exact=True).fill(
        page.get_by_label("Text", exact=True).input_value().replace(mine, NEW_SENTENCE + " " + mine)
    )
    page.get_by_role("button", name="Als Entwurf speichern").click()
    expect(page.get_by_role("region", name=f"Version {released + 2} wartet auf Freigabe")).to_be_visible()
    assert mine in Article.objects.get(slug=ARTICLE_SLUG).revisions.get(number=released + 2).body

    # The 409 of the conflict page is intended (asserted above); conftest does not count it.
    assert page.problems.items == []
