"""Public service descriptions for applicants, in the modules of a FIM Leistungsbeschreibung.

A ``PublicText`` is one service as applicants see it (``/info/<slug>/``); it belongs to a
process, and one process may serve several (the eAT process: "collect the card" and "report a
lost card"). Its content lives in immutable ``PublicTextVersion`` rows, each holding every
module; a version is a draft until a ``PublicTextRelease`` records who released it (a second
person, core.four_eyes). Public pages show the released version only.

The legal bases (Rechtsgrundlagen) are not written again: they are the process's legal
references, and the forms (Formulare) are the released documents of the process's steps that
are marked public. Markdown modules are rendered once, when a version is saved.
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core import addresses
from core.caching import Tracked, tag
from core.immutable import ImmutableError, WriteOnce, WriteOnceQuerySet
from core.markdown import validate_markdown
from processes.models import Process

PUBLIC = "public"  # cache tag: anything public pages show changed (a release, an office)

# The XZuFi text modules this application writes, with their codes in the LeiKa text module code
# list (urn:de:fim:leika:textmodul). Order is the reading order of a service page.
MODULE_CODES = {
    "title": "02",  # Leistungsbezeichnung
    "full_text": "04",  # Volltext
    "short_text": "05",  # Kurztext
    "documents": "06",  # Erforderliche Unterlagen
    "requirements": "07",  # Voraussetzungen
    "fee": "08",  # Kosten
    "processing_time": "09",  # Bearbeitungsdauer
    "procedure": "10",  # Verfahrensablauf
    "deadlines": "11",  # Fristen
    "forms": "12",  # Formulare
    "further_info": "13",  # Weiterführende Informationen
    "notes": "14",  # Hinweise (Besonderheiten)
    "legal_basis": "15",  # Rechtsgrundlage(n)
    "office": "17",  # Zuständige Stelle
    "contact": "18",  # Ansprechpunkt
    "released_on": "19",  # Fachlich freigegeben am
    "released_by": "20",  # Fachlich freigegeben durch
    "teaser": "21",  # Teaser
    "appeal": "22",  # Rechtsbehelf
}

# Markdown modules: source field → rendered field.
MARKDOWN_MODULES = ("full_text", "requirements", "procedure", "notes", "further_info", "appeal")

leika_validator = RegexValidator(
    r"^99\d{12}\Z", _("A LeiKa key has 14 digits and begins with 99."), code="leika"
)


class Topic(models.TextChoices):
    """What applicants come for: the groups of the public start page."""

    WORK = "arbeit", pgettext_lazy("topic", "Work")
    STUDY = "studium", pgettext_lazy("topic", "Study and training")
    FAMILY = "familie", pgettext_lazy("topic", "Family")
    PROTECTION = "schutz", pgettext_lazy("topic", "Protection and humanitarian reasons")
    SETTLEMENT = "niederlassung", pgettext_lazy("topic", "Settlement and naturalisation")
    DOCUMENTS = "dokumente", pgettext_lazy("topic", "Documents")


class TimeUnit(models.TextChoices):
    DAYS = "days", _("days")
    WEEKS = "weeks", _("weeks")
    MONTHS = "months", _("months")


class Office(Tracked, models.Model):
    """A place applicants go to (Zuständige Stelle): address, opening hours, contact."""

    key = models.SlugField(_("key"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    address = models.TextField(_("address"), max_length=500)
    opening_hours = models.TextField(_("opening hours"), max_length=1000)
    phone = models.CharField(_("phone"), max_length=60, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    url = models.URLField(_("web address"), blank=True)
    is_example = models.BooleanField(
        _("example values"), default=False, help_text=_("Address and hours are examples: the pages say so.")
    )

    class Meta:
        verbose_name = _("office")
        verbose_name_plural = _("offices")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def cache_tags(self, *, gone: bool = False) -> list[str]:
        return [PUBLIC]


class PublicTextQuerySet(models.QuerySet):
    def released(self):
        return self.filter(published_version__isnull=False)

    def delete(self):
        raise ImmutableError("Public texts are withdrawn, not deleted.")


class PublicText(Tracked, models.Model):
    """One service for applicants; its content is in versions, the released one is public."""

    cache_remember = ("published_version_id",)

    process = models.ForeignKey(Process, verbose_name=_("process"), on_delete=models.PROTECT, related_name="public_texts")
    slug = models.SlugField(
        _("slug"), max_length=120, unique=True, help_text=_("The last part of the public address, after /info/.")
    )
    title = models.CharField(_("title"), max_length=200, help_text=_("Of the released version (of the first draft until then)."))
    published_version = models.ForeignKey(
        "PublicTextVersion",
        verbose_name=_("released version"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    latest_number = models.PositiveIntegerField(_("latest version"), default=0, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    objects = PublicTextQuerySet.as_manager()

    class Meta:
        verbose_name = _("public text")
        verbose_name_plural = _("public texts")
        ordering = ["title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return addresses.reverse("public:service", slug=self.slug)

    def cache_tags(self, *, gone: bool = False) -> list[str]:
        public = self.published_version_id is not None or self.loaded("published_version_id") is not None
        return [PUBLIC] if public else [tag("public-draft", self.pk)]


class PublicTextVersion(Tracked, WriteOnce, models.Model):
    """One immutable state of every module of a public text."""

    text = models.ForeignKey(PublicText, verbose_name=_("public text"), on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("number"))
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    title = models.CharField(_("service name"), max_length=200)
    teaser = models.CharField(_("teaser"), max_length=300)
    short_text = models.TextField(_("short text"), max_length=1500)
    full_text = models.TextField(_("full text"), validators=[validate_markdown])
    requirements = models.TextField(_("requirements"), validators=[validate_markdown])
    procedure = models.TextField(_("procedure"), validators=[validate_markdown])
    notes = models.TextField(_("notes"), blank=True, validators=[validate_markdown])
    further_info = models.TextField(_("further information"), blank=True, validators=[validate_markdown])
    appeal = models.TextField(_("legal remedy"), validators=[validate_markdown])
    html = models.JSONField(_("rendered modules"), default=dict, editable=False)
    documents = models.JSONField(
        _("required documents"), default=list, help_text=_("Items: {item, when: always|case, note}.")
    )
    fee_min = models.DecimalField(
        _("fee from (euros)"), max_digits=8, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100_000)],
    )
    fee_max = models.DecimalField(
        _("fee up to (euros)"), max_digits=8, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100_000)],
    )
    fee_legal_basis = models.CharField(_("legal basis of the fee"), max_length=200, blank=True)
    fee_reductions = models.TextField(_("reductions and exemptions"), max_length=1000, blank=True)
    fee_text = models.TextField(_("about the fee"), max_length=1000, blank=True)
    fee_is_example = models.BooleanField(_("fee is an example"), default=False)
    processing_value = models.PositiveSmallIntegerField(
        _("processing time"), null=True, blank=True, validators=[MaxValueValidator(999)]
    )
    processing_unit = models.CharField(_("unit"), max_length=10, choices=TimeUnit.choices, blank=True)
    processing_text = models.TextField(_("about the processing time"), max_length=1000, blank=True)
    processing_is_example = models.BooleanField(_("processing time is an example"), default=False)
    deadline_value = models.PositiveSmallIntegerField(
        _("deadline"), null=True, blank=True, validators=[MaxValueValidator(999)]
    )
    deadline_unit = models.CharField(_("unit"), max_length=10, choices=TimeUnit.choices, blank=True)
    deadline_text = models.TextField(_("about deadlines"), max_length=1000, blank=True)
    office = models.ForeignKey(Office, verbose_name=_("responsible office"), on_delete=models.PROTECT, related_name="+")
    contact = models.TextField(_("point of contact"), max_length=1000, blank=True)
    leika = models.CharField(_("LeiKa key"), max_length=14, blank=True, validators=[leika_validator])
    online_service = models.URLField(_("online service"), blank=True)
    change_note = models.CharField(_("change note"), max_length=300)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = WriteOnceQuerySet.as_manager()

    class Meta:
        verbose_name = _("public text version")
        verbose_name_plural = _("public text versions")
        ordering = ["text", "-number"]
        permissions = [("release_publictextversion", _("Can release public texts"))]
        constraints = [
            models.UniqueConstraint(fields=["text", "number"], name="public_version_unique_number"),
            models.CheckConstraint(condition=Q(number__gte=1), name="public_version_number_positive"),
            models.CheckConstraint(condition=Q(fee_min__gte=0) | Q(fee_min__isnull=True), name="public_fee_min_not_negative"),
            models.CheckConstraint(condition=Q(fee_max__gte=0) | Q(fee_max__isnull=True), name="public_fee_max_not_negative"),
        ]

    def __str__(self):
        return f"{self.title} ({self.number})"

    def save(self, *args, **kwargs):
        from core.markdown import render

        self.html = {name: render(getattr(self, name)).html for name in MARKDOWN_MODULES}
        super().save(*args, **kwargs)

    def clean(self):
        if self.fee_min is not None and self.fee_max is not None and self.fee_max < self.fee_min:
            raise ValidationError({"fee_max": _("The upper amount must not be below the lower one.")})

    def cache_tags(self, *, gone: bool = False) -> list[str]:
        return [tag("public-draft", self.text_id)]

    def module_html(self, name: str) -> str:
        return (self.html or {}).get(name, "")

    @property
    def fixed_fee(self) -> bool:
        return self.fee_min is not None and (self.fee_max is None or self.fee_max == self.fee_min)

    def plain_words(self) -> str:
        """Every text of the version, for search: the sources without Markdown marks."""
        parts = [self.title, self.teaser, self.short_text, *(getattr(self, name) for name in MARKDOWN_MODULES)]
        parts += [entry.get("item", "") for entry in self.documents or []]
        return re.sub(r"[*_`#>\[\]()]", " ", " ".join(parts))


class PublicTextRelease(Tracked, WriteOnce, models.Model):
    """The second pair of eyes: who released which version, and when (fachliche Freigabe)."""

    version = models.OneToOneField(
        PublicTextVersion, verbose_name=_("version"), on_delete=models.PROTECT, related_name="release"
    )
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("released by"), on_delete=models.PROTECT, related_name="+"
    )
    released_at = models.DateTimeField(_("released"), default=timezone.now, db_index=True)

    objects = WriteOnceQuerySet.as_manager()

    class Meta:
        verbose_name = _("release of a public text")
        verbose_name_plural = _("releases of public texts")
        ordering = ["-released_at"]

    def __str__(self):
        return str(self.version)

    def cache_tags(self, *, gone: bool = False) -> list[str]:
        return [PUBLIC, tag("public-draft", self.version.text_id)]


# Modules a translation carries: the texts of a version, without the structured values.
TRANSLATED_FIELDS = (
    "title", "teaser", "short_text", "full_text", "requirements", "procedure", "notes", "further_info", "appeal",
    "fee_text", "processing_text", "deadline_text", "contact",
)


class PublicTranslation(Tracked, models.Model):
    """A public text in another language (or in Leichte Sprache), made from one released German version.

    German stays binding: a translation is information. When a newer German version is released,
    the translation is outdated until it is made again from that version; the public page then
    says so and links the current German page.
    """

    text = models.ForeignKey(PublicText, verbose_name=_("public text"), on_delete=models.PROTECT, related_name="translations")
    language = models.CharField(_("language"), max_length=20)
    source_version = models.ForeignKey(
        PublicTextVersion, verbose_name=_("made from German version"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("service name"), max_length=200)
    teaser = models.CharField(_("teaser"), max_length=300, blank=True)
    short_text = models.TextField(_("short text"), max_length=1500)
    full_text = models.TextField(_("full text"), validators=[validate_markdown])
    requirements = models.TextField(_("requirements"), blank=True, validators=[validate_markdown])
    procedure = models.TextField(_("procedure"), blank=True, validators=[validate_markdown])
    notes = models.TextField(_("notes"), blank=True, validators=[validate_markdown])
    further_info = models.TextField(_("further information"), blank=True, validators=[validate_markdown])
    appeal = models.TextField(_("legal remedy"), blank=True, validators=[validate_markdown])
    html = models.JSONField(_("rendered modules"), default=dict, editable=False)
    documents = models.JSONField(_("required documents"), default=list, blank=True)
    fee_text = models.TextField(_("about the fee"), max_length=1000, blank=True)
    processing_text = models.TextField(_("about the processing time"), max_length=1000, blank=True)
    deadline_text = models.TextField(_("about deadlines"), max_length=1000, blank=True)
    contact = models.TextField(_("point of contact"), max_length=1000, blank=True)
    edit_number = models.PositiveIntegerField(_("edit number"), default=0, editable=False)
    translator = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("translated by"), on_delete=models.PROTECT, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("last changed"), default=timezone.now)

    class Meta:
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        ordering = ["text", "language"]
        constraints = [models.UniqueConstraint(fields=["text", "language"], name="public_translation_unique_language")]

    def __str__(self):
        return f"{self.title} ({self.language})"

    def save(self, *args, **kwargs):
        from core.markdown import render

        self.html = {name: render(getattr(self, name)).html for name in MARKDOWN_MODULES}
        super().save(*args, **kwargs)

    def cache_tags(self, *, gone: bool = False) -> list[str]:
        return [PUBLIC]

    def module_html(self, name: str) -> str:
        return (self.html or {}).get(name, "")


class GuideQuestion(Tracked, models.Model):
    """A question of the guide to the right service ("Welches Anliegen haben Sie?")."""

    key = models.SlugField(_("key"), max_length=60, unique=True)
    text = models.CharField(_("question"), max_length=300)
    translations = models.JSONField(
        _("translations"),
        default=dict,
        blank=True,
        help_text=_('The question in other languages, e.g. {"en": "What do you need?"}.'),
    )
    is_start = models.BooleanField(_("first question"), default=False)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("guide question")
        verbose_name_plural = _("guide questions")
        ordering = ["position", "key"]
        constraints = [
            models.UniqueConstraint(fields=["is_start"], condition=Q(is_start=True), name="guide_one_first_question")
        ]

    def __str__(self):
        return self.text

    def cache_tags(self, *, gone: bool = False) -> list[str]:
        return [PUBLIC]


class GuideAnswer(Tracked, models.Model):
    """An answer: it leads to the next question or to the fitting services."""

    question = models.ForeignKey(GuideQuestion, verbose_name=_("question"), on_delete=models.CASCADE, related_name="answers")
    text = models.CharField(_("answer"), max_length=300)
    translations = models.JSONField(_("translations"), default=dict, blank=True)
    next_question = models.ForeignKey(
        GuideQuestion,
        verbose_name=_("next question"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="leading_answers",
    )
    services = models.ManyToManyField(PublicText, verbose_name=_("services"), blank=True, related_name="guide_answers")
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["question", "position", "pk"]

    def __str__(self):
        return self.text

    def cache_tags(self, *, gone: bool = False) -> list[str]:
        return [PUBLIC]


def in_language(obj, code: str) -> str:
    """A guide text in the language, else in German."""
    return (obj.translations or {}).get(code) or obj.text
