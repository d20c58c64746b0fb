"""Fixtures of the login with the city's account: a real slapd and a real OpenID provider.

Each test process starts its own servers once, on free loopback ports (tests/sso/servers.py),
and only when a test asks for them. Without slapd, python-ldap or the provider's npm package
the tests that need them are skipped with the reason; CI installs everything and sets
PROCESSDB_DIRECTORY_TESTS=required, which turns a missing piece into a failed run.
"""

import copy
import os
import shutil
from pathlib import Path

import pytest

from processdb import sso_settings

ROOT = Path(__file__).resolve().parents[2]
# The directory's and the provider's groups, mapped as a city would configure them.
GROUP_MAP = """
abh-sachbearbeitung=Sachbearbeitung
abh-redaktion=Redaktion
abh-teamleitung=Teamleitung,abteilung:ab
ABH-Sachbearbeitung=Sachbearbeitung
ABH-Teamleitung=Teamleitung,abteilung:ab
"""
LDAP_PASSWORD = "Geheim-123"
OIDC_PASSWORD = "Stadt-123"
CALLBACK = "/konto/stadt/zurueck/"


def _missing(what: str) -> str | None:
    if what == "ldap":
        if not shutil.which("slapd") and not Path("/usr/sbin/slapd").exists():
            return "slapd is not installed (apt-get install slapd ldap-utils)"
        try:
            import django_auth_ldap  # noqa: F401
            import ldap  # noqa: F401
        except ImportError:
            return "python-ldap / django-auth-ldap are not installed (apt-get install libldap2-dev libsasl2-dev; make install)"
    if what == "oidc" and not (ROOT / "node_modules" / "oidc-provider").is_dir():
        return "the npm package oidc-provider is not installed (make install)"
    return None


def _require(what: str):
    reason = _missing(what)
    if reason is None:
        return
    if os.environ.get("PROCESSDB_DIRECTORY_TESTS") == "required":
        pytest.fail(f"{reason}: the directory tests are required here")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def slapd_server(tmp_path_factory):
    _require("ldap")
    from tests.sso.servers import start_slapd

    server = start_slapd(tmp_path_factory.mktemp("slapd"))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def oidc_server(tmp_path_factory, live_server):
    _require("oidc")
    from tests.sso.servers import start_oidc_provider

    bases = ["http://testserver", live_server.url]
    provider = start_oidc_provider(
        tmp_path_factory.mktemp("oidc"),
        redirect_uris=[base + CALLBACK for base in bases],
        post_logout_redirect_uris=[base + "/konto/anmelden/" for base in bases],
    )
    yield provider
    provider.stop()


def ldap_env(server, **overrides) -> dict:
    return {
        "LDAP_SERVER_URI": server.uri,
        "LDAP_START_TLS": "1",
        "LDAP_CA_FILE": str(server.ca_file),
        "LDAP_BIND_DN": server.bind_dn,
        "LDAP_BIND_PASSWORD": server.bind_password,
        "LDAP_USER_BASE": f"ou=people,{server.base_dn}",
        "LDAP_GROUP_BASE": f"ou=groups,{server.base_dn}",
        "LDAP_TIMEOUT_SECONDS": "2",
        **overrides,
    }


def oidc_env(provider, **overrides) -> dict:
    endpoints = provider.endpoints()
    return {
        "OIDC_RP_CLIENT_ID": provider.client_id,
        "OIDC_RP_CLIENT_SECRET": provider.client_secret,
        "OIDC_OP_ISSUER": provider.issuer,
        "OIDC_OP_AUTHORIZATION_ENDPOINT": endpoints["authorization_endpoint"],
        "OIDC_OP_TOKEN_ENDPOINT": endpoints["token_endpoint"],
        "OIDC_OP_USER_ENDPOINT": endpoints["userinfo_endpoint"],
        "OIDC_OP_JWKS_ENDPOINT": endpoints["jwks_uri"],
        "OIDC_OP_LOGOUT_ENDPOINT": endpoints["end_session_endpoint"],
        "OIDC_RP_SCOPES": "openid email profile groups",
        "OIDC_TIMEOUT_SECONDS": "3",
        **overrides,
    }


def configure(settings, env: dict) -> None:
    """What processdb.settings makes of these environment variables, for this test."""
    for name, value in {**sso_settings.ldap(env), **sso_settings.oidc(env)}.items():
        setattr(settings, name, value)
    settings.AUTHENTICATION_BACKENDS = [
        "axes.backends.AxesStandaloneBackend",
        "processdb.auth.PermissionBackend",
        *sso_settings.backends(env),
    ]
    settings.PROCESSDB_DIRECTORY_GROUPS = sso_settings.group_map(env.get("PROCESSDB_DIRECTORY_GROUPS", GROUP_MAP))
    settings.PROCESSDB_LOCAL_LOGIN = sso_settings.local_login(env)
    policy = copy.deepcopy(settings.CONTENT_SECURITY_POLICY)
    policy["DIRECTIVES"]["form-action"] = ["'self'", *sso_settings.form_action(env)]
    settings.CONTENT_SECURITY_POLICY = policy


@pytest.fixture
def abh_department(db):
    from departments.models import Department

    return Department.objects.get_or_create(slug="ab", defaults={"name": "Ausländerbehörde"})[0]


@pytest.fixture
def directory(settings, slapd_server, abh_department):
    """The login with the LDAP test directory over StartTLS, certificates checked."""
    configure(settings, ldap_env(slapd_server))
    return slapd_server


@pytest.fixture
def provider(settings, oidc_server, abh_department):
    """The login with the OpenID test provider."""
    configure(settings, oidc_env(oidc_server))
    return oidc_server
