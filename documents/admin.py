"""Admin for documents: metadata editable, versions uploaded like in the app, never changed or deleted."""

from django.contrib import admin

from core.admin import IntegrityErrorAsMessageMixin, LabelledTabularInline
from documents import services
from documents.forms import DocumentVersionAdminForm
from documents.models import Document, DocumentVersion


class DocumentVersionInline(LabelledTabularInline):
    """Existing versions are read-only; a new one is uploaded in the empty row (checked like in the app)."""

    model = DocumentVersion
    form = DocumentVersionAdminForm
    fields = ["number", "file", "change_note", "original_name", "size", "uploaded_by", "uploaded_at", "released_at"]
    readonly_fields = ["number", "original_name", "size", "uploaded_by", "uploaded_at", "released_at"]
    extra = 1
    can_delete = False
    ordering = ["-number"]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Document)
class DocumentAdmin(IntegrityErrorAsMessageMixin, admin.ModelAdmin):
    list_display = ["title", "kind", "current_version", "owner", "review_date"]
    list_filter = ["kind"]
    list_select_related = ["current_version", "owner"]
    search_fields = ["title", "description"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["owner", "steps"]
    fields = ["title", "slug", "kind", "description", "owner", "review_date", "steps"]
    inlines = [DocumentVersionInline]
    view_on_site = True

    def has_delete_permission(self, request, obj=None):
        return False

    def save_formset(self, request, form, formset, change):
        if formset.model is not DocumentVersion:
            return super().save_formset(request, form, formset, change)
        # Uploads go through the same service as in the app (checks, numbering, current version).
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for inline_form in formset.forms:
            upload = inline_form.cleaned_data.get("file") if hasattr(inline_form, "cleaned_data") else None
            if upload and not inline_form.instance.pk:
                formset.new_objects.append(
                    services.document_add_version(
                        document=form.instance,
                        upload=upload,
                        note=inline_form.cleaned_data.get("change_note", ""),
                        user=request.user,
                    )
                )
