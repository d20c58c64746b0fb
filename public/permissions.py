"""Permission names of the public texts; granted through the groups in processdb.groups."""

from django.utils.translation import gettext as _

from core.four_eyes import is_own_release_refused

EDIT_TEXTS = "public.change_publictext"
ADD_TEXTS = "public.add_publictext"
RELEASE_TEXTS = "public.release_publictextversion"


def can_edit(user) -> bool:
    return user.is_authenticated and user.has_perm(EDIT_TEXTS)


def can_create(user) -> bool:
    return user.is_authenticated and user.has_perm(ADD_TEXTS)


def release_refusal(user, version) -> str | None:
    """Why the user may not release the version, or None if they may (four-eyes principle)."""
    if not (user.is_authenticated and user.has_perm(RELEASE_TEXTS)):
        return _("You do not have the permission to release public texts.")
    if is_own_release_refused(author_id=version.author_id, releaser=user):
        return _("Four-eyes principle: a public text must be released by someone other than its author.")
    return None
