"""What every page of the app must have beyond axe's rules (BITV 2.0 / WCAG 2.1 AA).

The checks test_page_checks.py makes on each page of the app's tour (helpers.py), on the same
page load as axe: a unique German <title> (2.4.2), exactly one <h1>, lang="de" (3.1.1), a skip
link that is the first focusable element and moves the focus to the main content (2.4.1), a
label for every form field (1.3.1, 3.3.2), errors tied to their fields (3.3.1) and announced,
header cells in every data table (1.3.1), no horizontal scrolling at 320 px and at 200 % zoom,
emulated by a 640 px wide viewport (1.4.10, 1.4.4), and no images of text (1.4.5).

Each function returns the problems it found as sentences; an empty list is a pass.
"""

import re

from django.conf import settings

# Words that show an untranslated English title; none of them is used in German titles.
ENGLISH = re.compile(
    r"\b(the|and|of|for|with|page|edit|revision|compare|knowledge|search|results?|process(es)?|"
    r"roles?|laws?|documents?|new|record|review|statement|access|denied|not found|log in|onboarding paths?|"
    r"checklist|conflict|templates?|forms?)\b",
    re.IGNORECASE,
)

FIELDS_WITHOUT_LABEL = """() => {
  const named = (el) => {
    if (el.labels && [...el.labels].some((label) => label.textContent.trim())) return true;
    if ((el.getAttribute('aria-label') || '').trim()) return true;
    const ids = (el.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(Boolean);
    return ids.some((id) => document.getElementById(id)?.textContent.trim());
  };
  return [...document.querySelectorAll('input, select, textarea')]
    .filter((el) => el.type !== 'hidden')
    .filter((el) => ['submit', 'button', 'reset'].includes(el.type) ? !el.value.trim() : !named(el))
    .map((el) => el.outerHTML.slice(0, 120));
}"""

# Every field marked invalid names, through aria-describedby, an element with its error text.
UNTIED_ERRORS = """() => [...document.querySelectorAll('[aria-invalid="true"]')].filter((el) => {
  const ids = (el.getAttribute('aria-describedby') || '').split(/\\s+/).filter(Boolean);
  return !ids.some((id) => {
    const target = document.getElementById(id);
    return target && target.classList.contains('kern-error') && target.textContent.trim();
  });
}).map((el) => el.outerHTML.slice(0, 120))"""

TABLES_WITHOUT_HEADERS = """() => [...document.querySelectorAll('table')]
  .filter((table) => !table.querySelector('th') || (table.tHead && !table.tHead.querySelector('th')))
  .map((table) => table.outerHTML.slice(0, 120))"""

# Images: decorative (alt="") or vector icons; a raster image with a text alternative would be
# an image of text or a photo – there are none in the app, and any new one needs a look.
IMAGES_WITH_TEXT = """() => [...document.images].filter((img) => {
  if (!img.hasAttribute('alt')) return true;
  const vector = /\\.svg(\\?|#|$)/i.test(img.currentSrc || img.src) || /^data:image\\/svg/i.test(img.src);
  return img.getAttribute('alt').trim() !== '' && !vector;
}).map((img) => img.outerHTML.slice(0, 120))"""

TABBABLE = """() => {
  const candidates = document.querySelectorAll(
    'a[href], area[href], button, input, select, textarea, iframe, summary, [tabindex], [contenteditable="true"]');
  const tabbable = [...candidates].filter((el) => !el.disabled && el.tabIndex >= 0 && el.type !== 'hidden'
    && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden' && !el.closest('[inert]'));
  return {
    first: tabbable.length ? tabbable[0].outerHTML.slice(0, 120) : null,
    firstIsSkipLink: tabbable.length > 0 && tabbable[0].matches('a.skip-link[href="#main"]'),
    positive: [...candidates].filter((el) => el.tabIndex > 0).map((el) => el.outerHTML.slice(0, 80)),
  };
}"""

# The outermost elements outside any scroll container that stick out to the right (their parent fits).
OVERFLOW = """() => {
  const width = window.innerWidth;
  if (document.documentElement.scrollWidth <= width) return null;
  const sticksOut = (el) => el.getBoundingClientRect().right > width + 1;
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  // Scroll containers clip their content, except absolutely positioned boxes whose containing
  // block lies outside them (a visually hidden label in a table cell can widen the page).
  const clipped = (el) => {
    const absolute = getComputedStyle(el).position === 'absolute';
    for (let up = absolute ? el.offsetParent : el.parentElement; up && up !== document.body; up = up.parentElement) {
      if (getComputedStyle(up).overflowX !== 'visible') return true;
    }
    return false;
  };
  const culprits = [...document.body.querySelectorAll('*')]
    .filter((el) => el.getBoundingClientRect().width > 0 && sticksOut(el) && !clipped(el)
      && (el.parentElement === document.body || !sticksOut(el.parentElement)))
    .slice(0, 5).map(name);
  return {scrollWidth: document.documentElement.scrollWidth, width, culprits};
}"""


def title_problems(title: str) -> list[str]:
    suffix = f" – Prozessdatenbank {settings.PROCESSDB_DEPARTMENT}"
    if not title.endswith(suffix):
        return [f"<title> {title!r} does not end with {suffix!r}"]
    own = title[: -len(suffix)].strip()
    if not own:
        return ["<title> names only the site"]
    english = ENGLISH.search(own)
    return [f"<title> {title!r} looks English ({english.group(0)!r})"] if english else []


def skip_link_problems(page) -> list[str]:
    problems = []
    tabbable = page.evaluate(TABBABLE)
    if not tabbable["firstIsSkipLink"]:
        problems.append(f"the first focusable element is not the skip link but {tabbable['first']}")
    if tabbable["positive"]:
        problems.append(f"tabindex > 0 changes the focus order: {tabbable['positive']}")
    if page.evaluate("() => document.activeElement === document.body"):
        page.keyboard.press("Tab")  # a real first Tab, where nothing has the focus yet
    else:
        page.locator("a.skip-link").focus()  # a field has autofocus; start from the skip link
    if not page.evaluate("() => document.activeElement.matches('a.skip-link')"):
        problems.append("the first Tab does not reach the skip link")
        return problems
    box = page.locator("a.skip-link").bounding_box()
    if not box or box["y"] < 0 or box["x"] < 0:
        problems.append(f"the focused skip link is not visible (box {box})")
    page.keyboard.press("Enter")
    focused = page.evaluate("() => document.activeElement.closest('main#main') !== null")
    if not focused:
        problems.append("activating the skip link does not move the focus to <main id=main>")
    return problems


def page_problems(page) -> list[str]:
    """Title, language, footer link, one <h1>, labels, tied errors, table headers, images."""
    problems = title_problems(page.title())
    if page.evaluate("() => document.documentElement.getAttribute('lang')") != "de":
        problems.append('<html> lacks lang="de"')
    if page.locator('footer a[href="/barrierefreiheit/"]').count() != 1:
        problems.append("the footer does not link the accessibility statement")
    headings = page.locator("h1").count()
    if headings != 1:
        problems.append(f"{headings} <h1> instead of exactly one")
    for label, script in [
        ("form fields without a label", FIELDS_WITHOUT_LABEL),
        ("invalid fields not tied to their error text", UNTIED_ERRORS),
        ("tables without header cells", TABLES_WITHOUT_HEADERS),
        ("images that may contain text (raster image with a text alternative) or lack alt", IMAGES_WITH_TEXT),
    ]:
        found = page.evaluate(script)
        if found:
            problems.append(f"{label}: {found}")
    return problems


def overflow_problems(page) -> list[str]:
    """Whether the page scrolls sideways at the current viewport width (the caller sets it)."""
    overflow = page.evaluate(OVERFLOW)
    if not overflow:
        return []
    return [
        f"scrolls sideways at {overflow['width']} px (page {overflow['scrollWidth']} px wide; "
        f"sticking out: {overflow['culprits']})"
    ]


REQUIRED = "Dieses Feld ist zwingend erforderlich."

# The redaktion tour's stops that send a form empty, and the error each field must show.
FORM_ERRORS = {
    "article-new": {"id_title": REQUIRED, "id_body": REQUIRED, "id_change_note": REQUIRED},
    "law-change-record": {"id_norms": REQUIRED, "id_title": REQUIRED, "id_effective_date": REQUIRED},
    "document-upload-errors": {"id_file": REQUIRED, "id_change_note": REQUIRED},
    "document-new": {"id_title": REQUIRED, "id_file": REQUIRED},
}


def form_error_problems(page, fields: dict[str, str]) -> list[str]:
    """An empty submit marks each invalid field and points it to its error; the summary is
    announced (role=alert) and links to each field; no valid field is marked invalid."""
    problems = []
    summary = page.locator("#form-errors")
    if summary.get_attribute("role") != "alert":
        problems.append("the error summary is not announced (role=alert)")
    for field_id, error in fields.items():
        field = page.locator(f"#{field_id}")
        if field.get_attribute("aria-invalid") != "true":
            problems.append(f"#{field_id} is not aria-invalid")
            continue
        described = (field.get_attribute("aria-describedby") or "").split()
        texts = [page.locator(f"#{target}").inner_text() for target in described if page.locator(f"#{target}").count()]
        if not any(error in text for text in texts):
            problems.append(f"#{field_id} is not described by its error {error!r} (describedby {described}: {texts})")
        if summary.locator(f'a[href="#{field_id}"]').count() != 1:
            problems.append(f"the error summary does not link to #{field_id}")
    valid_but_marked = page.evaluate(
        "(ids) => [...document.querySelectorAll('[aria-invalid=\"true\"]')]"
        ".map((el) => el.id).filter((id) => !ids.includes(id))",
        list(fields),
    )
    if valid_but_marked:
        problems.append(f"marked invalid unexpectedly: {valid_but_marked}")
    return problems
