"""Law changes and the review items they open for every text that cites a changed norm."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.caching import ALL, REVIEW, Tracked, tag
from law.models import Law, Norm
from processes.models import Role, Step


class LawChange(models.Model):
    """A dated change to one or more norms (of one main law), e.g. a stage of the Fachkräfteeinwanderungsgesetz."""

    law = models.ForeignKey(Law, verbose_name=_("law"), on_delete=models.PROTECT, related_name="changes")
    norms = models.ManyToManyField(Norm, verbose_name=_("affected norms"), related_name="changes")
    title = models.CharField(_("title"), max_length=300)
    effective_date = models.DateField(_("takes effect"))
    summary = models.TextField(_("summary"), blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True, help_text=_("E.g. BGBl. 2024 I Nr. 54."))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        db_table = "processes_lawchange"  # created by the processes app (migration lawchanges 0001)
        verbose_name = _("law change")
        verbose_name_plural = _("law changes")
        ordering = ["-effective_date", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["law", "effective_date", "title"],
                name="law_change_unique",
                violation_error_message=_("This change has already been recorded."),
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.effective_date:%d.%m.%Y})"

    def get_absolute_url(self):
        return reverse("review:change", kwargs={"pk": self.pk})

    @property
    def is_upcoming(self) -> bool:
        from django.utils import timezone

        return self.effective_date > timezone.localdate()


class ReviewItem(Tracked, models.Model):
    """One piece of content a law change affects: to be adapted or found not affected."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        ADAPTED = "adapted", _("adapted")
        NOT_AFFECTED = "not_affected", _("not affected")

    law_change = models.ForeignKey(LawChange, verbose_name=_("law change"), on_delete=models.CASCADE, related_name="review_items")
    kind = models.CharField(_("kind"), max_length=20, help_text=_("Registered impact source, e.g. process, step, article."))
    object_id = models.PositiveBigIntegerField(_("object"))
    title = models.CharField(_("title"), max_length=400)
    url = models.CharField(_("address"), max_length=400)
    reasons = models.CharField(_("why affected"), max_length=500, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    role = models.ForeignKey(Role, verbose_name=_("role"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.OPEN, db_index=True)
    resolution_note = models.TextField(_("reason"), blank=True)
    result_url = models.CharField(_("result"), max_length=400, blank=True, help_text=_("E.g. the new revision of an article."))
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("closed by"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        db_table = "processes_reviewitem"  # created by the processes app (migration lawchanges 0001)
        verbose_name = _("review item")
        verbose_name_plural = _("review items")
        ordering = ["law_change", "kind", "title"]
        constraints = [
            models.UniqueConstraint(fields=["law_change", "kind", "object_id"], name="review_item_unique_per_change"),
            models.CheckConstraint(
                condition=Q(status="open", closed_at__isnull=True) | (~Q(status="open") & Q(closed_at__isnull=False)),
                name="review_item_closed_consistently",
            ),
        ]
        indexes = [models.Index(fields=["kind", "object_id", "status"], name="review_item_object")]

    def __str__(self):
        return f"{self.title} – {self.law_change}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    def cache_tags(self, *, gone: bool = False) -> list[str]:
        """The review queue and the page that shows the item's banner."""
        if self.kind == "process":
            page = tag("process", self.object_id)
        elif self.kind == "step":
            page = tag("process", Step.objects.filter(pk=self.object_id).values_list("process_id", flat=True).first())
        elif self.kind in ("article", "document"):
            page = tag(self.kind, self.object_id)
        else:
            page = ALL
        return [REVIEW, page]
