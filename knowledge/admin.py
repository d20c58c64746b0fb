"""Admin for articles: metadata editable, revisions read-only, nothing deletable."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import StaffAdminMixin
from knowledge.models import Article, Release, Revision


class RevisionInline(StaffAdminMixin, admin.TabularInline):
    model = Revision
    fields = ["number", "title", "change_note", "is_significant", "author", "created_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True
    ordering = ["-number"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Article)
class ArticleAdmin(StaffAdminMixin, admin.ModelAdmin):
    list_display = ["title", "slug", "owner", "review_date", "latest_number", "is_published", "archived_at"]
    list_filter = ["archived_at", "owner", "processes"]
    list_select_related = ["owner"]
    search_fields = ["title", "slug"]
    readonly_fields = [
        "title",
        "published_revision",
        "latest_number",
        "reviewed_at",
        "reviewed_by",
        "archived_at",
        "created_at",
        "updated_at",
    ]
    fields = ["title", "slug", "owner", "review_date", "steps", "processes", *readonly_fields[1:]]
    autocomplete_fields = ["owner", "steps", "processes"]
    inlines = [RevisionInline]

    @admin.display(boolean=True, description=_("released"))
    def is_published(self, obj):
        return obj.published_revision_id is not None

    def has_add_permission(self, request):
        # New articles start in the app's editor, which creates the first revision.
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Revision)
class RevisionAdmin(StaffAdminMixin, admin.ModelAdmin):
    list_display = ["article", "number", "title", "author", "created_at", "is_significant"]
    list_select_related = ["article", "author"]
    search_fields = ["title", "article__title", "change_note"]
    list_filter = ["is_significant"]
    readonly_fields = [
        "article",
        "number",
        "title",
        "body",
        "change_note",
        "is_significant",
        "author",
        "created_at",
        "restored_from",
        "cited_norms",
    ]
    fields = readonly_fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Release)
class ReleaseAdmin(StaffAdminMixin, admin.ModelAdmin):
    list_display = ["revision", "released_by", "released_at"]
    list_select_related = ["revision__article", "released_by"]
    readonly_fields = ["revision", "released_by", "released_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
