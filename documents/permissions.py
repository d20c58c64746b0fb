"""The permissions the document management checks (granted through the groups, processdb.groups)."""

from django.utils.translation import gettext as _

from core.four_eyes import is_own_release_refused

VIEW_DOCUMENTS = "documents.view_document"
ADD_DOCUMENTS = "documents.add_document"
CHANGE_DOCUMENTS = "documents.change_document"
UPLOAD_VERSIONS = "documents.add_documentversion"
RELEASE_VERSIONS = "documents.release_documentversion"


def can_see_drafts(user) -> bool:
    """Those who upload or release versions see documents and versions not released yet."""
    return user.is_authenticated and (user.has_perm(UPLOAD_VERSIONS) or user.has_perm(RELEASE_VERSIONS))


def release_refusal(user, version) -> str | None:
    """Why the user may not release the version, or None if they may (four-eyes principle)."""
    if not (user.is_authenticated and user.has_perm(RELEASE_VERSIONS)):
        return _("You do not have the permission to release document versions.")
    if is_own_release_refused(author_id=version.uploaded_by_id, releaser=user):
        return _("Four-eyes principle: a version must be released by someone other than the person who uploaded it.")
    return None
