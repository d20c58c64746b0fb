"""Reading paths per role, their assignment to new hires, and version-aware read confirmations."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.people import display_name
from knowledge.models import Article, Revision
from processes.models import Process, Role


class ReadingPath(models.Model):
    """An ordered path through processes, articles and tasks that a role's new hires follow."""

    title = models.CharField(_("title"), max_length=200)
    role = models.ForeignKey(Role, verbose_name=_("role"), on_delete=models.PROTECT, related_name="reading_paths")
    description = models.TextField(_("description"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("reading path")
        verbose_name_plural = _("reading paths")
        ordering = ["role__name", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("onboarding:path", kwargs={"pk": self.pk})


class PathSection(models.Model):
    path = models.ForeignKey(ReadingPath, verbose_name=_("reading path"), on_delete=models.CASCADE, related_name="sections")
    title = models.CharField(_("title"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=1)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        # Positions are sort keys; equal positions keep the order of creation.
        ordering = ["path", "position", "id"]

    def __str__(self):
        return self.title


class PathItem(models.Model):
    class Kind(models.TextChoices):
        ARTICLE = "article", _("Article")
        PROCESS = "process", _("Process")
        TASK = "task", _("Task")

    section = models.ForeignKey(PathSection, verbose_name=_("section"), on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.PROTECT, null=True, blank=True, related_name="path_items"
    )
    process = models.ForeignKey(
        Process, verbose_name=_("process"), on_delete=models.PROTECT, null=True, blank=True, related_name="path_items"
    )
    task_title = models.CharField(
        _("task"), max_length=200, blank=True, help_text=_("E.g. „Hospitation am Servicecenter, zwei Vormittage“.")
    )
    instructions = models.TextField(_("instructions"), blank=True)
    required = models.BooleanField(_("required"), default=True)
    estimated_minutes = models.PositiveSmallIntegerField(_("estimated time (minutes)"), null=True, blank=True)

    class Meta:
        verbose_name = _("item")
        verbose_name_plural = _("items")
        ordering = ["section__position", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="article", article__isnull=False, process__isnull=True)
                    | Q(kind="process", process__isnull=False, article__isnull=True)
                    | (Q(kind="task", article__isnull=True, process__isnull=True) & ~Q(task_title=""))
                ),
                name="item_kind_matches_target",
                violation_error_message=_("An item is either an article, a process or a task with a title."),
            ),
        ]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        if self.kind == self.Kind.ARTICLE:
            return self.article.title
        if self.kind == self.Kind.PROCESS:
            return str(self.process)
        return self.task_title


class Assignment(models.Model):
    """A reading path assigned to a new hire, with a mentor and dates."""

    path = models.ForeignKey(ReadingPath, verbose_name=_("reading path"), on_delete=models.PROTECT, related_name="assignments")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("new colleague"), on_delete=models.CASCADE, related_name="onboarding_assignments"
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("mentor"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentored_assignments",
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="assigned_onboardings",
    )
    start_date = models.DateField(_("start"), default=timezone.localdate)
    due_date = models.DateField(_("due"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["due_date", "id"]
        permissions = [("view_all_assignments", _("Can see the onboarding progress of everyone"))]
        constraints = [
            models.UniqueConstraint(fields=["path", "person"], name="assignment_unique_path_per_person"),
            models.CheckConstraint(condition=Q(due_date__gte=models.F("start_date")), name="assignment_due_after_start"),
        ]

    def __str__(self):
        return f"{self.path} – {display_name(self.person)}"

    def get_absolute_url(self):
        return reverse("onboarding:assignment", kwargs={"pk": self.pk})


class Confirmation(models.Model):
    """That a person read an item (and which version) or did a task. One per assignment and item."""

    assignment = models.ForeignKey(
        Assignment, verbose_name=_("assignment"), on_delete=models.CASCADE, related_name="confirmations"
    )
    item = models.ForeignKey(PathItem, verbose_name=_("item"), on_delete=models.CASCADE, related_name="confirmations")
    confirmed_at = models.DateTimeField(_("confirmed"), default=timezone.now)
    revision = models.ForeignKey(
        Revision, verbose_name=_("revision read"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    process_version = models.PositiveIntegerField(_("process version read"), null=True, blank=True)
    process_snapshot = models.TextField(_("process as read"), blank=True)
    process_release = models.PositiveIntegerField(
        _("released process version read"),
        null=True,
        blank=True,
        help_text=_("The process version (processes.ProcessVersion number) that was released when it was confirmed."),
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("confirmation")
        verbose_name_plural = _("confirmations")
        constraints = [
            models.UniqueConstraint(fields=["assignment", "item"], name="confirmation_unique_per_item"),
        ]

    def __str__(self):
        return f"{display_name(self.assignment.person)} – {self.item}"

    def is_outdated(self) -> bool:
        """A significant change was released after what was confirmed (needs item.article/process loaded)."""
        item = self.item
        return confirmation_outdated(
            kind=item.kind,
            revision_number=self.revision.number if self.revision is not None else None,
            process_version=self.process_version,
            article_significant_number=item.article.significant_number if item.kind == PathItem.Kind.ARTICLE else None,
            process_significant_version=item.process.significant_version if item.kind == PathItem.Kind.PROCESS else None,
        )


def confirmation_outdated(
    *, kind, revision_number, process_version, article_significant_number, process_significant_version
) -> bool:
    """The rule behind "Geändert seit Ihrer Bestätigung", on plain values (also used without model instances).

    An article confirmation is outdated when a revision marked as significant was released after
    the revision read; a process confirmation when the process's significant version has risen
    since. Tasks never are.
    """
    if kind == PathItem.Kind.ARTICLE:
        return revision_number is not None and revision_number < article_significant_number
    if kind == PathItem.Kind.PROCESS:
        return (process_version or 0) < process_significant_version
    return False
