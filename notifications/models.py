"""Readers' feedback on processes, steps, articles and documents, and the notifications people get."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Target(models.TextChoices):
    """What a piece of feedback is about (notifications.targets knows how to find and show each)."""

    PROCESS = "process", _("process")
    STEP = "step", _("step")
    ARTICLE = "article", _("article")
    DOCUMENT = "document", _("document")
    AREA = "area", _("area of the process map")
    NORM = "norm", _("norm")


# What readers give feedback on (areas and norms are only watched).
FEEDBACK_KINDS = (Target.PROCESS, Target.STEP, Target.ARTICLE, Target.DOCUMENT)


class Feedback(models.Model):
    """„Hinweis geben“: a reader says what is wrong or outdated; an editor answers and closes it."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        DECLINED = "declined", _("declined")

    kind = models.CharField(_("about"), max_length=10, choices=[(k.value, k.label) for k in FEEDBACK_KINDS])
    object_id = models.PositiveBigIntegerField(_("object id"))
    # As shown when the feedback was given: the object may be renamed or archived later.
    title = models.CharField(_("title"), max_length=300)
    url = models.CharField(_("address"), max_length=300)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("given by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("what is wrong or outdated"))
    suggestion = models.TextField(_("suggestion"), blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.OPEN, db_index=True)
    reply = models.TextField(_("reply"), blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("handled by"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("given on"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("last change"), auto_now=True)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["kind", "object_id"]), models.Index(fields=["reporter", "created_at"])]

    def __str__(self):
        return f"{self.title}: {self.text[:60]}"

    @property
    def is_closed(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.DECLINED)


class Notification(models.Model):
    """Something a person should know: an answer to their feedback, new feedback on what they look after."""

    class Kind(models.TextChoices):
        FEEDBACK_NEW = "feedback_new", _("new feedback")
        FEEDBACK_ANSWERED = "feedback_answered", _("feedback answered")
        RELEASED = "released", _("new version released")
        ASSIGNED = "assigned", _("reading path assigned")
        LAW_CHANGE = "law_change", _("law change")
        DUE_REVIEWS = "due_reviews", _("reviews due")
        DRAFT_COMMENT = "draft_comment", _("comment on a draft")
        CONFIRM_AGAIN = "confirm_again", _("to confirm again")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"), blank=True)
    url = models.CharField(_("address"), max_length=300)
    feedback = models.ForeignKey(Feedback, on_delete=models.CASCADE, null=True, blank=True, related_name="notifications")
    # What it is about, for the check before an e-mail goes out (notifications.delivery).
    target = models.CharField(_("about"), max_length=10, choices=Target.choices, blank=True)
    object_id = models.PositiveBigIntegerField(_("object id"), null=True, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)
    read_at = models.DateTimeField(_("read on"), null=True, blank=True)
    # The e-mail: none (not wanted or no address), pending (queued), sent (the SMTP server accepted
    # it), in the daily digest, failed (after the last try; the admin lists them), skipped (the
    # recipient may no longer read what it is about).
    email_state = models.CharField(_("e-mail"), max_length=10, choices=[
        ("none", _("none")), ("pending", _("queued")), ("digest", _("for the daily digest")), ("sent", _("sent")),
        ("failed", _("failed")), ("skipped", _("not sent: no longer readable")),
    ], default="none", db_index=True)
    email_attempts = models.PositiveSmallIntegerField(_("e-mail attempts"), default=0)
    email_error = models.CharField(_("last e-mail error"), max_length=500, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"]), models.Index(fields=["recipient", "-created_at"])]

    def __str__(self):
        return self.title


class Watch(models.Model):
    """Someone wants to know when a new version of a process or an article is released (of any
    process of an area of the map), or when a law change affects one of them or a norm."""

    KINDS = (Target.PROCESS, Target.ARTICLE, Target.AREA, Target.NORM)

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="watches")
    kind = models.CharField(_("kind"), max_length=10, choices=Target.choices)
    object_id = models.PositiveBigIntegerField(_("object id"))
    title = models.CharField(_("title"), max_length=300)
    url = models.CharField(_("address"), max_length=300)
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("watch")
        verbose_name_plural = _("watches")
        ordering = ["title", "id"]
        constraints = [models.UniqueConstraint(fields=["user", "kind", "object_id"], name="watch_unique_per_user")]
        indexes = [models.Index(fields=["kind", "object_id"])]

    def __str__(self):
        return self.title


class Preference(models.Model):
    """How a person wants to hear of notifications by e-mail (without a row: at once)."""

    class Email(models.TextChoices):
        NOW = "now", _("at once, one e-mail each")
        DAILY = "daily", _("once a day, as a digest")
        OFF = "off", _("no e-mail, only in the application")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference")
    email = models.CharField(_("e-mail"), max_length=5, choices=Email.choices, default=Email.NOW)

    class Meta:
        verbose_name = _("notification setting")
        verbose_name_plural = _("notification settings")

    def __str__(self):
        return f"{self.user}: {self.get_email_display()}"


class DraftComment(models.Model):
    """Author and reviewer discuss a draft (article revision or process version) before its release.

    Comments block nothing: the release page shows how many are still open.
    """

    KINDS = (Target.PROCESS, Target.ARTICLE)

    kind = models.CharField(_("kind"), max_length=10, choices=[(k.value, k.label) for k in KINDS])
    object_id = models.PositiveBigIntegerField(_("object id"))
    number = models.PositiveIntegerField(_("version"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("resolved by"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("comment on a draft")
        verbose_name_plural = _("comments on drafts")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["kind", "object_id", "number"])]

    def __str__(self):
        return self.text[:60]

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None


class ScheduledJob(models.Model):
    """When a recurring job (daily digest, weekly list of due reviews) runs next (notifications.schedule)."""

    name = models.CharField(_("job"), max_length=30, primary_key=True)
    next_at = models.DateTimeField(_("next run"))
    last_run_at = models.DateTimeField(_("last run"), null=True, blank=True)
    last_result = models.CharField(_("last result"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("scheduled job")
        verbose_name_plural = _("scheduled jobs")

    def __str__(self):
        return self.name
