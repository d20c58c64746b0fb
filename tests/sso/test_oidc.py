"""Login through OpenID Connect against a real provider (oidc-provider on Node.js).

The Django test client plays the application's side; a `requests` session plays the browser at the
provider (its login form, its cookies). Nothing of the protocol is mocked: the codes, tokens and
keys are the provider's.
"""

import html
import re
import time
from urllib.parse import parse_qs, urljoin, urlsplit

import jwt
import pytest
import requests
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from django.test import Client

from processdb import groups
from processdb.models import AuditEvent, ExternalIdentity
from processdb.oidc import CityAccountBackend
from tests.factories import UserFactory
from tests.sso.conftest import CALLBACK, OIDC_PASSWORD

User = get_user_model()
Action = AuditEvent.Action
TESTSERVER = "http://testserver"


def through_provider(session, url, username=None, password=OIDC_PASSWORD) -> str:
    """Follow the provider's redirects, filling its login form once; the path back to the app."""
    for _ in range(12):
        if url.startswith(TESTSERVER):
            return url[len(TESTSERVER) :]
        response = session.get(url, allow_redirects=False)
        if response.is_redirect:
            url = urljoin(response.url, response.headers["Location"])
            continue
        assert username, f"the provider asks for a login: {response.text[:300]}"
        action = html.unescape(re.search(r'<form[^>]*action="([^"]*)"', response.text).group(1))
        form = {"login": username, "password": password}
        response = session.post(urljoin(response.url, action), data=form, allow_redirects=False)
        assert response.is_redirect, f"the provider refused the login: {response.text[:300]}"
        url, username = urljoin(response.url, response.headers["Location"]), None
    raise AssertionError("too many redirects")


def start(client, session, username, password=OIDC_PASSWORD) -> str:
    """The login button, then the provider: the callback path with code and state (not yet followed)."""
    response = client.get("/konto/stadt/")
    assert response.status_code == 302
    query = parse_qs(urlsplit(response["Location"]).query)
    assert query["code_challenge_method"] == ["S256"] and query["code_challenge"] and query["nonce"] and query["state"]
    return through_provider(session, response["Location"], username, password)


def log_in(username, password=OIDC_PASSWORD, client=None, session=None):
    client, session = client or Client(), session or requests.Session()
    back = start(client, session, username, password)
    assert back.startswith(CALLBACK)
    return client, client.get(back), session


def message_after(response, client) -> str:
    assert response.status_code == 302 and response["Location"] == "/konto/anmelden/"
    return client.get(response["Location"]).content.decode()


def test_a_user_logs_in_through_the_provider_and_gets_the_mapped_group(provider):
    client, response, _ = log_in("anna.schmidt")
    assert response.status_code == 302 and response["Location"] == "/"
    user = User.objects.get(username="anna.schmidt")
    assert (user.first_name, user.last_name, user.email) == ("Anna", "Schmidt", "anna.schmidt@stadt.example")
    assert not user.has_usable_password() and not user.is_staff
    assert list(user.groups.values_list("name", flat=True)) == [groups.READERS]
    assert ExternalIdentity.objects.get(user=user).subject == "u-1001"
    page = client.get("/")
    assert page.status_code == 200 and "Anna Schmidt" in page.content.decode()
    assert client.get("/oeffentlich/").status_code == 403
    assert AuditEvent.objects.get(action=Action.LOGIN, actor=user).details == "via=oidc"


def test_group_changes_at_the_provider_apply_at_the_next_login(provider, abh_department):
    client, response, _ = log_in("ben.wolf")
    user = User.objects.get(username="ben.wolf")
    assert list(user.groups.values_list("name", flat=True)) == [groups.TEAM_LEADS] and user.is_staff
    assert list(user.departments.all()) == [abh_department]
    assert client.get("/admin/").status_code == 200
    provider.set_account("ben.wolf", groups=["ABH-Sachbearbeitung"])
    try:
        client, response, _ = log_in("ben.wolf")
        assert response.status_code == 302
        user.refresh_from_db()
        assert list(user.groups.values_list("name", flat=True)) == [groups.READERS] and not user.is_staff
        assert not user.departments.exists()
        assert client.get("/admin/").status_code == 302
        changed = "['Teamleitung'] -> ['Sachbearbeitung']"
        assert AuditEvent.objects.filter(action=Action.GROUPS_CHANGED, details__contains=changed).exists()
    finally:
        provider.set_account("ben.wolf", groups=["ABH-Teamleitung"])


@pytest.mark.parametrize(
    ("username", "reason", "message"),
    [
        ("cora.frei", "no_group", "keiner Gruppe"),
        ("dora.ohnemail", "claims", "nicht alle nötigen Angaben"),
    ],
    ids=["unknown-group", "missing-claims"],
)
def test_refusals_create_no_user(provider, username, reason, message):
    before = User.objects.count()
    client, response, _ = log_in(username)
    assert message in message_after(response, client)
    assert User.objects.count() == before and not ExternalIdentity.objects.exists()
    assert AuditEvent.objects.filter(action=Action.LOGIN_REFUSED, details__contains=f"reason={reason}").exists()
    assert client.get("/").status_code == 302


def test_a_local_account_of_the_same_name_is_not_taken_over(provider):
    local = UserFactory(username="teamleitung", groups=[groups.TEAM_LEADS], is_staff=True)
    client, response, _ = log_in("teamleitung")
    assert "nicht automatisch übernommen" in message_after(response, client)
    local.refresh_from_db()
    assert list(local.groups.values_list("name", flat=True)) == [groups.TEAM_LEADS] and local.check_password("test-password")
    assert not ExternalIdentity.objects.exists()


def test_a_user_disabled_here_is_refused(provider):
    log_in("anna.schmidt")
    User.objects.filter(username="anna.schmidt").update(is_active=False)
    client, response, _ = log_in("anna.schmidt")
    assert "deaktiviert" in message_after(response, client)


@pytest.mark.parametrize("query", ["?code=abc&state=erfunden", "?code=abc", "?state=erfunden", "?code=%00&state=%ff"])
def test_an_unknown_state_is_refused(provider, query):
    client = Client()
    client.get("/konto/stadt/")  # a real state exists in the session, but not this one
    response = client.get(CALLBACK + query)
    assert "abgebrochen oder ist abgelaufen" in message_after(response, client)
    assert not User.objects.exists() or not ExternalIdentity.objects.exists()


def test_a_replayed_answer_is_refused(provider):
    client, session = Client(), requests.Session()
    back = start(client, session, "anna.schmidt")
    assert client.get(back)["Location"] == "/"
    assert client.post("/konto/abmelden/").status_code == 302
    assert "abgebrochen oder ist abgelaufen" in message_after(client.get(back), client)
    assert client.get("/").status_code == 302


def test_a_wrong_nonce_is_refused(provider):
    client, session = Client(), requests.Session()
    back = start(client, session, "anna.schmidt")
    stored = client.session
    for entry in stored["oidc_states"].values():
        entry["nonce"] = "eine-andere-nonce"
    stored.save()
    assert "nicht bestätigt" in message_after(client.get(back), client)
    assert not User.objects.filter(username="anna.schmidt").exists()
    assert AuditEvent.objects.filter(action=Action.LOGIN_REFUSED, details__contains="Nonce").exists()


def test_a_code_for_another_client_is_refused(provider):
    """The code of a login for another application cannot be redeemed by this one."""
    client, session = Client(), requests.Session()
    response = client.get("/konto/stadt/")
    other = response["Location"].replace(f"client_id={provider.client_id}", f"client_id={provider.other_client_id}")
    back = through_provider(session, other, "anna.schmidt")
    assert "nicht bestätigt" in message_after(client.get(back), client)
    assert not User.objects.exists() or not ExternalIdentity.objects.exists()


def mint(provider, *, key=None, **claims) -> str:
    now = int(time.time())
    payload = {"iss": provider.issuer, "sub": "u-1001", "aud": provider.client_id, "iat": now, "exp": now + 300, "nonce": "n"}
    payload.update(claims)
    payload = {name: value for name, value in payload.items() if value is not None}
    jwk = key or provider.private_jwk
    return jwt.encode(payload, jwt.PyJWK(jwk).key, algorithm="RS256", headers={"kid": provider.private_jwk["kid"]})


@pytest.mark.parametrize(
    "claims",
    [
        {"exp": int(time.time()) - 60},
        {"aud": "andere-anwendung"},
        {"aud": ["andere-anwendung", "processdb"], "azp": "andere-anwendung"},
        {"iss": "http://127.0.0.1:1/"},
        {"nonce": "eine-andere"},
        {"exp": None},
    ],
    ids=["expired", "other-client", "other-authorized-party", "other-issuer", "other-nonce", "no-expiry"],
)
def test_tokens_that_must_not_pass(provider, claims):
    backend = CityAccountBackend()
    assert backend.verify_token(mint(provider), nonce="n")["sub"] == "u-1001"  # the provider's key, all right
    with pytest.raises((SuspiciousOperation, jwt.InvalidTokenError)):
        backend.verify_token(mint(provider, **claims), nonce="n")


def test_a_token_signed_with_another_key_does_not_pass(provider):
    from tests.sso.servers import make_private_jwk

    forged = mint(provider, key={**make_private_jwk(), "kid": provider.private_jwk["kid"]})
    with pytest.raises((SuspiciousOperation, jwt.InvalidTokenError)):
        CityAccountBackend().verify_token(forged, nonce="n")


def test_the_provider_down_is_said_and_the_break_glass_login_still_works(provider):
    UserFactory(username="notfall", is_superuser=True, is_staff=True)
    client, session = Client(), requests.Session()
    back = start(client, session, "anna.schmidt")
    provider.stop()
    try:
        assert "nicht erreichbar" in message_after(client.get(back), client)
        assert not User.objects.filter(username="anna.schmidt").exists()
        local = Client()
        assert local.post("/konto/anmelden/", {"username": "notfall", "password": "test-password"}).status_code == 302
        assert local.get("/").status_code == 200
    finally:
        provider.start()


def test_logout_ends_the_session_here_and_at_the_provider(provider):
    client, response, session = log_in("anna.schmidt")
    id_token = client.session["oidc_id_token"]
    response = client.post("/konto/abmelden/")
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith(provider.endpoints()["end_session_endpoint"])
    query = parse_qs(urlsplit(location).query)
    assert query["id_token_hint"] == [id_token] and query["post_logout_redirect_uri"] == [f"{TESTSERVER}/konto/anmelden/"]
    assert client.get("/").status_code == 302  # logged out here
    page = session.get(location)
    assert page.status_code == 200 and "Abmelden" in page.text


def test_the_session_is_checked_at_the_provider_at_an_interval(provider, settings):
    client, response, session = log_in("anna.schmidt")
    stored = client.session
    stored["oidc_id_token_expiration"] = time.time() - 1
    stored.save()
    response = client.get("/prozesse/")
    assert response.status_code == 302 and response["Location"].startswith(provider.endpoints()["authorization_endpoint"])
    assert parse_qs(urlsplit(response["Location"]).query)["prompt"] == ["none"]
    # The provider's session still stands: silently back, still logged in, on the page asked for.
    back = through_provider(session, response["Location"])
    assert client.get(back)["Location"] == "/prozesse/"
    assert client.get("/prozesse/").status_code == 200
    # Without the provider's session (logged out there), the check ends this session too.
    stored = client.session
    stored["oidc_id_token_expiration"] = time.time() - 1
    stored.save()
    response = client.get("/prozesse/")
    back = through_provider(requests.Session(), response["Location"])
    assert "error=login_required" in back
    assert "abgebrochen oder ist abgelaufen" in message_after(client.get(back), client)
    assert client.get("/prozesse/").status_code == 302
