"""The models of the building blocks: the content version that keys the page cache, and the
abstract review fields shared by processes, documents and articles."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ContentVersion(models.Model):
    """One counter, raised in the same transaction as every change of content shown to readers.

    Each raise is logged with what changed (`ContentChange`); every server process reads the
    number with the session and replays the log when it moved (core.caching), so a change makes
    exactly the cached pages that show it unusable, in every process at once.
    """

    number = models.BigIntegerField(default=1)

    class Meta:
        db_table = "processes_contentversion"  # created by the processes app (migration core 0001)
        verbose_name = _("content version")
        verbose_name_plural = _("content version")

    def __str__(self):
        return str(self.number)


class ContentChange(models.Model):
    """What the content version `number` changed: one row per tag (e.g. "process:12", "map", "*")."""

    number = models.BigIntegerField(_("content version"), db_index=True)
    tag = models.CharField(_("tag"), max_length=100)

    class Meta:
        verbose_name = _("content change")
        verbose_name_plural = _("content changes")

    def __str__(self):
        return f"{self.number}: {self.tag}"


class Reviewable(models.Model):
    """The review fields shared by processes, documents and articles (see core.review_dates).

    ``review_date`` is when the next review is due; ``reviewed_at``/``reviewed_by`` record the
    last one and are written only by core.review_dates.mark_reviewed. Subclasses may redeclare a
    field to keep an option of their own (an index, or editable in the admin).
    """

    review_date = models.DateField(_("next review"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("last reviewed"), null=True, blank=True, editable=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        abstract = True
