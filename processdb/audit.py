"""The audit log: one row per security-relevant event, and one escaped log line.

User-supplied text (a user name typed at the login, an object title) may contain line
breaks; they are escaped in the log line so that nobody can forge extra log entries.
"""

import logging
from contextvars import ContextVar

from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save

from core.signals import AuditAction, audit_event
from processdb import sso_settings
from processdb.models import AuditEvent

Action = AuditEvent.Action
logger = logging.getLogger("processdb.audit")

# The request being answered, so that events sent from services (which know no request)
# still record where they came from.
_current_request: ContextVar = ContextVar("audit_request", default=None)


class AuditRequestMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)


def escape(value) -> str:
    """One quoted-safe line, whatever the input: backslash, quote and control characters become escapes."""
    text = str(value if value is not None else "")
    return "".join(
        {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(
            char, char if char.isprintable() else f"\\u{ord(char):04x}"
        )
        for char in text
    )


def _client_ip(request) -> str | None:
    if request is None:
        return None
    from axes.helpers import get_client_ip_address

    try:
        return get_client_ip_address(request) or None
    except Exception:  # noqa: BLE001 - an odd header must not stop the audit
        return request.META.get("REMOTE_ADDR") or None


def record(
    action: str, *, request=None, actor=None, actor_name: str = "", object_repr: str = "", details: str = ""
) -> AuditEvent:
    if request is None:
        request = _current_request.get()
    if actor is None and request is not None and getattr(request, "user", None) is not None and request.user.is_authenticated:
        actor = request.user
    name = actor_name or (actor.get_username() if actor is not None else "")
    event = AuditEvent.objects.create(
        action=action,
        actor=actor,
        actor_name=name[:150],
        ip_address=_client_ip(request),
        path=(request.path if request is not None else "")[:300],
        object_repr=str(object_repr)[:300],
        details=str(details),
    )
    logger.info(
        'audit action=%s user="%s" ip=%s path="%s" object="%s" details="%s"',
        action,
        escape(name),
        event.ip_address or "-",
        escape(event.path),
        escape(object_repr),
        escape(details),
    )
    return event


def _logged_in(sender, request, user, **kwargs):
    # How: a local password, the directory (LDAP) or the identity provider (OpenID Connect).
    backend = request.session.get(BACKEND_SESSION_KEY, "") if request is not None else getattr(user, "backend", "")
    via = {sso_settings.LDAP_BACKEND: "ldap", sso_settings.OIDC_BACKEND: "oidc"}.get(backend, "local")
    record(Action.LOGIN, request=request, actor=user, details=f"via={via}")


def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        record(Action.LOGOUT, request=request, actor=user)


def _login_failed(sender, credentials, request=None, **kwargs):
    record(Action.LOGIN_FAILED, request=request, actor_name=str(credentials.get("username", ""))[:150])


def _locked_out(sender, request, username, ip_address, **kwargs):
    record(Action.LOCKED_OUT, request=request, actor_name=str(username or "")[:150], details=f"ip={ip_address}")


def _app_event(sender, action, actor=None, object_repr="", details="", request=None, **kwargs):
    # AuditAction(...) refuses an action outside the closed set (ValueError) instead of storing it.
    record(AuditAction(action), request=request, actor=actor, object_repr=object_repr, details=details)


def _admin_deletion(sender, instance, created, raw=False, **kwargs):
    if created and not raw and instance.action_flag == DELETION:
        record(
            Action.DELETE,
            actor=instance.user,
            object_repr=instance.object_repr,
            details=f"{instance.content_type.app_label}.{instance.content_type.model} #{instance.object_id}",
        )


def connect():
    from axes.signals import user_locked_out

    user_logged_in.connect(_logged_in, dispatch_uid="audit.login")
    user_logged_out.connect(_logged_out, dispatch_uid="audit.logout")
    user_login_failed.connect(_login_failed, dispatch_uid="audit.login_failed")
    user_locked_out.connect(_locked_out, dispatch_uid="audit.locked_out")
    audit_event.connect(_app_event, dispatch_uid="audit.app_event")
    post_save.connect(_admin_deletion, sender=LogEntry, dispatch_uid="audit.admin_deletion")


def prune(*, days: int | None = None, now=None) -> dict[str, int]:
    """Delete audit events and django-axes login records older than the retention period.

    They hold user names and IP addresses, which are personal data: they are kept only as long
    as AUDIT_RETENTION_DAYS says (default 365). Run daily, e.g. from cron: `manage.py audit_prune`.
    """
    import datetime

    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.conf import settings
    from django.db import transaction
    from django.utils import timezone

    days = settings.AUDIT_RETENTION_DAYS if days is None else days
    if days < 1:
        raise ValueError("the retention period must be at least one day")
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    with transaction.atomic():
        counts = {
            "audit events": AuditEvent.objects.filter(created_at__lt=cutoff).delete()[0],
            "login records": AccessLog.objects.filter(attempt_time__lt=cutoff).delete()[0],
            "failed login records": AccessAttempt.objects.filter(attempt_time__lt=cutoff).delete()[0]
            + AccessFailureLog.objects.filter(attempt_time__lt=cutoff).delete()[0],
        }
    return counts
