"""Authentication: the user and their permissions of a request, from the cache while nothing changed.

Every page loads the user of its session and checks a permission. Both are cached per worker
under the last content version that changed users (`caching.generation(USERS)`): every change of
a user, a group membership or a group's permissions records such a change in the same
transaction, so a cached user or permission set is never older than the database. The version itself is read with the session row
(processdb.sessions), so a page of a logged-in user costs one query before its own content. The
user's departments come with it (core.caching.reader), kept per worker as well.
"""

from django.conf import settings
from django.contrib import auth
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.middleware import AuthenticationMiddleware as DjangoAuthenticationMiddleware
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.db.models import Q
from django.utils.crypto import constant_time_compare
from django.utils.functional import SimpleLazyObject

from core import caching
from processdb import directory

_VERSION_ATTRIBUTE = "_content_version"


class PermissionBackend(ModelBackend):
    """Django's ModelBackend with a user's permissions loaded in one query, cached per content version.

    Permissions are granted through groups only (processdb.groups), but direct user
    permissions are honoured all the same.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        """Local passwords, as far as PROCESSDB_LOCAL_LOGIN allows (all, superusers only, or off)."""
        policy = settings.PROCESSDB_LOCAL_LOGIN
        if policy == "off":
            return None
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is not None and policy == "superusers" and not user.is_superuser:
            directory.note(request, directory.refuse("local_closed", source="local", name=user.get_username(), request=request))
            return None
        return user

    def get_user(self, user_id):
        return load_user(user_id)

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            version = getattr(user_obj, _VERSION_ATTRIBUTE, None)
            key = f"auth:permissions:{user_obj.pk}:{version}"
            permissions = cache.get(key) if version is not None else None
            if permissions is None:
                permissions = self._load_permissions(user_obj)
                if version is not None:
                    cache.set(key, permissions, caching.TIMEOUT)
            user_obj._perm_cache = permissions
        return user_obj._perm_cache

    def _load_permissions(self, user_obj) -> set[str]:
        permissions = Permission.objects.all()
        if not user_obj.is_superuser:
            permissions = permissions.filter(Q(user=user_obj) | Q(group__user=user_obj))
        return {
            f"{app_label}.{codename}"
            for app_label, codename in permissions.values_list("content_type__app_label", "codename").distinct()
        }


def load_user(user_id, backend=None):
    """The user with its number of unread notifications (the header shows it), in one query."""
    from django.contrib.auth import get_user_model
    from django.db.models import Count, IntegerField, OuterRef, Subquery
    from django.db.models.functions import Coalesce

    from notifications.models import Notification

    unread = (
        Notification.objects.filter(recipient=OuterRef("pk"), read_at__isnull=True)
        .order_by()
        .values("recipient")
        .annotate(count=Count("pk"))
        .values("count")
    )
    User = get_user_model()
    user = (
        User._default_manager.annotate(unread_notifications=Coalesce(Subquery(unread, output_field=IntegerField()), 0))
        .filter(pk=user_id)
        .first()
    )
    return user if user is not None and user.is_active else None  # as ModelBackend: disabled users are out


def get_user(request):
    """The request's user: from the cache if the content version has not changed since it was loaded.

    On a miss, or whenever the session does not match the cached user (another password, another
    backend), Django's own `auth.get_user` decides, with all its checks.
    """
    session = request.session
    user_id, backend_path = session.get(SESSION_KEY), session.get(BACKEND_SESSION_KEY)
    if user_id is None or backend_path not in settings.AUTHENTICATION_BACKENDS:
        return auth.get_user(request)
    caching.current_version(request)  # replays what changed since this process last looked
    # Changes of users, groups and permissions, and of this user's notifications (the header's count).
    version = caching.generation(caching.USERS, f"inbox:{user_id}")
    key = f"auth:user:{backend_path}:{user_id}:{version}"
    user = cache.get(key)
    session_hash = session.get(HASH_SESSION_KEY) or ""
    if user is None or not constant_time_compare(session_hash, user.get_session_auth_hash()):
        user = auth.get_user(request)
        if not user.is_authenticated:
            return user
        cache.set(key, user, caching.TIMEOUT)
    setattr(user, _VERSION_ATTRIBUTE, version)
    # Its departments and what it may not read, for the querysets of this request (core.ownership).
    caching.reader(request, user)
    return user


class AuthenticationMiddleware(DjangoAuthenticationMiddleware):
    """Django's middleware with `request.user` from `get_user` above."""

    def process_request(self, request):
        super().process_request(request)

        def user():
            if not hasattr(request, "_cached_user"):
                request._cached_user = get_user(request)
            return request._cached_user

        request.user = SimpleLazyObject(user)
