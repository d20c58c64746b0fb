"""Shared pages: rendered once per audience, cached, and thrown away exactly when what they show changes.

A process, article, role or norm page is the same for everyone with the same permissions, but
for the user's menu and messages, which are filled in for each request (`personalise`). Such a
page is cached under

    fragment:<name>:<audience>:<parts>

with the tags it depends on (e.g. "process:12", "map") and the content version it was built at.
Every change of content calls `changed(*tags)` in its own transaction: the content version (one
counter) is raised once per batch and the tags are logged under the new number
(`ContentChange`). Every server process reads the version with the session row
(processdb.sessions); when it moved, the process replays the log once (`_sync`) and knows,
for each tag, the last number that changed it. A cached page is used only while none of its
tags changed after it was built, so a change committed before a request began is always shown,
in every process, while pages that do not show it stay warm. If the log since a process last
looked is incomplete (pruned), everything counts as changed.

Drafts change only the editors' tags ("process-draft:12"): readers' pages never carry them.
Tags that stand for many pages: "*" (everything: users, groups, roles, categories, laws),
"titles" (a process, step or article title or visibility, shown in lists on role, norm and law
pages), "map" (what the process map shows), "review" (the review queue), "citations" (any
released citation, for law pages) and "articles" (which articles exist, for links between them).

A page built at version B from a request that read version V <= B before rendering may hold
content newer than V, never older: every change after V has a number above V, so it is seen
by `changed_since` of every later request. Fragments must not hold anything personal:
`fragment()` refuses to cache HTML with a CSRF token.

The cached user and permissions of a request (processdb.auth) are keyed by `generation(USERS)`.
"""

import contextvars
import hashlib
import threading
from collections.abc import Callable, Iterable
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import cache
from django.db import connections, router, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from core import batching

TIMEOUT = 6 * 60 * 60  # pages not asked for in that time simply expire
_REQUEST_ATTRIBUTE = "_content_version"

ALL = "*"
USERS = "users"  # users, group memberships and permissions; raised with ALL
TITLES = "titles"
MAP = "map"  # the frame of the process map and its archived processes
MAP_AREA = "map-area"  # with a category id: the processes of one area of the map
REVIEW = "review"
CITATIONS = "citations"  # any released change of what cites a norm (law pages list them)
ARTICLES = "articles"  # an article appeared, disappeared or was renamed (links between articles)
SEARCH = "search"  # the public rows of the search index (search.index)
LAWS = "laws"  # a law was added (every other change of laws changes everything)

KEEP_CHANGES = 5000  # log entries kept; a process further behind treats everything as changed
PRUNE_EVERY = 1000  # the change that raises the version to a multiple of this prunes the log
REPLAY_ON_START = 500  # a new process trusts a shared cache's pages of the last this many changes
MAX_TAGS_REMEMBERED = 50_000


def tag(kind: str, pk) -> str:
    return f"{kind}:{pk}"


# --- writing: what changed -------------------------------------------------------------------


def changed(*tags: str) -> None:
    """Record that the content behind these tags changed: in the caller's transaction, once per batch."""
    batching.collect("caching.changed", {t for t in tags if t} or {ALL}, _record)


def bump(**kwargs) -> None:
    """Everything changed (a signal receiver, or after queryset updates whose effects are too wide to name)."""
    if kwargs.get("raw"):
        return  # fixtures and restores load rows without their side effects; they bump once at the end
    changed(ALL)


def _record(tags: set[str]) -> None:
    from core.models import ContentChange

    with transaction.atomic():
        number = _raise_version()
        ContentChange.objects.bulk_create([ContentChange(number=number, tag=name[:100]) for name in sorted(tags)])
        every = getattr(settings, "PROCESSDB_CHANGE_LOG_PRUNE_EVERY", PRUNE_EVERY)
        if every and number % every == 0:
            ContentChange.objects.filter(number__lte=number - KEEP_CHANGES).delete()


def _raise_version() -> int:
    from core.models import ContentVersion

    connection = connections[router.db_for_write(ContentVersion)]
    quote = connection.ops.quote_name
    table, number = quote(ContentVersion._meta.db_table), quote("number")
    with connection.cursor() as cursor:
        # One round trip; the row lock orders the numbers as the transactions commit.
        cursor.execute(f"UPDATE {table} SET {number} = {number} + 1 WHERE {quote('id')} = 1 RETURNING {number}")
        row = cursor.fetchone()
    if row is not None:
        return row[0]
    version, created = ContentVersion.objects.get_or_create(pk=1, defaults={"number": 2})
    return version.number if created else _raise_version()


class Tracked:
    """A model whose changes are shown on cached pages: `cache_tags()` names the pages.

    `cache_remember` fields keep the value they were loaded with, so that a change can name the
    pages that showed the old value too (`loaded(field)`), and `significant(*fields)` tells
    whether one of them changed.
    """

    cache_remember: tuple[str, ...] = ()

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._cache_loaded = {name: instance.__dict__.get(name) for name in cls.cache_remember}
        return instance

    def loaded(self, attname: str):
        return getattr(self, "_cache_loaded", {}).get(attname)

    def significant(self, *attnames: str) -> bool:
        """A new row, or one of these fields differs from the value it was loaded with."""
        loaded = getattr(self, "_cache_loaded", None)
        return loaded is None or any(loaded.get(name) != self.__dict__.get(name) for name in attnames)

    def cache_tags(self, *, gone: bool = False) -> Iterable[str]:
        return (ALL,)


def track(*models, m2m: dict[str, Callable] | None = None) -> None:
    """Every save, deletion and M2M change of these models records the change of their `cache_tags()`.

    Models that are not `Tracked` change everything. `m2m` maps a field name to a function
    ``(instance, pk_set) -> tags`` for changes made from that model's side; a change from the
    other side, or a clear, changes everything.
    """
    for model in models:
        uid = f"caching.{model._meta.label_lower}"
        post_save.connect(_saved, sender=model, dispatch_uid=f"{uid}.save", weak=False)
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"{uid}.delete", weak=False)
        for field in model._meta.local_many_to_many:
            receiver = _m2m_receiver(model, (m2m or {}).get(field.name))
            m2m_changed.connect(receiver, sender=field.remote_field.through, dispatch_uid=f"{uid}.{field.name}", weak=False)


def _saved(sender, instance, raw=False, **kwargs):
    if not raw:
        changed(*(instance.cache_tags() if isinstance(instance, Tracked) else (ALL,)))


def _deleted(sender, instance, **kwargs):
    changed(*(instance.cache_tags(gone=True) if isinstance(instance, Tracked) else (ALL,)))


def _m2m_receiver(model, tags_of: Callable | None):
    def receiver(sender, instance, action, reverse, pk_set, **kwargs):
        if not action.startswith("post_"):  # not again for the pre_add/pre_remove/pre_clear of the same change
            return
        if tags_of is None or reverse or pk_set is None or not isinstance(instance, model):
            changed(ALL)
        elif pk_set:
            changed(*tags_of(instance, pk_set))

    return receiver


def _user_saved(sender, update_fields=None, raw=False, **kwargs):
    # A login only touches last_login; names and activity are shown on pages.
    if not raw and (update_fields is None or set(update_fields) - {"last_login"}):
        changed(ALL)


def track_users() -> None:
    """Users, their groups and the groups' permissions: shown on pages, and cached with them (processdb.auth)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission

    user_model = get_user_model()
    post_save.connect(_user_saved, sender=user_model, dispatch_uid="caching.user.save", weak=False)
    post_delete.connect(bump, sender=user_model, dispatch_uid="caching.user.delete", weak=False)
    for field in user_model._meta.local_many_to_many:  # groups, user_permissions
        m2m_changed.connect(
            _m2m_receiver(user_model, None),
            sender=field.remote_field.through,
            dispatch_uid=f"caching.user.{field.name}",
            weak=False,
        )
    # A deleted group or permission takes its memberships with it, without an m2m signal.
    track(Group, Permission)


# --- reading: what changed since a page was built ---------------------------------------------


class _Replay:
    """What this server process knows of the change log."""

    def __init__(self):
        self.lock = threading.Lock()
        self.seen: int | None = None  # the log is replayed up to here
        self.floor = 0  # everything counts as changed at this number
        self.changed_at: dict[str, int] = {}


_replay = _Replay()


def _sync(version: int) -> None:
    """Replay the change log up to `version` (one query, only when the version moved)."""
    from core.models import ContentChange

    state = _replay
    if state.seen is not None and version == state.seen:
        return
    with state.lock:
        if state.seen is not None and version < state.seen:
            # The counter went back (a restore into a new database): nothing cached can be trusted.
            reset()
            cache.clear()
        if state.seen is None:
            state.seen = state.floor = max(0, version - REPLAY_ON_START)
        if version <= state.seen:
            return
        rows = list(ContentChange.objects.filter(number__gt=state.seen, number__lte=version).values_list("number", "tag"))
        if len({number for number, _tag in rows}) != version - state.seen or len(state.changed_at) > MAX_TAGS_REMEMBERED:
            state.floor, state.changed_at = version, {}  # the log was pruned meanwhile: everything changed
        else:
            for number, name in rows:
                if state.changed_at.get(name, 0) < number:
                    state.changed_at[name] = number
        state.seen = version


def reset() -> None:
    """Forget the replayed log: the next request starts afresh (tests roll the counter back)."""
    _replay.seen, _replay.floor, _replay.changed_at = None, 0, {}
    _readers.clear()


def changed_since(tags: Iterable[str], built: int) -> bool:
    """Did anything behind these tags change after version `built` (as far as this process has replayed)?"""
    state = _replay
    if built < state.floor:
        return True
    changed_at = state.changed_at
    if changed_at.get(ALL, 0) > built:
        return True
    for name in tags:
        if name == ALL:
            if (state.seen or 0) > built:  # the numbers have no gaps: each one is a change
                return True
        elif changed_at.get(name, 0) > built:
            return True
    return False


def generation(*tags: str) -> int:
    """The number of the last change of these tags (or of everything): a cache key part that moves with them."""
    state = _replay
    changed_at = state.changed_at
    return max(state.floor, changed_at.get(ALL, 0), *(changed_at.get(name, 0) for name in tags))


def memo(request, name: str, tags: tuple[str, ...], compute: Callable[[], object]):
    """A value computed from rows that rarely change (laws, roles, areas), kept until its tags change.

    Changes of roles and areas change everything (ALL); name other tags for the rows you read.
    """
    current_version(request)  # replays what changed first
    key = f"memo:{name}:{generation(*tags)}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT)
    return value


def _read_version() -> int | None:
    """The counter in plain SQL: pages without a session (public pages) read it on every request,
    and building the ORM query took longer than running it."""
    from core.models import ContentVersion

    connection = connections[router.db_for_read(ContentVersion)]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {quote('number')} FROM {quote(ContentVersion._meta.db_table)} WHERE {quote('id')} = %s", [1]
        )
        row = cursor.fetchone()
    return row[0] if row else None


def current_version(request=None) -> int:
    """The content version, read once per request (with the session, see processdb.sessions)."""
    from core.models import ContentVersion

    if request is not None and hasattr(request, _REQUEST_ATTRIBUTE):
        return getattr(request, _REQUEST_ATTRIBUTE)
    number = getattr(getattr(request, "session", None), "content_version", None)
    if number is None:
        number = _read_version()
    if number is None:
        number = ContentVersion.objects.get_or_create(pk=1)[0].number
    _sync(number)
    if request is not None:
        setattr(request, _REQUEST_ATTRIBUTE, number)
    return number


def audience(user) -> str:
    """Users with the same permissions see the same shared fragments."""
    if not user.is_authenticated:
        return "anonymous"
    if user.is_superuser:
        return "superuser"
    permissions = ",".join(sorted(user.get_all_permissions()))
    return hashlib.blake2b(permissions.encode(), digest_size=8).hexdigest()


_readers: dict[tuple[int | None, int], dict] = {}


def reader(request, user=None) -> dict:
    """core.ownership.reader of the request's user (their departments, what they may not read),
    kept in this process until anything changes (a change of memberships changes everything).
    ``user``: the request's user while it is being loaded (processdb.auth puts the facts on it)."""
    from core import ownership

    current_version(request)  # replays what changed first
    user = user or request.user
    key = (user.pk, generation())
    value = _readers.get(key)
    if value is None:
        if len(_readers) > 10_000:
            _readers.clear()
        value = _readers[key] = ownership.reader_of(user)
    else:
        setattr(user, ownership.READER_ATTRIBUTE, value)  # for the querysets of this request (ownership.readable)
    return value


def departments(request) -> list[tuple[str, str]]:
    """[(slug, name)] of the departments to filter by: every one but those whose content the user
    may not read. Departments change everything when they change, so the list is kept until then."""
    from core import ownership

    hidden = reader(request)["unreadable"]
    return [department for department in memo(request, "departments", (), ownership.departments) if department[0] not in hidden]


def member_key(request) -> str:
    """A key of the request's user's departments. A page that offers its editors only what their
    department may change adds it to its fragment_parts()."""
    return reader(request)["member"]


def site_department(request) -> str:
    """The department the header, title and footer name: the user's if they belong to exactly one,
    else the installation's (settings.PROCESSDB_DEPARTMENT). Shared pages are kept per department."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return settings.PROCESSDB_DEPARTMENT
    return reader(request)["home"] or settings.PROCESSDB_DEPARTMENT


_no_store: contextvars.ContextVar[bool] = contextvars.ContextVar("processdb_no_store", default=False)


@contextmanager
def no_store():
    """Render fragments without caching them: for content that will be rolled back (a draft shown in its editor)."""
    token = _no_store.set(True)
    try:
        yield
    finally:
        _no_store.reset(token)


def _key(request, name: str, parts: tuple) -> str:
    # The parts come from the URL (slugs, page numbers) and may be of any length: hashed, the key
    # stays short enough for every cache backend (memcached refuses more than 250 characters).
    # The department the page names in its header and title is part of it (site_department), and
    # which departments' content the user may not read (ownership.readable).
    scope = (site_department(request), ",".join(reader(request)["unreadable"]))
    parts_key = hashlib.blake2b(":".join(map(str, (*scope, *parts))).encode(), digest_size=12).hexdigest()
    return ":".join(["fragment", name, audience(request.user), parts_key])


def _enabled() -> bool:
    return getattr(settings, "PROCESSDB_FRAGMENT_CACHE", True) and not _no_store.get()


def cached_parts(request, name: str, parts_list: list[tuple]) -> dict[tuple, dict]:
    """The valid cached entries of several fragments of one kind, by their parts (one cache round trip)."""
    if not _enabled():
        return {}
    current_version(request)
    keys = {_key(request, name, parts): parts for parts in parts_list}
    found = cache.get_many(list(keys))
    return {keys[key]: entry for key, entry in found.items() if not changed_since(entry["tags"], entry["built"])}


def store_parts(request, name: str, rendered: dict[tuple, tuple[dict, Iterable[str]]]) -> None:
    """Cache fragments rendered by the caller: {parts: ({part: html}, tags)}, built at this request's version."""
    if not _enabled():
        return
    built = current_version(request)
    entries = {}
    for parts, (value, tags) in rendered.items():
        if not any("csrfmiddlewaretoken" in html for html in value.values() if isinstance(html, str)):
            entries[_key(request, name, parts)] = {**value, "tags": tuple(tags) or (ALL,), "built": built}
    cache.set_many(entries, TIMEOUT)


def fragment(request, name: str, parts: tuple, render: Callable[[], dict]) -> dict:
    """The cached {part: html} of a fragment, or render() it and cache it (unless it is personal).

    render() may return the tags the fragment depends on under "tags" (default: everything).
    """
    if not _enabled():
        return render()
    key = _key(request, name, parts)
    built = current_version(request)  # before anything is read for the page
    cached = cache.get(key)
    if cached is not None and not changed_since(cached["tags"], cached["built"]):
        return cached
    rendered = render()
    entry = {**rendered, "tags": tuple(rendered.get("tags") or (ALL,)), "built": built}
    if not any("csrfmiddlewaretoken" in html for html in rendered.values() if isinstance(html, str)):
        cache.set(key, entry, TIMEOUT)
    return entry


# The personal parts of a shared page: cached as these markers, filled in for each request.
# They come before any content in the page, and user content cannot hold them (Markdown is
# sanitised without comments), so the first occurrence is always the marker.
USER_MENU = "<!--processdb:user-menu-->"
MESSAGES = "<!--processdb:messages-->"


def personalise(html: str, request) -> str:
    """A shared page for this request: its user's menu (name, logout form) and pending messages."""
    from django.contrib.messages import get_messages
    from django.middleware.csrf import get_token
    from django.template.loader import render_to_string

    menu = render_to_string("includes/_user_menu.html", {"user": request.user, "csrf_token": get_token(request)})
    messages = get_messages(request)
    notes = render_to_string("includes/_messages.html", {"messages": messages}) if messages else ""
    return html.replace(USER_MENU, menu, 1).replace(MESSAGES, notes, 1)


class SharedPageMixin:
    """A page that is the same for everyone with the same permissions, but for the user's menu and messages.

    `fragment_template` is an ordinary page template (it extends base.html), rendered from
    `shared_context()`. The whole page is cached once per content version and audience, with
    markers where the user's menu and messages go (`personalise`). Pages whose content holds
    a form (a CSRF token) are rendered for each request.
    """

    fragment_template: str
    paged = False  # the page shows one page (?seite=) of a long list: one fragment per page

    def page_number(self) -> int:
        """The page asked for with ?seite=; anything that is not a positive number means the first."""
        from core.params import int_or_none

        return max(1, int_or_none(self.request.GET.get("seite")) or 1)

    def fragment_parts(self) -> tuple:
        # Per day: review states ("due soon", "overdue") are relative to today.
        from django.utils import timezone

        return (*self.kwargs.values(), timezone.localdate(), *([self.page_number()] if self.paged else []))

    def shared_context(self) -> dict:
        raise NotImplementedError

    def fragment_tags(self, shared: dict) -> Iterable[str]:
        """The tags of what the page shows (see the module's docstring); by default everything."""
        return (ALL,)

    def get(self, request, *args, **kwargs):
        from django.http import HttpResponse

        name = self.fragment_template.removesuffix(".html").replace("/", ".")
        page = fragment(request, f"page.{name}", self.fragment_parts(), self.render_shared_page)
        return HttpResponse(personalise(page["html"], request))

    def render_shared_page(self) -> dict[str, str]:
        from django.template.loader import render_to_string
        from django.utils.safestring import mark_safe

        markers = {"user_menu": mark_safe(USER_MENU), "messages": mark_safe(MESSAGES)}  # noqa: S308
        shared = self.shared_context()
        context = self.get_context_data(**shared, personal_markers=markers)
        html = render_to_string(self.fragment_template, context, self.request)
        return {"html": html, "tags": tuple(self.fragment_tags(shared))}
