"""The admin's upload form; the app's forms live with its views."""

from django import forms
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext as _

from core.params import int_or_none
from documents import selectors
from documents.models import DocumentVersion
from documents.uploads import check_upload


def stale_base_message(latest: int) -> str:
    return _(
        "Meanwhile version %(number)d was uploaded, or this form is outdated. Nothing was saved. "
        "Please check the versions, choose the file again and save."
    ) % {"number": latest}


class DocumentVersionAdminForm(forms.ModelForm):
    """An upload in the admin is checked like one in the app; a refusal shows at the file field.

    ``base_number`` carries the latest version when the page was opened: an upload from a page
    opened before someone else uploaded is refused instead of silently becoming the next version.
    """

    base_number = forms.Field(widget=forms.HiddenInput, required=False)

    class Meta:
        model = DocumentVersion
        fields = ["file", "change_note"]

    def __init__(self, *args, latest_number: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        self.latest_number = latest_number
        self.fields["base_number"].initial = latest_number

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and not self.instance.pk:
            check_upload(upload)
        return upload

    def clean_base_number(self) -> int | None:
        return int_or_none(self.cleaned_data.get("base_number"))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("file") and not self.instance.pk:
            if not (cleaned.get("change_note") or "").strip():
                self.add_error("change_note", _("Please describe what changed in this version."))
            if cleaned.get("base_number") != self.latest_number:
                self.add_error(None, stale_base_message(self.latest_number))
        return cleaned

    def _post_clean(self):
        # The version's number, size and checksum are set by the service when the document is saved.
        pass


class DocumentVersionFormSet(BaseInlineFormSet):
    """Gives every row the number of the document's latest version, read once per request."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.latest_number = selectors.latest_number(self.instance) if self.instance.pk else 0

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "latest_number": self.latest_number}
