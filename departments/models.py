"""Departments (Ämter, Abteilungen) sharing one installation: what each owns and who belongs to it."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class Department(models.Model):
    """A department: owns bands of the process map (with their processes), articles and more.

    Its members who may edit (by their group) may change only what it owns or what no
    department owns (laws and norms are shared). Reading is open to everyone who may read,
    unless the department restricts it to its members (``members_only``).
    """

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=150, unique=True)
    description = models.TextField(_("description"), blank=True)
    members_only = models.BooleanField(
        _("readable by members only"),
        default=False,
        help_text=_(
            "Only members (and administrators) see its processes, articles, documents and onboarding paths; "
            "laws and norms stay shared."
        ),
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("members"),
        blank=True,
        related_name="departments",
        help_text=_("Their group says what they may do; membership says where."),
    )

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Ownership(models.Model):
    """One piece of content a department owns: a band of the map (its root area), an article, ..."""

    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="ownerships")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    content = GenericForeignKey("content_type", "object_id")

    class Meta:
        verbose_name = _("ownership")
        verbose_name_plural = _("ownerships")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="ownership_one_department"),
        ]

    def __str__(self):
        return f"{self.department}: {self.content_type.model} {self.object_id}"
