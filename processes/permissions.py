"""Permission names used by the processes app; granted through the groups in processdb.groups."""

VIEW_PROCESSES = "processes.view_process"
EDIT_PROCESSES = "processes.change_process"


def can_read(user) -> bool:
    return user.is_authenticated and user.has_perm(VIEW_PROCESSES)


def can_see_unpublished(user) -> bool:
    """Draft and archived processes are shown to those who may edit processes."""
    return user.is_authenticated and user.has_perm(EDIT_PROCESSES)

RELEASE_PROCESSES = "processes.release_process"


def release_refusal(user, version) -> str | None:
    """Why the user may not release the version, or None if they may (four-eyes principle, as for articles)."""
    from django.utils.translation import gettext as _

    from core.four_eyes import is_own_release_refused

    if not (user.is_authenticated and user.has_perm(RELEASE_PROCESSES)):
        return _("You do not have the permission to release process versions.")
    if is_own_release_refused(author_id=version.author_id, releaser=user):
        return _("Four-eyes principle: a version must be released by someone other than its author.")
    return None
