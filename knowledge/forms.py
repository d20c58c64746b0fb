"""Forms of the article editor."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.markdown import MarkdownTooLarge, check_markdown_size
from core.params import int_or_none
from core.people import display_name
from documents.models import Document
from processes.models import Process, Step


def step_label(step: Step) -> str:
    """How a step is named in the editor: its process (code and title), position and title."""
    return f"{step.process.code} {step.process.title} – {step.position}. {step.title}".strip()


class _IdsMixin:
    """Refuses ids no column can hold with the field's own message (the database would raise an OverflowError)."""

    def clean(self, value):
        for item in value or ():
            number = int_or_none(item)
            if number is None or number < 1:
                raise forms.ValidationError(self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": item})
        return super().clean(value)


class StepChoiceField(_IdsMixin, forms.ModelMultipleChoiceField):
    """Linked steps by id. The editor never lists all steps (there are hundreds): it shows the chosen
    ones as ticked boxes and finds more by search (knowledge/includes/_step_picker.html)."""

    widget = forms.MultipleHiddenInput

    def __init__(self, **kwargs):
        super().__init__(
            queryset=Step.objects.select_related("process").order_by("process__code", "process__title", "position"),
            **kwargs,
        )

    def label_from_instance(self, step):
        return step_label(step)


class IdsChoiceField(_IdsMixin, forms.ModelMultipleChoiceField):
    pass


def editor_queryset():
    """Users who may be responsible for an article: those who may edit articles."""
    User = get_user_model()
    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(is_superuser=True)
            | Q(groups__permissions__codename="change_article", groups__permissions__content_type__app_label="knowledge")
            | Q(user_permissions__codename="change_article")
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return display_name(user)


class ArticleForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 22, "class": "editor-body", "spellcheck": "true"}),
        help_text=_(
            "Markdown: ## heading, **bold**, - list. Citations such as „§ 81 Abs. 4 AufenthG“ are linked "
            "automatically; [[slug]] or [[title]] links another article."
        ),
        strip=False,
    )
    change_note = forms.CharField(
        label=_("What did you change?"), max_length=300, help_text=_("Shown in the history, e.g. „Gebühr ergänzt“.")
    )
    is_significant = forms.BooleanField(
        label=_("Significant change"),
        required=False,
        help_text=_("Tick if readers must read the article again (e.g. a changed legal requirement), not for typos."),
    )
    steps = StepChoiceField(
        label=_("Steps"), required=False, help_text=_("The steps this article explains. Untick a step to remove its link.")
    )
    processes = IdsChoiceField(
        label=_("Processes"),
        queryset=Process.objects.order_by("code", "title"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Processes the article belongs to as a whole."),
    )
    documents = IdsChoiceField(
        label=_("Templates and forms"),
        queryset=Document.objects.order_by("title"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 5}),
        help_text=_("Documents the article refers to; their current version is offered for download."),
    )
    owner = UserChoiceField(label=_("Responsible"), queryset=editor_queryset(), required=False)
    review_date = forms.DateField(
        label=_("Next review"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    # Where the edit started: the latest revision, the article's edit number and its links, owner
    # and review date (knowledge.conflicts.LinkState) when the form was opened. Read leniently
    # (clean_*): a missing or malformed value is no error the editor could fix, it makes the save
    # a conflict, shown with the current state.
    base_number = forms.CharField(widget=forms.HiddenInput, required=False, strip=True)
    base_edit = forms.CharField(widget=forms.HiddenInput, required=False, strip=True)
    base_state = forms.CharField(widget=forms.HiddenInput, required=False)

    BASE_FIELDS = ("base_number", "base_edit", "base_state")
    MULTIPLE_FIELDS = ("steps", "processes", "documents")

    def __init__(self, *args, creating: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = editor_queryset()
        if creating:
            del self.fields["is_significant"]
            for name in self.BASE_FIELDS:
                del self.fields[name]
            self.fields["change_note"].initial = _("First version")

    def as_initial(self) -> dict:
        """What was entered, as initial values: the form shown again without judging it (a step search)."""
        data = self.data

        def values(name):
            return data.getlist(name) if hasattr(data, "getlist") else data.get(name) or []

        return {
            name: values(name) if name in self.MULTIPLE_FIELDS else data.get(name)
            for name in self.fields
            if name in data
        }

    def chosen_step_ids(self) -> list[int]:
        """The ids of the steps ticked (bound) or linked (initial), as far as they are ids at all."""
        if self.is_bound:
            values = self.data.getlist("steps") if hasattr(self.data, "getlist") else self.data.get("steps") or []
        else:
            values = self.initial.get("steps") or []
        ids = (int_or_none(value) for value in values)
        return list(dict.fromkeys(pk for pk in ids if pk is not None and pk > 0))

    def clean_base_number(self) -> int | None:
        return _count_or_none(self.cleaned_data.get("base_number"))

    def clean_base_edit(self) -> int | None:
        return _count_or_none(self.cleaned_data.get("base_edit"))

    def clean_body(self):
        body = self.cleaned_data["body"]
        if not body.strip():
            raise forms.ValidationError(_("Please write the text of the article."))
        try:
            check_markdown_size(body)
        except MarkdownTooLarge as error:
            raise forms.ValidationError(str(error)) from error
        return body


def _count_or_none(value) -> int | None:
    number = int_or_none(value)
    return number if number is not None and number >= 0 else None


class CompareForm(forms.Form):
    """The two revisions to compare; ``ansicht`` picks an editor's view of the Markdown source.

    Without it (or with an unknown value, or "inline" of older links) the rendered texts are compared.
    """

    SOURCE_VIEWS = ("quelltext", "nebeneinander")

    von = forms.IntegerField(min_value=1)
    zu = forms.IntegerField(min_value=1)
    ansicht = forms.CharField(required=False, max_length=20)

    def source_view(self) -> str | None:
        view = self.cleaned_data.get("ansicht")
        return view if view in self.SOURCE_VIEWS else None
