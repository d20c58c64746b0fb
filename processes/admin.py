"""Admin for team leads: processes with their steps inline, the process map, roles, laws and norms."""


from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import FieldError, ObjectDoesNotExist
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from mptt.admin import MPTTModelAdmin, TreeRelatedFieldListFilter

from core.admin import IntegrityErrorAsMessageMixin, LabelledTabularInline, StaffAdminMixin
from core.params import int_or_none
from processes import drafting, selectors, services, versioning
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
class CategoryAdmin(StaffAdminMixin, MPTTModelAdmin):
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
class RoleAdmin(StaffAdminMixin, admin.ModelAdmin):
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
    fields = ["position", "title", "responsible_role", "kind", "duration"]
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


class DraftEditingMixin:
    """Change forms that edit the process's newest version and save a draft (processes.drafting)."""

    def draft_process_id(self, object_id) -> int | None:
        raise NotImplementedError

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        process_id = self.draft_process_id(object_id) if object_id is not None else None
        if process_id is None:  # the add page, or an object that does not exist (the admin says so)
            return super().changeform_view(request, object_id, form_url, extra_context)

        def view():
            return super(DraftEditingMixin, self).changeform_view(request, object_id, form_url, extra_context)

        try:
            response = drafting.run(request, process_id, view)
        except services.EditConflict:
            # Two saves met at the version number: the other one won.
            messages.error(
                request, _("Someone else saved this process at the same moment. Nothing was saved; please open it again.")
            )
            return HttpResponseRedirect(request.path)
        self._tell_about_draft(request)
        return response

    def _tell_about_draft(self, request) -> None:
        state = drafting.state_of(request)
        if state is None or state.snapshot is None:
            return
        if state.unchanged:
            messages.info(request, _("Nothing changed; no new version was saved."))
        else:
            messages.success(
                request,
                _(
                    "Saved as draft version %(number)d. Caseworkers see the released version until another person "
                    "with the release permission releases the draft on the versions page."
                )
                % {"number": state.saved.number},
            )

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        # The admin's "changed successfully" would be wrong: the change is a draft; _tell_about_draft says so.
        state = drafting.state_of(request)
        if state is not None and level == messages.SUCCESS:
            return
        super().message_user(request, message, level, *args, **kwargs)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        state = drafting.state_of(request)
        return type(form.__name__, (form,), {"draft_state": state}) if state is not None else form

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        state = drafting.state_of(request)
        if state is not None:
            context["process_draft"] = state
            context["draft_process"] = state.process
            if state.is_stale and state.submitted_base is not None and state.submitted_base >= 0:
                # A form opened before the process had versions started from the first one.
                context["conflict"] = selectors.version_comparison(
                    process=state.process, old_number=max(state.submitted_base, 1), new_number=state.latest
                )
        return super().render_change_form(request, context, add, change, form_url, obj)


@admin.register(Process)
class ProcessAdmin(StaffAdminMixin, DraftEditingMixin, IntegrityErrorAsMessageMixin, admin.ModelAdmin):
    reading_kind = "process"
    form = ProcessAdminForm
    change_form_template = "admin/processes/draft_change_form.html"
    list_display = [
        "code", "title", "category", "status", "version_state", "owner_role", "step_total", "review_date", "updated_at"
    ]
    list_display_links = ["code", "title"]
    list_filter = ["status", ("category", TreeFilter), "owner_role", RoleListFilter]
    list_select_related = ["category", "owner_role"]
    search_fields = ["code", "title", "purpose", "steps__title"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["owner", "owner_role"]
    inlines = [ProcessReferenceInline, StepInline]
    actions = ["archive", "reactivate"]
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["base_version", "code", "title", "slug", "category", "status"]}),
        (_("Description"), {"fields": ["purpose", "trigger", "outcome", "documents", "notes"]}),
        (_("Responsibility and review"), {"fields": ["owner_role", "owner", "review_date"]}),
        (_("Your change"), {"fields": ["change_note", "mark_significant", "significant_note"]}),
        (
            _("Significant change"),
            {"fields": ["significant_version", "significant_changed_at", "significant_change_note"]},
        ),
    ]
    readonly_fields = ["status", "significant_version", "significant_changed_at", "significant_change_note"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and not self.has_change_permission(request, obj):
            # Read-only (another department's process): there is no change to describe.
            return [(name, options) for name, options in fieldsets if "change_note" not in options["fields"]]
        return fieldsets

    def draft_process_id(self, object_id) -> int | None:
        pk = int_or_none(object_id)
        return pk if pk is not None and Process.objects.filter(pk=pk).exists() else None

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(step_count=Count("steps"))

    def has_delete_permission(self, request, obj=None):
        return False  # processes are archived, never deleted: their versions stay

    @admin.display(description=_("steps"), ordering="step_count")
    def step_total(self, obj):
        return obj.step_count

    @admin.display(description=_("version"))
    def version_state(self, obj):
        if obj.has_pending_draft:
            return format_html(
                '<a href="{}">{}</a>',
                reverse("processes:versions", args=[obj.slug]),
                _("draft %(number)d awaits release") % {"number": obj.latest_version},
            )
        return obj.released_version or "–"

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
        significant = bool(form.cleaned_data.get("mark_significant"))
        note = (form.cleaned_data.get("significant_note") if significant else "") or form.cleaned_data.get("change_note")
        state = drafting.state_of(request)
        if state is None:  # a new process: its rows are its first draft, seen by nobody but editors
            services.process_created(process=form.instance, author=request.user, note=note or "")
            return
        state.note = note or ""
        state.significant = significant
        if "review_date" in form.changed_data:
            state.review_date_changed, state.review_date = True, form.cleaned_data["review_date"]
        state.capture()  # without a note, drafting.run writes a summary once the rows hold the released version again

    @admin.action(description=_("Archive selected processes"), permissions=["change"])
    def archive(self, request, queryset):
        updated = services.processes_archive(processes=list(queryset), user=request.user)
        self.message_user(
            request,
            ngettext("%(count)d process archived.", "%(count)d processes archived.", updated) % {"count": updated},
            messages.WARNING if not updated else messages.INFO,
        )

    @admin.action(description=_("Reactivate selected archived processes"), permissions=["change"])
    def reactivate(self, request, queryset):
        updated = services.processes_reactivate(
            processes=list(queryset.filter(status=Process.Status.ARCHIVED)), user=request.user
        )
        self.message_user(
            request,
            ngettext("%(count)d process reactivated.", "%(count)d processes reactivated.", updated) % {"count": updated},
        )


class StepReferenceInline(LabelledTabularInline):
    model = StepReference
    autocomplete_fields = ["norm"]
    fields = ["norm", "subsection", "sentence", "item", "letter", "position"]
    extra = 1
    verbose_name = _("legal reference")
    verbose_name_plural = _("legal references of the step")


@admin.register(Step)
class StepAdmin(StaffAdminMixin, DraftEditingMixin, IntegrityErrorAsMessageMixin, admin.ModelAdmin):
    reading_kind = "step"
    form = StepAdminForm
    change_form_template = "admin/processes/draft_change_form.html"
    list_display = ["process", "position", "title", "responsible_role"]
    list_display_links = ["title"]
    list_filter = ["responsible_role", ("process__category", TreeFilter)]
    list_select_related = ["process", "responsible_role"]
    search_fields = ["title", "description", "process__title", "process__code"]
    autocomplete_fields = ["responsible_role", "participating_roles"]
    inlines = [StepReferenceInline]
    ordering = ["process__code", "position"]
    fields = [
        "base_version", "process", "position", "title", "description",
        "responsible_role", "participating_roles", "kind", "outcomes", "documents", "duration",
    ]
    readonly_fields = ["process"]

    def draft_process_id(self, object_id) -> int | None:
        pk = int_or_none(object_id)
        if pk is None:
            return None
        if pk < 0:  # a step only a draft has
            process_id = versioning.process_of_key(pk)
            return process_id if Process.objects.filter(pk=process_id).exists() else None
        return Step.objects.filter(pk=pk).values_list("process_id", flat=True).first()

    def has_add_permission(self, request):
        return False  # steps are added on their process's page, where their order is set

    def has_delete_permission(self, request, obj=None):
        return False  # removed on their process's page, as a draft

    def save_model(self, request, obj, form, change):
        wanted = obj.position
        if "position" in form.changed_data:
            # Store the other changes first at the old position, then move.
            obj.position = form.initial["position"]
            obj.save()
            services.step_move(step=obj, position=wanted)
        else:
            obj.save()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        state = drafting.state_of(request)
        state.note = _("Step „%(title)s“ changed") % {"title": form.instance.title}
        state.capture()
