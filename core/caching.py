"""Shared pages: rendered once per content version and audience, then served from the cache.

A process, article, role or norm page is the same for everyone with the same permissions, but
for the user's menu and messages, which are filled in for each request (`personalise`). Such a
page is cached under

    fragment:<name>:<content version>:<audience>:<parts>

where the content version is a counter raised in the same transaction as any change of content
(signals on the tracked models, explicit `bump()` after queryset updates), and the audience is
a digest of the user's permissions. A reader that saw version V before a change was committed
may cache content that is already newer under V; never older content under a newer version.
Fragments must not hold anything personal: `fragment()` refuses to cache HTML with a CSRF token.

The version also keys the cached user and permissions of a request (processdb.auth), so users,
group memberships and group permissions raise it too; it is read with the session row
(processdb.sessions).
"""

import contextvars
import hashlib
from collections.abc import Callable
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save

from core import batching

TIMEOUT = 6 * 60 * 60  # older versions' fragments simply expire
_REQUEST_ATTRIBUTE = "_content_version"


def current_version(request=None) -> int:
    """The content version, read once per request."""
    from core.models import ContentVersion

    if request is not None and hasattr(request, _REQUEST_ATTRIBUTE):
        return getattr(request, _REQUEST_ATTRIBUTE)
    # A session loaded from the database brought the version along (processdb.sessions).
    number = getattr(getattr(request, "session", None), "content_version", None)
    if number is None:
        number = ContentVersion.objects.filter(pk=1).values_list("number", flat=True).first()
    if number is None:
        number = ContentVersion.objects.get_or_create(pk=1)[0].number
    if request is not None:
        setattr(request, _REQUEST_ATTRIBUTE, number)
    return number


def bump(**kwargs) -> None:
    """Raise the content version (inside the caller's transaction, so both commit together; once per batch)."""
    if kwargs.get("raw"):
        return  # fixtures and restores load rows without their side effects; they bump once at the end
    batching.run_once("caching.bump", _bump)


def _bump() -> None:
    from core.models import ContentVersion

    with transaction.atomic():
        if not ContentVersion.objects.filter(pk=1).update(number=F("number") + 1):
            ContentVersion.objects.get_or_create(pk=1, defaults={"number": 2})


def _user_saved(sender, update_fields=None, raw=False, **kwargs):
    # A login only touches last_login; names and activity are shown on pages.
    if not raw and (update_fields is None or set(update_fields) - {"last_login"}):
        bump()


def track(*models) -> None:
    """Every save, deletion and M2M change of these models raises the content version."""
    for model in models:
        uid = f"caching.{model._meta.label_lower}"
        post_save.connect(bump, sender=model, dispatch_uid=f"{uid}.save", weak=False)
        post_delete.connect(bump, sender=model, dispatch_uid=f"{uid}.delete", weak=False)
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(_m2m_changed, sender=field.remote_field.through, dispatch_uid=f"{uid}.{field.name}", weak=False)


def _m2m_changed(action, **kwargs):
    if action.startswith("post_"):  # not again for the pre_add/pre_remove/pre_clear of the same change
        bump(**kwargs)


def track_users() -> None:
    """Users, their groups and the groups' permissions: shown on pages, and cached with them (processdb.auth)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission

    user_model = get_user_model()
    post_save.connect(_user_saved, sender=user_model, dispatch_uid="caching.user.save", weak=False)
    post_delete.connect(bump, sender=user_model, dispatch_uid="caching.user.delete", weak=False)
    for field in user_model._meta.local_many_to_many:  # groups, user_permissions
        m2m_changed.connect(
            _m2m_changed, sender=field.remote_field.through, dispatch_uid=f"caching.user.{field.name}", weak=False
        )
    # A deleted group or permission takes its memberships with it, without an m2m signal.
    track(Group, Permission)


def audience(user) -> str:
    """Users with the same permissions see the same shared fragments."""
    if not user.is_authenticated:
        return "anonymous"
    if user.is_superuser:
        return "superuser"
    permissions = ",".join(sorted(user.get_all_permissions()))
    return hashlib.blake2b(permissions.encode(), digest_size=8).hexdigest()


_no_store: contextvars.ContextVar[bool] = contextvars.ContextVar("processdb_no_store", default=False)


@contextmanager
def no_store():
    """Render fragments without caching them: for content that will be rolled back (a draft shown in its editor)."""
    token = _no_store.set(True)
    try:
        yield
    finally:
        _no_store.reset(token)


def fragment(request, name: str, parts: tuple, render: Callable[[], dict[str, str]]) -> dict[str, str]:
    """The cached {part: html} of a fragment, or render() it and cache it (unless it is personal)."""
    if not getattr(settings, "PROCESSDB_FRAGMENT_CACHE", True) or _no_store.get():
        return render()
    # The parts come from the URL (slugs, page numbers) and may be of any length: hashed, the key
    # stays short enough for every cache backend (memcached refuses more than 250 characters).
    parts_key = hashlib.blake2b(":".join(map(str, parts)).encode(), digest_size=12).hexdigest()
    key = ":".join(["fragment", name, str(current_version(request)), audience(request.user), parts_key])
    cached = cache.get(key)
    if cached is not None:
        return cached
    rendered = render()
    if not any("csrfmiddlewaretoken" in html for html in rendered.values() if isinstance(html, str)):
        cache.set(key, rendered, TIMEOUT)
    return rendered


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

    def get(self, request, *args, **kwargs):
        from django.http import HttpResponse

        name = self.fragment_template.removesuffix(".html").replace("/", ".")
        page = fragment(request, f"page.{name}", self.fragment_parts(), self.render_shared_page)
        return HttpResponse(personalise(page["html"], request))

    def render_shared_page(self) -> dict[str, str]:
        from django.template.loader import render_to_string
        from django.utils.safestring import mark_safe

        markers = {"user_menu": mark_safe(USER_MENU), "messages": mark_safe(MESSAGES)}  # noqa: S308
        context = self.get_context_data(**self.shared_context(), personal_markers=markers)
        return {"html": render_to_string(self.fragment_template, context, self.request)}
