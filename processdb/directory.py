"""Users from the city's directory and identity provider: the one service both logins share.

LDAP (processdb.ldap) and OpenID Connect (processdb.oidc) only verify who someone is and what
groups the directory gives them; `sign_in` decides the rest, the same way for both:

- The user is found through its `ExternalIdentity` (source + subject) only. Without one, a new
  user is created and linked, unless a local account of the same user name exists: that is never
  taken over (the login is refused; an administrator links the two in the admin).
- The directory's groups are mapped to this application's groups and departments
  (PROCESSDB_DIRECTORY_GROUPS) at every login, so a removed group means removed rights. Without
  any mapped group the login is refused and no user is created.
- The directory decides the groups of its users: groups given in the admin are replaced at the next
  login. Departments are set only among those the mapping names; others stay as given.

Every refusal and every change of groups is recorded in the audit log.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from departments.models import Department
from processdb import audit, groups
from processdb.models import AuditEvent, ExternalIdentity
from processdb.sso_settings import DEPARTMENT_PREFIX

# Members of these groups work in the Django admin (processdb.accounts gives the demo the same).
STAFF_GROUPS = {groups.EDITORS, groups.TEAM_LEADS}

MESSAGES = {
    "no_group": _(
        "Your account of the city belongs to no group that may use the process database. "
        "Please ask your team lead to have you added to one."
    ),
    "conflict": _(
        "A local account with the same user name already exists. It is not taken over automatically: "
        "please ask the administration to link it to your account of the city."
    ),
    "inactive": _("Your account in the process database is disabled. Please contact the administration."),
    "claims": _(
        "The city's login service did not send all required details about your account (user name and "
        "e-mail address). Please contact the IT service desk."
    ),
    "unreachable": _("The city's login service cannot be reached at the moment. Please try again later."),
    "invalid": _("The login with the city's account could not be verified. Please start it again."),
    "cancelled": _("The login with the city's account was cancelled or has expired. Please start it again."),
    "local_closed": _("Logins with a local password are switched off. Please log in with your account of the city."),
    "ended": _(
        "Your session has ended: your account of the city has been disabled or no longer belongs to a group "
        "that may use the process database."
    ),
}

# Where a refusal is kept on the request for the login form to show (processdb.forms).
REFUSAL_ATTRIBUTE = "_login_refusal"


class Refusal(Exception):
    """A login with the city's account refused for a reason the user is told (MESSAGES)."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(reason)
        self.reason = reason
        self.detail = detail

    @property
    def message(self):
        return MESSAGES[self.reason]


def refuse(reason: str, *, source: str, name: str = "", detail: str = "", request=None) -> Refusal:
    """Record a refused login in the audit log and return the refusal to raise or show."""
    audit.record(
        AuditEvent.Action.LOGIN_REFUSED,
        request=request,
        actor_name=str(name)[:150],
        object_repr=source,
        details=f"reason={reason}" + (f" {detail}" if detail else ""),
    )
    return Refusal(reason, detail)


def note(request, refusal: Refusal) -> None:
    if request is not None:
        setattr(request, REFUSAL_ATTRIBUTE, refusal)


def noted(request) -> Refusal | None:
    return getattr(request, REFUSAL_ATTRIBUTE, None)


def mapped(external_groups) -> tuple[set[str], set[str]]:
    """This application's group names and department slugs for the directory's groups."""
    mapping = settings.PROCESSDB_DIRECTORY_GROUPS
    group_names, department_slugs = set(), set()
    for external in external_groups:
        for target in mapping.get(str(external).lower(), ()):
            if target.startswith(DEPARTMENT_PREFIX):
                department_slugs.add(target[len(DEPARTMENT_PREFIX) :])
            else:
                group_names.add(target)
    return group_names, department_slugs


def _mapped_departments() -> set[str]:
    return {
        target[len(DEPARTMENT_PREFIX) :]
        for targets in settings.PROCESSDB_DIRECTORY_GROUPS.values()
        for target in targets
        if target.startswith(DEPARTMENT_PREFIX)
    }


def sign_in(
    *,
    source: str,
    subject: str,
    username: str,
    external_groups,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    request=None,
):
    """The local user of a verified account of the city, created or updated, with its mapped groups.

    Raises Refusal (already recorded in the audit log) when the login must not go on; then nothing
    has been written but the audit event.
    """
    subject = str(subject).strip().lower()
    username = str(username).strip()
    external_groups = sorted({str(name) for name in external_groups})
    group_names, department_slugs = mapped(external_groups)
    try:
        UnicodeUsernameValidator()(username)
        if not username or len(username) > 150 or not subject or len(subject) > 255:
            raise ValidationError("length")
    except ValidationError:
        raise refuse("claims", source=source, name=username, detail="user name", request=request) from None
    if not group_names:
        raise refuse("no_group", source=source, name=username, detail=f"groups={external_groups}", request=request)
    wanted_groups = list(Group.objects.filter(name__in=group_names))
    if not wanted_groups:
        raise refuse("no_group", source=source, name=username, detail=f"groups={external_groups}", request=request)
    User = get_user_model()
    try:
        with transaction.atomic():
            identity = ExternalIdentity.objects.select_related("user").filter(source=source, subject=subject).first()
            if identity is None:
                if User.objects.filter(username__iexact=username).exists():
                    raise Refusal("conflict")
                user = User(username=username)
                user.set_unusable_password()
                identity = ExternalIdentity(source=source, subject=subject)
            else:
                user = identity.user
            if not user.is_active:
                raise Refusal("inactive")
            user.first_name = str(first_name)[:150] or user.first_name
            user.last_name = str(last_name)[:150] or user.last_name
            user.email = str(email)[:254] or user.email
            user.is_staff = user.is_superuser or bool(group_names & STAFF_GROUPS)
            user.save()
            identity.user = user
            identity.groups = external_groups
            identity.last_login_at = timezone.now()
            identity.save()
            _apply(user, source, wanted_groups, department_slugs, request=request)
    except Refusal as refusal:
        # Recorded after the rollback, so that the audit event stays.
        raise refuse(refusal.reason, source=source, name=username, request=request) from None
    return user


def _apply(user, source: str, wanted_groups: list, department_slugs: set[str], *, request=None) -> None:
    """Give the user exactly the mapped groups (and departments among the mapped ones); audit a change."""
    before = set(user.groups.values_list("name", flat=True))
    after = {group.name for group in wanted_groups}
    managed = _mapped_departments()
    current_departments = set(user.departments.filter(slug__in=managed).values_list("slug", flat=True))
    wanted_departments = department_slugs & managed
    if before != after:
        user.groups.set(wanted_groups)
    if current_departments != wanted_departments:
        for department in Department.objects.filter(slug__in=current_departments - wanted_departments):
            department.members.remove(user)
        for department in Department.objects.filter(slug__in=wanted_departments - current_departments):
            department.members.add(user)
    if before != after or current_departments != wanted_departments:
        audit.record(
            AuditEvent.Action.GROUPS_CHANGED,
            request=request,
            actor=user,
            object_repr=user.get_username(),
            details=(
                f"source={source} groups: {sorted(before)} -> {sorted(after)}; "
                f"departments: {sorted(current_departments)} -> {sorted(wanted_departments)}"
            ),
        )
