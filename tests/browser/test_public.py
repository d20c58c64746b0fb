"""The public pages for applicants (/info/), as an anonymous visitor: no login, no cookie.

Two tests against the live server with the demo content (processdb/demo/public.yaml):

- Every public page type – start page (services by topic), A–Z, search results, a service page,
  its checklist and the legal notice – gets axe-core (WCAG 2.1 A/AA) at 1280 and at 390 CSS px,
  and the rules of page_rules.py that apply to the public frame: one <h1>, lang="de", a label
  for every field, tied errors, table headers, no images of text, no sideways scrolling at 390,
  320 (WCAG 1.4.10) and 640 px (200 % zoom), the skip link first and working, a <title> of its
  own ending in the public frame's suffix and a footer link to the accessibility statement.
  Each page is loaded once and gets every check on that load, like test_page_checks.py does.
  The public <title> ends in „– <department> · <organisation>“, not in the app's suffix that
  page_rules.title_problems expects; the title is checked for its suffix and uniqueness here.
- An applicant without an account finds the Blaue Karte EU on the start page, reads which
  documents to bring, opens the checklist, ticks a box, prints it (print media hides the
  header's navigation and search) and then finds the service again through the header search.

Both end with the browser context holding no cookie: the public pages set none.

Assertions name service titles and document items of the demo content; the frame's German
headings are asserted by tests/public/test_pages.py.
"""

import re

from django.conf import settings
from playwright.sync_api import expect

from tests.browser import page_rules
from tests.browser.conftest import axe_violations
from tests.browser.helpers import NARROW, ZOOMED

DESKTOP, PHONE = 1280, 390  # PHONE: a common smartphone's width; NARROW (320) is checked for reflow too

SERVICE = "Blaue Karte EU beantragen"
SLUG = "blaue-karte-eu"
# The documents of the Blaue Karte EU in processdb/demo/public.yaml; the last one only in certain cases.
DOCUMENTS = [
    "Gültiger Reisepass mit Visum",
    "Ein aktuelles biometrisches Passfoto",
    "Arbeitsvertrag oder verbindliches Arbeitsangebot",
    "Erklärung zum Beschäftigungsverhältnis",
    "Hochschulabschluss mit Anerkennung oder Nachweis der Vergleichbarkeit",
    "Mietvertrag",
    "Nachweis Ihrer Krankenversicherung",
    "Erlaubnis zur Berufsausübung",
]
FEE = re.compile(r"100,00\s€")  # fee: min = max = 100.00
FEE_TEXT = "Die Gebühr zahlen Sie bei der Abholung der Karte."

# The public page types, each in the state to check, with the language of the page.
PAGES = {
    "start": ("/info/", "de"),
    "a-z": ("/info/a-z/", "de"),
    "search results": ("/info/suche/?q=Aufenthaltserlaubnis", "de"),
    "service": (f"/info/{SLUG}/", "de"),
    "checklist": (f"/info/{SLUG}/checkliste/", "de"),
    "legal notice": ("/info/impressum/", "de"),
    "guide": ("/info/wegweiser/", "de"),
    "start in Arabic": ("/info/ar/", "ar"),
    "service in Arabic": (f"/info/ar/{SLUG}/", "ar"),
    "guide in Arabic": ("/info/ar/wegweiser/", "ar"),
    # The other languages share these templates; an untranslated page differs by its notice.
    "service in Turkish (not translated)": (f"/info/tr/{SLUG}/", "tr"),
    "start in Leichte Sprache": ("/info/leichte-sprache/", "de"),
}


def _set_width(page, width: int) -> None:
    if page.viewport_size["width"] != width:
        page.set_viewport_size({"width": width, "height": 900})


def _axe(page, width: int) -> list[str]:
    return [f"axe at {width} px: {v['id']} ({v['impact']}): {v['help']}\n        at {v['targets']}" for v in axe_violations(page)]


def _frame_problems(page, lang: str) -> list[str]:
    """page_rules.page_problems for the public frame: its own title suffix and accessibility link."""
    problems = []
    suffix = f" – {settings.PROCESSDB_DEPARTMENT} · {settings.PROCESSDB_ORGANISATION}"
    title = page.title()
    if not title.endswith(suffix):
        problems.append(f"<title> {title!r} does not end with {suffix!r}")
    elif not title[: -len(suffix)].strip():
        problems.append("<title> names only the site")
    if page.evaluate("() => document.documentElement.getAttribute('lang')") != lang:
        problems.append(f'<html> lacks lang="{lang}"')
    direction = "rtl" if lang in {"ar", "fa"} else "ltr"
    if page.evaluate("() => document.documentElement.getAttribute('dir')") != direction:
        problems.append(f'<html> lacks dir="{direction}"')
    statement = settings.PROCESSDB_PUBLIC_ACCESSIBILITY_URL
    if page.locator(f'footer.site-footer a[href="{statement}"]').count() != 1:
        problems.append(f"the footer does not link the accessibility statement ({statement})")
    headings = page.locator("h1").count()
    if headings != 1:
        problems.append(f"{headings} <h1> instead of exactly one")
    for label, script in [
        ("form fields without a label", page_rules.FIELDS_WITHOUT_LABEL),
        ("invalid fields not tied to their error text", page_rules.UNTIED_ERRORS),
        ("tables without header cells", page_rules.TABLES_WITHOUT_HEADERS),
        ("images that may contain text (raster image with a text alternative) or lack alt", page_rules.IMAGES_WITH_TEXT),
    ]:
        found = page.evaluate(script)
        if found:
            problems.append(f"{label}: {found}")
    return problems


def _check(page, lang: str) -> list[str]:
    """Every check of one public page, on one load: desktop first, then narrow, the skip link last."""
    problems = _frame_problems(page, lang)
    problems += _axe(page, DESKTOP)
    _set_width(page, PHONE)
    problems += page_rules.overflow_problems(page)
    problems += _axe(page, PHONE)
    for width in (NARROW, ZOOMED, DESKTOP):
        _set_width(page, width)
        problems += page_rules.overflow_problems(page)
    problems += page_rules.skip_link_problems(page)  # moves the focus: last
    return problems


def test_every_public_page_passes_axe_at_desktop_and_390_px_and_the_page_rules(page, site):
    findings = []
    titles: dict[str, list[str]] = {}
    for key, (path, lang) in PAGES.items():
        _set_width(page, DESKTOP)
        response = page.goto(site + path)
        if response.status != 200:
            findings.append(f"  {key} ({path}) answered {response.status}")
            continue
        titles.setdefault((page.title(), lang), []).append(key)  # a page without translation repeats the German title
        problems = _check(page, lang)
        if problems:
            findings.append(f"  {key} ({page.url}):\n" + "\n".join(f"    - {p}" for p in problems))
    duplicates = {title: keys for title, keys in titles.items() if len(keys) > 1}
    if duplicates:
        findings.append(f"  page types sharing a <title>: {duplicates}")
    if page.problems.items:
        findings.append(f"  browser problems: {page.problems.items}")
    cookies = page.context.cookies()
    if cookies:
        findings.append(f"  cookies set for an anonymous visitor: {[c['name'] for c in cookies]}")
    assert not findings, "public page checks failed:\n" + "\n".join(findings)


def test_applicant_without_account_finds_service_reads_documents_prints_checklist_and_searches(page, site):
    # The start page lists the services by topic; the Blaue Karte EU is among them.
    page.goto(f"{site}/info/")
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    main = page.get_by_role("main")
    link = main.get_by_role("link", name=re.compile("Blaue Karte EU"))
    expect(link).to_have_count(1)
    link.click()

    # The service page: its heading, the documents to bring, the fee.
    expect(page).to_have_url(f"{site}/info/{SLUG}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(SERVICE)
    expect(page).to_have_title(re.compile(rf"^{SERVICE} – "))
    documents = page.get_by_role("region", name=re.compile("Erforderliche Unterlagen|Required documents"))
    expect(documents).to_be_visible()
    for item in DOCUMENTS:
        expect(documents.get_by_role("listitem").filter(has_text=item)).to_have_count(1)
    expect(main.get_by_text(FEE).first).to_be_visible()

    # The checklist to print.
    main.get_by_role("link", name=re.compile("Checkliste|checklist", re.IGNORECASE)).click()
    expect(page).to_have_url(f"{site}/info/{SLUG}/checkliste/")
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    expect(main.get_by_text(SERVICE, exact=True)).to_be_visible()
    boxes = main.get_by_role("checkbox")
    expect(boxes).to_have_count(len(DOCUMENTS))
    for item in DOCUMENTS:
        box = main.get_by_role("checkbox", name=item)
        expect(box).to_be_visible()
        expect(box).not_to_be_checked()
    passport = main.get_by_role("checkbox", name=DOCUMENTS[0])
    passport.check()  # a box the applicant can tick on screen, too
    expect(passport).to_be_checked()
    fee = main.locator("p", has_text=FEE)
    expect(fee).to_be_visible()
    expect(fee).to_contain_text(FEE_TEXT)
    navigation = page.locator(".site-nav")
    header_search = page.get_by_role("banner").get_by_role("search")
    expect(navigation).to_be_visible()
    expect(header_search).to_be_visible()

    # Printed: without the site's navigation, search and breadcrumbs; the boxes and the fee stay.
    page.emulate_media(media="print")
    expect(navigation).to_be_hidden()
    expect(header_search).to_be_hidden()
    expect(page.locator(".page-breadcrumbs")).to_be_hidden()
    expect(page.locator("a.skip-link")).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(boxes).to_have_count(len(DOCUMENTS))
    for index in range(len(DOCUMENTS)):
        expect(boxes.nth(index)).to_be_visible()
    expect(fee).to_be_visible()
    page.emulate_media(media="screen")
    expect(navigation).to_be_visible()

    # Search from the header for the service.
    header_search.get_by_role("searchbox").fill("Blaue Karte")
    header_search.get_by_role("button").click()
    expect(page).to_have_url(re.compile(r"/info/suche/\?q=Blaue\+Karte$"))
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    result = page.get_by_role("main").get_by_role("link", name=SERVICE, exact=True)
    expect(result).to_be_visible()
    result.click()
    expect(page).to_have_url(f"{site}/info/{SLUG}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(SERVICE)

    assert not page.problems.items, f"browser problems: {page.problems.items}"
    assert page.context.cookies() == [], "the public pages set cookies for an anonymous visitor"



def test_an_applicant_walks_the_guide_in_arabic_without_javascript_and_switches_to_german(browser, site):
    context = browser.new_context(java_script_enabled=False, viewport={"width": PHONE, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{site}/info/ar/")
        expect(page.locator("html")).to_have_attribute("dir", "rtl")
        expect(page.locator("html")).to_have_attribute("lang", "ar")
        # Right to left: the main heading starts at the right edge of the page.
        box = page.get_by_role("heading", level=1).bounding_box()
        assert box["x"] + box["width"] > PHONE * 0.6
        page.locator("a.public-guide-teaser, .public-guide-teaser a").first.click()
        expect(page).to_have_url(f"{site}/info/ar/wegweiser/")
        answers = page.locator("a.public-guide-answers__link")
        # The answers are links: each click is a new address (the back button and sharing work).
        answers.nth(1).click()  # work or study
        expect(page).to_have_url(re.compile(r"/info/ar/wegweiser/\?weg=\d+$"))
        page.go_back()
        expect(page).to_have_url(f"{site}/info/ar/wegweiser/")
        answers.nth(1).click()
        page.locator("a.public-guide-answers__link").first.click()  # skilled worker with a degree
        expect(page).to_have_url(re.compile(r"/info/ar/wegweiser/\?weg=\d+\.\d+$"))
        result = page.locator(f'main a[href="/info/ar/{SLUG}/"]')
        expect(result).to_have_count(1)
        result.click()
        expect(page.locator("article.public-service")).to_have_attribute("lang", "ar")
        # Switch to German: the same service, in German, left to right.
        page.locator('.public-languages a[hreflang="de"]').click()
        expect(page).to_have_url(f"{site}/info/{SLUG}/")
        expect(page.locator("html")).to_have_attribute("dir", "ltr")
        expect(page.get_by_role("heading", level=1)).to_have_text(SERVICE)
        assert context.cookies() == []
    finally:
        context.close()
