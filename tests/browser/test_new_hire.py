"""A new hire's journey through her onboarding checklist („Einarbeitung“).

`neu` opens „Einarbeitung“ from the main navigation and sees her reading path with the progress
„x von y Pflichtpunkten erledigt“ and one item „Geändert seit Ihrer Bestätigung“. She
- reads an open article item and confirms it („Gelesen und verstanden“),
- takes back a task she had ticked too early and ticks it off again with a note
  (the demo has every task of `neu` done, so ticking one starts with taking it back),
- opens the outdated confirmation, sees which revision she confirmed, what changed since and
  the difference, and confirms the current revision („Erneut gelesen und verstanden“).
After each step the checklist shows the item's new state, and the number of required items done,
the progress bar and the minutes still to do change accordingly.
"""

import re

from playwright.sync_api import expect

ARTICLE = "Familiennachzug: Visumzustimmung und Aussetzung bei subsidiär Schutzberechtigten"
TASK = "Hospitation am Servicecenter, zwei Vormittage"
CHANGED = "Fiktionsbescheinigung: Erlaubnis-, Duldungs- und Fortgeltungsfiktion"
PROGRESS = re.compile(r"^(\d+) von (\d+) Pflichtpunkten erledigt$")


def progress(page) -> tuple[int, int, int]:
    """(required items done, required items in total, minutes still to do) as the checklist shows them."""
    bar = page.get_by_role("progressbar", name=PROGRESS)
    expect(bar).to_be_visible()
    done, total = map(int, PROGRESS.match(page.locator(f"label[for='{bar.get_attribute('id')}']").inner_text()).groups())
    assert bar.get_attribute("value") == str(done) and bar.get_attribute("max") == str(total)
    minutes = page.locator("dt", has_text="Noch zu tun").locator("xpath=following-sibling::dd[1]").inner_text()
    return done, total, int(re.fullmatch(r"ca\. (\d+) Min\.", minutes.strip()).group(1))


def checklist_entry(page, label: str):
    return page.get_by_role("listitem").filter(has=page.get_by_role("link", name=label, exact=True))


def back_to_checklist(page) -> None:
    page.get_by_role("link", name="Zurück zu meiner Checkliste").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Meine Einarbeitung")


def test_new_hire_confirms_articles_ticks_a_task_and_rereads_a_changed_article(page, as_user):
    site = as_user("neu")

    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Einarbeitung").click()
    expect(page).to_have_url(f"{site}/einarbeitung/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Meine Einarbeitung")
    expect(page.get_by_role("heading", level=2, name="Einarbeitung Sachbearbeitung Aufenthalt")).to_be_visible()
    outdated_notice = page.get_by_text("1 Punkt hat sich seit Ihrer Bestätigung geändert und muss erneut gelesen werden.")
    expect(outdated_notice).to_be_visible()
    done, total, minutes = progress(page)
    assert 0 < done < total

    # 1. Read an open article and confirm it.
    article = checklist_entry(page, ARTICLE)
    expect(article).to_contain_text("Artikel · ca. 5 Min. · Pflicht")
    expect(article).to_contain_text("Offen")
    article.get_by_role("link", name=ARTICLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ARTICLE)
    expect(page.get_by_role("heading", name="Aktuelle Fassung")).to_be_visible()
    expect(page.get_by_role("heading", name="Aussetzung für subsidiär Schutzberechtigte (seit 24.07.2025)")).to_be_visible()
    page.get_by_role("button", name="Gelesen und verstanden").click()
    expect(page.get_by_role("status").filter(has_text="Bestätigt: Sie haben")).to_have_text(
        f"Bestätigt: Sie haben „{ARTICLE}“ gelesen und verstanden."
    )
    expect(page.get_by_role("button", name="Gelesen und verstanden")).to_have_count(0)
    expect(page.get_by_role("button", name="Als nicht erledigt markieren")).to_be_visible()
    back_to_checklist(page)
    expect(checklist_entry(page, ARTICLE)).to_contain_text("Bestätigt")
    expect(checklist_entry(page, ARTICLE)).to_contain_text("bestätigt am")
    assert progress(page) == (done + 1, total, minutes - 5)

    # 2. A task ticked too early: take it back, then tick it off with a note.
    task = checklist_entry(page, TASK)
    expect(task).to_contain_text("Aufgabe · ca. 480 Min. · Pflicht")
    expect(task).to_contain_text("Erledigt")
    task.get_by_role("link", name=TASK).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TASK)
    expect(page.get_by_role("heading", name="Anleitung")).to_be_visible()
    page.get_by_role("button", name="Als nicht erledigt markieren").click()
    expect(page.get_by_role("status").filter(has_text="wieder offen")).to_have_text(f"„{TASK}“ ist wieder offen.")
    back_to_checklist(page)
    expect(checklist_entry(page, TASK)).to_contain_text("Offen")
    assert progress(page) == (done, total, minutes - 5 + 480)

    checklist_entry(page, TASK).get_by_role("link", name=TASK).click()
    expect(page.get_by_role("heading", name="Abhaken")).to_be_visible()
    page.get_by_label("Notiz").fill("Zweiter Vormittag am Servicecenter war heute.")
    page.get_by_role("button", name="Als erledigt abhaken").click()
    expect(page.get_by_role("status").filter(has_text="ist erledigt")).to_have_text(f"„{TASK}“ ist erledigt.")
    expect(page.get_by_text("Ihre Notiz: Zweiter Vormittag am Servicecenter war heute.")).to_be_visible()
    back_to_checklist(page)
    expect(checklist_entry(page, TASK)).to_contain_text("Erledigt")
    assert progress(page) == (done + 1, total, minutes - 5)

    # 3. The confirmation outdated by a significant revision.
    changed = checklist_entry(page, CHANGED)
    expect(changed).to_contain_text("Geändert seit Ihrer Bestätigung")
    # It is what the checklist suggests to read next.
    next_up = page.get_by_role("heading", name="Als Nächstes empfohlen").locator("xpath=..")
    next_up.get_by_role("link", name=CHANGED).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(CHANGED)
    what_changed = page.get_by_role("region", name="Geändert seit Ihrer Bestätigung")
    expect(what_changed).to_contain_text(
        re.compile(r"Sie haben am \d\d\.\d\d\.\d{4} Version 1 bestätigt\. Version 3 enthält eine wesentliche Änderung\.")
    )
    expect(what_changed.get_by_role("listitem").filter(has_text="Version 2:")).to_contain_text("(wesentliche Änderung)")
    expect(page.get_by_role("heading", name="Was sich geändert hat")).to_be_visible()
    # The change is shown as the text reads, with the bold word bold, not as Markdown source.
    changes = page.locator(".diff")
    expect(changes.locator("ins").filter(has_text="verspäteten").first).to_be_visible()
    expect(changes.locator("strong").filter(has_text="verspäteten").first).to_be_visible()
    expect(changes).not_to_contain_text("**")
    expect(page.get_by_role("heading", name="Aktuelle Fassung")).to_be_visible()
    page.get_by_role("button", name="Erneut gelesen und verstanden").click()
    expect(page.get_by_role("status").filter(has_text="Bestätigt: Sie haben")).to_have_text(
        f"Bestätigt: Sie haben „{CHANGED}“ gelesen und verstanden."
    )
    expect(page.get_by_role("region", name="Geändert seit Ihrer Bestätigung")).to_have_count(0)
    expect(page.get_by_role("heading", name="Was sich geändert hat")).to_have_count(0)
    expect(page.locator(".page-header")).to_contain_text("(Version 3)")
    back_to_checklist(page)
    expect(checklist_entry(page, CHANGED)).to_contain_text("Bestätigt")
    expect(checklist_entry(page, CHANGED)).not_to_contain_text("Geändert seit Ihrer Bestätigung")
    expect(outdated_notice).to_have_count(0)
    assert progress(page) == (done + 2, total, minutes - 10)

    assert page.problems.items == []
