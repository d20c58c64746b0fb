"""The KERN form tag builds selects without a template per option: the same markup as Django's."""

import pytest
from django import forms
from django.test.html import parse_html

from core.templatetags.kern_forms import _select_html, kern_widget


class ChoiceForm(forms.Form):
    single = forms.ChoiceField(choices=[("1", "Eins <b>&"), ("2", 'Zwei "2"')], help_text="Hinweis")
    grouped = forms.MultipleChoiceField(
        choices=[("Gruppe <g>", [("x", "X&Y"), ("y", "Y")]), ("z", "Z")], required=False
    )
    optional = forms.ChoiceField(choices=[("", "---"), ("1", "1")], required=False)


def normalised(html: str):
    # Compared as HTML (Django's assertHTMLEqual): attribute order and whitespace between tags aside.
    return parse_html(html)


@pytest.mark.parametrize("name", ["single", "grouped", "optional"])
@pytest.mark.parametrize("data", [{"single": "2", "grouped": ["x", "z"]}, {}, {"single": "\x00<script>"}])
def test_the_fast_select_renders_what_django_renders(name, data):
    field = ChoiceForm(data or None)[name]
    attrs = {"class": "kern-form-input__select", "aria-describedby": "x-hint"}
    assert normalised(_select_html(field, dict(attrs))) == normalised(field.as_widget(attrs=dict(attrs)))


def test_the_tag_uses_it_for_selects_and_escapes_labels():
    html = kern_widget(ChoiceForm({"single": "1"})["single"])
    assert '<option value="1" selected>Eins &lt;b&gt;&amp;</option>' in html
    assert 'aria-describedby="id_single-hint"' in html
