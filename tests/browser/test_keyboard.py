"""One journey by keyboard alone: log in, skip link, search, a process, the onboarding checklist.

The new hire `neu` uses only Tab, Shift+Tab, Enter, Space and typing (no clicks, no fill):
- the login page: the first Tab stop is the skip link, which appears when focused and moves the
  focus to the content; she types her name and password and presses Enter on „Anmelden“;
- the start page: skip link, then the links of her onboarding box and the search box
  „Was suchen Sie?“, where she searches for „Fiktionsbescheinigung“;
- the results: skip link, the filters in order, the first hit – the process;
- the process: skip link, then Tab to „Schritte im Überblick“ and Enter on step 2: the focus
  moves to step 2 and the next Tab continues inside it; Shift+Tab all the way back up to the main
  navigation and Enter on „Einarbeitung“;
- the checklist: the suggested item (the article changed since her confirmation), Tab to
  „Erneut gelesen und verstanden“ and Space; then back to the checklist, which shows it confirmed.

After every key press the focused element is the one expected (or, while tabbing through a
long page, lies in the expected part of it) and has a visible focus indicator: an outline on the
element or on its ::before/::after (KERN draws the ring of stretched links there), or a coloured
box-shadow – and it is scrolled into view.
"""

import re

from playwright.sync_api import expect

CHANGED = "Fiktionsbescheinigung: Erlaubnis-, Duldungs- und Fortgeltungsfiktion"
STEP_2 = "Fiktionsart bestimmen; bei verspätetem Antrag über die Anordnung der Fortgeltung entscheiden (Freigabe TL)"

FOCUS_INDICATOR = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return 'nothing is focused';
  const transparent = (colour) => colour === 'transparent' || /rgba\\(.*,\\s*0\\)$/.test(colour);
  for (const pseudo of [null, '::before', '::after']) {
    const style = getComputedStyle(el, pseudo);
    if (pseudo && (style.content === 'none' || style.content === 'normal')) continue;
    if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 && !transparent(style.outlineColor)) return '';
  }
  // A box-shadow counts if it has a colour of its own: the white halo app.css draws around the
  // outline is invisible on a white page without the outline.
  const shadow = getComputedStyle(el).boxShadow;
  const colours = shadow === 'none' ? [] : shadow.match(/rgba?\\([^)]*\\)/g) || [];
  if (colours.some((colour) => !transparent(colour) && colour !== 'rgb(255, 255, 255)')) return '';
  const style = getComputedStyle(el);
  return `no visible focus indicator on <${el.tagName.toLowerCase()} class="${el.className}">`
    + ` (outline: ${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}; box-shadow: ${shadow})`;
}"""

DESCRIBE_FOCUS = """() => { const el = document.activeElement;
  if (!el || el === document.body) return '<body> (nothing focused)';
  const name = el.getAttribute('aria-label') || (el.labels && el.labels[0] && el.labels[0].innerText) || el.innerText || '';
  return `<${el.tagName.toLowerCase()}${el.id ? ' id=' + el.id : ''}> ${name.trim().slice(0, 80)}`; }"""


def assert_focus_visible(page) -> None:
    """The focused element shows a focus indicator and is scrolled into view."""
    problem = page.evaluate(FOCUS_INDICATOR)
    assert problem == "", f"{page.url}: {problem}"
    expect(page.locator(":focus")).to_be_in_viewport()


def press(page, key: str, expected) -> None:
    """Press a key; `expected` (a locator) is focused afterwards and visibly so."""
    page.keyboard.press(key)
    try:
        expect(expected).to_be_focused()
    except AssertionError:
        raise AssertionError(
            f"{page.url}: after {key} expected {expected} focused, focus is on {page.evaluate(DESCRIBE_FOCUS)}"
        ) from None
    assert_focus_visible(page)


# After a key press: the focus indicator's problem (FOCUS_INDICATOR), whether the target has the
# focus and whether the focus lies within a CSS selector – one round trip for the three.
FOCUS_STEP = f"""([target, selector]) => ({{
  indicator: ({FOCUS_INDICATOR})(),
  isTarget: target === document.activeElement,
  within: !!document.activeElement.closest(selector),
}})"""


def press_until(page, key: str, target, *, within: str, limit: int = 80) -> int:
    """Press Tab or Shift+Tab until `target` is focused; every stop on the way lies `within` a CSS selector
    and shows its focus."""
    element = target.element_handle()
    try:
        for presses in range(1, limit + 1):
            page.keyboard.press(key)
            step = page.evaluate(FOCUS_STEP, [element, within])
            assert step["indicator"] == "", f"{page.url}: {step['indicator']}"
            expect(page.locator(":focus")).to_be_in_viewport()
            if step["isTarget"]:
                return presses
            assert step["within"], f"{key} left {within!r}: focus on {page.evaluate(DESCRIBE_FOCUS)}"
    finally:
        element.dispose()
    raise AssertionError(f"{target} not reached with {limit} × {key}; focus on {page.evaluate(DESCRIBE_FOCUS)}")


def skip_to_content(page) -> None:
    """On a freshly loaded page: the first Tab stop is the skip link, it appears, Enter moves focus to <main>."""
    # As a person would: tab once the page has loaded and its web fonts are in.
    page.wait_for_load_state("load")
    page.evaluate("() => document.fonts.ready.then(() => true)")
    skip_link = page.get_by_role("link", name="Zum Inhalt springen")
    expect(skip_link).not_to_be_in_viewport()
    press(page, "Tab", skip_link)
    expect(skip_link).to_be_in_viewport(ratio=1)
    press(page, "Enter", page.get_by_role("main"))
    expect(page).to_have_url(re.compile(r"#main$"))


def test_keyboard_only_journey_from_login_to_a_confirmed_onboarding_item(page, site):
    # With less motion, as the system setting asks: KERN's smooth scrolling otherwise races the
    # test's Tab presses, which come faster than any person's. A Tab during the scroll to the
    # previous stop finds its element in view, no scroll is started, and the running scroll
    # then carries it out of view ("viewport ratio 0" on a loaded machine).
    page.emulate_media(reduced_motion="reduce")
    # Log in.
    page.goto(f"{site}/konto/anmelden/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Anmelden")
    assert page.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "auto"
    skip_to_content(page)
    press(page, "Tab", page.get_by_label("Benutzername"))
    page.keyboard.type("neu")
    press(page, "Tab", page.get_by_label("Passwort"))
    page.keyboard.type("demo")
    press(page, "Tab", page.get_by_role("button", name="Anmelden"))
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{site}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Willkommen, Nina")

    # Start page: skip the header, pass the onboarding box, search.
    skip_to_content(page)
    onboarding_box = page.get_by_role("region", name="Meine Einarbeitung")
    press(page, "Tab", onboarding_box.get_by_role("link", name="Einarbeitung Sachbearbeitung Aufenthalt"))
    press(page, "Tab", onboarding_box.get_by_role("link", name=CHANGED))
    press(page, "Tab", page.get_by_label("Was suchen Sie?"))
    page.keyboard.type("Fiktionsbescheinigung")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Suchergebnisse für „Fiktionsbescheinigung“")

    # Results: skip the header, through the filters to the first hit.
    skip_to_content(page)
    filters = page.get_by_role("search", name="Suchen und filtern")
    press(page, "Tab", filters.get_by_label("Suchbegriff"))
    expect(filters.get_by_label("Suchbegriff")).to_have_value("Fiktionsbescheinigung")
    press(page, "Tab", filters.get_by_label("Art"))
    press(page, "Tab", filters.get_by_label("Bereich"))
    press(page, "Tab", filters.get_by_label("Rolle"))
    press(page, "Tab", filters.get_by_label("Abteilung"))  # the demo has two departments
    press(page, "Tab", filters.get_by_role("button", name="Suchen"))
    first_hit = page.get_by_role("region", name=re.compile(r"^Prozesse \(\d+\)$")).get_by_role("link").first
    press(page, "Tab", first_hit)
    expect(first_hit).to_have_accessible_name("K8-03 Fiktionsbescheinigung ausstellen")
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{site}/prozesse/fiktionsbescheinigung/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Fiktionsbescheinigung ausstellen")

    # The process: from the content to the step overview, jump to step 2 and continue there.
    skip_to_content(page)
    press(page, "Tab", page.get_by_role("link", name="Versionen und Änderungen"))
    press(page, "Tab", page.locator(".fact-grid").get_by_role("link", name="Sachbearbeitung Aufenthalt"))
    toc_link = page.get_by_role("navigation", name="Schritte im Überblick").get_by_role("link", name=f"2. {STEP_2}")
    press_until(page, "Tab", toc_link, within="main")
    step_2 = page.locator("li.step").filter(has=page.get_by_role("heading", name=f"Schritt 2: {STEP_2}"))
    press(page, "Enter", step_2)  # the focus follows the jump, so the next Tab continues in step 2
    expect(page).to_have_url(re.compile(r"#schritt-2$"))
    press(page, "Tab", step_2.get_by_role("link", name="Zuständig: Sachbearbeitung Aufenthalt"))

    # Back up through the page to the main navigation, then the onboarding checklist.
    main_nav = page.get_by_role("navigation", name="Hauptnavigation")
    onboarding_link = main_nav.get_by_role("link", name="Einarbeitung")
    press_until(page, "Shift+Tab", onboarding_link, within="main, nav")
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{site}/einarbeitung/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Meine Einarbeitung")
    expect(page.get_by_role("listitem").filter(has=page.get_by_role("link", name=CHANGED, exact=True))).to_contain_text(
        "Geändert seit Ihrer Bestätigung"
    )

    # The suggested item is the changed article: open it, Tab to the button, confirm with Space.
    skip_to_content(page)
    suggested = page.locator(".next-item").get_by_role("link", name=CHANGED)
    press(page, "Tab", suggested)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(CHANGED)
    expect(page.get_by_role("heading", name="Was sich geändert hat")).to_be_visible()
    skip_to_content(page)
    confirm = page.get_by_role("button", name="Erneut gelesen und verstanden")
    press_until(page, "Tab", confirm, within="main")
    page.keyboard.press("Space")
    expect(page.get_by_role("status").filter(has_text="Bestätigt: Sie haben")).to_have_text(
        f"Bestätigt: Sie haben „{CHANGED}“ gelesen und verstanden."
    )
    expect(page.get_by_role("heading", name="Was sich geändert hat")).to_have_count(0)

    # Back to the checklist: the item is confirmed now.
    skip_to_content(page)
    back = page.get_by_role("link", name="Zurück zu meiner Checkliste")
    press_until(page, "Tab", back, within="main")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Meine Einarbeitung")
    entry = page.get_by_role("listitem").filter(has=page.get_by_role("link", name=CHANGED, exact=True))
    expect(entry).to_contain_text("Bestätigt")
    expect(entry).not_to_contain_text("Geändert seit Ihrer Bestätigung")

    assert page.problems.items == []
