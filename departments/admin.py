"""Departments in the admin: for superusers, who decide which department owns what and who belongs to it."""

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from core.admin import StaffAdminMixin
from departments.models import Department
from knowledge.models import Article
from processes.models import Category


class SuperusersOnly:
    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    has_add_permission = has_change_permission = has_delete_permission = has_view_permission


@admin.register(Department)
class DepartmentAdmin(SuperusersOnly, StaffAdminMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "member_count", "bands"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["members"]
    readonly_fields = ["bands", "article_count"]
    fields = ["name", "slug", "description", "members", "bands", "article_count"]

    def get_queryset(self, request):
        from django.db.models import Count

        return super().get_queryset(request).annotate(member_total=Count("members", distinct=True))

    @admin.display(description=_("members"), ordering="member_total")
    def member_count(self, obj):
        return obj.member_total

    def _owned(self, obj, model):
        content_type = ContentType.objects.get_for_model(model)
        return obj.ownerships.filter(content_type=content_type).values_list("object_id", flat=True)

    @admin.display(description=_("bands of the process map"))
    def bands(self, obj):
        if obj.pk is None:
            return "–"
        names = Category.objects.filter(pk__in=self._owned(obj, Category)).order_by("tree_id").values_list("name", flat=True)
        return ", ".join(names) or "–"

    @admin.display(description=_("articles"))
    def article_count(self, obj):
        return Article.objects.filter(pk__in=self._owned(obj, Article)).count() if obj.pk else 0
