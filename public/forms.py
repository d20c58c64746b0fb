"""The editor's form of a public text: every module, the documents as a list, a change note."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from processes.models import Process
from public import languages
from public.models import TRANSLATED_FIELDS, PublicText, PublicTextVersion, PublicTranslation
from public.services import VERSION_FIELDS

MAX_DOCUMENTS = 40
# Addresses under /info/ that are pages of their own (public/urls.py) or languages.
RESERVED_SLUGS = {
    "a-z", "suche", "wegweiser", "impressum", "formulare", "neu", "uebersetzungen",
    *(language.code for language in languages.LANGUAGES),
}


class DocumentItemForm(forms.Form):
    item = forms.CharField(label=_("Document"), max_length=300, required=False)
    when = forms.ChoiceField(
        label=_("Needed"),
        choices=[("always", _("always")), ("case", _("only in certain cases"))],
        initial="always",
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class BaseDocumentItems(forms.BaseFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        if not self.items():
            raise ValidationError(_("Name at least one document that applicants bring."))

    def items(self) -> list[dict]:
        return [
            {
                "item": form.cleaned_data["item"].strip(),
                "when": form.cleaned_data["when"],
                "note": form.cleaned_data["note"].strip(),
            }
            for form in self.forms
            if form.cleaned_data.get("item", "").strip() and not form.cleaned_data.get("DELETE")
        ]


DocumentItems = forms.formset_factory(
    DocumentItemForm, formset=BaseDocumentItems, extra=3, max_num=MAX_DOCUMENTS, validate_max=True, absolute_max=MAX_DOCUMENTS
)


# The editors' text areas, sized to what each module holds (a version's and a translation's form).
TEXT_WIDGETS = {
    "teaser": forms.TextInput(),
    "short_text": forms.Textarea(attrs={"rows": 3}),
    "full_text": forms.Textarea(attrs={"rows": 8}),
    "requirements": forms.Textarea(attrs={"rows": 5}),
    "procedure": forms.Textarea(attrs={"rows": 6}),
    "notes": forms.Textarea(attrs={"rows": 4}),
    "further_info": forms.Textarea(attrs={"rows": 4}),
    "appeal": forms.Textarea(attrs={"rows": 3}),
    "fee_reductions": forms.Textarea(attrs={"rows": 2}),
    "fee_text": forms.Textarea(attrs={"rows": 2}),
    "processing_text": forms.Textarea(attrs={"rows": 2}),
    "deadline_text": forms.Textarea(attrs={"rows": 2}),
    "contact": forms.Textarea(attrs={"rows": 2}),
}


class VersionForm(forms.ModelForm):
    change_note = forms.CharField(label=_("What changed?"), max_length=300)
    base_number = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0, max_value=10**9)

    class Meta:
        model = PublicTextVersion
        fields = [name for name in VERSION_FIELDS if name != "documents"]
        widgets = TEXT_WIDGETS
        help_texts = {
            "full_text": _("Markdown. Written for applicants: short sentences, no internal terms."),
            "leika": _("Optional: 14 digits beginning with 99."),
            "fee_min": _("Empty if no fee is known; 0 for free of charge. The same amount in both fields for a fixed fee."),
        }

    def clean(self):
        data = super().clean()
        low, high = data.get("fee_min"), data.get("fee_max")
        if low is not None and high is not None and high < low:
            self.add_error("fee_max", _("The upper amount must not be below the lower one."))
        for value, unit, field in (
            (data.get("processing_value"), data.get("processing_unit"), "processing_unit"),
            (data.get("deadline_value"), data.get("deadline_unit"), "deadline_unit"),
        ):
            if value is not None and not unit:
                self.add_error(field, _("Choose the unit of the time given."))
        return data

    def values(self, items: list[dict]) -> dict:
        values = {name: self.cleaned_data[name] for name in self.Meta.fields}
        values["documents"] = items
        return values


class NewTextForm(forms.Form):
    process = forms.ModelChoiceField(label=_("Process"), queryset=Process.objects.published().order_by("title"))
    slug = forms.SlugField(
        label=_("Address"), max_length=120, help_text=_("Lower-case letters, digits and hyphens: /info/<address>/.")
    )

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if slug in RESERVED_SLUGS:
            raise ValidationError(_("This address is taken by the public pages themselves; please choose another."))
        if PublicText.objects.filter(slug=slug).exists():
            raise ValidationError(_("This address is already used by another public text."))
        return slug


class TranslationForm(forms.ModelForm):
    base_edit = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0, max_value=10**9)

    def __init__(self, *args, language=None, **kwargs):
        super().__init__(*args, **kwargs)
        if language is not None:  # the fields are typed in the translation's language and direction
            for name in TRANSLATED_FIELDS:
                self.fields[name].widget.attrs.update(lang=language.tag, dir=language.direction)

    class Meta:
        model = PublicTranslation
        fields = list(TRANSLATED_FIELDS)
        widgets = {name: widget for name, widget in TEXT_WIDGETS.items() if name in TRANSLATED_FIELDS}


class TranslatedItemForm(forms.Form):
    item = forms.CharField(label=_("Document"), max_length=300)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


def translated_items(german: list[dict], data=None, initial=None, language=None):
    """One row per German document, in its order: the translation keeps the list's shape."""
    count = len(german)
    formset = forms.formset_factory(
        TranslatedItemForm, extra=0, min_num=count, max_num=count, validate_min=True, validate_max=True,
        absolute_max=max(count, 1),
    )
    items = formset(data, initial=initial, prefix="doc")
    for form in items.forms if language is not None else ():
        for field in form.fields.values():
            field.widget.attrs.update(lang=language.tag, dir=language.direction)
    return items
