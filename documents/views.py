"""Pages of the document management under /dokumente/: list, document with history, upload, download."""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from core import panels
from core.forms import apply_validation_error
from core.params import redirect_back
from core.review_dates import mark_reviewed_from_post
from documents import services
from documents.models import Document, DocumentVersion
from documents.permissions import ADD_DOCUMENTS, CHANGE_DOCUMENTS, UPLOAD_VERSIONS, VIEW_DOCUMENTS
from processes.models import Process, Step


class StepsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, step):
        return f"{step.process.code} {step.process.title} – {step.position}. {step.title}"


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("File"), help_text=gettext_lazy("PDF, DOCX, XLSX, ODT, ODS, TXT, PNG or JPEG."))
    change_note = forms.CharField(
        label=gettext_lazy("What changed?"), max_length=300, help_text=gettext_lazy("E.g. „Gebühr 2025 angepasst“.")
    )


class DocumentForm(UploadForm):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=Document.Kind.choices)
    description = forms.CharField(label=gettext_lazy("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    steps = StepsField(
        label=gettext_lazy("Used in steps"),
        queryset=Step.objects.select_related("process").order_by("process__code", "position"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    review_date = forms.DateField(
        label=gettext_lazy("Next review"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    field_order = ["title", "kind", "description", "steps", "review_date", "file", "change_note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["change_note"].initial = _("First version")


class DocumentListView(PermissionRequiredMixin, TemplateView):
    permission_required = VIEW_DOCUMENTS
    template_name = "documents/document_list.html"

    def get_context_data(self, **kwargs):
        kind = self.request.GET.get("art", "")
        query = self.request.GET.get("q", "").strip()[:100]
        documents = (
            Document.objects.select_related("current_version__document", "owner")
            .annotate(step_count=Count("steps"))
            .order_by("title")
        )
        if kind in Document.Kind.values:
            documents = documents.filter(kind=kind)
        if query:
            documents = documents.filter(Q(title__icontains=query) | Q(description__icontains=query))
        return super().get_context_data(
            documents=documents,
            kinds=Document.Kind.choices,
            selected_kind=kind,
            query=query,
            can_add=self.request.user.has_perm(ADD_DOCUMENTS),
            **kwargs,
        )


class DocumentDetailView(PermissionRequiredMixin, TemplateView):
    permission_required = VIEW_DOCUMENTS
    template_name = "documents/document_detail.html"

    def get_context_data(self, **kwargs):
        document = get_object_or_404(
            Document.objects.select_related("current_version__document", "owner"), slug=self.kwargs["slug"]
        )
        can_upload = self.request.user.has_perm(UPLOAD_VERSIONS)
        versions = document.versions.select_related("uploaded_by", "document").order_by("-number")
        if not can_upload:
            versions = versions.filter(released_at__isnull=False)
        visible = Process.objects.visible_to(self.request.user)
        return super().get_context_data(
            document=document,
            versions=versions,
            steps=document.steps.filter(process__in=visible).select_related("process").order_by("process__code", "position"),
            panels=panels.render_panels("document", [document], self.request.user, self.request)[document.pk],
            upload_form=kwargs.pop("upload_form", None) or UploadForm(),
            can_upload=can_upload,
            **kwargs,
        )


class DocumentCreateView(PermissionRequiredMixin, View):
    permission_required = ADD_DOCUMENTS
    template_name = "documents/document_form.html"

    def get(self, request):
        return render(request, self.template_name, {"form": DocumentForm()})

    def post(self, request):
        form = DocumentForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                document = services.document_create(
                    title=data["title"],
                    kind=data["kind"],
                    description=data["description"],
                    owner=request.user,
                    review_date=data["review_date"],
                    steps=data["steps"],
                    upload=data["file"],
                    note=data["change_note"],
                    user=request.user,
                )
            except ValidationError as error:
                apply_validation_error(form, error, field="file")
            else:
                messages.success(request, _("The document was stored as version 1."))
                return redirect(document)
        return render(request, self.template_name, {"form": form}, status=400)


class VersionUploadView(PermissionRequiredMixin, View):
    permission_required = UPLOAD_VERSIONS
    http_method_names = ["post"]

    def post(self, request, slug):
        document = get_object_or_404(Document, slug=slug)
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                version = services.document_add_version(
                    document=document, upload=form.cleaned_data["file"], note=form.cleaned_data["change_note"], user=request.user
                )
            except ValidationError as error:
                apply_validation_error(form, error, field="file")
            else:
                messages.success(request, _("Version %(number)d is now the current version.") % {"number": version.number})
                return redirect(document)
        view = DocumentDetailView()
        view.setup(request, slug=slug)
        return view.render_to_response(view.get_context_data(upload_form=form), status=400)


class DownloadView(PermissionRequiredMixin, View):
    """Only to logged-in readers, always as a download and never sniffed as something else."""

    permission_required = VIEW_DOCUMENTS

    def get(self, request, slug, number):
        version = get_object_or_404(DocumentVersion.objects.select_related("document"), document__slug=slug, number=number)
        if version.released_at is None and not request.user.has_perm(UPLOAD_VERSIONS):
            raise Http404
        try:
            handle = version.file.open("rb")
        except FileNotFoundError as error:
            raise Http404 from error
        response = FileResponse(handle, as_attachment=True, filename=version.original_name, content_type=version.content_type)
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        return response


class DocumentReviewedView(PermissionRequiredMixin, View):
    permission_required = CHANGE_DOCUMENTS
    http_method_names = ["post"]

    def post(self, request, slug):
        document = get_object_or_404(Document, slug=slug)
        mark_reviewed_from_post(request, document)
        return redirect_back(request, document.get_absolute_url())
