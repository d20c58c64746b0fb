"""Articles and their immutable revisions.

An article points to its published revision. Editing adds a revision; releasing a
revision is recorded in a Release row (who, when), so that revision rows are written
once and never changed or deleted. Articles are archived, never deleted.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import addresses
from core.caching import ARTICLES, CITATIONS, REVIEW, TITLES, Tracked, tag
from core.immutable import ImmutableError, WriteOnce, WriteOnceQuerySet
from core.models import Reviewable
from documents.models import Document
from law.models import Norm
from processes.models import Process, Step


class ArticleQuerySet(models.QuerySet):
    def active(self):
        return self.filter(archived_at__isnull=True)

    def published(self):
        return self.active().filter(published_revision__isnull=False)

    def visible_to(self, user):
        """Readers see published, not archived articles; editors everything. Nobody sees the articles
        of a department that shows its content to its members only (core.ownership)."""
        from core import ownership
        from knowledge.permissions import can_edit

        return ownership.readable(user, self if can_edit(user) else self.published(), "article")

    def delete(self):
        raise ImmutableError("Articles are archived, not deleted.")


class Article(Tracked, Reviewable):
    cache_remember = ("title", "published_revision_id", "archived_at")

    slug = models.SlugField(_("slug"), max_length=120, unique=True, help_text=_("Used in the address /wissen/<slug>/."))
    title = models.CharField(
        _("title"), max_length=200, help_text=_("Title of the published revision (of the first draft until then).")
    )
    published_revision = models.ForeignKey(
        "Revision",
        verbose_name=_("published revision"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    latest_number = models.PositiveIntegerField(_("latest revision"), default=0, editable=False)
    edit_number = models.PositiveIntegerField(
        _("edit number"),
        default=0,
        editable=False,
        help_text=_(
            "Counts every saved change of the article (text, links, responsibility, review date), so that a save "
            "from an outdated form is refused instead of undoing what someone else saved meanwhile."
        ),
    )
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last changed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    significant_number = models.PositiveIntegerField(
        _("last significant release"),
        default=0,
        editable=False,
        help_text=_("Number of the last released revision that contains a significant change."),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_articles",
    )
    steps = models.ManyToManyField(Step, verbose_name=_("steps"), blank=True, related_name="articles")
    processes = models.ManyToManyField(Process, verbose_name=_("processes"), blank=True, related_name="articles")
    documents = models.ManyToManyField(Document, verbose_name=_("documents"), blank=True, related_name="articles")
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["title"]
        permissions = [("release_revision", _("Can release revisions of articles (four-eyes principle)"))]
        indexes = [models.Index(fields=["review_date"], name="article_review_date")]

    def __str__(self):
        return self.title

    def delete(self, *args, **kwargs):
        raise ImmutableError("Articles are archived, not deleted.")

    def get_absolute_url(self):
        return addresses.reverse("knowledge:article", slug=self.slug)

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    @property
    def is_published(self) -> bool:
        return self.published_revision_id is not None

    @property
    def has_pending_draft(self) -> bool:
        published = self.published_revision.number if self.published_revision_id else 0
        return self.latest_number > published

    def linked_process_ids(self) -> set[int]:
        """The processes whose pages show this article: linked directly or through a step (one query)."""
        through_steps = Step.objects.filter(articles=self).order_by().values_list("process_id", flat=True)
        return set(Process.objects.filter(articles=self).order_by().values_list("pk", flat=True).union(through_steps))

    def cache_tags(self, *, gone: bool = False) -> list[str]:
        """Its page and the pages of its processes; editors' pages only while it was never released."""
        previous = self.loaded("published_revision_id")
        public = self.published_revision_id is not None or previous is not None
        suffix = "" if public else "-draft"
        tags = [tag(f"article{suffix}", self.pk), *(tag(f"process{suffix}", pk) for pk in self.linked_process_ids())]
        if public:
            tags.append(REVIEW)
            if gone or self.significant("title", "archived_at") or (previous is None) != (self.published_revision_id is None):
                tags += [TITLES, ARTICLES]
            if previous != self.published_revision_id:  # a release: the norms cited before and now
                tags.append(CITATIONS)
                cited = Revision.cited_norms.through.objects.filter(revision_id__in=[previous, self.published_revision_id])
                tags += [tag("norm", pk) for pk in cited.values_list("norm_id", flat=True)]
        return tags




class Revision(Tracked, WriteOnce, models.Model):
    """One immutable version of an article's text."""

    article = models.ForeignKey(Article, verbose_name=_("article"), on_delete=models.PROTECT, related_name="revisions")
    number = models.PositiveIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), help_text=_("Markdown."))
    body_html = models.TextField(editable=False)
    change_note = models.CharField(_("change note"), max_length=300)
    is_significant = models.BooleanField(
        _("significant change"),
        default=False,
        help_text=_("Readers who confirmed an earlier version must read it again."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT, related_name="article_revisions"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    restored_from = models.PositiveIntegerField(_("restored from revision"), null=True, blank=True)
    cited_norms = models.ManyToManyField(Norm, verbose_name=_("cited norms"), blank=True, related_name="citing_revisions")
    link_targets = models.JSONField(_("linked articles"), default=list, blank=True, editable=False)

    objects = WriteOnceQuerySet.as_manager()

    class Meta:
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        ordering = ["article", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="revision_unique_number_per_article"),
            models.CheckConstraint(condition=Q(number__gte=1), name="revision_number_positive"),
        ]

    def __str__(self):
        return f"{self.title} ({self.number})"

    def get_absolute_url(self):
        return addresses.reverse("knowledge:revision", slug=self.article.slug, number=self.number)

    def cache_tags(self, *, gone: bool = False) -> list[str]:
        # A new revision is a draft until released (Article.cache_tags names the readers' pages then).
        return [tag("article-draft", self.article_id), *(tag("process-draft", pk) for pk in self.article.linked_process_ids())]


class Release(Tracked, models.Model):
    """The second pair of eyes: who released which revision, and when."""

    revision = models.OneToOneField(Revision, verbose_name=_("revision"), on_delete=models.PROTECT, related_name="release")
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("released by"), on_delete=models.PROTECT, related_name="+"
    )
    released_at = models.DateTimeField(_("released"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("release")
        verbose_name_plural = _("releases")
        ordering = ["-released_at"]

    def __str__(self):
        return f"{self.revision} – {self.released_by}"

    def cache_tags(self, *, gone: bool = False) -> list[str]:
        # The article's row, saved with its new revision, names the readers' pages (Article.cache_tags).
        article_id = self.revision.article_id
        return [tag("article", article_id), tag("article-draft", article_id)]
