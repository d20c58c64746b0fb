"""Admin for team leads: processes with their steps inline, the process map, roles, laws and norms."""


from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import FieldError, ObjectDoesNotExist
from django.db.models import Count
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from mptt.admin import MPTTModelAdmin, TreeRelatedFieldListFilter

from core import caching
from core.admin import IntegrityErrorAsMessageMixin, LabelledTabularInline
from core.params import int_or_none
from core.signals import AuditAction, audit_event
from processes import services
from processes.forms import ProcessAdminForm, StepAdminForm, StepInlineForm, StepInlineFormSet
from processes.models import Category, Process, ProcessReference, Role, Step, StepReference


class TreeFilter(TreeRelatedFieldListFilter):
    """mptt's tree filter, indenting by class instead of the inline style our CSP blocks."""

    def queryset(self, request, queryset):
        # mptt looks the chosen area up with .get() and lets "abc" (ValueError), an unknown id
        # (DoesNotExist) or an empty value (FieldError) through: the admin's own answer to a
        # broken filter is its "invalid lookup" page, not a server error.
        try:
            return super().queryset(request, queryset)
        except (ValueError, FieldError, ObjectDoesNotExist) as error:
            raise IncorrectLookupParameters(error) from error

    def field_choices(self, field, request, model_admin):
        choices = field.get_choices(include_blank=False)
        levels = dict(
            field.related_model._default_manager.filter(**{f"{self.rel_name}__in": [pk for pk, _ in choices]})
            .values_list(self.rel_name, field.related_model._mptt_meta.level_attr)
        )
        # The template puts this string into the link tag; it holds a number only.
        return [(pk, label, mark_safe(f' class="tree-level tree-level--{min(levels.get(pk, 0), 6)}"')) for pk, label in choices]  # noqa: S308


@admin.register(Category)
class CategoryAdmin(MPTTModelAdmin):
    # mptt's change list indents with inline style attributes, which our CSP blocks;
    # Django's list with a class per tree level does the same within the policy.
    change_list_template = "admin/change_list.html"
    list_display = ["tree_name", "code", "position", "process_count"]
    list_display_links = ["tree_name"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "code"]

    class Media:
        css = {"all": ["css/admin.css"]}

    @admin.display(description=_("name"), ordering="lft")
    def tree_name(self, obj):
        return format_html('<span class="tree-level tree-level--{}">{}</span>', min(obj.level, 6), obj.name)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(process_total=Count("processes"))

    @admin.display(description=_("processes"), ordering="process_total")
    def process_count(self, obj):
        return obj.process_total


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "is_external"]
    list_filter = ["is_external"]
    search_fields = ["name", "code", "description"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["members"]


class ProcessReferenceInline(LabelledTabularInline):
    model = ProcessReference
    autocomplete_fields = ["norm"]
    fields = ["norm", "subsection", "sentence", "item", "letter", "position"]
    extra = 0
    verbose_name = _("legal basis")
    verbose_name_plural = _("legal bases of the process")


class StepInline(LabelledTabularInline):
    model = Step
    form = StepInlineForm
    formset = StepInlineFormSet
    fields = ["position", "title", "responsible_role", "duration"]
    ordering = ["position"]
    extra = 0
    show_change_link = True
    verbose_name_plural = _("steps (change the numbers to reorder; legal references and descriptions under „Change“)")

    class Media:
        js = ["js/admin-step-order.js"]
        css = {"all": ["css/admin.css"]}


class RoleListFilter(admin.SimpleListFilter):
    title = _("role involved")
    parameter_name = "role"

    def lookups(self, request, model_admin):
        return [(role.pk, role.name) for role in Role.objects.order_by("name")]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        role_id = int_or_none(self.value())
        if role_id is None:
            raise IncorrectLookupParameters(_("Unknown role."))
        return queryset.filter(steps__responsible_role_id=role_id).distinct()


@admin.register(Process)
class ProcessAdmin(IntegrityErrorAsMessageMixin, admin.ModelAdmin):
    form = ProcessAdminForm
    list_display = ["code", "title", "category", "status", "owner_role", "step_total", "review_date", "updated_at"]
    list_display_links = ["code", "title"]
    list_filter = ["status", ("category", TreeFilter), "owner_role", RoleListFilter]
    list_select_related = ["category", "owner_role"]
    search_fields = ["code", "title", "purpose", "steps__title"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["owner", "owner_role"]
    inlines = [ProcessReferenceInline, StepInline]
    actions = ["publish", "archive"]
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["code", "title", "slug", "category", "status"]}),
        (_("Description"), {"fields": ["purpose", "trigger", "outcome", "documents", "notes"]}),
        (_("Responsibility and review"), {"fields": ["owner_role", "owner", "review_date"]}),
        (
            _("Significant change"),
            {
                "fields": [
                    "mark_significant",
                    "significant_note",
                    "significant_version",
                    "significant_changed_at",
                    "significant_change_note",
                ]
            },
        ),
    ]
    readonly_fields = ["significant_version", "significant_changed_at", "significant_change_note"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(step_count=Count("steps"))

    @admin.display(description=_("steps"), ordering="step_count")
    def step_total(self, obj):
        return obj.step_count

    def save_formset(self, request, form, formset, change):
        if formset.model is not Step:
            return super().save_formset(request, form, formset, change)
        formset.save(commit=False)
        for step in formset.deleted_objects:
            step.delete()
        kept = formset.ordered_forms_to_keep()
        services.steps_apply_order(process=form.instance, ordered_steps=[f.instance for f in kept])
        formset.save_m2m()
        entered = [f.cleaned_data["position"] for f in kept]
        if entered != list(range(1, len(entered) + 1)):
            self.message_user(
                request, _("The steps were renumbered 1 to %(count)d in the order given.") % {"count": len(entered)}
            )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        for formset in formsets:
            for removed in getattr(formset, "deleted_objects", []):
                audit_event.send(
                    sender=type(removed),
                    action=AuditAction.DELETE,
                    actor=request.user,
                    object_repr=f"{form.instance}: {removed}"[:300],
                    details=removed._meta.label_lower,
                    request=request,
                )
        if change and "status" in form.changed_data and form.instance.status == Process.Status.ARCHIVED:
            audit_event.send(
                sender=Process, action=AuditAction.ARCHIVE, actor=request.user, object_repr=str(form.instance), request=request
            )
        if form.cleaned_data.get("mark_significant"):
            services.process_mark_significant_change(process=form.instance, note=form.cleaned_data["significant_note"])
            self.message_user(
                request, _("Recorded as a significant change: those who confirmed the process will be asked to read it again.")
            )

    @admin.action(description=_("Publish selected processes"))
    def publish(self, request, queryset):
        updated = queryset.update(status=Process.Status.PUBLISHED)
        caching.bump()
        self.message_user(
            request, ngettext("%(count)d process published.", "%(count)d processes published.", updated) % {"count": updated}
        )

    @admin.action(description=_("Archive selected processes"))
    def archive(self, request, queryset):
        for process in queryset:
            audit_event.send(
                sender=Process, action=AuditAction.ARCHIVE, actor=request.user, object_repr=str(process), request=request
            )
        updated = queryset.update(status=Process.Status.ARCHIVED)
        caching.bump()
        self.message_user(
            request, ngettext("%(count)d process archived.", "%(count)d processes archived.", updated) % {"count": updated}
        )


class StepReferenceInline(LabelledTabularInline):
    model = StepReference
    autocomplete_fields = ["norm"]
    fields = ["norm", "subsection", "sentence", "item", "letter", "position"]
    extra = 1
    verbose_name = _("legal reference")
    verbose_name_plural = _("legal references of the step")


@admin.register(Step)
class StepAdmin(IntegrityErrorAsMessageMixin, admin.ModelAdmin):
    form = StepAdminForm
    list_display = ["process", "position", "title", "responsible_role"]
    list_display_links = ["title"]
    list_filter = ["responsible_role", ("process__category", TreeFilter)]
    list_select_related = ["process", "responsible_role"]
    search_fields = ["title", "description", "process__title", "process__code"]
    autocomplete_fields = ["process", "responsible_role"]
    filter_horizontal = ["participating_roles"]
    inlines = [StepReferenceInline]
    ordering = ["process__code", "position"]
    fields = ["process", "position", "title", "description", "responsible_role", "participating_roles", "documents", "duration"]

    def save_model(self, request, obj, form, change):
        wanted = obj.position
        if change and "position" in form.changed_data:
            # Store the other changes first at the old position, then move.
            obj.position = form.initial["position"]
            obj.save()
            services.step_move(step=obj, position=wanted)
        elif not change:
            last = Step.objects.filter(process=obj.process).count()
            obj.position = last + 1
            obj.save()
            services.step_move(step=obj, position=wanted)
        else:
            obj.save()
