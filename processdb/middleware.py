"""Project middleware: private caching and sliding session expiry for logged-in users."""

import time

from django.utils.cache import add_never_cache_headers, patch_vary_headers

# Renew the session at most this often, so that inactivity ends it without a write per request.
SESSION_RENEW_SECONDS = 300
SEEN_KEY = "_seen"


def mark_seen(sender, request, user, **kwargs):
    """At login the session is written anyway: note the time so the next request need not."""
    request.session[SEEN_KEY] = int(time.time())


class PrivatePagesMiddleware:
    """Pages for logged-in users are never stored by browsers or proxies, and their session slides."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
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
