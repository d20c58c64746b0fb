"""The one model of the building blocks: the content version that keys the page cache."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContentVersion(models.Model):
    """One counter, raised in the same transaction as every change of content shown to readers.

    Shared page fragments are cached under the number they were rendered at (core.caching),
    so a change makes every older fragment unreachable, in every server process at once.
    """

    number = models.BigIntegerField(default=1)

    class Meta:
        db_table = "processes_contentversion"  # created by the processes app (migration core 0001)
        verbose_name = _("content version")
        verbose_name_plural = _("content version")

    def __str__(self):
        return str(self.number)
