"""Rows written once and never changed or deleted: revisions, process and document versions, releases.

History is only worth something if nobody can rewrite it. Each such model takes ``WriteOnce``
among its bases and, where rows are also reached in bulk, ``WriteOnceQuerySet`` as its manager;
both raise ImmutableError (a ValueError) instead of writing.
"""

from django.db import models


class ImmutableError(ValueError):
    """Something tried to change or delete a row that is written once."""


class WriteOnceQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ImmutableError(f"{self.model._meta.verbose_name_plural} are never changed.")

    def delete(self):
        raise ImmutableError(f"{self.model._meta.verbose_name_plural} are never deleted.")


class WriteOnce:
    """Model mixin (put it before models.Model): a row can be inserted, never saved again or deleted."""

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ImmutableError(f"A {self._meta.verbose_name} is never changed; create a new one.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableError(f"A {self._meta.verbose_name} is never deleted.")
