"""The signal the apps send for the audit log (stored by processdb, which listens), and its actions.

audit_event.send(sender=Model, action=AuditAction.RELEASE, actor=user, object_repr=..., details="", request=None)

Every app may send it; only processdb receives it, so the arrows still point down. The actions
are a closed set: the receiver refuses a value that is not an AuditAction.
"""

from django.db import models
from django.dispatch import Signal
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    LOGIN = "login", _("Login")
    LOGIN_FAILED = "login_failed", _("Failed login")
    LOCKED_OUT = "locked_out", _("Login locked")
    LOGOUT = "logout", _("Logout")
    LOGIN_REFUSED = "login_refused", _("Login with the city's account refused")
    GROUPS_CHANGED = "groups_changed", _("Groups changed by the directory")
    PERMISSION_DENIED = "denied", _("Permission denied")
    DRAFT = "draft", _("Draft saved")
    RELEASE = "release", _("Release")
    LAW_CHANGE = "law_change", _("Law change recorded")
    REVIEW_CLOSED = "review_closed", _("Review items closed")
    ARCHIVE = "archive", _("Archived")
    RESTORE = "restore", _("Restored")
    DELETE = "delete", _("Deleted")


audit_event = Signal()

# A new version of something readers see was released: kind ("article", "process"), object_id,
# title, number (the released version), previous (the one before, 0 if none), note (its change
# note), url (the page), compare_url (the comparison with the previous release, "" if none),
# actor (who released it), significant (readers who confirmed an earlier version must read it again),
# owner_id (the user responsible for it, who watches it without asking).
# Sent inside the release's transaction (notifications tells those who watch it).
released = Signal()

# A law change was recorded: change (lawchanges.LawChange), affected ([(kind, object id)] of the
# processes, steps and articles it opened review items for), actor. In the recording's transaction.
law_change_recorded = Signal()

# A reading path was assigned to a new hire: assignment (onboarding.Assignment), in its transaction.
assigned = Signal()
