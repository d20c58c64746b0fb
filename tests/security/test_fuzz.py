"""Fuzzing: every page, form and query parameter, as every demo role, with hostile values.

The crawler starts at the start page (and the admin index) as each demo role and follows the
links it is shown, at most a few pages per URL pattern. Every form it meets is sent again with
all of its fields set to each value of a fixed hostile corpus, then with each field on its own
set to the kinds of value that broke something, or left out (and once with a raw body of invalid
UTF-8 and with wrong charsets); every query parameter of a link gets each value of the corpus,
and every URL pattern gets hostile values in its path parameters. Hypothesis adds generated text
for the search and list parameters and for the text fields of the forms.

Nothing of it may end in a server error: any 5xx, any exception, any ERROR logged by Django
fails the test with the list of requests that caused them.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from urllib.parse import urlencode, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client
from django.urls import Resolver404, resolve
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tests import demo as demo_content
from tests.security import crawler

ROLES = ("anonymous", "sachbearbeitung", "neu", "teamleitung", "admin")
PAGES_PER_ROUTE = 2
MAX_PAGES = 160

# One value per kind of trouble seen in production-like fuzzing (issue 16) and the classics.
# Each text field meets every one of them (all fields of its form at once, see fuzz_form), each
# query parameter of a link on its own.
HOSTILE = [
    "a\x00b",
    "\x01\x08\x1b[31m",
    "abc",
    "-1",
    "9" * 21,
    "1e309",
    "😀",
    "2026-02-30",
    "\r\n\r\nX-Injected: 1",
    "<script>alert(1)</script>",
    "//evil.example/",
    "x" * 3000,
    "",
]
# Nested emphasis just below the Markdown limits: the renderer's worst case (issue 16 found a
# RecursionError there).
EMPHASIS_BOMB = "*_" * 1249 + "x" + "_*" * 1249
# What each text field also gets on its own, the rest of the form left valid, so that the value
# passes validation and reaches what the view does with a valid form: the kinds of value that
# broke something (issue 16) – a NUL byte (PostgreSQL refuses it), huge numbers (integer and
# float overflow), an impossible date, a very long string, the emphasis bomb. The other values
# of HOSTILE are about a field's own cleaning, which every field meets with all of them at once.
HOSTILE_ALONE = ["a\x00b", "9" * 21, "1e309", "2026-02-30", "x" * 3000, EMPHASIS_BOMB]
# A form's further buttons (preview, save) get the values that broke something before, all
# fields at once; fields whose value comes from the page (hidden fields, choices) get a word and
# a huge number on their own.
SHORT = ["\x00", "abc", "9" * 21, "-1", "2026-02-30", ""]
FEW = ["abc", "9" * 21]
# The admin's forms and lists are Django's, slow to render; what broke them: words and huge
# numbers where ids go, impossible dates.
ADMIN = ["abc", "9" * 21, "2026-02-30"]
OWN_ADMIN = re.compile(r"/admin/(law|processes|documents|knowledge|lawchanges|onboarding|search|processdb)/")
# The rows of an inline formset ("steps-7-title") are fuzzed in their first row only.
INLINE_ROW = re.compile(r"-[1-9][0-9]*-")
# Raw query strings and bodies that are not valid UTF-8 or not even key=value.
RAW = ["%FF%FE%00", "%C0%AF", "\udcff".encode("utf-8", "surrogateescape").decode("latin-1"), "=&=&&a", "%"]
PATH_VALUES = {
    "int": ["0", "9" * 21, "-1"],
    "slug": ["x" * 300, "%00"],
    "str": ["%00", "x" * 300],
    "regex": ["9999a", "%00"],
    "norm": ["9999a", "0"],
}

# Actions whose side effect would end the crawl: logging out ends the session.
SKIP_ACTIONS = ("/konto/abmelden/",)


class Failures:
    def __init__(self):
        self.items: list[str] = []

    def check(self, label: str, call, *args, **kwargs):
        """`call(*args, **kwargs)` at once; an exception or a 5xx answer is a finding."""
        try:
            response = call(*args, **kwargs)
        except Exception as error:  # noqa: BLE001 - every exception is the finding
            self.items.append(f"{label}: {type(error).__name__}: {str(error)[:200]}")
            return None
        if response.status_code >= 500:
            self.items.append(f"{label}: HTTP {response.status_code}")
        return response


def _label(method: str, url: str, detail: str = "") -> str:
    shown = url if len(url) < 160 else url[:157] + "…"
    return f"{method.upper()} {shown} {detail[:120]!r}" if detail else f"{method.upper()} {shown}"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo content, loaded once for the module inside a transaction that is rolled back."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            demo_content.restore()
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _client(role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(get_user_model().objects.get(username=role))
    return client


def _route(path: str) -> str | None:
    try:
        return resolve(urlsplit(path).path).route
    except Resolver404:
        return None


def crawl(client: Client, failures: Failures, role: str):
    """Pages a role reaches from the start page, and the forms and parameterised links on them."""
    # The superuser crawls the admin, which only it sees whole; the other roles the app.
    admin = role == "admin"
    queue = ["/admin/"] if admin else ["/", "/konto/anmelden/"]
    seen: set[str] = set()
    per_route: dict[tuple, int] = defaultdict(int)
    forms: dict[tuple, crawler.Form] = {}
    links: dict[tuple, str] = {}
    # The query parameters of the admin pages queued so far, per route.
    admin_names: dict[str, set[str]] = defaultdict(set)
    while queue and len(seen) < MAX_PAGES:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        response = failures.check(_label("get", path), client.get, path)
        if response is None or response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        found_links, found_forms = crawler.parse(f"http://testserver{path}", response.content.decode())
        for form in found_forms:
            action = crawler.local(form.action)
            # The admin's pop-up variant of a form is the same form; its delete confirmations
            # only say "yes".
            if action and not any(skip in action for skip in (*SKIP_ACTIONS, "_popup=1", "/delete/")):
                if admin and form.method == "get":
                    # An admin list's search form carries the list's filters as hidden fields:
                    # one form per list, with the parameters of every filtered view of it.
                    key = (_route(action), tuple(form.buttons), form.method)
                    if key in forms:
                        _merge(forms[key], form)
                        continue
                else:
                    # One form per route: the edit form of every article is the same form.
                    names = tuple(sorted({INLINE_ROW.sub("-N-", name) for name in form.names}))
                    key = (_route(action), names, tuple(form.buttons), form.method)
                forms.setdefault(key, form)
        for link in found_links:
            target = crawler.local(link)
            route = target and _route(target)
            if not route or any(skip in target for skip in SKIP_ACTIONS) or route.startswith("admin/") != admin:
                continue
            names = tuple(sorted({name for name, _ in crawler.query_parameters(target)}))
            if names and route.startswith("admin/"):
                # The admin's lists link every filter choice: their parameters, once per list.
                merged = dict(crawler.query_parameters(links.get((route,), "")))
                merged.update(crawler.query_parameters(target))
                links[(route,)] = f"{urlsplit(target).path}?{urlencode(merged)}"
            elif names:
                links.setdefault((route, names), target)
            if names and route.startswith("admin/"):
                # A list filtered by choices whose parameters were all met already (two filters
                # combined, another sort order) shows the same forms, links and parameters as
                # the views of each: only a parameter not met before (a date drill-down's next
                # level) is worth the page.
                if admin_names[route].issuperset(names):
                    continue
                admin_names[route].update(names)
            if per_route[(route, names)] < (1 if route.startswith("admin/") else PAGES_PER_ROUTE) and target not in seen:
                per_route[(route, names)] += 1
                queue.append(target)
    return seen, list(forms.values()), list(links.values())


def _merge(into: crawler.Form, form: crawler.Form) -> None:
    """Add the fields `form` has and `into` lacks (their first value) to `into`."""
    names = set(into.names)
    for name, value in form.fields:
        if name not in names:
            into.fields.append((name, value))
            into.kinds[name] = form.kinds[name]
    for name, options in form.choices.items():
        into.choices.setdefault(name, options)


def _fields(form: crawler.Form) -> list[str]:
    return [name for name in form.names if not INLINE_ROW.search(name)]


# A form with more text fields than this (the public text's editor: thirty modules) gives each
# text field two of HOSTILE_ALONE on its own, in turn, so that every value still meets the view
# alone and every field two of them; all values meet every field at once as before.
MANY_TEXT_FIELDS = 12


def _alone(name: str, texts: list[str]) -> list[str]:
    if len(texts) <= MANY_TEXT_FIELDS:
        return HOSTILE_ALONE
    start = texts.index(name) % len(HOSTILE_ALONE)
    return [HOSTILE_ALONE[start], HOSTILE_ALONE[(start + 1) % len(HOSTILE_ALONE)]]


def fuzz_form(client: Client, failures: Failures, form: crawler.Form):
    """Each field with hostile values one at a time, then every field with each value at once.

    Setting every field at once reaches each field's own cleaning in one request (a form cleans
    all its fields): the first button of a form with text fields gets the whole corpus that way;
    other buttons (preview, save) and forms of hidden fields and choices only, whose values come
    from the page, the values that broke something before. One field at a time, with the rest
    valid, reaches what a view does with a valid form: text fields get HOSTILE_ALONE, fields
    whose value comes from the page (hidden fields, choices) a word and a huge number, and every
    field is left out once. The admin's forms, which are expensive to render, get the values
    that broke them, all fields at once.
    """
    path = crawler.local(form.action)
    send = client.post if form.method == "post" else client.get
    admin = path.startswith("/admin/")
    for index, button in enumerate(form.buttons[:1] if admin else form.buttons):
        base = form.data(button)
        if index == 0 and not admin:
            fields = _fields(form)
            texts = [name for name in fields if form.kinds.get(name) == "text"]
            for name in fields:
                for value in _alone(name, texts) if form.kinds.get(name) == "text" else FEW:
                    data = {**base, name: [value]}
                    failures.check(_label(form.method, path, f"{name}={value}"), send, path, data)
                data = {key: values for key, values in base.items() if key != name}
                failures.check(_label(form.method, path, f"without {name}"), send, path, data)
        if admin:
            corpus = ADMIN
        elif index == 0 and any(form.kinds.get(name) == "text" for name in _fields(form)):
            corpus = [*HOSTILE, EMPHASIS_BOMB, *(value for value in SHORT if value not in HOSTILE)]
        else:
            corpus = SHORT
        for value in corpus:
            data = {**base, **{name: [value] for name in _fields(form)}}
            failures.check(_label(form.method, path, f"every field={value}"), send, path, data)
    # Broken bodies are parsed before any view runs, the same way for every form: the app's
    # forms prove it, the admin's need not again.
    if form.method == "post" and not admin:
        body = urlencode(form.data(form.buttons[0]), doseq=True)
        for raw in RAW:
            failures.check(
                _label("post", path, f"raw body {raw}"),
                client.generic,
                "POST",
                path,
                f"{body}&{raw}".encode("latin-1"),
                "application/x-www-form-urlencoded",
            )
        for charset in ("utf-16", "does-not-exist"):
            failures.check(
                _label("post", path, f"charset={charset}"),
                client.generic,
                "POST",
                path,
                body.encode(),
                f"application/x-www-form-urlencoded; charset={charset}",
            )
        for name in form.files:
            failures.check(
                _label("post", path, f"{name}=<not a file>"), client.post, path, {**form.data(form.buttons[0]), name: "x"}
            )


def fuzz_link(client: Client, failures: Failures, link: str):
    """Each query parameter with each value; in the admin's lists, every parameter at once."""
    path = urlsplit(link).path
    parameters = crawler.query_parameters(link)
    admin = path.startswith("/admin/")
    for index, (name, _) in enumerate(parameters if not admin else []):
        for value in HOSTILE:
            query = urlencode([*parameters[:index], (name, value), *parameters[index + 1 :]])
            failures.check(_label("get", f"{path}?{query}"), client.get, f"{path}?{query}")
        if not admin:
            for raw in RAW:
                failures.check(_label("get", f"{path}?{name}={raw}"), client.get, f"{path}?{name}={raw}")
    if admin:
        for value in ADMIN:
            query = urlencode([(name, value) for name, _ in parameters])
            failures.check(_label("get", f"{path}?{query}"), client.get, f"{path}?{query}")


def fuzz_paths(client: Client, failures: Failures, pages: set[str]):
    """Hostile values in the path parameters of every route, the others taken from a real page."""
    examples = {}
    for page in pages:
        try:
            match = resolve(urlsplit(page).path)
        except Resolver404:
            continue
        examples.setdefault(match.route, match.kwargs)
    for pattern in crawler.url_patterns():
        if not pattern.converters or pattern.route.startswith("/admin/"):
            continue
        real = examples.get(pattern.route.lstrip("/"), {})
        for name, kind in pattern.converters:
            for value in PATH_VALUES.get(kind, PATH_VALUES["str"]):
                path = _fill(pattern.route, {**{n: str(v) for n, v in real.items()}, name: value})
                if path:
                    failures.check(_label("get", path), client.get, path)
                    failures.check(_label("post", path), client.post, path, {"next": "abc", "number": "9" * 21})


def _fill(route: str, values: dict[str, str]) -> str | None:
    import re

    def replace(match):
        name = match.group("name")
        return values.get(name, "1")

    path = re.sub(r"<(?:\w+:)?(?P<name>\w+)>", replace, route)
    path = re.sub(r"\(\?P<(?P<name>\w+)>[^)]*\)", replace, path)
    path = path.replace("^", "").replace("$", "")
    return path if "(" not in path else None


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_no_input_breaks_a_page(demo, role, caplog):
    failures = Failures()
    client = _client(role)
    with caplog.at_level(logging.ERROR, logger="django"):
        pages, forms, links = crawl(client, failures, role)
        assert len(pages) > (20 if role != "anonymous" else 1), "the crawl found too few pages to mean anything"
        assert forms, "the crawl found no form"
        for form in forms:
            if form.action.startswith("http://testserver/admin/") != (role == "admin"):
                # The admin's forms once, as the superuser who sees them all; the app's forms
                # as the roles that use them (the team lead sees every one of them).
                continue
            if role == "admin" and not OWN_ADMIN.match(crawler.local(form.action)):
                continue  # the admin of Django's and the libraries' own models is theirs to test
            # Each form meets the same data and a fresh session: what one form changed (a user
            # renamed, a row deleted) is rolled back before the next.
            with transaction.atomic():
                fuzz_form(_client(role), failures, form)
                transaction.set_rollback(True)
        for link in links:
            fuzz_link(client, failures, link)
        if role != "admin":
            fuzz_paths(client, failures, pages)
    # An exception in a view is logged as "Internal Server Error" and already listed above.
    failures.items.extend(
        f"logged: {record.getMessage()[:200]}"
        for record in caplog.records
        if record.levelno >= logging.ERROR
        and not record.getMessage().startswith("Internal Server Error")
        # Django logs refused suspicious requests (answered 400) as security errors.
        and not record.name.startswith("django.security.")
    )
    assert not failures.items, f"{len(failures.items)} requests ended in a server error:\n" + "\n".join(failures.items[:80])


GENERATED = st.text(st.characters(codec="utf-8"), max_size=300)


@pytest.mark.django_db
@hypothesis_settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=GENERATED, number=st.one_of(st.integers(), st.text(max_size=30)))
def test_generated_values_in_search_and_lists(demo, value, number):
    failures = Failures()
    client = _client("teamleitung")
    for path in ("/suche/", "/wissen/", "/dokumente/", "/pruefung/", "/prozesse/", "/einarbeitung/team/"):
        query = urlencode({"q": value, "seite": number, "art": value, "bereich": number, "rolle": number, "prozess": number})
        failures.check(_label("get", f"{path}?{query}"), client.get, f"{path}?{query}")
    assert not failures.items, "\n".join(failures.items)


@pytest.mark.django_db
@hypothesis_settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=GENERATED, body=GENERATED, date=st.text(max_size=20), note=GENERATED)
def test_generated_values_in_forms(demo, title, body, date, note):
    failures = Failures()
    client = _client("teamleitung")
    article = "/wissen/neu/"
    failures.check(_label("post", article), lambda: client.post(article, {"title": title, "body": body, "action": "preview"}))
    failures.check(
        _label("post", "/pruefung/schliessen/"),
        lambda: client.post("/pruefung/schliessen/", {"items": [1], "status": "done", "note": note, "next": title}),
    )
    failures.check(
        _label("post", "/konto/anmelden/"), lambda: Client().post("/konto/anmelden/", {"username": title, "password": note})
    )
    failures.check(
        _label("get", "/einarbeitung/"),
        lambda: client.post("/prozesse/visum-zur-familienzusammenfuehrung/geprueft/", {"next_review": date, "next": note}),
    )
    assert not failures.items, "\n".join(failures.items)
