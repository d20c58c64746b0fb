"""Admin: notifications whose e-mail failed after the last try, for administrators to look into."""

from django.contrib import admin

from core.admin import StaffAdminMixin, SuperuserOnlyMixin
from notifications.models import Notification


@admin.register(Notification)
class NotificationAdmin(SuperuserOnlyMixin, StaffAdminMixin, admin.ModelAdmin):
    read_only = True
    list_display = ["created_at", "recipient", "title", "email_state", "email_attempts", "email_error"]
    list_filter = ["email_state", "kind"]
    search_fields = ["title", "recipient__username", "email_error"]
    readonly_fields = [field.name for field in Notification._meta.fields]
