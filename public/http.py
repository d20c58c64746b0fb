"""Public pages as shared, validated HTTP responses.

A public page is the same for every visitor. It is rendered without the request (no user, no
session, no CSRF token: nothing that could set a cookie), kept in the cache under the number of
the last change of what it shows (core.caching.generation of its tags), and sent with
``Cache-Control: public, no-cache``: browsers and proxies may store it but ask again each time,
and a conditional request is answered 304 from the ETag or Last-Modified. A released change
raises the tags' number, so the next request renders afresh: nobody sees the old text after the
change is committed.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.http import http_date, parse_etags, parse_http_date_safe

from core import caching
from public.models import PUBLIC

CACHE_CONTROL = "public, no-cache"


def _enabled() -> bool:
    return getattr(settings, "PROCESSDB_FRAGMENT_CACHE", True)


def index(request, code: str = "de") -> dict:
    """{slug: Entry} of the released services in a language, kept until a public change (one query
    for the version)."""
    from public.selectors import released_entries

    return caching.memo(
        request, f"public-index-{code}", (PUBLIC,), lambda: {entry.slug: entry for entry in released_entries(code)}
    )


def process_of(request, slug: str) -> int | None:
    """The process of the released service ``slug``, or None: kept per slug until a public change.

    A service page needs only this before it can look for its cached copy; reading the whole
    index (half a megabyte at 2,000 services) on every request cost more than the page itself.
    """
    from public.models import PublicText

    if len(slug) > PublicText._meta.get_field("slug").max_length:
        return None  # no service has such an address (and it would not fit a cache key)

    def compute() -> int:
        found = PublicText.objects.released().filter(slug=slug).values_list("process_id", flat=True).first()
        return found or 0  # 0: no such service (None would not be kept)

    return caching.memo(request, f"public-slug:{slug}", (PUBLIC,), compute) or None


def respond(request, name: str, parts: tuple, tags: tuple[str, ...], build) -> HttpResponse:
    """The page ``name`` for ``parts``: from the cache while its tags are unchanged, else ``build()``.

    ``build()`` returns (body, last modified as a datetime, content type).
    """
    caching.current_version(request)
    number = caching.generation(PUBLIC, *tags)
    digest = hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()[:32]
    key = f"public-page:{name}:{digest}:{number}"
    entry = cache.get(key) if _enabled() else None
    if entry is None:
        body, last_modified, content_type = build()
        body = body.encode("utf-8") if isinstance(body, str) else body
        entry = {
            "body": body,
            "etag": f'"{hashlib.sha256(body).hexdigest()[:32]}"',
            "last_modified": int(last_modified.timestamp()) if last_modified else None,
            "content_type": content_type,
        }
        if _enabled():
            cache.set(key, entry, caching.TIMEOUT)
    response = HttpResponse(entry["body"], content_type=entry["content_type"])
    response["ETag"] = entry["etag"]
    if entry["last_modified"] is not None:
        response["Last-Modified"] = http_date(entry["last_modified"])
    response["Cache-Control"] = CACHE_CONTROL
    if _not_modified(request, entry["etag"], entry["last_modified"]):
        response.status_code = 304
        response.content = b""
        del response["Content-Type"]
    return response


def _not_modified(request, etag: str, last_modified: int | None) -> bool:
    """A GET or HEAD whose validators match (RFC 9110 13.2.2): If-None-Match wins over If-Modified-Since.

    Other conditions (If-Match, If-Unmodified-Since) do not apply to reading a page and are
    ignored, so that no header, however forged, turns a page into an error.
    """
    if request.method not in {"GET", "HEAD"}:
        return False
    if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
    if if_none_match:
        tags = parse_etags(if_none_match)
        return "*" in tags or any(tag.removeprefix("W/") == etag for tag in tags)
    since = parse_http_date_safe(request.META.get("HTTP_IF_MODIFIED_SINCE", ""))
    return since is not None and last_modified is not None and last_modified <= since
