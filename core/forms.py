"""Form pieces shared by the apps: the "reviewed" form and putting a service's refusal on a form."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class ReviewedForm(forms.Form):
    """The date of the next review, posted by the "reviewed" button of a process, document or article."""

    next_review = forms.DateField(
        label=_("Next review"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


def apply_validation_error(form: forms.Form, error: ValidationError, *, field: str | None = None) -> None:
    """Show a service's ValidationError on the form it came from.

    Messages keyed by a field go to that field if the form has it, otherwise to the form as a
    whole; an error without field names goes to ``field`` (None: the form as a whole).
    """
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(field, error)
