"""Admin: the audit log (read-only) and the links to accounts of the city, for administrators only."""

from django.contrib import admin

from core.admin import StaffAdminMixin, SuperuserOnlyMixin
from processdb.models import AuditEvent, ExternalIdentity


@admin.register(AuditEvent)
class AuditEventAdmin(SuperuserOnlyMixin, StaffAdminMixin, admin.ModelAdmin):
    read_only = True
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


@admin.register(ExternalIdentity)
class ExternalIdentityAdmin(SuperuserOnlyMixin, StaffAdminMixin, admin.ModelAdmin):
    """Links of local users to accounts of the city. An administrator links an existing local account
    here (README "Login with the city's account"); logins with the city's account make the others."""

    list_display = ["user", "source", "subject", "last_login_at"]
    list_filter = ["source"]
    search_fields = ["subject", "user__username", "user__last_name"]
    autocomplete_fields = ["user"]
    readonly_fields = ["groups", "created_at", "last_login_at"]
