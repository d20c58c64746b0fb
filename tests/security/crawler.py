"""A small crawler for the fuzzing test: finds the pages, forms and query parameters a user meets.

It reads the HTML the app serves (links, forms with their fields and submit buttons) and the URL
conf (every pattern with its converters), so a new form or parameter is fuzzed without anyone
adding it to a list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urljoin, urlsplit

from django.urls import URLPattern, URLResolver, get_resolver


@dataclass
class Form:
    page: str
    action: str
    method: str
    fields: list[tuple[str, str]] = field(default_factory=list)
    # name → the values offered (select options, radio buttons); the first is the default.
    choices: dict[str, list[str]] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    # name → what the user types in: "text" for text boxes and text areas, else "fixed"
    # (hidden fields, choices) whose values come from the page.
    kinds: dict[str, str] = field(default_factory=dict)
    buttons: list[tuple[str, str]] = field(default_factory=list)

    def data(self, button: tuple[str, str] | None = None) -> dict[str, list[str]]:
        values: dict[str, list[str]] = {}
        for name, value in self.fields:
            values.setdefault(name, []).append(value)
        for name, options in self.choices.items():
            values.setdefault(name, [options[0]] if options else [""])
        if button and button[0]:
            values[button[0]] = [button[1]]
        return values

    @property
    def names(self) -> list[str]:
        return sorted({name for name, _ in self.fields} | set(self.choices))

    @property
    def key(self) -> tuple:
        """Forms that differ only in their object (one per row of a table) are fuzzed once."""
        return (self.method, _shape(self.action), tuple(self.names), tuple(self.buttons))


def _shape(url: str) -> str:
    path = urlsplit(url).path
    return re.sub(r"/\d+(?=/|$)", "/<n>", path)


class _PageParser(HTMLParser):
    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.links: list[str] = []
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: str | None = None
        self._textarea: str | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(urljoin(self.page, attrs["href"]))
        elif tag == "form":
            self._form = Form(
                page=self.page,
                action=urljoin(self.page, attrs.get("action") or self.page),
                method=(attrs.get("method") or "get").lower(),
            )
            self.forms.append(self._form)
        elif self._form is None or not attrs.get("name") and tag != "option":
            return
        elif tag == "input":
            kind = (attrs.get("type") or "text").lower()
            name = attrs["name"]
            if kind == "file":
                self._form.files.append(name)
            elif kind in {"submit", "image", "button"}:
                self._form.buttons.append((name, attrs.get("value") or ""))
            elif kind in {"checkbox", "radio"}:
                options = self._form.choices.setdefault(name, [])
                value = attrs.get("value") or "on"
                options.insert(0, value) if "checked" in attrs else options.append(value)
            else:
                self._form.fields.append((name, attrs.get("value") or ""))
                self._form.kinds[name] = "fixed" if kind == "hidden" else "text"
        elif tag == "button":
            if (attrs.get("type") or "submit").lower() == "submit":
                self._form.buttons.append((attrs["name"], attrs.get("value") or ""))
        elif tag == "select":
            self._select = attrs["name"]
            self._form.choices.setdefault(self._select, [])
        elif tag == "option" and self._select:
            value = attrs.get("value")
            if value is not None:
                options = self._form.choices[self._select]
                options.insert(0, value) if "selected" in attrs else options.append(value)
        elif tag == "textarea":
            self._textarea = attrs["name"]
            self._text = ""

    def handle_data(self, data):
        if self._textarea:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea and self._form:
            self._form.fields.append((self._textarea, self._text))
            self._form.kinds[self._textarea] = "text"
            self._textarea = None


def parse(page: str, html: str) -> tuple[list[str], list[Form]]:
    parser = _PageParser(page)
    parser.feed(html)
    for form in parser.forms:
        if not form.buttons:
            form.buttons.append(("", ""))
    return parser.links, parser.forms


def local(url: str) -> str | None:
    """The path and query of a link to this site, None for anything else."""
    parts = urlsplit(url)
    if parts.scheme not in {"", "http"} or parts.netloc not in {"", "testserver"}:
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def query_parameters(url: str) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(url).query, keep_blank_values=True)


@dataclass(frozen=True)
class Pattern:
    route: str
    converters: tuple[tuple[str, str], ...]  # (name, converter kind)


def url_patterns() -> list[Pattern]:
    """Every route of the URL conf with the kind of each of its parameters (int, slug, str, regex)."""
    found: list[Pattern] = []

    def walk(patterns, prefix: str, converters: tuple):
        for entry in patterns:
            pattern = entry.pattern
            route = prefix + str(pattern)
            own = tuple(
                (name, type(converter).__name__.removesuffix("Converter").lower())
                for name, converter in getattr(pattern, "converters", {}).items()
            )
            regex_groups = tuple((name, "regex") for name in pattern.regex.groupindex if name not in dict(own))
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, route, converters + own + regex_groups)
            elif isinstance(entry, URLPattern):
                found.append(Pattern(route, converters + own + regex_groups))

    walk(get_resolver().url_patterns, "/", ())
    return found
