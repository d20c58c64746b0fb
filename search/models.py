"""The search index: one row per searchable process, step, article, norm and document.

Kept current by signal handlers (search/signals.py) and rebuilt in bulk by
`manage.py search_reindex`. On PostgreSQL the row carries a weighted tsvector (German
configuration) and the title has a trigram index; on SQLite a case-folded text column
serves the LIKE-based fallback.
"""

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
        db_table = "processdb_searchdocument"  # created by the processdb app (migration search 0001)
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_document_unique_object")]
        indexes = [models.Index(fields=["kind", "is_public"], name="search_kind_public")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title}"
