"""Admin for team leads: reading paths with their sections, sections with their items, assignments."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import BoundedInlineMixin, LabelledTabularInline, StaffAdminMixin
from onboarding.models import Assignment, Confirmation, PathItem, PathSection, ReadingPath


class PathSectionInline(LabelledTabularInline):
    model = PathSection
    fields = ["position", "title"]
    ordering = ["position", "id"]
    extra = 1
    show_change_link = True
    verbose_name_plural = _("sections (order by position; items under „Change“)")


@admin.register(ReadingPath)
class ReadingPathAdmin(StaffAdminMixin, admin.ModelAdmin):
    reading_kind = "path"
    list_display = ["title", "role", "created_by", "updated_at"]
    list_filter = ["role"]
    list_select_related = ["role", "created_by"]
    search_fields = ["title", "role__name"]
    autocomplete_fields = ["role"]
    fields = ["title", "role", "description"]
    inlines = [PathSectionInline]
    view_on_site = True

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


class PathItemInline(StaffAdminMixin, BoundedInlineMixin, admin.StackedInline):
    model = PathItem
    fields = [("position", "kind", "required", "estimated_minutes"), ("article", "process"), "task_title", "instructions"]
    autocomplete_fields = ["article", "process"]
    ordering = ["position", "id"]
    extra = 1


@admin.register(PathSection)
class PathSectionAdmin(StaffAdminMixin, admin.ModelAdmin):
    reading_kind = "path"
    reading_field = "path_id"
    list_display = ["title", "path", "position"]
    list_select_related = ["path"]
    search_fields = ["title", "path__title"]
    autocomplete_fields = ["path"]
    inlines = [PathItemInline]


@admin.register(Assignment)
class AssignmentAdmin(StaffAdminMixin, admin.ModelAdmin):
    reading_kind = "path"
    reading_field = "path_id"
    list_display = ["person", "path", "mentor", "start_date", "due_date"]
    list_filter = ["path", "mentor"]
    list_select_related = ["person", "path", "mentor"]
    search_fields = ["person__username", "person__first_name", "person__last_name", "path__title"]
    autocomplete_fields = ["person", "mentor", "path"]
    readonly_fields = ["assigned_by", "created_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.assigned_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Confirmation)
class ConfirmationAdmin(StaffAdminMixin, admin.ModelAdmin):
    """Read-only: confirmations are given by the new hires themselves."""
    reading_kind = "path"
    reading_field = "assignment__path_id"

    list_display = ["assignment", "item", "confirmed_at", "revision"]
    list_select_related = ["assignment__person", "assignment__path", "item__article", "item__process", "revision"]
    readonly_fields = ["assignment", "item", "confirmed_at", "revision", "process_version", "note"]
    exclude = ["process_snapshot"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
