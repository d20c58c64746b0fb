"""Admin: offices are edited here; public texts are written and released in the app (/oeffentlich/)."""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from public.models import Office, PublicText


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    list_display = ["name", "key", "phone", "email", "is_example"]
    search_fields = ["name", "key"]
    fields = ["name", "key", "address", "opening_hours", "phone", "email", "url", "is_example"]


@admin.register(PublicText)
class PublicTextAdmin(admin.ModelAdmin):
    """Read-only: versions and releases go through public.services in the app's editor."""

    list_display = ["title", "slug", "process", "latest_number", "released", "editor"]
    search_fields = ["title", "slug"]
    list_select_related = ["process", "published_version"]

    @admin.display(description=_("released version"))
    def released(self, obj):
        return obj.published_version.number if obj.published_version else "–"

    @admin.display(description=_("editor"))
    def editor(self, obj):
        return format_html('<a href="{}">{}</a>', f"/oeffentlich/{obj.slug}/", _("Open in the editor"))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
