"""Render form widgets in KERN markup with their hint and error tied to the input."""

from django import forms, template
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


def _select_html(field, attrs) -> str:
    """A select in the markup of Django's select templates, built without a template per option.

    Django renders each <option> through a template of its own: a list of 300 steps took half of
    an editor request. Same attributes, same escaping.
    """
    widget = field.field.widget
    attrs = field.build_widget_attrs(attrs, widget)
    if field.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", field.auto_id)
    context = widget.get_context(field.html_name, field.value(), attrs)["widget"]
    parts = [format_html("<select name=\"{}\"{}>", context["name"], flatatt(context["attrs"]))]
    for group_name, options, _index in context["optgroups"]:
        if group_name:
            parts.append(format_html('<optgroup label="{}">', group_name))
        parts.extend(
            format_html('<option value="{}"{}>{}</option>', str(option["value"]), flatatt(option["attrs"]), option["label"])
            for option in options
        )
        if group_name:
            parts.append("</optgroup>")
    parts.append("</select>")
    return mark_safe("".join(parts))  # noqa: S308 - every part is built by format_html


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
    if type(field.field.widget) in (forms.Select, forms.SelectMultiple):
        return _select_html(field, attrs)
    return field.as_widget(attrs=attrs)
