"""Admin: the audit log, read-only and for administrators only."""

from django.contrib import admin

from core.admin import StaffAdminMixin
from processdb.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(StaffAdminMixin, admin.ModelAdmin):
    list_display = ["created_at", "action", "actor_name", "ip_address", "object_repr", "path"]
    list_filter = ["action", "created_at"]
    search_fields = ["actor_name", "object_repr", "path", "details", "ip_address"]
    date_hierarchy = "created_at"

    def get_changelist_instance(self, request):
        # Django builds a datetime from ?created_at__year=… and catches ValueError, not the
        # OverflowError of a 21-digit year: such a value is dropped like an unknown filter.
        parts = [f"{self.date_hierarchy}__{part}" for part in ("year", "month", "day")]
        if any(not request.GET.get(part, "0").isdigit() or len(request.GET.get(part, "")) > 4 for part in parts):
            request.GET = request.GET.copy()
            for part in parts:
                request.GET.pop(part, None)
            request.GET._mutable = False
        return super().get_changelist_instance(request)
    readonly_fields = ["created_at", "action", "actor", "actor_name", "ip_address", "path", "object_repr", "details"]

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
