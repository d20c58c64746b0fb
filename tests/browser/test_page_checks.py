"""Every page type, as every demo account: axe-core (BITV 2.0 / WCAG 2.1 AA) at 1280 and 320 CSS px,
and on the app's pages the rules axe does not cover (page_rules.py).

The page types and the states they are checked in are the tour in helpers.py. Each page is loaded
once and gets every check on that load – axe at both widths, title, heading, language, labels,
errors, tables, images, reflow at 320 and 640 px, the skip link last (it moves the focus) – so a
new page type added to the tour is checked by all of them. A failure lists every page and width
with its findings, not only the first.

The app's pages of all accounts are one test, since their titles must differ from each other
across accounts; the admin's pages (axe only) are another.

Set A11Y_SCREENSHOTS=/some/folder to also save a full-page screenshot of every stop at both
widths (named <page type>-<width>.png) for a look at the layout.

No rule and no node is excluded: what axe found in the Django admin's own markup was repaired
in templates/admin/base_site.html, static/css/admin.css, static/js/admin-a11y.js and the
admin's tabular inlines (processes.admin.LabelledTabularInline).
"""

import os
from pathlib import Path

from tests.browser import page_rules
from tests.browser.conftest import axe_violations
from tests.browser.helpers import DESKTOP, NARROW, TOURS, ZOOMED, screenshot, start_tour

SCREENSHOTS = Path(os.environ["A11Y_SCREENSHOTS"]) if os.environ.get("A11Y_SCREENSHOTS") else None

APP_TOURS = {user: [stop for stop in stops if not stop.admin] for user, stops in TOURS.items()}
APP_TOURS = {user: stops for user, stops in APP_TOURS.items() if stops}
ADMIN_TOURS = {user: [stop for stop in stops if stop.admin] for user, stops in TOURS.items()}
ADMIN_TOURS = {user: stops for user, stops in ADMIN_TOURS.items() if stops}

# Our admin pages must not scroll sideways at 1280 px (the app's pages are checked for reflow at
# 320 and 640 px by page_rules).
WIDER_THAN_WINDOW = "() => document.documentElement.scrollWidth > window.innerWidth"


def _axe(page, width: int) -> list[str]:
    before = len(page.problems.items)
    violations = axe_violations(page)
    # axe-core itself sets style attributes while it measures the admin's inline formsets; under
    # our CSP the browser refuses them and logs an error. Those are the tool's, not the page's.
    page.problems.items[before:] = [
        item for item in page.problems.items[before:] if "Applying inline style violates" not in item
    ]
    return [
        f"axe at {width} px: {v['id']} ({v['impact']}): {v['help']}\n        at {v['targets']}" for v in violations
    ]


def _set_width(page, width: int) -> None:
    if page.viewport_size["width"] != width:  # known to Playwright: no round trip to ask
        page.set_viewport_size({"width": width, "height": 900})


def _check_stop(page, stop) -> list[str]:
    """Every check of one stop, on the page the stop left open."""
    app = not stop.admin
    problems = []
    if stop.key in page_rules.FORM_ERRORS:
        problems += page_rules.form_error_problems(page, page_rules.FORM_ERRORS[stop.key])
    if app:
        problems += page_rules.page_problems(page)
    problems += _axe(page, DESKTOP)
    if stop.admin and page.evaluate(WIDER_THAN_WINDOW):
        problems.append(f"scrolls sideways at {DESKTOP} px")
    if SCREENSHOTS:
        screenshot(page, SCREENSHOTS, stop.key, DESKTOP)
    _set_width(page, NARROW)
    if app:
        problems += page_rules.overflow_problems(page)
    problems += _axe(page, NARROW)
    if SCREENSHOTS:
        screenshot(page, SCREENSHOTS, stop.key, NARROW)
    if app:
        for width in (ZOOMED, DESKTOP):
            _set_width(page, width)
            problems += page_rules.overflow_problems(page)
        problems += page_rules.skip_link_problems(page)
    return problems


def _walk(page, site, tours) -> tuple[list[str], dict[str, list[str]]]:
    """Walk the tours; returns the findings and, per <title> of a page type, the stops showing it."""
    findings = []
    titles: dict[str, list[str]] = {}
    for user, stops in tours.items():
        before = len(page.problems.items)
        page.context.clear_cookies()
        start_tour(page, site, user)
        for stop in stops:
            _set_width(page, DESKTOP)
            stop.visit(page, site)
            if not stop.admin and stop.variant_of is None:
                titles.setdefault(page.title(), []).append(f"{stop.key} as {user}")
            problems = _check_stop(page, stop)
            if problems:
                findings.append(f"  {stop.key} as {user} ({page.url}):\n" + "\n".join(f"    - {p}" for p in problems))
        if page.problems.items[before:]:
            findings.append(f"  browser problems as {user}: {page.problems.items[before:]}")
    return findings, titles


def test_every_app_page_passes_axe_and_has_title_heading_language_skip_link_labels_and_reflows(page, site):
    findings, titles = _walk(page, site, APP_TOURS)
    duplicates = {title: stops for title, stops in titles.items() if len(stops) > 1}
    if duplicates:
        findings.append(f"  page types sharing a <title>: {duplicates}")
    assert not findings, "page checks failed:\n" + "\n".join(findings)


def test_axe_finds_no_violation_on_any_admin_page_at_desktop_and_320_px(page, site):
    findings, _ = _walk(page, site, ADMIN_TOURS)
    assert not findings, "page checks failed:\n" + "\n".join(findings)
