"""The search index: one row per searchable process, step, article and norm.

Kept current by signal handlers (processdb/search/signals.py) and rebuilt in bulk by
`manage.py search_reindex`. On PostgreSQL the row carries a weighted tsvector (German
configuration) and the title has a trigram index; on SQLite a case-folded text column
serves the LIKE-based fallback.
"""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    class Kind(models.TextChoices):
        PROCESS = "process", _("Processes")
        STEP = "step", _("Steps")
        ARTICLE = "article", _("Knowledge")
        NORM = "norm", _("Norms")
        DOCUMENT = "document", _("Templates and forms")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField(_("object"))
    title = models.CharField(_("title"), max_length=400)
    context = models.CharField(_("context"), max_length=400, blank=True, help_text=_("E.g. the process of a step."))
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("address"), max_length=400)
    is_public = models.BooleanField(_("visible to all readers"), default=True)
    category = models.ForeignKey(
        "processes.Category", verbose_name=_("category"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    roles = models.ManyToManyField("processes.Role", verbose_name=_("roles"), blank=True, related_name="+")
    search_text = models.TextField(editable=False, default="")
    search_vector = SearchVectorField(null=True, editable=False)
    # Title and context only: the small set of strong matches that is always ranked in full.
    title_vector = SearchVectorField(null=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_document_unique_object")]
        indexes = [models.Index(fields=["kind", "is_public"], name="search_kind_public")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title}"


class AuditEvent(models.Model):
    """Who did what, when and from where: logins, denials, releases, law changes, archivals, deletions."""

    class Action(models.TextChoices):
        LOGIN = "login", _("Login")
        LOGIN_FAILED = "login_failed", _("Failed login")
        LOCKED_OUT = "locked_out", _("Login locked")
        LOGOUT = "logout", _("Logout")
        PERMISSION_DENIED = "denied", _("Permission denied")
        RELEASE = "release", _("Release")
        LAW_CHANGE = "law_change", _("Law change recorded")
        REVIEW_CLOSED = "review_closed", _("Review items closed")
        ARCHIVE = "archive", _("Archived")
        RESTORE = "restore", _("Restored")
        DELETE = "delete", _("Deleted")

    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_name = models.CharField(_("user name"), max_length=150, blank=True, help_text=_("As given, also for failed logins."))
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    path = models.CharField(_("address"), max_length=300, blank=True)
    object_repr = models.CharField(_("object"), max_length=300, blank=True)
    details = models.TextField(_("details"), blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.created_at:%d.%m.%Y %H:%M} {self.get_action_display()} {self.actor_name}"
