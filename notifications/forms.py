from django import forms
from django.utils.translation import gettext_lazy as _

from notifications.models import Feedback, Preference

TEXT_LIMIT = 2000


class FeedbackForm(forms.Form):
    text = forms.CharField(
        label=_("What is wrong or outdated?"),
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Say what you noticed, e.g. a changed law, a form no longer used, a step done differently now."),
    )
    suggestion = forms.CharField(
        label=_("Suggestion"),
        max_length=TEXT_LIMIT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("How it should read instead, if you know."),
    )


class AnswerForm(forms.Form):
    status = forms.ChoiceField(label=_("State"), choices=Feedback.Status.choices)
    reply = forms.CharField(label=_("Reply to the person who gave it"), max_length=TEXT_LIMIT, required=False,
                            widget=forms.Textarea(attrs={"rows": 4}))
    seen = forms.DateTimeField(widget=forms.HiddenInput, required=False)


class PreferenceForm(forms.Form):
    email = forms.ChoiceField(
        label=_("Notifications by e-mail"), choices=Preference.Email.choices, widget=forms.RadioSelect
    )


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Your comment"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("E.g. a question to the author, or what should change before the release."),
    )
