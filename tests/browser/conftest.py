"""Browser tests: the system Chromium through Playwright, against a live server with the demo content.

Playwright never downloads a browser here: it launches /usr/bin/chromium (or $CHROMIUM_PATH).
Without Chromium every browser test is skipped with the reason printed; CI installs it and sets
PROCESSDB_BROWSER_TESTS=required, which turns a missing browser into a failed run.

A failing test leaves a screenshot and the page's HTML in test-artifacts/<test>/ (or
$TEST_ARTIFACTS); the run's summary names the folder.
"""

import functools
import os
import re
import shutil
from pathlib import Path

import pytest

from tests import demo

# Playwright's sync API runs an event loop in the test thread; the ORM calls of the fixtures
# are still plain synchronous calls, so Django's async guard is switched off for these tests.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(os.environ.get("TEST_ARTIFACTS", ROOT / "test-artifacts"))
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PASSWORD = demo.PASSWORD
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

_written: list[Path] = []


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    reason = None
    if not Path(CHROMIUM).exists():
        reason = f"Chromium not found at {CHROMIUM} (apt-get install chromium); browser tests skipped"
    else:
        try:
            import playwright  # noqa: F401
        except ImportError:
            reason = "the playwright package is not installed (pip install -e '.[test]'); browser tests skipped"
    if reason and os.environ.get("PROCESSDB_BROWSER_TESTS") == "required":
        # CI installs Chromium: there a missing browser is a failure, not a quiet skip.
        raise pytest.UsageError(reason.replace("browser tests skipped", "browser tests are required here"))
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)
            if reason:
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


def pytest_terminal_summary(terminalreporter):
    if _written:
        terminalreporter.write_sep("-", "browser test artefacts")
        terminalreporter.write_line(f"Screenshots and HTML of failing browser tests: {ARTIFACTS}")
        for path in _written:
            terminalreporter.write_line(f"  {path}")


@pytest.fixture(scope="session")
def browser(django_db_setup):
    """Chromium, once per test process.

    While Playwright runs, its event loop counts as running in the test thread, and Django keeps
    the thread's database connections in a context-local slot of their own (asgiref's Local):
    the tests after the first browser test use connections the test database's teardown does not
    close. So the browser starts after the test database is set up and, when it ends, closes
    those connections; otherwise dropping the PostgreSQL test database fails ("being accessed
    by other users") and it is left behind.
    """
    from django.db import connections
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        yield chromium
        chromium.close()
        connections.close_all()  # still inside Playwright: the context-local connections


@pytest.fixture
def site(live_server, transactional_db, demo_content):
    """The live server's address, with the demo content and its accounts (password „demo“).

    Every test starts from the pristine demo state: the content is copied in (tests/demo.py),
    committed, and flushed after the test like any transactional test's rows.
    """
    return live_server.url


class Problems:
    """What the browser reported while the test ran: console errors (CSP violations included),
    server errors, and failed loads of anything but the page itself.

    A page that answers 4xx on purpose (404, 403, the 409 of an edit conflict, 400 of a form with
    errors) is the test's business; Chromium's console line about it is not counted.
    """

    def __init__(self):
        self.items: list[str] = []
        self._pages_with_4xx: set[str] = set()

    def console(self, message):
        if message.type != "error":
            return
        if message.text.startswith("Failed to load resource") and message.location.get("url") in self._pages_with_4xx:
            return
        self.items.append(f"console: {message.text}")

    def response(self, response):
        if response.status >= 500:
            self.items.append(f"{response.status} {response.url}")
        elif response.status >= 400:
            if response.request.is_navigation_request():
                self._pages_with_4xx.add(response.url)
            else:
                self.items.append(f"{response.status} {response.url}")


@pytest.fixture
def context(browser, request):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE", timezone_id="Europe/Berlin")
    context.set_default_timeout(15_000)
    yield context
    context.close()


@pytest.fixture
def page(context, request):
    page = context.new_page()
    problems = Problems()
    page.on("console", problems.console)
    page.on("response", problems.response)
    page.problems = problems
    yield page
    failed = any(getattr(getattr(request.node, f"report_{when}", None), "failed", False) for when in ("setup", "call"))
    if failed and not page.is_closed():
        save_artifacts(page, request.node.nodeid)


def save_artifacts(page, nodeid: str) -> None:
    folder = ARTIFACTS / re.sub(r"[^\w.-]+", "_", nodeid)[-150:]
    folder.mkdir(parents=True, exist_ok=True)
    try:
        page.screenshot(path=str(folder / "page.png"), full_page=True)
    except Exception as error:  # noqa: BLE001 - the HTML is still worth keeping
        (folder / "screenshot-error.txt").write_text(str(error))
    (folder / "page.html").write_text(page.content(), encoding="utf-8")
    (folder / "url.txt").write_text(page.url + "\n" + "\n".join(page.problems.items), encoding="utf-8")
    _written.append(folder)
    print(f"\nBrowser artefacts of this failure: {folder}")


def login(page, site: str, username: str, password: str = PASSWORD) -> None:
    """Log in through the form, as a person does."""
    page.goto(f"{site}/konto/anmelden/")
    page.get_by_label("Benutzername").fill(username)
    page.get_by_label("Passwort").fill(password)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url(lambda url: "/konto/anmelden/" not in url)


def axe_violations(page, *, exclude: list[str] | None = None) -> list[dict]:
    """Run axe-core (from node_modules) on the current page with the WCAG 2.1 A/AA rules.

    The script is evaluated through the DevTools protocol, so the page's CSP (no inline
    script) stays as it is.
    """
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_source())
    # Only violations are asked for and handed back: axe then skips building selectors for every
    # passing node, and the page does not send its whole result over (half the time of a check).
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    context = {"exclude": [[selector] for selector in exclude]} if exclude else None
    return page.evaluate(
        """([context, options]) => axe.run(context || document, options).then((result) => result.violations.map(
            (v) => ({id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target)})))""",
        [context, options],
    )


@functools.cache
def _axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


@pytest.fixture
def as_user(page, site):
    """as_user("sachbearbeitung") logs the page in as that demo account and returns the site's address."""

    def log_in(username: str) -> str:
        login(page, site, username)
        return site

    return log_in
