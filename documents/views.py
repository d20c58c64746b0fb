"""Pages of the document management under /dokumente/: list, document with history, upload, release, download."""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from core import ownership, panels
from core.forms import apply_validation_error
from core.params import int_or_none, redirect_back
from core.people import display_name
from core.review_dates import mark_reviewed_from_post
from documents import selectors, services
from documents.models import Document
from documents.permissions import (
    ADD_DOCUMENTS,
    CHANGE_DOCUMENTS,
    RELEASE_VERSIONS,
    UPLOAD_VERSIONS,
    VIEW_DOCUMENTS,
    can_see_drafts,
    release_refusal,
)
from processes.models import Process, Step


class StepsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, step):
        return f"{step.process.code} {step.process.title} – {step.position}. {step.title}"


class VersionFields(forms.Form):
    file = forms.FileField(label=gettext_lazy("File"), help_text=gettext_lazy("PDF, DOCX, XLSX, ODT, ODS, TXT, PNG or JPEG."))
    change_note = forms.CharField(
        label=gettext_lazy("What changed?"), max_length=300, help_text=gettext_lazy("E.g. „Gebühr 2025 angepasst“.")
    )


class UploadForm(VersionFields):
    """A new version, with the number of the latest version when the form was opened (``base``).

    The template renders ``base`` itself (see DocumentDetailView); any value that is not a
    number becomes None here and is refused with a message, never a server error.
    """

    base = forms.Field(widget=forms.HiddenInput, required=False)

    def clean_base(self) -> int | None:
        return int_or_none(self.cleaned_data.get("base"))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("base") is None or cleaned["base"] < 0:
            self.add_error(None, mismatch_message())
        return cleaned


def mismatch_message() -> str:
    return _(
        "This upload form does not match the versions of the document (it may be outdated). Nothing was saved. "
        "Please check the versions below, choose the file again and upload it."
    )


def conflict_message(conflict: services.VersionConflict) -> str:
    """What the uploader is told when a newer version was uploaded since the form was opened."""
    latest = conflict.latest
    if latest is None or not 1 <= conflict.base_number < latest.number:
        return mismatch_message()
    return _(
        "Meanwhile %(person)s uploaded version %(number)d (%(when)s): „%(note)s“. Your file was not saved. "
        "Please check the new version below; to upload yours as the next version, choose the file again."
    ) % {
        "person": display_name(latest.uploaded_by),
        "number": latest.number,
        "when": formats.date_format(timezone.localtime(latest.uploaded_at), "d.m.Y H:i"),
        "note": latest.change_note,
    }


class DocumentForm(VersionFields):
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
        documents = selectors.documents_for(self.request.user)
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
            can_see_drafts=can_see_drafts(self.request.user),
            **kwargs,
        )


class DocumentDetailView(PermissionRequiredMixin, TemplateView):
    """The document, its history and – for editors – the draft waiting for release and the upload form."""

    permission_required = VIEW_DOCUMENTS
    template_name = "documents/document_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        document = selectors.document_for(slug=self.kwargs["slug"], user=user)
        versions = selectors.history(document=document, user=user)
        pending = selectors.pending_draft(versions, document) if can_see_drafts(user) else None
        visible = Process.objects.visible_to(user)
        upload_base = kwargs.pop("upload_base", None)
        if upload_base is None:
            upload_base = versions[0].number if versions else 0
        return super().get_context_data(
            document=document,
            versions=versions,
            pending=pending,
            release_refusal=release_refusal(user, pending.draft) if pending else None,
            steps=document.steps.filter(process__in=visible).select_related("process").order_by("process__code", "position"),
            panels=panels.render_panels("document", [document], user, self.request)[document.pk],
            upload_form=kwargs.pop("upload_form", None) or UploadForm(),
            # The version the upload form is opened from; a newer one by then is refused (no lost update).
            upload_base=upload_base,
            can_upload=user.has_perm(UPLOAD_VERSIONS),
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
                messages.success(
                    request,
                    _("The document was saved with version 1 as a draft. Readers see it once someone else releases it."),
                )
                return redirect(document)
        return render(request, self.template_name, {"form": form}, status=400)


class VersionUploadView(PermissionRequiredMixin, View):
    permission_required = UPLOAD_VERSIONS
    http_method_names = ["post"]

    def post(self, request, slug):
        document = selectors.document_for(slug=slug, user=request.user)
        ownership.check(request.user, document)  # another department's document: 403
        form = UploadForm(request.POST, request.FILES)
        upload_base = None
        status = 400
        if form.is_valid():
            try:
                version = services.document_add_version(
                    document=document,
                    upload=form.cleaned_data["file"],
                    note=form.cleaned_data["change_note"],
                    user=request.user,
                    base_number=form.cleaned_data["base"],
                )
            except services.VersionConflict as conflict:
                # The typed note stays; the form now starts from the latest version, which the page shows.
                form.add_error(None, conflict_message(conflict))
                status = 409
            except ValidationError as error:
                upload_base = form.cleaned_data["base"]
                apply_validation_error(form, error, field="file")
            else:
                messages.success(
                    request,
                    _("Version %(number)d was saved as a draft. Readers see the released version until someone else releases it.")
                    % {"number": version.number},
                )
                return redirect(document)
        elif form.cleaned_data.get("base") is not None and form.cleaned_data["base"] >= 0:
            # Keep the version the form was opened from: a version uploaded meanwhile is still noticed.
            upload_base = form.cleaned_data["base"]
        view = DocumentDetailView()
        view.setup(request, slug=slug)
        return view.render_to_response(view.get_context_data(upload_form=form, upload_base=upload_base), status=status)


class ReleaseView(PermissionRequiredMixin, View):
    """Release the draft the page showed (its number is posted); refusals come back as messages."""

    permission_required = RELEASE_VERSIONS
    http_method_names = ["post"]

    def post(self, request, slug):
        document = selectors.document_for(slug=slug, user=request.user)
        ownership.check(request.user, document)
        version = selectors.version_for(document=document, number=int_or_none(request.POST.get("number")), user=request.user)
        if version is None:
            messages.error(request, _("This version of the document does not exist. Please reload the page."))
            return redirect(document)
        try:
            services.document_version_release(version=version, releaser=request.user)
        except services.ReleaseRefused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, _("Version %(number)d is released; readers see it now.") % {"number": version.number})
        return redirect(document)


class DownloadView(PermissionRequiredMixin, View):
    """Only to logged-in readers, always as a download and never sniffed as something else.

    Readers get released versions only; a draft is downloadable for those who may see drafts.
    """

    permission_required = VIEW_DOCUMENTS

    def get(self, request, slug, number):
        document = selectors.document_for(slug=slug, user=request.user)
        version = selectors.version_for(document=document, number=number, user=request.user)
        if version is None:
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
        document = selectors.document_for(slug=slug, user=request.user)
        ownership.check(request.user, document)
        mark_reviewed_from_post(request, document)
        return redirect_back(request, document.get_absolute_url())
