"""Documents (templates, forms, leaflets, service instructions) and their immutable file versions."""

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import addresses
from core.caching import REVIEW, Tracked, tag
from core.immutable import WriteOnce
from core.models import Reviewable
from processes.models import Step


class Document(Tracked, Reviewable):
    """A template, form, leaflet or instruction used in steps; its file lives in immutable versions.

    ``current_version`` is the latest released version, the one readers see; a document without
    one (its first version still a draft) is shown to editors only.
    """

    class Kind(models.TextChoices):
        TEMPLATE = "vorlage", _("Template")
        FORM = "formular", _("Form")
        LEAFLET = "merkblatt", _("Leaflet")
        INSTRUCTION = "dienstanweisung", _("Service instruction")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, help_text=_("Used in the address /dokumente/<slug>/."))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    current_version = models.ForeignKey(
        "DocumentVersion",
        verbose_name=_("current version"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    steps = models.ManyToManyField(Step, verbose_name=_("steps"), blank=True, related_name="templates")
    is_public = models.BooleanField(
        _("for applicants"),
        default=False,
        help_text=_("Applicants may download its released version from the public pages of the processes that use it."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        db_table = "processes_document"  # created by the processes app, moved here (migration documents 0001)
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["title"]

    cache_remember = ("current_version_id", "is_public")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return addresses.reverse("documents:document", slug=self.slug)

    def cache_tags(self, *, gone: bool = False) -> list[str]:
        """Its pages (articles name them too) and the pages of the processes whose steps use it."""
        public = self.current_version_id is not None or self.loaded("current_version_id") is not None
        suffix = "" if public else "-draft"
        processes = Step.objects.filter(templates=self).values_list("process_id", flat=True).distinct()
        tags = [tag(f"document{suffix}", self.pk), *(tag(f"process{suffix}", pk) for pk in processes)]
        if public and (self.is_public or self.loaded("is_public")):
            tags.append("public")  # public.models.PUBLIC: the forms applicants download
        return [*tags, REVIEW] if public else tags


def document_file_path(version, filename: str) -> str:
    """Generated storage name; the user's file name is never part of the path."""
    extension = PurePosixPath(filename).suffix.lower()[:10]
    return f"dokumente/{version.document_id}/{uuid.uuid4().hex}{extension}"


class DocumentVersion(Tracked, WriteOnce, models.Model):
    """One uploaded file of a document. Written once and never changed: its release is a row of its own.

    A new version is a draft until a second person releases it (DocumentRelease); readers see
    and download only released versions, and the document's current version is the latest
    released one.
    """

    document = models.ForeignKey(Document, verbose_name=_("document"), on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("number"))
    file = models.FileField(_("file"), upload_to=document_file_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    content_type = models.CharField(_("content type"), max_length=120)
    sha256 = models.CharField(_("SHA-256 checksum"), max_length=64)
    change_note = models.CharField(_("change note"), max_length=300)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        db_table = "processes_documentversion"  # created by the processes app (migration documents 0001)
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        ordering = ["document", "-number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="document_version_unique_number")]
        permissions = [("release_documentversion", _("Can release document versions (four-eyes principle)"))]

    def __str__(self):
        return f"{self.document} ({self.number})"

    def get_download_url(self):
        return addresses.reverse("documents:document_download", slug=self.document.slug, number=self.number)

    @property
    def extension_label(self) -> str:
        return PurePosixPath(self.original_name).suffix.lstrip(".").upper()

    @property
    def is_released(self) -> bool:
        """Whether a second person released it (no query where the release was select_related)."""
        try:
            return self.release is not None
        except DocumentRelease.DoesNotExist:
            return False

    def cache_tags(self, *, gone: bool = False) -> list[str]:
        # A new version is a draft until released: the editors' pages only.
        processes = Step.objects.filter(templates__pk=self.document_id).values_list("process_id", flat=True).distinct()
        return [tag("document-draft", self.document_id), *(tag("process-draft", pk) for pk in processes)]


class DocumentRelease(Tracked, WriteOnce, models.Model):
    """The second pair of eyes: who released which version of a document, and when. Never changed."""

    version = models.OneToOneField(
        DocumentVersion, verbose_name=_("version"), on_delete=models.PROTECT, related_name="release"
    )
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("released by"), on_delete=models.PROTECT, related_name="+"
    )
    released_at = models.DateTimeField(_("released"), default=timezone.now)

    class Meta:
        verbose_name = _("document release")
        verbose_name_plural = _("document releases")
        ordering = ["-released_at"]

    def __str__(self):
        return f"{self.version} – {self.released_by}"

    def cache_tags(self, *, gone: bool = False) -> list[str]:
        return self.version.document.cache_tags()

