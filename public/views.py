"""Public pages for applicants (/info/): no login, no cookie, the same for everyone.

Each view names what its page shows (cache tags) and how to build it; public.http serves it
from the cache with ETag and Last-Modified. Templates are rendered without the request, so
nothing personal and no CSRF token can reach a page that proxies may store.
"""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import FileResponse, Http404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core import caching
from core.caching import tag
from public import feeds, selectors
from public.http import CACHE_CONTROL, index, respond


def _render(template: str, **context) -> str:
    context.setdefault("organisation", settings.PROCESSDB_ORGANISATION)
    context.setdefault("department", settings.PROCESSDB_DEPARTMENT)
    context.setdefault("accessibility_url", settings.PROCESSDB_PUBLIC_ACCESSIBILITY_URL)
    return render_to_string(template, context)


def _newest(entries) -> object:
    return max((entry.released_at for entry in entries), default=None)


def public_view(function):
    """GET and HEAD only, without login."""
    return login_not_required(require_safe(function))


@public_view
def start(request):
    def build():
        entries = list(index(request).values())
        html = _render("public/start.html", topics=selectors.by_topic(entries), nav="start")
        return html, _newest(entries), "text/html; charset=utf-8"

    return respond(request, "start", (), (), build)


@public_view
def a_to_z(request):
    def build():
        entries = list(index(request).values())
        html = _render("public/a_to_z.html", letters=selectors.by_letter(entries), nav="a-z")
        return html, _newest(entries), "text/html; charset=utf-8"

    return respond(request, "a-z", (), (), build)


@public_view
def search(request):
    query = (request.GET.get("q") or "")[: selectors.MAX_QUERY_LENGTH]
    words = tuple(selectors.query_words(query))

    def build():
        results = selectors.search(" ".join(words)) if words else []
        html = _render(
            "public/search.html", query=query.strip(), results=results, searched=bool(words), az_url=reverse("public:a_to_z")
        )
        return html, _newest(results) or timezone.now(), "text/html; charset=utf-8"

    return respond(request, "search", (query.strip(),), (), build)


def _service(request, slug: str, name: str, template: str):
    entry = index(request).get(slug)
    if entry is None:
        raise Http404

    def build():
        page = selectors.service_page(slug)
        if page is None:
            raise Http404
        trail = [(page.version.title, None)]
        if name == "checklist":
            trail = [(page.version.title, page.text.get_absolute_url()), (_("Checklist"), None)]
        html = _render(template, page=page, version=page.version, trail=trail)
        return html, page.last_modified, "text/html; charset=utf-8"

    return respond(request, name, (slug,), (tag("process", entry.process_id),), build)


@public_view
def service(request, slug):
    return _service(request, slug, "service", "public/service.html")


@public_view
def checklist(request, slug):
    return _service(request, slug, "checklist", "public/checklist.html")


@public_view
def service_xml(request, slug):
    entry = index(request).get(slug)
    if entry is None:
        raise Http404

    def build():
        page = selectors.service_page(slug)
        if page is None:
            raise Http404
        return feeds.xzufi_xml(page, request), page.last_modified, "application/xml; charset=utf-8"

    return respond(request, "xzufi", (slug, request.get_host()), (tag("process", entry.process_id),), build)


@public_view
def feed(request):
    def build():
        pages = selectors.all_pages()
        last = max((page.last_modified for page in pages), default=timezone.now())
        return feeds.json_feed(pages, request), last, "application/json"

    # It shows the legal bases and forms of every service: renewed with any change of content.
    return respond(request, "feed", (request.get_host(), caching.current_version(request)), (), build)


@public_view
def sitemap(request):
    def build():
        entries = list(index(request).values())
        return feeds.sitemap(entries, request), _newest(entries), "application/xml; charset=utf-8"

    return respond(request, "sitemap", (request.get_host(),), (), build)


@public_view
def legal_notice(request):
    def build():
        return _render("public/legal_notice.html"), None, "text/html; charset=utf-8"

    return respond(request, "legal-notice", (), (), build)


@public_view
def form_download(request, slug):
    """A form a released service offers: its current released version, as a download."""
    document = selectors.public_form(slug)
    if document is None:
        raise Http404
    version = document.current_version
    try:
        handle = version.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(handle, as_attachment=True, filename=version.original_name, content_type=version.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = CACHE_CONTROL
    response["ETag"] = f'"{version.sha256[:32]}"'
    return response
