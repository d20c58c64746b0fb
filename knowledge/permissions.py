"""Permission names of the knowledge base; granted through the groups in processdb.groups."""

from core.four_eyes import is_own_release_refused

VIEW_ARTICLES = "knowledge.view_article"
ADD_ARTICLES = "knowledge.add_article"
EDIT_ARTICLES = "knowledge.change_article"
RELEASE_REVISIONS = "knowledge.release_revision"


def can_read(user) -> bool:
    return user.is_authenticated and user.has_perm(VIEW_ARTICLES)


def can_edit(user) -> bool:
    return user.is_authenticated and user.has_perm(EDIT_ARTICLES)


def can_create(user) -> bool:
    return user.is_authenticated and user.has_perm(ADD_ARTICLES)


def release_refusal(user, revision) -> str | None:
    """Why the user may not release the revision, or None if they may (four-eyes principle)."""
    from django.utils.translation import gettext as _

    if not (user.is_authenticated and user.has_perm(RELEASE_REVISIONS)):
        return _("You do not have the permission to release revisions.")
    if is_own_release_refused(author_id=revision.author_id, releaser=user):
        return _("Four-eyes principle: a revision must be released by someone other than its author.")
    return None
