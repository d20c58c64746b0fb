"""Admin: notifications whose e-mail failed after the last try, for administrators to look into."""

from django.contrib import admin

from core.admin import StaffAdminMixin
from notifications.models import Notification


@admin.register(Notification)
class NotificationAdmin(StaffAdminMixin, admin.ModelAdmin):
    list_display = ["created_at", "recipient", "title", "email_state", "email_attempts", "email_error"]
    list_filter = ["email_state", "kind"]
    search_fields = ["title", "recipient__username", "email_error"]
    readonly_fields = [field.name for field in Notification._meta.fields]

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
