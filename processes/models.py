"""The process map, processes and their ordered steps, roles, laws and norms."""


from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from mptt.models import MPTTModel, TreeForeignKey

from core import addresses
from core.caching import MAP, MAP_AREA, REVIEW, TITLES, Tracked, tag
from core.immutable import ImmutableError, WriteOnce, WriteOnceQuerySet  # noqa: F401 - ImmutableError for callers
from core.markdown import validate_markdown
from core.models import Reviewable
from law.markdown import render
from law.models import PINPOINT_FIELDS, LegalReference, Norm


class Category(MPTTModel):
    """A node of the process map: a band (Führungs-, Kern-, Unterstützungsprozesse) or a subject group."""

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, help_text=_("Used in addresses, e.g. kernprozesse."))
    code = models.CharField(_("code"), max_length=12, blank=True, help_text=_("Short code on the process map, e.g. K8."))
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0, help_text=_("Order among its siblings."))
    parent = TreeForeignKey(
        "self",
        verbose_name=_("parent category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )

    class MPTTMeta:
        order_insertion_by = ["position", "name"]

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self):
        return f"{self.code} {self.name}".strip()


class Role(models.Model):
    """An organisational role: who does a step. External participants are roles too."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    code = models.CharField(_("code"), max_length=12, unique=True, help_text=_("Short code, e.g. SB-A or BA."))
    is_external = models.BooleanField(
        _("external"), default=False, help_text=_("Outside the authority, e.g. the Bundesagentur für Arbeit.")
    )
    description = models.TextField(_("description"), blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("members"), blank=True, related_name="process_roles"
    )

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["is_external", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return addresses.reverse("processes:role", slug=self.slug)


class ProcessQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Process.Status.PUBLISHED)

    def visible_to(self, user):
        """Editors see drafts and archived processes; everyone else only published ones. Nobody sees
        the processes of a department that shows its content to its members only (core.ownership)."""
        from core import ownership
        from processes.permissions import can_see_unpublished

        return ownership.readable(user, self if can_see_unpublished(user) else self.published(), "process")


class RendersMarkdown(models.Model):
    """A model with a Markdown text rendered to HTML at save, its legal citations recorded.

    The text is rendered when it is new or was changed since it was loaded, not on every save:
    reordering a process's steps saves each step, and none of them needs rendering again.
    """

    markdown_field: str
    html_field: str

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        source = getattr(self, self.markdown_field)
        rendered = None
        if self._state.adding or getattr(self, "_rendered_source", None) != source:
            rendered = render(source)
            setattr(self, self.html_field, rendered.html)
        super().save(*args, **kwargs)
        if rendered is not None:
            self.text_citations.set(Norm.objects.for_citations(rendered.cited_numbers()))
            self._rendered_source = source

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        if cls.markdown_field in field_names:
            instance._rendered_source = getattr(instance, cls.markdown_field)
        return instance

class Process(Tracked, Reviewable, RendersMarkdown):
    markdown_field, html_field = "notes", "notes_html"
    # What the process map shows of a process (with its number of steps, see Step).
    MAP_FIELDS = ("code", "title", "slug", "status", "category_id")
    cache_remember = (*MAP_FIELDS, "owner_role_id")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

    code = models.CharField(_("code"), max_length=20, blank=True, help_text=_("Identifier on the process map, e.g. K8-03."))
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True, help_text=_("Used in the address /prozesse/<slug>/."))
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="processes"
    )
    purpose = models.TextField(_("purpose"))
    trigger = models.TextField(_("trigger"), blank=True, help_text=_("What starts the procedure, e.g. an application."))
    outcome = models.TextField(_("outcome"), blank=True, help_text=_("What the procedure produces, e.g. a residence permit."))
    notes = models.TextField(
        _("notes"), blank=True, validators=[validate_markdown],
        help_text=_("Markdown. Pitfalls, recent legal changes, local practice."),
    )
    notes_html = models.TextField(editable=False, default="")
    # The page's legal basis section, rendered when a reference, norm or law changes (processes.cards).
    basis_html = models.TextField(editable=False, default="")
    text_citations = models.ManyToManyField(
        Norm, verbose_name=_("norms cited in the notes"), blank=True, editable=False, related_name="citing_process_texts"
    )
    documents = models.TextField(
        _("typical documents"), blank=True, help_text=_("One document per line, e.g. Nationalpass.")
    )
    owner_role = models.ForeignKey(
        Role, verbose_name=_("responsible role"), on_delete=models.PROTECT, related_name="owned_processes"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("process owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_processes",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True)
    review_date = models.DateField(_("next review"), null=True, blank=True, db_index=True)  # Reviewable's, indexed
    significant_version = models.PositiveIntegerField(
        _("significant version"),
        default=1,
        editable=False,
        help_text=_("Counts significant changes of the steps; those who confirmed an older version must read again."),
    )
    significant_changed_at = models.DateTimeField(_("last significant change"), null=True, blank=True, editable=False)
    significant_change_note = models.CharField(_("what changed significantly"), max_length=300, blank=True, editable=False)
    latest_version = models.PositiveIntegerField(
        _("latest version"), default=0, editable=False, help_text=_("Number of the newest version, released or draft.")
    )
    released_version = models.PositiveIntegerField(
        _("released version"),
        default=0,
        editable=False,
        help_text=_("Number of the version readers see; 0 before the first release."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = ProcessQuerySet.as_manager()

    class Meta:
        verbose_name = _("process")
        verbose_name_plural = _("processes")
        ordering = ["code", "title"]
        permissions = [("release_process", _("Can release process versions (four-eyes principle)"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["draft", "published", "archived"]), name="process_status_valid"
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.title}".strip()


    def get_absolute_url(self):
        return addresses.reverse("processes:process", slug=self.slug)

    def cache_tags(self, *, gone: bool = False) -> list[str]:
        """Its page, its owner role's pages, the review queue; the map and lists when what they show changed."""
        if self.is_unreleased_draft():
            return [tag("process-draft", self.pk), f"{MAP}-draft"]  # readers have never seen it
        tags = [tag("process", self.pk), REVIEW, tag("role", self.owner_role_id), tag("role", self.loaded("owner_role_id"))]
        if gone or self.significant(*self.MAP_FIELDS):
            # Its area of the map (and the one it left); the archived list when it enters or leaves it.
            tags += [tag(MAP_AREA, self.category_id), tag(MAP_AREA, self.loaded("category_id")), f"{MAP}-draft", TITLES]
            if gone or self.Status.ARCHIVED in (self.status, self.loaded("status")):
                tags.append(MAP)
        return tags

    def is_unreleased_draft(self) -> bool:
        """A draft that was never shown to readers (status draft, also as loaded)."""
        return self.status == self.Status.DRAFT and self.loaded("status") in (None, self.Status.DRAFT)

    @property
    def document_list(self) -> list[str]:
        return [line.strip() for line in self.documents.splitlines() if line.strip()]

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def has_pending_draft(self) -> bool:
        return self.latest_version > self.released_version

    def snapshot_text(self) -> str:
        """The steps as plain text, kept with a read confirmation to show later what changed.

        Uses the steps, roles and references as loaded (prefetch them for many processes).
        """
        lines = [self.title, ""]
        for step in self.steps.all():
            roles = ", ".join([step.responsible_role.name, *(role.name for role in step.participating_roles.all())])
            lines.append(f"{step.position}. {step.title} ({roles})")
            references = "; ".join(reference.label for reference in step.references.all())
            if references:
                lines.append(f"   {references}")
            if step.description:
                lines.extend(f"   {line}" for line in step.description.splitlines() if line.strip())
        return "\n".join(lines) + "\n"


class StepKind(models.TextChoices):
    """What a step is in the flow (processes.flow): a task leads to the next step, a decision to its outcomes."""

    TASK = "task", _("task")
    DECISION = "decision", _("decision")
    WAIT = "wait", _("waiting for a deadline or an answer")
    HANDOVER = "handover", _("hand-over to an external body")


class Step(Tracked, RendersMarkdown):
    markdown_field, html_field = "description", "description_html"

    process = models.ForeignKey(Process, verbose_name=_("process"), on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField(_("position"), help_text=_("1 is the first step."))
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True, validators=[validate_markdown], help_text=_("Markdown."))
    description_html = models.TextField(editable=False, default="")
    text_citations = models.ManyToManyField(
        Norm, verbose_name=_("norms cited in the description"), blank=True, editable=False, related_name="citing_step_texts"
    )
    responsible_role = models.ForeignKey(
        Role, verbose_name=_("responsible"), on_delete=models.PROTECT, related_name="responsible_steps"
    )
    participating_roles = models.ManyToManyField(
        Role, verbose_name=_("participating"), blank=True, related_name="participating_steps"
    )
    documents = models.TextField(
        _("required documents"), blank=True, help_text=_("One document per line, e.g. Arbeitsvertrag.")
    )
    duration = models.CharField(
        _("duration"), max_length=120, blank=True, help_text=_("E.g. „about 15 minutes“ or „two weeks (deemed consent)“.")
    )
    kind = models.CharField(_("kind of step"), max_length=10, choices=StepKind.choices, default=StepKind.TASK)
    outcomes = models.TextField(
        _("outcomes of the decision"),
        blank=True,
        help_text=_(
            "Only for a decision: one outcome per line, the answer, an arrow and the number of the step it leads to, "
            "or „Ende“. E.g. „Unterlagen vollständig → 4“ and „Unterlagen fehlen → 3“."
        ),
    )
    # What the process page shows of the step: rendered when it changes (processes.cards).
    card_html = models.TextField(editable=False, default="")

    class Meta:
        verbose_name = _("step")
        verbose_name_plural = _("steps")
        ordering = ["process", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["process", "position"],
                name="step_unique_position_per_process",
                violation_error_message=_("Another step of this process already has this position."),
            ),
            models.CheckConstraint(condition=Q(position__gte=1), name="step_position_positive"),
        ]

    def __str__(self):
        return f"{self.position}. {self.title}"

    cache_remember = ("title", "responsible_role_id")

    def get_absolute_url(self):
        return f"{self.process.get_absolute_url()}#{self.anchor}"

    @property
    def anchor(self) -> str:
        return f"schritt-{self.position}"

    @property
    def document_list(self) -> list[str]:
        return [line.strip() for line in self.documents.splitlines() if line.strip()]

    @property
    def outcome_list(self) -> list:
        """A decision's outcomes (processes.flow.Outcome: label, target position or 0 for the end)."""
        from processes.flow import parse_outcomes

        return parse_outcomes(self.outcomes)[0] if self.kind == StepKind.DECISION else []

    def cache_tags(self, *, gone: bool = False) -> list[str]:
        """Its process's page, its roles' pages; the map counts steps, role and norm pages list titles.

        A step that was not loaded from the database counts as new.
        """
        if Step.process.is_cached(self):
            status, category_id = self.process.status, self.process.category_id
        else:
            status, category_id = (
                Process.objects.filter(pk=self.process_id).values_list("status", "category_id").first() or (None, None)
            )
        if status == Process.Status.DRAFT:
            return [tag("process-draft", self.process_id), f"{MAP}-draft"]  # readers do not see it
        tags = [tag("process", self.process_id), tag("role", self.responsible_role_id)]
        tags.append(tag("role", self.loaded("responsible_role_id")))
        if gone or getattr(self, "_cache_loaded", None) is None:
            tags += [tag(MAP_AREA, category_id), f"{MAP}-draft", TITLES]  # the map counts the steps
        elif self.significant("title"):
            tags.append(TITLES)
        return tags


class ProcessReference(Tracked, LegalReference):
    cache_remember = ("norm_id",)

    def cache_tags(self, *, gone: bool = False) -> list[str]:
        return [tag("process", self.process_id), tag("norm", self.norm_id), tag("norm", self.loaded("norm_id"))]

    process = models.ForeignKey(Process, verbose_name=_("process"), on_delete=models.CASCADE, related_name="references")
    norm = models.ForeignKey(Norm, verbose_name=_("norm"), on_delete=models.PROTECT, related_name="process_references")

    class Meta:
        verbose_name = _("legal basis of the process")
        verbose_name_plural = _("legal bases of the process")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["process", *PINPOINT_FIELDS], name="process_reference_unique"),
        ]


class StepReference(Tracked, LegalReference):
    cache_remember = ("norm_id",)

    def cache_tags(self, *, gone: bool = False) -> list[str]:
        step = self.step if StepReference.step.is_cached(self) else None
        if step is not None:
            process_id = step.process_id
        else:
            process_id = Step.objects.filter(pk=self.step_id).values_list("process_id", flat=True).first()
        return [tag("process", process_id), tag("norm", self.norm_id), tag("norm", self.loaded("norm_id"))]

    step = models.ForeignKey(Step, verbose_name=_("step"), on_delete=models.CASCADE, related_name="references")
    norm = models.ForeignKey(Norm, verbose_name=_("norm"), on_delete=models.PROTECT, related_name="step_references")

    class Meta:
        verbose_name = _("legal reference of the step")
        verbose_name_plural = _("legal references of the step")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["step", *PINPOINT_FIELDS], name="step_reference_unique"),
        ]


class ProcessVersion(Tracked, WriteOnce, models.Model):
    """One immutable state of a whole process: its fields and its steps in order, as a snapshot.

    The snapshot (processes.versioning) holds ids for applying it and names for showing it,
    so a version reads the same after a role or norm was renamed. A version is a draft until
    a ProcessRelease row records who released it; the live rows of the process are always
    the state of the released version.
    """

    process = models.ForeignKey(Process, verbose_name=_("process"), on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("number"))
    snapshot = models.JSONField(_("content"), editable=False)
    change_note = models.CharField(_("change note"), max_length=300)
    is_significant = models.BooleanField(
        _("significant change"), default=False, help_text=_("Readers who confirmed an earlier version must read it again.")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="process_versions",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    restored_from = models.PositiveIntegerField(_("restored from version"), null=True, blank=True)

    objects = WriteOnceQuerySet.as_manager()

    class Meta:
        verbose_name = _("process version")
        verbose_name_plural = _("process versions")
        ordering = ["process", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["process", "number"], name="process_version_unique_number"),
            models.CheckConstraint(condition=Q(number__gte=1), name="process_version_number_positive"),
        ]

    def __str__(self):
        return f"{self.process} ({self.number})"

    def get_absolute_url(self):
        return addresses.reverse("processes:version", slug=self.process.slug, number=self.number)

    def cache_tags(self, *, gone: bool = False) -> list[str]:
        return [tag("process-draft", self.process_id)]  # a new version is a draft: editors' pages only


class ProcessRelease(Tracked, WriteOnce, models.Model):
    """The second pair of eyes: who released which process version, and when."""

    version = models.OneToOneField(
        ProcessVersion, verbose_name=_("version"), on_delete=models.PROTECT, related_name="release"
    )
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("released by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty for the state a process had when versions were introduced."),
    )
    released_at = models.DateTimeField(_("released"), default=timezone.now, db_index=True)
    step_keys = models.JSONField(
        _("ids of the steps created"), default=dict, blank=True, editable=False,
        help_text=_("Draft key of each step the release created, with its new id."),
    )

    class Meta:
        verbose_name = _("release of a process version")
        verbose_name_plural = _("releases of process versions")
        ordering = ["-released_at"]

    def __str__(self):
        return f"{self.version}"

    def cache_tags(self, *, gone: bool = False) -> list[str]:
        # The rows it wrote name their own pages; the editors' pages lose their pending draft.
        return [tag("process-draft", self.version.process_id)]
