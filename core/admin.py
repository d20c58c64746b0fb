"""Admin building blocks every app's admin uses: bounded, labelled inlines and a clash message."""

from django.contrib import admin, messages
from django.db import IntegrityError
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _


class IntegrityErrorAsMessageMixin:
    """A database clash that validation could not foresee (a concurrent edit) becomes a German
    message instead of a server error; the admin's transaction has already rolled everything back."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except IntegrityError:
            self.message_user(
                request,
                _("Nothing was saved: someone else changed the same data at the same time. "
                  "Please reload the page and enter your change again."),
                level=messages.ERROR,
            )
            return HttpResponseRedirect(request.get_full_path())


class _LabelledFieldsFormSet:
    """Gives every input of an inline row its label as aria-label (see LabelledTabularInline)."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        for field in form.fields.values():
            widget = getattr(field.widget, "widget", field.widget)  # inside RelatedFieldWidgetWrapper
            if field.label and not widget.is_hidden:
                widget.attrs.setdefault("aria-label", field.label)


class BoundedInlineMixin:
    """An inline that builds at most `max_forms` rows, whatever a POST claims.

    Django's formsets build as many forms as the management form's TOTAL_FORMS says, up to
    2,000 by default: one request with TOTAL_FORMS=10^21 cost seconds of CPU. No process has
    hundreds of steps, no section hundreds of items; inlines of read-only rows set a higher cap.
    """

    max_forms = 200

    def get_max_num(self, request, obj=None, **kwargs):
        max_num = super().get_max_num(request, obj, **kwargs)
        return self.max_forms if max_num is None else min(max_num, self.max_forms)

    def get_formset(self, request, obj=None, **kwargs):
        kwargs.setdefault("absolute_max", self.max_forms)
        return super().get_formset(request, obj, **kwargs)


class LabelledTabularInline(BoundedInlineMixin, admin.TabularInline):
    """A tabular inline whose inputs have an accessible name, with a bounded number of rows.

    Django's admin/edit_inline/tabular.html shows a field's label only as the column header, so
    screen readers announce the inputs of a row without a name (WCAG 1.3.1, 4.1.2). The form's
    fields, including the formset's own "delete" box, carry their label as aria-label.
    """

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        return type(formset.__name__, (_LabelledFieldsFormSet, formset), {})
