"""The browser set-up itself: Chromium starts, the demo is served, axe runs under our CSP."""

from tests.browser.conftest import axe_violations


def test_the_start_page_is_served_with_styles_and_no_console_errors(page, as_user):
    site = as_user("sachbearbeitung")
    page.goto(site + "/")
    assert page.locator("h1").count() == 1
    # KERN's stylesheet is applied: the body uses its font.
    assert "Fira Sans" in page.evaluate("getComputedStyle(document.body).fontFamily")
    assert axe_violations(page) == []
    assert page.problems.items == []
