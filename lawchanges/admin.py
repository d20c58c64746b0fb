"""Admin for law changes: read-only, recorded in the app, which shows their impact first."""

from django.contrib import admin

from core.admin import LabelledTabularInline, StaffAdminMixin
from lawchanges.models import LawChange, ReviewItem


class ReviewItemInline(LabelledTabularInline):
    model = ReviewItem
    fields = ["kind", "title", "reasons", "status", "closed_by", "closed_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    # Read-only rows; a law change to a central norm opens review items for hundreds of texts.
    max_forms = 1000

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(LawChange)
class LawChangeAdmin(StaffAdminMixin, admin.ModelAdmin):
    """Law changes are entered in the app, which shows their impact before recording."""

    list_display = ["effective_date", "title", "law", "source", "recorded_by"]
    list_filter = ["law"]
    search_fields = ["title", "summary", "source"]
    readonly_fields = ["law", "norms", "title", "effective_date", "summary", "source", "recorded_by", "recorded_at"]
    inlines = [ReviewItemInline]
    view_on_site = True

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
