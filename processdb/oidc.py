"""Login with the city's account through OpenID Connect (mozilla-django-oidc).

Authorization code flow with PKCE; state and nonce are kept in the session and used once. The ID
token's signature (the provider's published keys), issuer, audience, expiry and nonce are checked
before the provider's user info is read; processdb.directory then creates or updates the user and
applies the group mapping. The callback below replaces mozilla-django-oidc's own so that every
refusal shows a German message, is audited, and never ends in a server error; it calls the backend
directly, so the login throttling (django-axes) keeps counting local password logins only.
"""

import time
from urllib.parse import urlencode

import jwt
import requests
from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, resolve_url
from django.urls import reverse
from django.utils.crypto import get_random_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import absolutify, add_state_and_verifier_and_nonce_to_session, generate_code_challenge
from mozilla_django_oidc.views import OIDCAuthenticationRequestView

from processdb import directory
from processdb.models import ExternalIdentity
from processdb.sso_settings import OIDC_BACKEND

SOURCE = ExternalIdentity.Source.OIDC
# Paths the session check leaves alone: the login flow itself, the public pages, the health check.
_UNCHECKED = ("/konto/", "/info/", "/sitemap.xml", "/healthz", "/static/")


def configured() -> bool:
    return bool(getattr(settings, "OIDC_RP_CLIENT_ID", ""))


class CityAccountBackend(OIDCAuthenticationBackend):
    """Verifies the provider's tokens; `processdb.directory.sign_in` makes the user.

    Its `authenticate` takes no password, so Django's password logins pass it by; the callback
    view calls it directly and gets a user or a `directory.Refusal`.
    """

    def authenticate(self, request, nonce=None, code_verifier=None):
        try:
            return super().authenticate(request, nonce=nonce, code_verifier=code_verifier)
        except directory.Refusal:
            raise
        except requests.HTTPError as exc:
            # 4xx: the provider refused the code (used, expired, another client's); 5xx: it is in trouble.
            status = exc.response.status_code if exc.response is not None else 500
            reason = "unreachable" if status >= 500 else "invalid"
            raise directory.refuse(reason, source=SOURCE, detail=f"HTTP {status}", request=request) from None
        except requests.RequestException as exc:
            raise directory.refuse("unreachable", source=SOURCE, detail=type(exc).__name__, request=request) from None
        except (SuspiciousOperation, jwt.InvalidTokenError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise directory.refuse("invalid", source=SOURCE, detail=str(exc)[:200], request=request) from None

    def get_user(self, user_id):
        from processdb.auth import load_user

        return load_user(user_id)

    def verify_token(self, token, **kwargs):
        """mozilla-django-oidc checks signature, expiry and nonce; the issuer and audience are checked here."""
        if not isinstance(token, str) or not token:
            raise SuspiciousOperation("no ID token")
        payload = super().verify_token(token, **kwargs)
        if "exp" not in payload or "iat" not in payload:
            raise SuspiciousOperation("ID token without exp or iat")
        if payload.get("iss") != settings.OIDC_OP_ISSUER:
            raise SuspiciousOperation(f"ID token of another issuer: {payload.get('iss')!r}")
        audience = payload.get("aud")
        audiences = [audience] if isinstance(audience, str) else list(audience or [])
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation(f"ID token for another client: {audiences!r}")
        if len(audiences) > 1 and payload.get("azp") != self.OIDC_RP_CLIENT_ID:
            raise SuspiciousOperation("ID token for several clients without this one as authorized party")
        return payload

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        if not isinstance(claims, dict) or claims.get("sub") != payload.get("sub"):
            # OpenID Connect Core 5.3.2: the user info must be about the subject of the ID token.
            raise SuspiciousOperation("user info of another subject")
        username = claims.get(settings.OIDC_USERNAME_CLAIM)
        email = claims.get("email")
        if not isinstance(username, str) or not username.strip() or not isinstance(email, str) or not email.strip():
            raise directory.refuse(
                "claims", source=SOURCE, name=str(username or ""), detail="username or email", request=self.request
            )
        external_groups = claims.get(settings.OIDC_GROUPS_CLAIM) or []
        if isinstance(external_groups, str):
            external_groups = [external_groups]
        return directory.sign_in(
            source=SOURCE,
            subject=payload["sub"],
            username=username,
            external_groups=[name for name in external_groups if isinstance(name, str)],
            first_name=claims.get("given_name") or "",
            last_name=claims.get("family_name") or "",
            email=email,
            request=self.request,
        )


def _refused(request, refusal: directory.Refusal):
    messages.error(request, refusal.message)
    return redirect("login")


@never_cache
@require_safe
@login_not_required
def start(request):
    """Off to the provider's login, with state, nonce and PKCE challenge kept in the session."""
    if not configured():
        raise Http404
    return OIDCAuthenticationRequestView.as_view()(request)


@never_cache
@require_safe
@login_not_required
def callback(request):
    """Back from the provider: state checked and used up, code exchanged, tokens verified, user signed in."""
    if not configured():
        raise Http404
    states = request.session.get("oidc_states")
    states = states if isinstance(states, dict) else {}
    entry = states.pop(request.GET.get("state", ""), None)
    if entry is not None:
        request.session["oidc_states"] = states  # used once: a replayed answer finds no state
    if request.GET.get("error"):
        # Denied at the provider, or the silent session check found the provider's session ended.
        if request.user.is_authenticated:
            auth.logout(request)
        return _refused(request, directory.refuse("cancelled", source=SOURCE, detail=request.GET["error"][:100], request=request))
    if not isinstance(entry, dict) or not request.GET.get("code"):
        return _refused(request, directory.refuse("cancelled", source=SOURCE, detail="unknown or used state", request=request))
    try:
        user = CityAccountBackend().authenticate(request, nonce=entry.get("nonce"), code_verifier=entry.get("code_verifier"))
    except directory.Refusal as refusal:
        if request.user.is_authenticated:
            auth.logout(request)
        return _refused(request, refusal)
    if user is None:
        return _refused(request, directory.refuse("invalid", source=SOURCE, request=request))
    if request.user.is_authenticated and request.user.pk == user.pk:
        request.session.cycle_key()  # a session check: the same user goes on
    else:
        auth.login(request, user, backend=OIDC_BACKEND)
    request.session["oidc_id_token_expiration"] = time.time() + settings.OIDC_RENEW_ID_TOKEN_EXPIRY_SECONDS
    return HttpResponseRedirect(request.session.pop("oidc_login_next", None) or resolve_url(settings.LOGIN_REDIRECT_URL))


def logout_url(request) -> str | None:
    """Where the logout goes after ending the session here: the provider's end-session endpoint."""
    id_token = request.session.get("oidc_id_token")
    endpoint = getattr(settings, "OIDC_OP_LOGOUT_ENDPOINT", "")
    if not configured() or not endpoint or not id_token or request.session.get(BACKEND_SESSION_KEY) != OIDC_BACKEND:
        return None
    query = urlencode(
        {
            "id_token_hint": id_token,
            "post_logout_redirect_uri": request.build_absolute_uri(reverse("login")),
            "client_id": settings.OIDC_RP_CLIENT_ID,
        }
    )
    return f"{endpoint}?{query}"


class SessionCheckMiddleware:
    """Checks a provider's session at the configured interval with a silent login (prompt=none).

    Only for sessions that came from the provider, only on GET requests of staff pages. If the
    provider answers that its session has ended, the callback logs the user out here as well.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            configured()
            and request.method == "GET"
            and not request.path_info.startswith(_UNCHECKED)
            and request.session.get(BACKEND_SESSION_KEY) == OIDC_BACKEND
            and request.session.get("oidc_id_token_expiration", 0) < time.time()
        ):
            return self._recheck(request)
        return self.get_response(request)

    def _recheck(self, request):
        state = get_random_string(32)
        code_verifier = get_random_string(64)
        params = {
            "response_type": "code",
            "client_id": settings.OIDC_RP_CLIENT_ID,
            "redirect_uri": absolutify(request, reverse("oidc_authentication_callback")),
            "state": state,
            "scope": settings.OIDC_RP_SCOPES,
            "prompt": "none",
            "nonce": get_random_string(32),
            "code_challenge": generate_code_challenge(code_verifier, "S256"),
            "code_challenge_method": "S256",
        }
        add_state_and_verifier_and_nonce_to_session(request, state, params, code_verifier)
        request.session["oidc_login_next"] = request.get_full_path()
        return HttpResponseRedirect(f"{settings.OIDC_OP_AUTHORIZATION_ENDPOINT}?{urlencode(params)}")
