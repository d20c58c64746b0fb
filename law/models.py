"""Laws and their norms (paragraphs, articles), and the abstract legal reference that cites one."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core import addresses
from core.caching import ALL, LAWS, Tracked, tag
from law import norms

norm_number_validator = RegexValidator(
    r"^([0-9]{1,4}[a-z]?)?$",
    _("Enter a paragraph or article number such as 81, 18g or 16a (lower-case letter)."),
)
gii_slug_validator = RegexValidator(
    r"^[a-z0-9_]*$", _("Only lower-case letters, digits and underscores, as in aufenthg_2004.")
)
pinpoint_validator = RegexValidator(
    r"^([0-9a-z]+(\s*(und|bis|,|–|-)\s*[0-9a-z]+)*)?$",
    _("Enter a number such as 4, a range such as 3–5 or a list such as 7 und 8."),
)


class Law(Tracked, models.Model):
    class Jurisdiction(models.TextChoices):
        FEDERAL = "bund", _("Federal law")
        STATE = "land", _("State law")
        EU = "eu", _("EU law")

    key = models.SlugField(
        _("key"), max_length=40, unique=True, help_text=_("Used in addresses, e.g. aufenthg for /recht/aufenthg/81/.")
    )
    abbreviation = models.CharField(
        _("abbreviation"), max_length=40, unique=True, help_text=_("As cited in texts, e.g. AufenthG.")
    )
    title = models.CharField(_("title"), max_length=400)
    gii_slug = models.CharField(
        _("gesetze-im-internet.de slug"),
        max_length=60,
        blank=True,
        validators=[gii_slug_validator],
        help_text=_("E.g. aufenthg_2004; empty for law not published there (state law, EU law)."),
    )
    url = models.URLField(_("address"), blank=True, help_text=_("Only for law not on gesetze-im-internet.de."))
    jurisdiction = models.CharField(
        _("jurisdiction"), max_length=4, choices=Jurisdiction.choices, default=Jurisdiction.FEDERAL
    )
    cites_articles = models.BooleanField(
        _("divided into articles"), default=False, help_text=_("Cited as Art. (Grundgesetz) instead of §.")
    )

    class Meta:
        db_table = "processes_law"  # created by the processes app, moved here (migration law 0001)
        verbose_name = _("law")
        verbose_name_plural = _("laws")
        ordering = ["abbreviation"]

    def __str__(self):
        return self.abbreviation

    def get_absolute_url(self):
        return addresses.reverse("law:law", law=self.key)

    @property
    def official_url(self) -> str:
        return norms.build_norm_url(self.gii_slug, "") or self.url

    def cache_tags(self, *, gone: bool = False) -> list[str]:
        return [ALL] if gone or not self.significant() else [tag("law", self.pk), LAWS]


class NormQuerySet(models.QuerySet):
    def for_citations(self, cited: set[tuple[str, str]]) -> list["Norm"]:
        """The norms for (law abbreviation, number) pairs found in a text; missing ones are created."""
        if not cited:
            return []
        laws = {law.abbreviation: law for law in Law.objects.filter(abbreviation__in={law for law, _ in cited})}
        wanted = {(laws[law].pk, norms.normalise_number(number)) for law, number in cited if law in laws}
        found = {
            (norm.law_id, norm.number): norm
            for norm in self.filter(law__in=laws.values(), number__in={number for _, number in wanted})
        }
        for law_id, number in sorted(wanted - set(found)):
            norm, _ = self.get_or_create(law_id=law_id, number=number)
            found[(law_id, number)] = norm
        return [found[key] for key in sorted(wanted)]


class Norm(Tracked, models.Model):
    """A paragraph or article of a law. An empty number stands for the law as a whole."""

    law = models.ForeignKey(Law, verbose_name=_("law"), on_delete=models.PROTECT, related_name="norms")
    number = models.CharField(
        _("number"),
        max_length=8,
        blank=True,
        validators=[norm_number_validator],
        help_text=_("Paragraph or article, e.g. 81 or 18g. Empty: the law as a whole."),
    )
    title = models.CharField(_("heading"), max_length=300, blank=True)
    url = models.URLField(_("address"), blank=True, help_text=_("Only for law not on gesetze-im-internet.de."))
    sort_key = models.CharField(max_length=12, editable=False, default="")

    objects = NormQuerySet.as_manager()

    class Meta:
        db_table = "processes_norm"  # created by the processes app, moved here (migration law 0001)
        verbose_name = _("norm")
        verbose_name_plural = _("norms")
        ordering = ["law__abbreviation", "sort_key"]
        constraints = [
            models.UniqueConstraint(fields=["law", "number"], name="norm_unique_number_per_law"),
        ]

    def __str__(self):
        return self.label

    def save(self, *args, **kwargs):
        self.number = norms.normalise_number(self.number)
        self.sort_key = norms.norm_sort_key(self.number)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        if not self.number:
            return self.law.get_absolute_url()
        return addresses.reverse("law:norm", law=self.law.key, number=self.number)

    @property
    def label(self) -> str:
        return norms.norm_label(
            abbreviation=self.law.abbreviation, number=self.number, article=self.law.cites_articles
        )

    @property
    def official_url(self) -> str:
        if self.url:
            return self.url
        if self.law.gii_slug:
            return norms.build_norm_url(self.law.gii_slug, self.number, article=self.law.cites_articles)
        return self.law.url

    def cache_tags(self, *, gone: bool = False) -> list[str]:
        # A new norm (first cited) shows on its law's page only; a renamed one wherever it is cited.
        if gone or not self.significant():
            return [ALL]
        return [tag("norm", self.pk), tag("law", self.law_id)]

class LegalReference(models.Model):
    """A citation of a norm, optionally pinned to Abs./Satz/Nr./Buchst."""

    norm = models.ForeignKey(Norm, verbose_name=_("norm"), on_delete=models.PROTECT, related_name="+")
    subsection = models.CharField(_("Abs."), max_length=20, blank=True, validators=[pinpoint_validator])
    sentence = models.CharField(_("Satz"), max_length=20, blank=True, validators=[pinpoint_validator])
    item = models.CharField(_("Nr."), max_length=20, blank=True, validators=[pinpoint_validator])
    letter = models.CharField(_("Buchst."), max_length=20, blank=True, validators=[pinpoint_validator])
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        abstract = True

    def __str__(self):
        return self.label

    @property
    def pinpoint(self) -> str:
        return norms.pinpoint_label(
            subsection=self.subsection, sentence=self.sentence, item=self.item, letter=self.letter
        )

    @property
    def label(self) -> str:
        law = self.norm.law
        return norms.norm_label(
            abbreviation=law.abbreviation, number=self.norm.number, article=law.cites_articles, pinpoint=self.pinpoint
        )


PINPOINT_FIELDS = ["norm", "subsection", "sentence", "item", "letter"]
