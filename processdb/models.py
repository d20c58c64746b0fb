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


class ExternalIdentity(models.Model):
    """The link between a local user and an account of the city's directory or identity provider.

    A login with the city's account finds its user through this link only: by the provider's
    subject (`sub`) or the directory's login name, never by a display name or e-mail address.
    The link is made when such a login creates the user, or by an administrator for an existing
    local account (README "Login with the city's account").
    """

    class Source(models.TextChoices):
        OIDC = "oidc", _("identity provider (OpenID Connect)")
        LDAP = "ldap", _("directory (LDAP / Active Directory)")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="external_identities"
    )
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    subject = models.CharField(
        _("subject"), max_length=255, help_text=_("The provider's subject (sub) or the directory's login name, in lower case.")
    )
    groups = models.JSONField(_("groups in the directory"), default=list, blank=True, help_text=_("As of the last login."))
    created_at = models.DateTimeField(_("linked on"), auto_now_add=True)
    last_login_at = models.DateTimeField(_("last login"), null=True, blank=True)

    class Meta:
        verbose_name = _("account of the city")
        verbose_name_plural = _("accounts of the city")
        constraints = [models.UniqueConstraint(fields=["source", "subject"], name="external_identity_unique_subject")]

    def __str__(self):
        return f"{self.get_source_display()}: {self.subject}"
