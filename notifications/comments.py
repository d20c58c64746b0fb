"""Comments on drafts: the author and the reviewer discuss an article revision or a process version
before it is released. They block nothing; the release page shows how many are still open."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core import caching
from knowledge.models import Revision
from knowledge.permissions import can_edit as can_edit_articles
from notifications import targets
from notifications.models import DraftComment, Notification, Target
from processes.models import ProcessVersion
from processes.permissions import can_see_unpublished

MAX_LENGTH = 5000


@dataclass(frozen=True)
class Draft:
    kind: str
    object_id: int
    number: int
    title: str
    url: str  # the page with the draft and its release button
    author_id: int | None
    owner_id: int | None
    released: bool

    @property
    def comments_url(self) -> str:
        return comments_url(self.kind, self.object_id, self.number)


def comments_url(kind: str, object_id: int, number: int) -> str:
    return reverse("notifications:comments", kwargs={"kind": kind, "object_id": object_id, "number": number})


def _may_see_drafts(user, kind: str) -> bool:
    return can_edit_articles(user) if kind == Target.ARTICLE else can_see_unpublished(user)


def may_discuss(user, kind: str, object_id) -> bool:
    """Whether the user may read the drafts of this article or process (and so discuss them)."""
    return (
        kind in DraftComment.KINDS and user.is_authenticated and user.is_active and _may_see_drafts(user, kind)
        and targets.find(kind, object_id, user) is not None
    )


def find_draft(kind: str, object_id, number, user) -> Draft | None:
    """The version if it exists and the user may read drafts of it, else None (for malformed input too)."""
    if not isinstance(number, int) or not 0 < number < 2**31 or not may_discuss(user, kind, object_id):
        return None
    if kind == Target.ARTICLE:
        revision = Revision.objects.filter(article_id=object_id, number=number).select_related("article", "release").first()
        if revision is None:
            return None
        article = revision.article
        return Draft(
            kind, object_id, number, f"{revision.title} ({_('revision')} {number})", article.get_absolute_url(),
            revision.author_id, article.owner_id, hasattr(revision, "release"),
        )
    version = ProcessVersion.objects.filter(process_id=object_id, number=number).select_related("process", "release").first()
    if version is None:
        return None
    process = version.process
    return Draft(
        kind, object_id, number, f"{process.title} ({_('version')} {number})", version.get_absolute_url(),
        version.author_id, process.owner_id, hasattr(version, "release"),
    )


def comments_of(draft: Draft) -> list[DraftComment]:
    return list(
        DraftComment.objects.filter(kind=draft.kind, object_id=draft.object_id, number=draft.number)
        .select_related("author", "resolved_by")
        .order_by("created_at", "id")
    )


def counts(kind: str, keys) -> dict[tuple[int, int], tuple[int, int]]:
    """{(object id, number): (open, all)} for these drafts, in one query."""
    keys = list(keys)
    if not keys:
        return {}
    condition = Q()
    for object_id, number in keys:
        condition |= Q(object_id=object_id, number=number)
    rows = (
        DraftComment.objects.filter(condition, kind=kind)
        .values("object_id", "number")
        .annotate(all=Count("id"), open=Count("id", filter=Q(resolved_at__isnull=True)))
        .order_by()
    )
    return {(row["object_id"], row["number"]): (row["open"], row["all"]) for row in rows}


def _draft_tag(draft: Draft) -> str:
    return caching.tag(f"{draft.kind}-draft", draft.object_id)


def add_comment(*, user, draft: Draft, text: str) -> DraftComment:
    """A comment on a draft not yet released; its author, its owner and those who commented on it are told."""
    from notifications.services import _notify

    text = text.strip()
    if not text:
        raise ValidationError(_("Please write a comment."))
    if len(text) > MAX_LENGTH:
        raise ValidationError(_("A comment may have at most %(limit)d characters.") % {"limit": MAX_LENGTH})
    if draft.released:
        raise ValidationError(_("This version has been released; its discussion is closed."))
    with transaction.atomic():
        comment = DraftComment.objects.create(
            kind=draft.kind, object_id=draft.object_id, number=draft.number, author=user, text=text
        )
        involved = set(
            DraftComment.objects.filter(kind=draft.kind, object_id=draft.object_id, number=draft.number)
            .exclude(author=None)
            .values_list("author_id", flat=True)
        ) | {draft.author_id, draft.owner_id}
        involved.discard(None)
        involved.discard(user.pk)
        people = get_user_model().objects.filter(pk__in=involved, is_active=True).order_by("pk")
        recipients = [person for person in people if find_draft(draft.kind, draft.object_id, draft.number, person)]
        if recipients:
            _notify(
                recipients,
                kind=Notification.Kind.DRAFT_COMMENT,
                title=_("New comment on the draft „%(title)s“") % {"title": draft.title},
                text=text[:500],
                url=f"{draft.comments_url}#kommentar-{comment.pk}",
                target=draft.kind,
                object_id=draft.object_id,
            )
        caching.changed(_draft_tag(draft))
    return comment


def set_resolved(*, user, comment: DraftComment, resolved: bool) -> DraftComment:
    """Mark a comment resolved (or open again); anyone who may discuss the draft may."""
    draft = find_draft(comment.kind, comment.object_id, comment.number, user)
    if draft is None:
        raise PermissionDenied
    with transaction.atomic():
        current = DraftComment.objects.select_for_update().get(pk=comment.pk)
        if current.is_open == resolved:  # else: already as asked, nothing to do
            current.resolved_at = timezone.now() if resolved else None
            current.resolved_by = user if resolved else None
            current.save(update_fields=["resolved_at", "resolved_by"])
            caching.changed(_draft_tag(draft))
    return current
