"""German error pages without internal details; a database outage answers 503."""

import sys

from django.db import DatabaseError
from django.http import HttpResponse, HttpResponseForbidden
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

from processdb import audit


def permission_denied(request, exception=None):
    audit.record(audit.Action.PERMISSION_DENIED, request=request, object_repr=request.path[:300])
    return HttpResponseForbidden(loader.render_to_string("403.html", request=request))


def page_not_found(request, exception=None):
    return HttpResponse(loader.render_to_string("404.html", request=request), status=404)


@requires_csrf_token
def server_error(request):
    """500, or 503 when the database does not answer (rendered without touching the database)."""
    error = sys.exc_info()[1]
    if isinstance(error, DatabaseError):
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = "30"
        return response
    return HttpResponse(loader.render_to_string("500.html"), status=500)


def csrf_failure(request, reason=""):
    audit.record(audit.Action.PERMISSION_DENIED, request=request, object_repr=request.path[:300], details="CSRF")
    return HttpResponseForbidden(loader.render_to_string("403_csrf.html", request=request))
