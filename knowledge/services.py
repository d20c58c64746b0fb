"""Writes of the knowledge base. Every function runs in one transaction."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from core import addresses, caching, ownership
from core.review_dates import mark_reviewed
from core.signals import AuditAction, audit_event, released
from core.text import german_slugify
from knowledge.markdown import link_targets, render_article
from knowledge.models import Article, Release, Revision
from knowledge.permissions import release_refusal
from knowledge.signals import article_visibility_changed
from law.models import Norm
from processes.models import Process, Step


class EditConflict(Exception):
    """Someone saved a change since the editor was opened; ``article`` is the article edited."""

    def __init__(self, article: Article):
        super().__init__(f"a newer revision of {article.slug} was saved meanwhile")
        self.article = article


class ReleaseRefused(Exception):
    pass


def _after_lock(article: Article) -> None:
    """Hook between taking the article lock and checking the base (tests pause here)."""


def _lock(article: Article) -> Article:
    # Locks the row on PostgreSQL so that concurrent saves queue up; SQLite's
    # IMMEDIATE transactions already serialise writers.
    locked = Article.objects.select_for_update().get(pk=article.pk)
    _after_lock(locked)
    return locked


def _new_revision(
    *,
    article: Article,
    number: int,
    title: str,
    body: str,
    note: str,
    significant: bool,
    author,
    restored_from=None,
    created_at=None,
) -> Revision:
    title = (title or "").strip()
    note = (note or "").strip()
    if not title:
        raise ValidationError({"title": _("Please enter a title.")})
    if not note:
        raise ValidationError({"change_note": _("Please describe your change in a few words.")})
    rendered = render_article(body)  # raises MarkdownTooLarge
    revision = Revision(
        article=article,
        number=number,
        title=title,
        body=body,
        body_html=rendered.html,
        change_note=note[:300],
        is_significant=significant,
        author=author,
        restored_from=restored_from,
        link_targets=link_targets(rendered),
        created_at=created_at or timezone.now(),
    )
    revision.full_clean(exclude=["article", "body_html", "number"])
    try:
        with transaction.atomic():
            revision.save()
    except IntegrityError as error:
        # The unique (article, number) constraint is the last guard against a lost update.
        raise EditConflict(article) from error
    revision.cited_norms.set(Norm.objects.for_citations(rendered.cited_numbers()))
    Article.objects.filter(pk=article.pk).update(latest_number=number, updated_at=timezone.now())
    caching.changed(caching.tag("article-draft", article.pk))  # editors see the new draft
    article.latest_number = number
    return revision


def _set_links(article: Article, steps: Iterable[Step] | None, processes: Iterable[Process] | None, documents=None) -> bool:
    """Replace the given kinds of links (None: leave as they are); True if any link changed."""
    changed = False
    for relation, chosen in ((article.steps, steps), (article.processes, processes), (article.documents, documents)):
        if chosen is None:
            continue
        chosen = list(chosen)
        if {obj.pk for obj in chosen} != set(relation.values_list("pk", flat=True)):
            relation.set(chosen)
            changed = True
    return changed


def _count_edit(article: Article, author) -> None:
    """Every saved change raises the edit number, so that a form opened before it is refused (EditConflict)."""
    Article.objects.filter(pk=article.pk).update(edit_number=F("edit_number") + 1, edited_by=author, updated_at=timezone.now())
    article.edit_number += 1
    article.edited_by = author


@transaction.atomic
def article_create(
    *,
    author,
    title: str,
    body: str,
    note: str,
    slug: str = "",
    owner=None,
    review_date: datetime.date | None = None,
    steps: Iterable[Step] | None = None,
    processes: Iterable[Process] | None = None,
    documents=None,
    created_at: datetime.datetime | None = None,
) -> Article:
    """A new article with a first draft revision (not yet released).

    ``created_at`` is only for imports of existing content (and the demo)."""
    slug = slug or german_slugify(title)
    if not slug:
        raise ValidationError({"title": _("Please enter a title.")})
    taken = ValidationError({"slug": _("An article with this address already exists.")})
    if Article.objects.filter(slug=slug).exists():
        raise taken
    article = Article(slug=slug, title=title.strip(), owner=owner or author, review_date=review_date)
    article.full_clean(exclude=["published_revision"])
    try:
        # Two editors creating the same title at once both pass the check above; the unique
        # index decides, and the second one gets the form back with its text and this message.
        with transaction.atomic():
            article.save()
    except IntegrityError:
        raise taken from None
    _new_revision(
        article=article, number=1, title=title, body=body, note=note, significant=False, author=author, created_at=created_at
    )
    _set_links(article, steps, processes, documents)
    ownership.created(author, article)  # filed under the author's department
    return article


@transaction.atomic
def article_revise(
    *,
    article: Article,
    author,
    base_number: int,
    base_edit: int | None = None,
    title: str,
    body: str,
    note: str,
    significant: bool = False,
    steps: Iterable[Step] | None = None,
    processes: Iterable[Process] | None = None,
    documents=None,
    owner=None,
    review_date: datetime.date | None = None,
    created_at: datetime.datetime | None = None,
) -> Revision | None:
    """Save an edit that started from revision ``base_number`` as a new draft revision.

    ``base_edit`` is the article's edit_number when the editor was opened. Raises EditConflict
    if another revision was saved since or, with ``base_edit``, any other change (links, owner,
    review date); nothing is written then. Scripts that are the only writer may leave it out.
    If only links, owner or review date changed, no revision is created (returns None).
    Side effects: the article's links, owner and review date are updated; if anything changed,
    its edit number is raised and ``author`` recorded as the last to change it.
    """
    article = _lock(article)
    ownership.check(author, article)
    if article.archived_at:
        raise ValidationError(_("Archived articles cannot be edited. Restore the article first."))
    if base_number != article.latest_number or (base_edit is not None and base_edit != article.edit_number):
        raise EditConflict(article)
    latest = article.revisions.get(number=article.latest_number)
    revision = None
    if title.strip() != latest.title or body != latest.body:
        revision = _new_revision(
            article=article,
            number=article.latest_number + 1,
            title=title,
            body=body,
            note=note,
            significant=significant,
            author=author,
            created_at=created_at,
        )
    links_changed = _set_links(article, steps, processes, documents)
    changed = []
    if owner is not None and owner.pk != article.owner_id:
        article.owner = owner
        changed.append("owner")
    if review_date is not None and review_date != article.review_date:
        article.review_date = review_date
        changed.append("review_date")
    if changed:
        article.save(update_fields=[*changed, "updated_at"])
    if revision or links_changed or changed:
        _count_edit(article, author)
    return revision


@transaction.atomic
def revision_release(*, revision: Revision, releaser, released_at: datetime.datetime | None = None) -> Release:
    """Publish a draft revision (four-eyes principle). Only the latest revision can be released.

    Side effects: the article's published revision and title change; readers see it at once.
    """
    article = _lock(revision.article)
    ownership.check(releaser, article)  # another department's article: PermissionDenied (403)
    refusal = release_refusal(releaser, revision)
    if refusal:
        raise ReleaseRefused(refusal)
    if hasattr(revision, "release"):
        raise ReleaseRefused(_("This revision has already been released."))
    if revision.number != article.latest_number:
        raise ReleaseRefused(_("Only the latest revision can be released; a newer one exists."))
    if article.archived_at:
        raise ReleaseRefused(_("Archived articles cannot be released."))
    release = Release.objects.create(revision=revision, released_by=releaser, released_at=released_at or timezone.now())
    previous = article.published_revision.number if article.published_revision_id else 0
    # Drafts in between were never released on their own: their significance travels with this release.
    if article.revisions.filter(number__gt=previous, number__lte=revision.number, is_significant=True).exists():
        article.significant_number = revision.number
    article.published_revision = revision
    article.title = revision.title
    article.save(update_fields=["published_revision", "title", "significant_number", "updated_at"])
    article_visibility_changed.send(sender=Article, article_id=article.pk)
    audit_event.send(
        sender=Article,
        action=AuditAction.RELEASE,
        actor=releaser,
        object_repr=article.title,
        details=f"revision {revision.number}, author {revision.author.get_username()}",
    )
    compare = addresses.reverse("knowledge:compare", slug=article.slug) + f"?von={previous}&zu={revision.number}"
    released.send(
        sender=Article, kind="article", object_id=article.pk, title=article.title, number=revision.number,
        previous=previous, note=revision.change_note, url=article.get_absolute_url(), compare_url=compare if previous else "",
        actor=releaser, significant=revision.is_significant, owner_id=article.owner_id,
    )
    return release


@transaction.atomic
def revision_restore(*, article: Article, number: int, author) -> Revision:
    """Revert: a new draft revision that copies revision ``number``. Nothing is overwritten."""
    article = _lock(article)
    ownership.check(author, article)
    if article.archived_at:
        raise ValidationError(_("Archived articles cannot be edited. Restore the article first."))
    old = article.revisions.get(number=number)
    if number == article.latest_number:
        raise ValidationError(_("This is already the latest revision."))
    revision = _new_revision(
        article=article,
        number=article.latest_number + 1,
        title=old.title,
        body=old.body,
        note=_("Restored revision %(number)d") % {"number": number},
        significant=old.is_significant,
        author=author,
        restored_from=number,
    )
    _count_edit(article, author)
    return revision


@transaction.atomic
def article_mark_reviewed(*, article: Article, user, next_review: datetime.date) -> None:
    """The article was checked and still holds: core.review_dates.mark_reviewed, plus an edit.

    The review date is a field of the edit form too: raising the edit number makes a form
    opened before this refuse to save its older date over it.
    """
    article = _lock(article)
    ownership.check(user, article)
    mark_reviewed(article, user=user, next_review=next_review)  # raises ValidationError
    _count_edit(article, user)


@transaction.atomic
def article_archive(*, article: Article, user) -> None:
    """Archive instead of delete: readers no longer see the article; history stays."""
    if not user.has_perm("knowledge.change_article"):
        raise PermissionDenied
    ownership.check(user, article)
    Article.objects.filter(pk=article.pk, archived_at__isnull=True).update(archived_at=timezone.now())
    caching.changed(caching.TITLES, caching.ARTICLES, *article.cache_tags())
    article_visibility_changed.send(sender=Article, article_id=article.pk)
    audit_event.send(sender=Article, action=AuditAction.ARCHIVE, actor=user, object_repr=article.title)


@transaction.atomic
def article_unarchive(*, article: Article, user) -> None:
    if not user.has_perm("knowledge.change_article"):
        raise PermissionDenied
    ownership.check(user, article)
    Article.objects.filter(pk=article.pk).update(archived_at=None)
    caching.changed(caching.TITLES, caching.ARTICLES, *article.cache_tags())
    article_visibility_changed.send(sender=Article, article_id=article.pk)
    audit_event.send(sender=Article, action=AuditAction.RESTORE, actor=user, object_repr=article.title)
