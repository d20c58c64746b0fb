"""The admin's upload form; the app's forms live with its views."""

from django import forms
from django.utils.translation import gettext as _

from documents.models import DocumentVersion
from documents.uploads import check_upload


class DocumentVersionAdminForm(forms.ModelForm):
    """An upload in the admin is checked like one in the app; a refusal shows at the file field."""

    class Meta:
        model = DocumentVersion
        fields = ["file", "change_note"]

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and not self.instance.pk:
            check_upload(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("file") and not self.instance.pk and not (cleaned.get("change_note") or "").strip():
            self.add_error("change_note", _("Please describe what changed in this version."))
        return cleaned

    def _post_clean(self):
        # The version's number, size and checksum are set by the service when the document is saved.
        pass
