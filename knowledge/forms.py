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


class _StepsByProcess(forms.models.ModelChoiceIterator):
    """Yields optgroups: one per process, its steps as options. Evaluated only when rendered."""

    def __iter__(self):
        groups: dict[str, list] = {}
        for step in self.queryset:
            label = f"{step.process.code} {step.process.title}".strip()
            groups.setdefault(label, []).append(self.choice(step))
        yield from groups.items()

    def __len__(self):
        return self.queryset.count()


class StepChoiceField(forms.ModelMultipleChoiceField):
    """Steps grouped by their process (optgroups), in process-map order."""

    iterator = _StepsByProcess

    def __init__(self, **kwargs):
        super().__init__(
            queryset=Step.objects.select_related("process").order_by("process__code", "process__title", "position"),
            **kwargs,
        )

    def label_from_instance(self, step):
        return f"{step.position}. {step.title}"


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
        label=_("Steps"), required=False, widget=forms.SelectMultiple(attrs={"size": 10}),
        help_text=_("The steps this article explains. Hold Ctrl to select several."),
    )
    processes = forms.ModelMultipleChoiceField(
        label=_("Processes"),
        queryset=Process.objects.order_by("code", "title"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Processes the article belongs to as a whole."),
    )
    documents = forms.ModelMultipleChoiceField(
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

    def __init__(self, *args, creating: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = editor_queryset()
        if creating:
            del self.fields["is_significant"]
            for name in self.BASE_FIELDS:
                del self.fields[name]
            self.fields["change_note"].initial = _("First version")

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
