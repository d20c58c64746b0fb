"""Admin for articles: read-only (articles change in the app's editor only), nothing deletable."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
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
    reading_kind = "article"
    list_display = ["title", "slug", "owner", "review_date", "latest_number", "is_published", "archived_at"]
    list_filter = ["archived_at", "owner", "processes"]
    list_select_related = ["owner"]
    search_fields = ["title", "slug"]
    # Everything is shown, nothing is changed here (see has_change_permission).
    readonly_fields = [
        "edit_in_app",
        "title",
        "address",
        "owner",
        "review_date",
        "steps",
        "processes",
        "published_revision",
        "latest_number",
        "reviewed_at",
        "reviewed_by",
        "archived_at",
        "created_at",
        "updated_at",
    ]
    fields = readonly_fields
    inlines = [RevisionInline]

    @admin.display(boolean=True, description=_("released"))
    def is_published(self, obj):
        return obj.published_revision_id is not None

    @admin.display(description=_("address"))
    def address(self, obj):
        return obj.get_absolute_url()

    @admin.display(description=_("edit"))
    def edit_in_app(self, obj):
        return format_html('<a href="{}">{}</a>', reverse("knowledge:edit", args=[obj.slug]), _("Edit in the article editor"))

    def has_add_permission(self, request):
        # New articles start in the app's editor, which creates the first revision.
        return False

    def has_change_permission(self, request, obj=None):
        # One way to change an article: the app's editor, which keeps revisions and refuses an
        # edit on a stale base for every field (text, links, responsible person, review date).
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Revision)
class RevisionAdmin(StaffAdminMixin, admin.ModelAdmin):
    reading_kind = "article"
    reading_field = "article_id"
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
    reading_kind = "article"
    reading_field = "revision__article_id"
    list_display = ["revision", "released_by", "released_at"]
    list_select_related = ["revision__article", "released_by"]
    readonly_fields = ["revision", "released_by", "released_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
