"""Admin: the audit log, read-only and for administrators only."""

from django.contrib import admin

from processdb.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "action", "actor_name", "ip_address", "object_repr", "path"]
    list_filter = ["action", "created_at"]
    search_fields = ["actor_name", "object_repr", "path", "details", "ip_address"]
    date_hierarchy = "created_at"
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
