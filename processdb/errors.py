"""German error pages without internal details; a database that cannot be reached answers 503."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseForbidden
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

from core import ownership
from processdb import audit


def permission_denied(request, exception=None):
    audit.record(audit.Action.PERMISSION_DENIED, request=request, object_repr=request.path[:300])
    # Another department's content: the page says whose (core.ownership); other refusals say nothing more.
    reason = str(exception) if isinstance(exception, ownership.OwnedElsewhere) else ""
    return HttpResponseForbidden(loader.render_to_string("403.html", {"reason": reason}, request=request))


def page_not_found(request, exception=None):
    return HttpResponse(loader.render_to_string("404.html", request=request), status=404)


# Errors of a database that cannot be reached or does not answer in time: refused or lost
# connections, connect and statement time-outs (processdb/dbtimeouts.py), SQLite's "database is
# locked". Errors of our own making – DataError (e.g. a NUL byte), IntegrityError,
# ProgrammingError – are bugs and stay 500s, so they do not look like outages.
UNAVAILABLE = (OperationalError, InterfaceError)


def database_unavailable(error: BaseException | None) -> bool:
    """Whether `error`, or an error it was raised from or while handling, is an unreachable database."""
    seen = 0
    while error is not None and seen < 10:
        if isinstance(error, UNAVAILABLE):
            return True
        error = error.__cause__ or error.__context__
        seen += 1
    return False


@requires_csrf_token
def server_error(request):
    """500, or 503 when the database cannot be reached (both rendered without touching the database)."""
    if database_unavailable(sys.exc_info()[1]):
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = "30"
        return response
    return HttpResponse(loader.render_to_string("500.html"), status=500)


def csrf_failure(request, reason=""):
    audit.record(audit.Action.PERMISSION_DENIED, request=request, object_repr=request.path[:300], details="CSRF")
    return HttpResponseForbidden(loader.render_to_string("403_csrf.html", request=request))
