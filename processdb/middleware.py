"""Project middleware: private caching and sliding session expiry for logged-in users; clean input;
the directory check of directory users' sessions."""

import re
import time

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequiredMiddleware
from django.http import QueryDict
from django.utils.cache import add_never_cache_headers, patch_vary_headers

from processdb.sso_settings import LDAP_BACKEND

# Renew the session at most this often, so that inactivity ends it without a write per request.
# The idle timeout is exact to this much: a session ends at most a minute before a full idle
# time after the last request (it was five minutes; one write per user and minute is cheap).
SESSION_RENEW_SECONDS = 60
SEEN_KEY = "_seen"
# Pages for applicants: shared and cacheable, without session or user (public.http).
PUBLIC_PATHS = ("/info/", "/sitemap.xml")


def mark_seen(sender, request, user, **kwargs):
    """At login the session is written anyway: note the time so the next request need not."""
    request.session[SEEN_KEY] = int(time.time())


class PrivatePagesMiddleware:
    """Pages for logged-in users are never stored by browsers or proxies, and their session slides."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(PUBLIC_PATHS):
            # Public pages (public.http) are the same for everyone and say so themselves; they
            # must not touch the session, or a logged-in visitor's page would carry a cookie.
            return self.get_response(request)
        user = getattr(request, "user", None)
        authenticated = bool(user and user.is_authenticated)
        if authenticated:
            now = int(time.time())
            if now - request.session.get(SEEN_KEY, 0) > SESSION_RENEW_SECONDS:
                request.session[SEEN_KEY] = now
        response = self.get_response(request)
        if authenticated and not response.has_header("Cache-Control"):
            add_never_cache_headers(response)
            patch_vary_headers(response, ["Cookie"])
        return response


# C0 control characters but tab, line feed and carriage return, and DEL. Nobody types them;
# PostgreSQL refuses NUL in text, and the others only hide what a text says.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _without_control_characters(data: QueryDict) -> QueryDict | None:
    """A copy of `data` without control characters in keys and values, or None if it had none."""
    if not any(
        _CONTROL_CHARACTERS.search(key) or any(_CONTROL_CHARACTERS.search(v) for v in values) for key, values in data.lists()
    ):
        return None
    cleaned = QueryDict(mutable=True)
    for key, values in data.lists():
        cleaned.setlist(_CONTROL_CHARACTERS.sub("", key), [_CONTROL_CHARACTERS.sub("", value) for value in values])
    cleaned._mutable = False
    return cleaned


class InputCleaningMiddleware:
    """Query parameters and form fields reach the views without control characters.

    One place instead of every view and form: a NUL byte in a search box or a form field is
    removed, so no text with it reaches the database (PostgreSQL would refuse it with an error)
    or a page. Uploaded files are left as they are.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if cleaned := _without_control_characters(request.GET):
            request.GET = cleaned
        if request.method == "POST" and request.content_type in {"application/x-www-form-urlencoded", "multipart/form-data"}:
            if cleaned := _without_control_characters(request.POST):
                request.POST = cleaned
        return self.get_response(request)


class HealthCheckMiddleware:
    """`GET /healthz` answered right after the security middleware, without the rest of the stack.

    Load balancers and monitoring ask several times a second; CSP, sessions, CSRF, login,
    messages and the lockout middleware have nothing to do for a plain-text "ok". The host is
    still checked against ALLOWED_HOSTS, and other methods take the normal path (405).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == "/healthz" and request.method in {"GET", "HEAD"}:
            from processdb.views import healthz

            request.get_host()  # DisallowedHost → 400, as for every other page
            return healthz(request)
        return self.get_response(request)


class LoginRequiredMiddleware(DjangoLoginRequiredMiddleware):
    """Django's, but a view marked @login_not_required is let through before the user is looked at.

    Django asks for the user first, which reads the session: a public page would then vary by
    cookie and, for a logged-in visitor, cost a query, although it is the same for everyone.
    """

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not getattr(view_func, "login_required", True):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class DirectoryRecheckMiddleware:
    """Sessions of directory users are checked against the directory every
    PROCESSDB_LDAP_RECHECK_SECONDS (processdb.ldap.recheck); nothing happens without a directory."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if getattr(settings, "AUTH_LDAP_SERVER_URI", "") and not request.path_info.startswith(PUBLIC_PATHS):
            from processdb import ldap  # python-ldap is needed only where a directory is configured

            if (
                request.session.get(BACKEND_SESSION_KEY) == LDAP_BACKEND
                and request.session.get(ldap.CHECKED_KEY, 0) + settings.PROCESSDB_LDAP_RECHECK_SECONDS < time.time()
                and request.user.is_authenticated
            ):
                ldap.recheck(request)
        return self.get_response(request)
