"""The audit log: who did what, when (processdb.audit)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.signals import AuditAction


class AuditEvent(models.Model):
    """Who did what, when and from where: logins, denials, releases, law changes, archivals, deletions."""

    Action = AuditAction

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
