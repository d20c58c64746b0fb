"""Render form widgets in KERN markup with their hint and error tied to the input."""

from django import forms, template

register = template.Library()


def _widget_class(widget) -> str:
    if isinstance(widget, forms.SelectMultiple):
        # KERN styles single selects only; a list box gets the project's own style.
        return "pdb-listbox"
    if isinstance(widget, forms.Select):
        return "kern-form-input__select"
    if isinstance(widget, forms.CheckboxInput):
        return "kern-form-check__checkbox"
    return "kern-form-input__input"


@register.filter
def kern_widget(field):
    """``{{ field|kern_widget }}``: the widget with KERN classes, aria-describedby and aria-invalid."""
    widget_class = _widget_class(field.field.widget)
    classes = [widget_class, field.field.widget.attrs.get("class", "")]
    described_by = []
    if field.help_text:
        described_by.append(f"{field.id_for_label}-hint")
    attrs = {}
    if field.errors:
        classes.append(f"{widget_class}--error")
        described_by.append(f"{field.id_for_label}-error")
        attrs["aria-invalid"] = "true"
    attrs["class"] = " ".join(c for c in classes if c)
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return field.as_widget(attrs=attrs)
