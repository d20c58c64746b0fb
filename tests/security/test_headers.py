"""Security headers, no inline script or style, and production settings that pass `check --deploy`."""

import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.test import Client

from tests.security.test_access_matrix import MATRIX, shared_world, world  # noqa: F401 - the fixtures are used below

ROOT = Path(__file__).resolve().parents[2]


def csp(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return {
        part.split()[0]: part.split(" ", 1)[1] if " " in part.strip() else ""
        for part in (p.strip() for p in header.split(";"))
        if part
    }


def assert_common_headers(response):
    policy = csp(response)
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["base-uri"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["form-action"] == "'self'"
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_the_login_page_sends_every_security_header(db):
    response = Client().get("/konto/anmelden/")
    assert response.status_code == 200
    assert_common_headers(response)


@pytest.mark.parametrize("url", ["/", "/prozesse/", "/admin/", "/admin/processes/process/"])
def test_pages_for_logged_in_users_are_never_stored(team_lead_client, url):
    response = team_lead_client.get(url)
    assert response.status_code == 200
    assert_common_headers(response)
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"no-store", "private"} <= cache_control
    assert "Cookie" in response["Vary"]


def test_a_download_for_a_logged_in_user_is_not_stored_either(team_lead_client, world):  # noqa: F811
    response = team_lead_client.get(f"/dokumente/{world['names']['document']}/versionen/1/herunterladen/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


class InlineFinder(HTMLParser):
    """Collects what a strict CSP would block: inline scripts, style elements and attributes, event handlers."""

    def __init__(self):
        super().__init__()
        self.found = []
        self._script_without_src = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script":
            self._script_without_src = "src" not in attributes and attributes.get("type") not in ("application/json",)
        if tag == "style":
            self.found.append("<style>")
        for name, value in attrs:
            if name == "style":
                self.found.append(f"<{tag} style={value!r}>")
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=…>")
            if name in ("href", "src", "action") and (value or "").lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}=javascript:…>")

    def handle_data(self, data):
        if self._script_without_src and data.strip():
            self.found.append(f"<script>{data.strip()[:40]}…")

    def handle_endtag(self, tag):
        if tag == "script":
            self._script_without_src = False


def test_no_page_has_inline_script_or_style(world):  # noqa: F811
    """Every page of the access matrix a team lead or the new hire can open, the admin included."""
    checked = 0
    for role in ("team_lead", "hire"):
        client = Client()
        client.force_login(world["users"][role])
        for row in MATRIX:
            url = row.url.format(**world["names"])
            response = client.get(url)
            if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
                continue
            finder = InlineFinder()
            finder.feed(response.content.decode())
            assert not finder.found, f"{url} as {role}: {finder.found[:5]}"
            checked += 1
    assert checked > 40


def test_markdown_in_an_article_cannot_bring_inline_style_or_script(editor_client, editor, second_editor):
    from knowledge import services

    article = services.article_create(
        author=editor,
        title="Versuch",
        note="1",
        body='<p style="color:red" onclick="alert(1)">Text</p><script>alert(1)</script>[Link](javascript:alert(1))',
    )
    services.revision_release(revision=article.revisions.get(), releaser=second_editor)
    finder = InlineFinder()
    finder.feed(editor_client.get(f"/wissen/{article.slug}/").content.decode())
    assert not finder.found


def production_env(**overrides):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DEBUG", "DATABASE_URL"))}
    env.update(
        DJANGO_SETTINGS_MODULE="processdb.settings",
        DJANGO_SECRET_KEY="x7#Qm2!vR9$kLp4@Zt8^Wn3&Hs6*Jd1%Fb5(Gc0)Yq7-Ue2+Ai9=Xo4",
        ALLOWED_HOSTS="prozesse.example.org",
        CSRF_TRUSTED_ORIGINS="https://prozesse.example.org",
        # Not the checkout's db.sqlite3: its journal files would appear in the checkout while
        # other tests look at it (tests/processdb/test_install_wheel.py).
        DATABASE_URL="sqlite://:memory:",
    )
    env.update(overrides)
    return env


def test_production_settings_pass_check_deploy():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_are_hardened():
    script = (
        "from django.conf import settings as s;"
        "print(s.DEBUG, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS,"
        " s.SESSION_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE, s.SECURE_PROXY_SSL_HEADER, s.SESSION_COOKIE_AGE)"
    )
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {script}"],
        cwd=ROOT,
        env=production_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "False",
        "True",
        "True",
        "True",
        "31536000",
        "True",
        "Lax",
        "('HTTP_X_FORWARDED_PROTO',",
        "'https')",
        "3600",
    ]


def test_production_refuses_to_start_without_a_secret_key():
    env = production_env()
    del env["DJANGO_SECRET_KEY"]
    # gunicorn starts by importing the WSGI application: that fails, naming the setting.
    result = subprocess.run(
        [sys.executable, "-c", "import processdb.wsgi"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr
    # Nothing can be signed with an empty key.
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); from django.core import signing; signing.dumps(1)"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
    # Commands that sign nothing still work on a bare checkout: the checks and the migration check.
    for command in (["check"], ["makemigrations", "--check", "--dry-run"]):
        result = subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stdout + result.stderr
