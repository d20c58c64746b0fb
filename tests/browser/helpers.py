"""A tour of every page type of the app, per demo account, for the page-wide browser checks.

test_page_checks.py walks it and makes every page-wide check (axe and page_rules.py) on each
stop, so a new page type added here is checked by all of them. Each stop brings the page into the state to check (a form with
its errors, a preview, the edit conflict …) and leaves it there; it never relies on a previous
stop except through the demo content, and the tours of one account run in the order given.

Stops look up what they need with the ORM: the live server shares the test database.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.browser.conftest import login

# Demo content the tour relies on (created by `manage.py demo`).
PROCESS = "fiktionsbescheinigung"
ROLE = "sachbearbeitung-aufenthalt"
LAW, NORM = "aufenthg", "81"
DOCUMENT = "merkblatt-fiktionsbescheinigung"
ARTICLE = "fiktionsbescheinigung-varianten"  # three revisions, the third significant
CONFLICT_ARTICLE = "chancenkarte"  # edited twice at once by the editor's tour
DRAFT_ARTICLE = "servicecenter-termine-vollstaendigkeit"  # has a draft waiting for release
# The widths every page is checked at: desktop, and 320 CSS px (WCAG 1.4.10 reflow).
DESKTOP, NARROW = 1280, 320
# 200 % zoom of a 1280 px window is a 640 px wide viewport (WCAG 1.4.4).
ZOOMED = 640


@dataclass(frozen=True)
class Stop:
    """One page type in a defined state. `variant_of` names the page type it is a state of."""

    key: str
    visit: Callable
    variant_of: str | None = None
    admin: bool = False


def goto(path: str, status: int = 200) -> Callable:
    """A stop that opens `path` and makes sure it is the page meant (not a 404 by accident)."""

    def visit(page, site):
        response = page.goto(site + path)
        assert response.status == status, f"{path} answered {response.status}, expected {status}"

    return visit


# -- stops that need more than a GET --------------------------------------------------------


def _failed_login(page, site):
    page.goto(site + "/konto/anmelden/")
    page.get_by_label("Benutzername").fill("sachbearbeitung")
    page.get_by_label("Passwort").fill("falsch")
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_load_state()
    assert page.locator("#login-errors").count() == 1, "the failed login shows no error"


def _law_change_page(page, site):
    from lawchanges.models import LawChange

    change = LawChange.objects.filter(review_items__isnull=False).distinct().order_by("-effective_date").first()
    page.goto(f"{site}/pruefung/aenderungen/{change.pk}/")


def _edit_with_preview(page, site):
    page.goto(f"{site}/wissen/{ARTICLE}/bearbeiten/")
    page.locator("textarea[name=body]").fill(
        "Neuer Absatz mit Verweis auf § 81 Abs. 4 AufenthG und [[chancenkarte]].\n\n"
        "| Variante | Norm |\n| --- | --- |\n| Fortgeltung | § 81 Abs. 4 AufenthG |\n"
    )
    page.locator("input[name=change_note]").fill("Tabelle der Varianten ergänzt")
    page.get_by_role("button", name="Vorschau").click()
    page.locator("#preview-heading").wait_for()
    assert page.locator("#form-errors").count() == 0, "the preview came back with errors"


def _edit_conflict(page, site):
    url = f"{site}/wissen/{CONFLICT_ARTICLE}/bearbeiten/"
    other = page.context.new_page()
    try:
        other.goto(url)
        page.goto(url)
        other.locator("textarea[name=body]").fill("Die erste Änderung, gespeichert.")
        other.locator("input[name=change_note]").fill("Erste Änderung")
        other.get_by_role("button", name="Als Entwurf speichern").click()
        other.wait_for_load_state()
    finally:
        other.close()
    page.locator("textarea[name=body]").fill("Die zweite Änderung, zur selben Zeit begonnen.")
    page.locator("input[name=change_note]").fill("Zweite Änderung")
    with page.expect_response(lambda response: response.request.method == "POST") as answer:
        page.get_by_role("button", name="Als Entwurf speichern").click()
    assert answer.value.status == 409, f"expected the edit conflict (409), got {answer.value.status}"
    page.wait_for_load_state()


def _new_article_with_errors(page, site):
    page.goto(f"{site}/wissen/neu/")
    page.locator("input[name=change_note]").fill("")
    page.get_by_role("button", name="Als Entwurf speichern").click()
    page.locator("#form-errors").wait_for()


def _law_change_record_with_impact(page, site):
    page.goto(f"{site}/pruefung/aenderungen/neu/")
    page.locator("input[name=norms]").fill("81, 81a")
    page.locator("input[name=title]").fill("Änderung der Fiktionswirkung")
    page.locator("input[name=effective_date]").fill("2030-01-01")
    page.get_by_role("button", name="Auswirkungen anzeigen").click()
    page.locator("#impact-heading").wait_for()


def _sent_empty(path: str, button: str):
    """A stop: the form at `path` sent without input, back with its error summary."""

    def visit(page, site):
        page.goto(f"{site}{path}")
        page.get_by_role("button", name=button).click()
        page.locator("#form-errors").wait_for()

    return visit


def _checklist_item(state: str):
    def visit(page, site):
        page.goto(f"{site}/einarbeitung/")
        link = page.locator(f".checklist-item--{state} a").first
        page.goto(site + link.get_attribute("href"))

    return visit


def _assignment(page, site):
    from onboarding.models import Assignment

    page.goto(f"{site}/einarbeitung/zuweisung/{Assignment.objects.get(person__username='neu').pk}/")


def _path(page, site):
    from onboarding.models import ReadingPath

    page.goto(f"{site}/einarbeitung/pfade/{ReadingPath.objects.order_by('pk').first().pk}/")


def _draft_comments(page, site):
    """The discussion of an article draft that waits for release."""
    from django.db.models import F

    from knowledge.models import Article

    article = Article.objects.filter(latest_number__gt=F("published_revision__number")).order_by("pk").first()
    page.goto(f"{site}/entwuerfe/article/{article.pk}/{article.latest_number}/kommentare/")


def _admin(path_of: Callable[[], str]) -> Callable:
    def visit(page, site):
        page.goto(site + path_of())

    return visit


def _admin_process():
    from processes.models import Process

    return f"/admin/processes/process/{Process.objects.get(slug=PROCESS).pk}/change/"


def _admin_step():
    from processes.models import Step

    step = Step.objects.filter(process__slug=PROCESS, references__isnull=False).order_by("position").first()
    return f"/admin/processes/step/{step.pk}/change/"


def _admin_law_change():
    from lawchanges.models import LawChange

    return f"/admin/lawchanges/lawchange/{LawChange.objects.filter(review_items__isnull=False).first().pk}/change/"


def _admin_document():
    from documents.models import Document

    return f"/admin/documents/document/{Document.objects.get(slug=DOCUMENT).pk}/change/"


TOURS: dict[str, list[Stop]] = {
    "anonymous": [
        Stop("login", goto("/konto/anmelden/")),
        Stop("login-failed", _failed_login, variant_of="login"),
        Stop("accessibility-anonymous", goto("/barrierefreiheit/"), variant_of="accessibility"),
    ],
    "sachbearbeitung": [
        Stop("home", goto("/")),
        Stop("process-map", goto("/prozesse/")),
        Stop("process", goto(f"/prozesse/{PROCESS}/")),
        Stop("roles", goto("/rollen/")),
        Stop("role", goto(f"/rollen/{ROLE}/")),
        Stop("laws", goto("/recht/")),
        Stop("law", goto(f"/recht/{LAW}/")),
        Stop("norm", goto(f"/recht/{LAW}/{NORM}/")),
        Stop("documents", goto("/dokumente/")),
        Stop("document", goto(f"/dokumente/{DOCUMENT}/")),
        Stop("articles-filtered", goto("/wissen/?q=Karte&pruefung=ok")),
        Stop("article", goto(f"/wissen/{ARTICLE}/")),
        Stop("article-history", goto(f"/wissen/{ARTICLE}/versionen/")),
        Stop("article-revision", goto(f"/wissen/{ARTICLE}/versionen/1/")),
        Stop("article-compare", goto(f"/wissen/{ARTICLE}/vergleich/?von=1&zu=3")),
        Stop("article-compare-side", goto(f"/wissen/{ARTICLE}/vergleich/?von=1&zu=3&ansicht=nebeneinander"),
             variant_of="article-compare"),
        Stop("search-results", goto("/suche/?q=Fiktion")),
        Stop("search-empty", goto("/suche/?q=Xylophonunterricht")),
        Stop("review-queue", goto("/pruefung/")),
        Stop("handbook", goto("/prozesse/handbuch/")),
        Stop("law-change", _law_change_page),
        Stop("forbidden", goto("/wissen/neu/", status=403)),
        Stop("not-found", goto("/prozesse/gibt-es-nicht/", status=404)),
        Stop("accessibility", goto("/barrierefreiheit/")),
    ],
    "neu": [
        Stop("onboarding", goto("/einarbeitung/")),
        Stop("onboarding-item", _checklist_item("open")),
        Stop("onboarding-item-outdated", _checklist_item("outdated"), variant_of="onboarding-item"),
    ],
    "teamleitung": [
        Stop("team", goto("/einarbeitung/team/")),
        Stop("assignment", _assignment),
        Stop("paths", goto("/einarbeitung/pfade/")),
        Stop("path", _path),
    ],
    "redaktion": [
        Stop("article-editor", goto(f"/wissen/{DRAFT_ARTICLE}/"), variant_of="article"),
        Stop("article-edit", _edit_with_preview),
        Stop("article-conflict", _edit_conflict),
        Stop("article-new", _new_article_with_errors),
        Stop("document-upload-errors", _sent_empty(f"/dokumente/{DOCUMENT}/", "Hochladen"), variant_of="document"),
        Stop("document-new", _sent_empty("/dokumente/neu/", "Dokument speichern")),
        Stop("bpmn-import", _sent_empty("/prozesse/import/", "Als Entwurf importieren")),
        Stop("draft-comments", _draft_comments),
        Stop("review-queue-editor", goto("/pruefung/"), variant_of="review-queue"),
        Stop("law-change-record", _sent_empty("/pruefung/aenderungen/neu/", "Auswirkungen anzeigen")),
        Stop("law-change-record-impact", _law_change_record_with_impact, variant_of="law-change-record"),
    ],
    "admin": [
        Stop("admin-process", _admin(_admin_process), admin=True),
        Stop("admin-categories", goto("/admin/processes/category/"), admin=True),
        Stop("admin-step", _admin(_admin_step), admin=True),
        Stop("admin-law-changes", goto("/admin/lawchanges/lawchange/"), admin=True),
        Stop("admin-law-change", _admin(_admin_law_change), admin=True),
        Stop("admin-document", _admin(_admin_document), admin=True),
        Stop("admin-audit-log", goto("/admin/processdb/auditevent/"), admin=True),
    ],
}


def start_tour(page, site: str, user: str) -> None:
    if user != "anonymous":
        login(page, site, user)


def screenshot(page, folder: Path, key: str, width: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^\w-]+", "_", key)
    page.screenshot(path=str(folder / f"{name}-{width}.png"), full_page=True)
