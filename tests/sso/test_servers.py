"""The test servers of tests/sso/servers.py work: slapd with its directory, ACLs, TLS and lockout,
the OpenID provider with discovery, the authorization-code flow with PKCE, userinfo and logout."""

import base64
import hashlib
import html
import re
import secrets
import time
from urllib.parse import parse_qs, urljoin, urlsplit

import jwt
import ldap
import pytest
import requests

from tests.sso.servers import LDAP_PASSWORD, OIDC_PASSWORD, start_oidc_provider, start_slapd

REDIRECT_URI = "http://127.0.0.1:9/oidc/callback/"
LOGOUT_URI = "http://127.0.0.1:9/abgemeldet/"


@pytest.fixture(scope="module")
def slapd(tmp_path_factory):
    server = start_slapd(tmp_path_factory.mktemp("slapd"))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def provider(tmp_path_factory):
    server = start_oidc_provider(tmp_path_factory.mktemp("oidc"), [REDIRECT_URI], [LOGOUT_URI])
    yield server
    server.stop()


# --- slapd --------------------------------------------------------------------------------------


def connect(uri, ca_file=None):
    connection = ldap.initialize(uri)
    connection.set_option(ldap.OPT_NETWORK_TIMEOUT, 5.0)
    connection.set_option(ldap.OPT_REFERRALS, 0)
    if ca_file is not None:
        connection.set_option(ldap.OPT_X_TLS_REQUIRE_CERT, ldap.OPT_X_TLS_DEMAND)
        connection.set_option(ldap.OPT_X_TLS_CACERTFILE, str(ca_file))
        connection.set_option(ldap.OPT_X_TLS_NEWCTX, 0)
    return connection


def service(slapd):
    connection = connect(slapd.uri)
    connection.simple_bind_s(slapd.bind_dn, slapd.bind_password)
    return connection


def test_the_service_account_finds_people_and_their_groups(slapd):
    connection = service(slapd)
    [(dn, attributes)] = connection.search_s(f"ou=people,{slapd.base_dn}", ldap.SCOPE_SUBTREE, "(uid=l.berger)")
    assert dn == slapd.user_dn("l.berger") == f"uid=l.berger,ou=people,{slapd.base_dn}"
    assert attributes["cn"] == [b"Lena Berger"]
    assert attributes["mail"] == [b"l.berger@stadt.example"]
    assert (attributes["givenName"], attributes["sn"]) == ([b"Lena"], [b"Berger"])
    assert "userPassword" not in attributes  # by * none, the service account too

    def groups_of(member):
        found = connection.search_s(f"ou=groups,{slapd.base_dn}", ldap.SCOPE_ONELEVEL, f"(member={member})", ["cn"])
        return sorted(attributes["cn"][0].decode() for _, attributes in found)

    assert groups_of(dn) == ["abh-sachbearbeitung"]
    assert groups_of(slapd.user_dn("t.keller")) == ["abh-leitungskreis"]
    assert groups_of(slapd.group_dn("abh-leitungskreis")) == ["abh-teamleitung"]  # nested
    assert groups_of(slapd.user_dn("k.ohnegruppe")) == ["kantine"]
    assert groups_of(slapd.user_dn("teamleitung")) == ["abh-sachbearbeitung"]
    people = connection.search_s(f"ou=people,{slapd.base_dn}", ldap.SCOPE_ONELEVEL, "(objectClass=inetOrgPerson)", ["uid"])
    assert sorted(a["uid"][0].decode() for _, a in people) == [
        "g.gesperrt", "k.ohnegruppe", "l.berger", "r.hoffmann", "t.keller", "teamleitung"]


def test_anonymous_sees_nothing_and_wrong_passwords_fail(slapd):
    anonymous = connect(slapd.uri)
    anonymous.simple_bind_s("", "")
    with pytest.raises(ldap.NO_SUCH_OBJECT):  # not even the base entry is disclosed
        anonymous.search_s(slapd.base_dn, ldap.SCOPE_SUBTREE, "(objectClass=*)")
    with pytest.raises(ldap.INVALID_CREDENTIALS):
        connect(slapd.uri).simple_bind_s(slapd.user_dn("l.berger"), "falsch")
    with pytest.raises(ldap.INVALID_CREDENTIALS):
        connect(slapd.uri).simple_bind_s(slapd.bind_dn, "falsch")


def test_people_bind_with_their_password_but_the_locked_one_does_not(slapd):
    for uid in ("l.berger", "t.keller", "r.hoffmann", "k.ohnegruppe", "teamleitung"):
        connection = connect(slapd.uri)
        connection.simple_bind_s(slapd.user_dn(uid), LDAP_PASSWORD)
        assert connection.whoami_s() == f"dn:{slapd.user_dn(uid)}"
        # A person reads its own entry, not others'.
        assert connection.search_s(slapd.user_dn(uid), ldap.SCOPE_BASE, "(objectClass=*)", ["cn"])
    with pytest.raises(ldap.INVALID_CREDENTIALS):
        connect(slapd.uri).simple_bind_s(slapd.user_dn("g.gesperrt"), LDAP_PASSWORD)
    admin = connect(slapd.uri)
    admin.simple_bind_s(slapd.admin_dn, slapd.admin_password)
    [(_, attributes)] = admin.search_s(slapd.user_dn("g.gesperrt"), ldap.SCOPE_BASE, attrlist=["pwdAccountLockedTime"])
    assert attributes == {"pwdAccountLockedTime": [b"000001010000Z"]}


def test_starttls_and_ldaps_check_the_certificate(slapd):
    connection = connect(slapd.uri, slapd.ca_file)
    connection.start_tls_s()
    connection.simple_bind_s(slapd.bind_dn, slapd.bind_password)
    assert connection.whoami_s() == f"dn:{slapd.bind_dn}"
    secure = connect(slapd.ldaps_uri, slapd.ca_file)
    secure.simple_bind_s(slapd.user_dn("l.berger"), LDAP_PASSWORD)
    assert secure.whoami_s() == f"dn:{slapd.user_dn('l.berger')}"
    # Not ldap://localhost: libldap checks the name the peer address resolves to (the machine's host name).

    with pytest.raises((ldap.CONNECT_ERROR, ldap.SERVER_DOWN)):
        connect(slapd.uri, slapd.wrong_ca_file).start_tls_s()
    with pytest.raises((ldap.CONNECT_ERROR, ldap.SERVER_DOWN)):
        connect(slapd.ldaps_uri, slapd.wrong_ca_file).simple_bind_s(slapd.bind_dn, slapd.bind_password)


def test_modify_changes_the_directory(slapd):
    dn = slapd.group_dn("abh-redaktion")
    slapd.modify(f"dn: {dn}\nchangetype: modify\nadd: member\nmember: {slapd.user_dn('l.berger')}\n")
    [(_, attributes)] = service(slapd).search_s(dn, ldap.SCOPE_BASE, attrlist=["member"])
    assert slapd.user_dn("l.berger").encode() in attributes["member"]
    slapd.modify(f"dn: {dn}\nchangetype: modify\ndelete: member\nmember: {slapd.user_dn('l.berger')}\n")
    with pytest.raises(RuntimeError, match="No such object"):
        slapd.modify(f"dn: cn=gibt-es-nicht,ou=groups,{slapd.base_dn}\nchangetype: delete\n")


def test_stop_and_start_keep_ports_and_data(slapd):
    dn = slapd.user_dn("r.hoffmann")
    slapd.modify(f"dn: {dn}\nchangetype: modify\nreplace: telephoneNumber\ntelephoneNumber: 0301234\n")
    uri = slapd.uri
    slapd.stop()
    with pytest.raises(ldap.SERVER_DOWN):
        connect(slapd.uri).simple_bind_s(slapd.bind_dn, slapd.bind_password)
    started = time.monotonic()
    slapd.start()
    assert time.monotonic() - started < 2
    assert slapd.uri == uri
    [(_, attributes)] = service(slapd).search_s(dn, ldap.SCOPE_BASE, attrlist=["telephoneNumber"])
    assert attributes == {"telephoneNumber": [b"0301234"]}


# --- OpenID provider ----------------------------------------------------------------------------


def pkce_pair():
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    return verifier, challenge


def follow(session, response, stop_at):
    """Follow redirects by hand: the URL (str) of the one to stop_at, where nothing listens, or the last page."""
    while response.is_redirect:
        location = urljoin(response.url, response.headers["Location"])
        if location.startswith(stop_at):
            return location
        response = session.get(location, allow_redirects=False)
    return response


def form_of(page):
    """(action, fields) of the page's first form, hidden values included."""
    action = html.unescape(re.search(r'<form[^>]*action="([^"]*)"', page).group(1))
    fields = {html.unescape(name): html.unescape(value)
              for name, value in re.findall(r'<input[^>]*name="([^"]*)"[^>]*value="([^"]*)"', page)}
    return action, fields


def authorize(provider, session, client_id=None, scope="openid email profile groups"):
    """Start an authorization request; return (login page, or callback URL with a session, verifier, state)."""
    verifier, challenge = pkce_pair()
    state = secrets.token_urlsafe(8)
    params = {"client_id": client_id or provider.client_id, "response_type": "code", "scope": scope,
              "redirect_uri": REDIRECT_URI, "state": state, "nonce": "n-1",
              "code_challenge": challenge, "code_challenge_method": "S256"}
    response = session.get(provider.endpoints()["authorization_endpoint"], params=params, allow_redirects=False)
    return follow(session, response, REDIRECT_URI), verifier, state


def log_in(provider, session, username, password=OIDC_PASSWORD, client_id=None):
    """Log in through the provider's form; return (callback URL with the code, or the page, verifier, state)."""
    page, verifier, state = authorize(provider, session, client_id)
    action, _ = form_of(page.text)
    response = session.post(urljoin(page.url, action), data={"login": username, "password": password},
                            allow_redirects=False)
    return follow(session, response, REDIRECT_URI), verifier, state


def redeem(provider, location, verifier, client_id=None, client_secret=None):
    code = parse_qs(urlsplit(location).query)["code"][0]
    response = requests.post(provider.endpoints()["token_endpoint"], data={
        "grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT_URI, "code_verifier": verifier,
        "client_id": client_id or provider.client_id, "client_secret": client_secret or provider.client_secret,
    }, timeout=10)
    assert response.status_code == 200, response.text
    return response.json()


def id_token_claims(provider, id_token, audience=None):
    public = {k: v for k, v in provider.private_jwk.items() if k in ("kty", "kid", "alg", "use", "n", "e")}
    jwks = requests.get(provider.endpoints()["jwks_uri"], timeout=10).json()
    assert jwks == {"keys": [public]}
    assert jwt.get_unverified_header(id_token)["kid"] == public["kid"]
    return jwt.decode(id_token, jwt.PyJWK(public).key, algorithms=["RS256"],
                      audience=audience or provider.client_id, issuer=provider.issuer)


def test_discovery_document(provider):
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+", provider.issuer)
    document = requests.get(f"{provider.issuer}/.well-known/openid-configuration", timeout=10).json()
    assert document["issuer"] == provider.issuer
    assert set(provider.endpoints()) == {
        "authorization_endpoint", "token_endpoint", "userinfo_endpoint", "jwks_uri", "end_session_endpoint"}
    assert all(url.startswith(provider.issuer + "/") for url in provider.endpoints().values())
    assert {"openid", "email", "profile", "groups"} <= set(document["scopes_supported"])
    assert {"email", "email_verified", "name", "given_name", "family_name", "preferred_username", "groups"} <= set(
        document["claims_supported"])
    assert document["code_challenge_methods_supported"] == ["S256"]
    assert "client_secret_post" in document["token_endpoint_auth_methods_supported"]
    assert "RS256" in document["id_token_signing_alg_values_supported"]


def test_the_login_form_refuses_a_wrong_password(provider):
    session = requests.Session()
    page, _, _ = authorize(provider, session)
    assert page.status_code == 200
    for text in ("Benutzername", "Passwort", "Anmelden", 'name="login"', 'name="password"'):
        assert text in page.text
    action, _ = form_of(page.text)
    wrong = session.post(urljoin(page.url, action), data={"login": "anna.schmidt", "password": "falsch"},
                         allow_redirects=False)
    assert wrong.status_code == 200
    assert "Benutzername oder Passwort falsch" in wrong.text
    unknown = session.post(urljoin(page.url, action), data={"login": "niemand", "password": OIDC_PASSWORD},
                           allow_redirects=False)
    assert "Benutzername oder Passwort falsch" in unknown.text
    # The same interaction still accepts the right password.
    right = session.post(urljoin(page.url, action), data={"login": "anna.schmidt", "password": OIDC_PASSWORD},
                         allow_redirects=False)
    assert follow(session, right, REDIRECT_URI).startswith(REDIRECT_URI + "?code=")


def test_code_flow_with_pkce_id_token_and_userinfo(provider):
    session = requests.Session()
    location, verifier, state = log_in(provider, session, "anna.schmidt")
    query = parse_qs(urlsplit(location).query)
    assert query["state"] == [state] and query["iss"] == [provider.issuer]
    tokens = redeem(provider, location, verifier)
    assert tokens["token_type"] == "Bearer"
    claims = id_token_claims(provider, tokens["id_token"])
    assert claims["sub"] == "u-1001" and claims["nonce"] == "n-1"
    assert claims["groups"] == ["ABH-Sachbearbeitung"]
    userinfo = requests.get(provider.endpoints()["userinfo_endpoint"], timeout=10,
                            headers={"Authorization": f"Bearer {tokens['access_token']}"})
    assert userinfo.status_code == 200, userinfo.text
    assert userinfo.json() == {
        "sub": "u-1001", "email": "anna.schmidt@stadt.example", "email_verified": True, "name": "Anna Schmidt",
        "given_name": "Anna", "family_name": "Schmidt", "preferred_username": "anna.schmidt",
        "groups": ["ABH-Sachbearbeitung"]}

    # The session cookie logs in again without the form; the code is single use and needs the verifier.
    page, verifier2, _ = authorize(provider, session)
    assert isinstance(page, str) and "code=" in page
    code_request = {"grant_type": "authorization_code", "code": parse_qs(urlsplit(page).query)["code"][0],
                    "redirect_uri": REDIRECT_URI, "client_id": provider.client_id,
                    "client_secret": provider.client_secret, "code_verifier": "x" * 43}
    token_endpoint = provider.endpoints()["token_endpoint"]
    assert requests.post(token_endpoint, data=code_request, timeout=10).json()["error"] == "invalid_grant"
    assert redeem(provider, page, verifier2)["access_token"]
    spent = requests.post(token_endpoint, data={**code_request, "code_verifier": verifier2}, timeout=10)
    assert spent.json()["error"] == "invalid_grant"


def test_missing_claims_and_the_other_client(provider):
    session = requests.Session()
    location, verifier, _ = log_in(provider, session, "dora.ohnemail", client_id=provider.other_client_id)
    tokens = redeem(provider, location, verifier, provider.other_client_id, provider.other_client_secret)
    claims = id_token_claims(provider, tokens["id_token"], audience=provider.other_client_id)
    assert claims["aud"] == provider.other_client_id and claims["sub"] == "u-1004"
    assert not {"email", "email_verified", "name", "given_name", "family_name"} & set(claims)
    userinfo = requests.get(provider.endpoints()["userinfo_endpoint"], timeout=10,
                            headers={"Authorization": f"Bearer {tokens['access_token']}"}).json()
    assert userinfo == {"sub": "u-1004", "preferred_username": "dora.ohnemail", "groups": ["ABH-Sachbearbeitung"]}


def test_pkce_is_required(provider):
    params = {"client_id": provider.client_id, "response_type": "code", "scope": "openid",
              "redirect_uri": REDIRECT_URI, "state": "s"}
    response = requests.get(provider.endpoints()["authorization_endpoint"], params=params, allow_redirects=False,
                            timeout=10)
    error = parse_qs(urlsplit(response.headers["Location"]).query)
    assert error["error"] == ["invalid_request"] and "PKCE" in error["error_description"][0]


def test_set_account_takes_effect_without_restart(provider):
    provider.set_account("ben.wolf", groups=["ABH-Redaktion", "Kantine"], email=None)
    location, verifier, _ = log_in(provider, requests.Session(), "ben.wolf")
    claims = id_token_claims(provider, redeem(provider, location, verifier)["id_token"])
    assert claims["groups"] == ["ABH-Redaktion", "Kantine"] and "email" not in claims

    provider.set_account("ben.wolf", password="Neu-456")
    page, _ = log_in(provider, requests.Session(), "ben.wolf")[:2]
    assert "Benutzername oder Passwort falsch" in page.text
    assert log_in(provider, requests.Session(), "ben.wolf", "Neu-456")[0].startswith(REDIRECT_URI)

    session = requests.Session()
    assert log_in(provider, session, "cora.frei")[0].startswith(REDIRECT_URI)
    provider.set_account("cora.frei", disabled=True)
    assert "Anmelden" in authorize(provider, session)[0].text  # its session no longer counts
    page = log_in(provider, requests.Session(), "cora.frei")[0]
    assert "Benutzername oder Passwort falsch" in page.text
    provider.set_account("cora.frei", disabled=None)
    assert log_in(provider, requests.Session(), "cora.frei")[0].startswith(REDIRECT_URI)

    provider.reset_accounts()
    assert provider.accounts()["ben.wolf"]["groups"] == ["ABH-Teamleitung"]
    assert provider.accounts()["ben.wolf"]["password"] == OIDC_PASSWORD


def test_tokens_minted_with_the_private_key_verify_against_the_jwks(provider):
    now = int(time.time())
    token = jwt.encode({"iss": provider.issuer, "aud": provider.client_id, "sub": "u-1001", "iat": now, "exp": now + 60},
                       jwt.PyJWK(provider.private_jwk).key, algorithm="RS256",
                       headers={"kid": provider.private_jwk["kid"]})
    assert id_token_claims(provider, token)["sub"] == "u-1001"


def test_rp_initiated_logout(provider):
    session = requests.Session()
    location, verifier, _ = log_in(provider, session, "teamleitung")
    tokens = redeem(provider, location, verifier)
    page = session.get(provider.endpoints()["end_session_endpoint"], params={
        "id_token_hint": tokens["id_token"], "post_logout_redirect_uri": LOGOUT_URI, "state": "weg"})
    assert page.status_code == 200 and "Abmelden" in page.text
    action, fields = form_of(page.text)
    response = session.post(urljoin(page.url, action), data={**fields, "logout": "yes"}, allow_redirects=False)
    assert follow(session, response, LOGOUT_URI) == LOGOUT_URI + "?state=weg"
    # The provider's session is gone: the next authorization asks for the password again.
    assert "Anmelden" in authorize(provider, session)[0].text


def test_stop_and_start_keep_the_issuer(provider):
    issuer = provider.issuer
    provider.stop()
    with pytest.raises(requests.ConnectionError):
        requests.get(issuer, timeout=5)
    started = time.monotonic()
    provider.start()
    assert time.monotonic() - started < 2
    assert provider.issuer == issuer
    assert provider.endpoints()["token_endpoint"] == f"{issuer}/token"
