"""Public pages for applicants (/info/): no login, no cookie, the same for everyone.

Each view names what its page shows (cache tags) and how to build it; public.http serves it
from the cache with ETag and Last-Modified. Templates are rendered without the request, so
nothing personal and no CSRF token can reach a page that proxies may store.

Every page exists in German (/info/…) and in each language of public.languages
(/info/<language>/…): the interface in that language, the texts from their translation where
one exists, else the German text with a notice. German is binding; every other page says so.
"""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import FileResponse, Http404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from core import caching
from core.caching import tag
from public import feeds, guide, languages, selectors
from public.http import CACHE_CONTROL, index, process_of, respond

HTML = "text/html; charset=utf-8"


def url(name: str, code: str = languages.GERMAN, **kwargs) -> str:
    """The address of a public page in a language."""
    if code != languages.GERMAN:
        kwargs["language"] = code
    return reverse(f"public:{name}", kwargs=kwargs)


def _language(code: str | None):
    language = languages.get(code)
    if language is None:
        raise Http404
    return language


def _versions(request, name: str, codes, **kwargs) -> list[dict]:
    """The page in every language of ``codes``: for the switcher (all) and hreflang links."""
    base = request.build_absolute_uri("/")[:-1]
    return [
        {"language": language, "url": url(name, language.code, **kwargs), "absolute": base + url(name, language.code, **kwargs)}
        for language in languages.LANGUAGES
        if codes is None or language.code in codes
    ]


def _render(template: str, language, **context) -> str:
    context.setdefault("organisation", settings.PROCESSDB_ORGANISATION)
    context.setdefault("department", settings.PROCESSDB_DEPARTMENT)
    context.setdefault("accessibility_url", settings.PROCESSDB_PUBLIC_ACCESSIBILITY_URL)
    context["language"] = language
    context["code"] = language.code
    context["urls"] = {
        name: url(name, language.code) for name in ("start", "a_to_z", "search", "guide", "legal_notice")
    }
    context["easy_url"] = url("start", languages.EASY)
    context["german_start"] = url("start")
    with translation.override(language.catalogue):
        return render_to_string(template, context)


def _newest(entries) -> object:
    return max((entry.released_at for entry in entries), default=None)


def public_view(function):
    """GET and HEAD only, without login."""
    return login_not_required(require_safe(function))


@public_view
def start(request, language=languages.GERMAN):
    language = _language(language)

    def build():
        entries = list(index(request, language.code).values())
        template = "public/start_easy.html" if language.code == languages.EASY else "public/start.html"
        html = _render(
            template, language, topics=selectors.by_topic(entries), entries=entries, nav="start",
            versions=_versions(request, "start", None), german_url=url("start"),
        )
        return html, _newest(entries), HTML

    return respond(request, "start", (language.code, request.get_host()), (), build)


@public_view
def a_to_z(request, language=languages.GERMAN):
    language = _language(language)

    def build():
        entries = list(index(request, language.code).values())
        html = _render(
            "public/a_to_z.html", language, letters=selectors.by_letter(entries), nav="a-z",
            versions=_versions(request, "a_to_z", None), german_url=url("a_to_z"),
        )
        return html, _newest(entries), HTML

    return respond(request, "a-z", (language.code, request.get_host()), (), build)


@public_view
def search(request, language=languages.GERMAN):
    language = _language(language)
    query = (request.GET.get("q") or "")[: selectors.MAX_QUERY_LENGTH]
    words = tuple(selectors.query_words(query))

    def build():
        results = selectors.search(" ".join(words), language.code) if words else []
        html = _render(
            "public/search.html", language, query=query.strip(), results=results, searched=bool(words),
            az_url=url("a_to_z", language.code), versions=_versions(request, "search", None), german_url=url("search"),
        )
        return html, _newest(results) or timezone.now(), HTML

    return respond(request, "search", (language.code, query.strip(), request.get_host()), (), build)


def _service(request, slug: str, code: str, name: str, template: str):
    language = _language(code)
    process_id = process_of(request, slug)
    if process_id is None:
        raise Http404

    def build():
        page = selectors.service_page(slug, language.code)
        if page is None:
            raise Http404
        own = url("service", language.code, slug=slug)
        trail = [(page.shown.title, None)]
        if name == "checklist":
            trail = [(page.shown.title, own), (gettext_lazy("Checklist"), None)]
        translated = {languages.GERMAN, *page.text.translations.values_list("language", flat=True)}
        html = _render(
            template, language, page=page, version=page.version, shown=page.shown, trail=trail,
            content_lang=language.tag if page.translation else "de",
            versions=_versions(request, name, None, slug=slug),
            alternates=_versions(request, name, translated, slug=slug),
            german_url=url(name, slug=slug), service_url=own, checklist_url=url("checklist", language.code, slug=slug),
        )
        return html, page.last_modified, HTML

    parts = (language.code, slug, request.get_host())
    return respond(request, name, parts, (tag("process", process_id),), build)


@public_view
def service(request, slug, language=languages.GERMAN):
    return _service(request, slug, language, "service", "public/service.html")


@public_view
def checklist(request, slug, language=languages.GERMAN):
    return _service(request, slug, language, "checklist", "public/checklist.html")


@public_view
def guide_page(request, language=languages.GERMAN):
    """"Welches Anliegen haben Sie?": one question per page, each answer a link; the path is the address."""
    language = _language(language)
    path = guide.parse_path(request.GET.get("weg"))
    if path is None:
        raise Http404

    def build():
        walk = guide.walk(path)
        if walk is None and path:
            raise Http404
        html = _render(
            "public/guide.html", language, walk=walk, nav="guide", versions=_versions(request, "guide", None),
            german_url=url("guide"), guide_url=url("guide", language.code),
            service_urls={text.slug: url("service", language.code, slug=text.slug) for text in (walk.services if walk else [])},
        )
        return html, timezone.now(), HTML

    return respond(request, "guide", (language.code, tuple(path), request.get_host()), (), build)


@public_view
def service_xml(request, slug):
    process_id = process_of(request, slug)
    if process_id is None:
        raise Http404

    def build():
        page = selectors.service_page(slug)
        if page is None:
            raise Http404
        return feeds.xzufi_xml(page, request), page.last_modified, "application/xml; charset=utf-8"

    return respond(request, "xzufi", (slug, request.get_host()), (tag("process", process_id),), build)


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
def legal_notice(request, language=languages.GERMAN):
    language = _language(language)

    def build():
        html = _render(
            "public/legal_notice.html", language, versions=_versions(request, "legal_notice", None),
            german_url=url("legal_notice"),
        )
        return html, None, HTML

    return respond(request, "legal-notice", (language.code, request.get_host()), (), build)


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
