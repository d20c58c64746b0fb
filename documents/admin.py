"""Admin for documents: metadata editable, versions uploaded like in the app, never changed or deleted.

A version uploaded here is a draft, as in the app; it is released on the document's page
(/dokumente/<slug>/) by a second person.
"""

from django.contrib import admin
from django.db import IntegrityError
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from core.admin import IntegrityErrorAsMessageMixin, LabelledTabularInline, StaffAdminMixin
from core.people import display_name
from documents import services
from documents.forms import DocumentVersionAdminForm, DocumentVersionFormSet
from documents.models import Document, DocumentVersion


class DocumentVersionInline(LabelledTabularInline):
    """Existing versions are read-only; a new one is uploaded in the empty row (checked like in the app)."""

    model = DocumentVersion
    form = DocumentVersionAdminForm
    formset = DocumentVersionFormSet
    fields = ["number", "file", "change_note", "original_name", "size", "uploaded_by", "uploaded_at", "released", "base_number"]
    readonly_fields = ["number", "original_name", "size", "uploaded_by", "uploaded_at", "released"]
    extra = 1
    can_delete = False
    ordering = ["-number"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("uploaded_by", "release__released_by")

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("Release"))
    def released(self, version):
        if not version.pk or not version.is_released:
            return _("not released")
        released = version.release
        return f"{display_name(released.released_by)}, {date_format(localtime(released.released_at), 'd.m.Y H:i')}"


@admin.register(Document)
class DocumentAdmin(StaffAdminMixin, IntegrityErrorAsMessageMixin, admin.ModelAdmin):
    reading_kind = "document"
    list_display = ["title", "kind", "current_version", "owner", "review_date"]
    list_filter = ["kind"]
    list_select_related = ["current_version", "owner"]
    search_fields = ["title", "description"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["owner", "steps"]
    fields = ["title", "slug", "kind", "description", "is_public", "owner", "review_date", "steps"]
    inlines = [DocumentVersionInline]
    view_on_site = True

    def has_delete_permission(self, request, obj=None):
        return False

    def save_formset(self, request, form, formset, change):
        if formset.model is not DocumentVersion:
            return super().save_formset(request, form, formset, change)
        # Uploads go through the same service as in the app (checks, numbering, draft).
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for inline_form in formset.forms:
            upload = inline_form.cleaned_data.get("file") if hasattr(inline_form, "cleaned_data") else None
            if upload and not inline_form.instance.pk:
                try:
                    version = services.document_add_version(
                        document=form.instance,
                        upload=upload,
                        note=inline_form.cleaned_data.get("change_note", ""),
                        user=request.user,
                        base_number=inline_form.cleaned_data.get("base_number"),
                    )
                except services.VersionConflict as conflict:
                    # Someone uploaded between the form's check and now: roll back, say so (core.admin).
                    raise IntegrityError(str(conflict)) from conflict
                formset.new_objects.append(version)
