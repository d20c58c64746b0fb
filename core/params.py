"""Reading what a request brings: numbers, path ids and the page to go back to.

Everything here treats bad input as "not given": a view never has to guard against a
number too large for the database or a `next` that is not a local URL.
"""

from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme

# The largest value of a signed 64-bit integer column (BigAutoField); SQLite raises
# OverflowError and PostgreSQL an error for anything beyond, and no row has such an id.
MAX_DATABASE_INT = 2**63 - 1


def int_or_none(value) -> int | None:
    """A number from a query string or form; anything else, or a number no column can hold, is None."""
    try:
        number = int(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return number if -MAX_DATABASE_INT <= number <= MAX_DATABASE_INT else None


class IdConverter:
    """`<id:pk>` in URL patterns: a positive number a database column can hold.

    Django's `int` converter accepts any number of digits, and a lookup with 21 of them ends
    in an OverflowError; 18 digits are below 2**63 and a longer number is simply not found.
    """

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(value)


def safe_next_url(request, fallback: str, *, field: str = "next") -> str:
    """The local page named in the POST (or GET) field `next`, else `fallback`.

    Only a path on this host counts: another host, another scheme or a bare word ("abc",
    which `redirect()` would take for a view name) sends the user to `fallback`.
    """
    target = request.POST.get(field) or request.GET.get(field) or ""
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def redirect_back(request, fallback: str, *, field: str = "next") -> HttpResponseRedirect:
    return HttpResponseRedirect(safe_next_url(request, fallback, field=field))
