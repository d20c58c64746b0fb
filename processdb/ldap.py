"""Login with the city's account through LDAP / Active Directory (django-auth-ldap).

django-auth-ldap finds the user with the service account (AUTH_LDAP_USER_SEARCH), binds as that
user with the typed password (over StartTLS or LDAPS, certificates always checked) and reads the
groups, nested ones included (NestedGroupOfNamesType, or NestedActiveDirectoryGroupType for
Active Directory). processdb.directory then creates or updates the user and applies the group
mapping; django-auth-ldap's own user population and group mirroring are off.

A refusal's reason is kept on the request, so that the login form can say what went wrong (the
directory not reachable is another message than a wrong password). Sessions of directory users
are checked against the directory again at an interval (`recheck`, called by
processdb.middleware.DirectoryRecheckMiddleware): a user disabled or
removed from the directory, or from every mapped group, is logged out at the next request after it.
"""

import logging
import time

from django.conf import settings
from django.contrib import auth, messages
from django_auth_ldap.backend import LDAPBackend, ldap_error

from processdb import directory
from processdb.models import ExternalIdentity

SOURCE = ExternalIdentity.Source.LDAP
CHECKED_KEY = "_directory_checked_at"
logger = logging.getLogger(__name__)


def _first(attrs, name: str) -> str:
    values = (attrs or {}).get(name) or []
    return str(values[0]) if values else ""


class DirectoryBackend(LDAPBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        self._request = request
        if not isinstance(username, str) or not username.strip() or not password:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)

    def get_user(self, user_id):
        from processdb.auth import load_user

        return load_user(user_id)

    def ldap_to_django_username(self, username):
        return username.strip().lower()

    def get_or_build_user(self, username, ldap_user):
        """After a successful bind: the user from processdb.directory, or the login is refused."""
        request = getattr(self, "_request", None)
        attrs = ldap_user.attrs
        names = set(ldap_user.group_names or ()) | set(ldap_user.group_dns or ())
        fields = settings.PROCESSDB_LDAP_ATTRIBUTES
        try:
            user = directory.sign_in(
                source=SOURCE,
                subject=username,
                username=username,
                external_groups=names,
                first_name=_first(attrs, fields["first_name"]),
                last_name=_first(attrs, fields["last_name"]),
                email=_first(attrs, fields["email"]),
                request=request,
            )
        except directory.Refusal as refusal:
            directory.note(request, refusal)
            raise ldap_user.AuthenticationFailed(refusal.reason) from None
        if request is not None and hasattr(request, "session"):
            request.session[CHECKED_KEY] = int(time.time())
        return user, False


def _directory_error(sender, context, user, request=None, exception=None, **kwargs):
    """The directory did not answer (or refused the service account): say so, record it."""
    logger.warning("LDAP error during %s: %s", context, exception)
    if request is not None and directory.noted(request) is None:
        directory.note(request, directory.refuse("unreachable", source=SOURCE, detail=type(exception).__name__, request=request))


ldap_error.connect(_directory_error, sender=DirectoryBackend, dispatch_uid="processdb.ldap.error")


def recheck(request) -> None:
    """Check a directory user's session against the directory: groups again, or logged out.

    While the directory cannot be reached the session goes on (and is checked again at the next
    request): the login itself needs the directory, a short outage should not end every session.
    """
    backend = DirectoryBackend()
    backend._request = request
    errors = []

    def note_error(sender, **kwargs):
        errors.append(kwargs.get("exception"))

    ldap_error.connect(note_error, sender=DirectoryBackend, weak=False, dispatch_uid="processdb.ldap.recheck")
    try:
        user = backend.populate_user(request.user.get_username())
    finally:
        ldap_error.disconnect(dispatch_uid="processdb.ldap.recheck", sender=DirectoryBackend)
    if errors:
        return
    if user is None or user.pk != request.user.pk:
        name = request.user.get_username()
        auth.logout(request)
        refusal = directory.noted(request) or directory.refuse("ended", source=SOURCE, name=name, request=request)
        messages.error(request, directory.MESSAGES["ended"] if refusal.reason in {"no_group", "inactive"} else refusal.message)
        return
    request.session[CHECKED_KEY] = int(time.time())
