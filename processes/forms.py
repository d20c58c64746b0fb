"""Admin forms for processes and steps.

Step positions are unique per process. While a team lead reorders steps, positions
clash temporarily (1↔2), so the per-row database check for the position is replaced
by a check across all rows of the form, and the services write the final order.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from processes import flow
from processes.models import Category, Process, Step
from processes.services import MAX_POSITION


class PositionFieldMixin:
    """Leaves uniqueness of the position to the formset or to the move service."""

    def _get_validation_exclusions(self):
        exclude = super()._get_validation_exclusions()
        exclude.add("position")
        return exclude

    def clean_position(self):
        position = self.cleaned_data.get("position")
        if position is not None and not 1 <= position <= MAX_POSITION:
            raise forms.ValidationError(
                _("Enter a position between 1 and %(max)d.") % {"max": MAX_POSITION}, code="position_range"
            )
        return position


class PreloadedChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField that looks its values up in rows loaded once for all forms of a formset.

    Django validates each row's choice with a query of its own: 40 steps in an inline cost 40
    queries for their ids and 40 for their roles. ``rows`` is a callable returning {pk: object},
    called once and shared.
    """

    def __init__(self, queryset, *, rows, **kwargs):
        self._rows = rows  # before super(): setting the queryset reads the choices
        super().__init__(queryset, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, self.queryset.model):
            return value
        try:
            return self._rows()[int(str(value))]
        except (KeyError, TypeError, ValueError):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
            ) from None

    def _get_choices(self):
        choices = [("", self.empty_label)] if self.empty_label is not None else []
        return choices + [(pk, self.label_from_instance(obj)) for pk, obj in self._rows().items()]

    choices = property(_get_choices, forms.ChoiceField.choices.fset)


def preloaded(field: forms.ModelChoiceField, rows) -> PreloadedChoiceField:
    return PreloadedChoiceField(
        field.queryset,
        rows=rows,
        required=field.required,
        widget=field.widget,
        label=field.label,
        initial=field.initial,
        help_text=field.help_text,
        empty_label=field.empty_label,
    )


class StepKindMixin:
    """The kind of a step defaults to a task when the form does not send it (older forms, scripts)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "kind" in self.fields:
            self.fields["kind"].required = False

    def clean_kind(self):
        return self.cleaned_data.get("kind") or Step._meta.get_field("kind").default


class StepInlineForm(StepKindMixin, PositionFieldMixin, forms.ModelForm):
    def _get_validation_exclusions(self):
        # The form's field checked the role exists; the model check would ask the database again per row.
        exclude = super()._get_validation_exclusions()
        exclude.add("responsible_role")
        return exclude

    class Meta:
        model = Step
        fields = ["position", "title", "responsible_role", "kind", "duration"]
        widgets = {
            "position": forms.NumberInput(attrs={"min": 1, "max": MAX_POSITION, "class": "step-position"}),
        }


class DraftBaseMixin(forms.Form):
    """The version an admin form was opened from, checked when it is saved (no lost update).

    ``draft_state`` (processes.drafting.DraftState) is set by the admin for each request. A form
    saved on another version than the newest gets a German message above the fields, keeps
    everything typed, and carries the newest number, so that saving again after checking the
    other change is possible.
    """

    base_version = forms.CharField(widget=forms.HiddenInput, required=False)
    draft_state = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.draft_state is not None:
            self.fields["base_version"].initial = self.draft_state.latest

    def clean(self):
        cleaned = super().clean()
        state = self.draft_state
        if state is not None and state.is_stale:
            data = self.data.copy()
            data[self.add_prefix("base_version")] = str(state.latest)
            self.data = data
            raise forms.ValidationError(
                _(
                    "Someone else saved a newer version of this process (version %(number)d) while you were editing. "
                    "Nothing was saved. Your input is kept below; the changes saved meanwhile are shown above. "
                    "Check them, then save again."
                )
                % {"number": state.latest},
                code="stale_base",
            )
        return cleaned


def refuse_broken_flow(steps: list) -> None:
    """A ValidationError with every reason why these steps (in their new order) cannot flow (processes.flow)."""
    problems = flow.problems([flow.FlowStep(position, kind, outcomes) for position, (kind, outcomes) in enumerate(steps, 1)])
    if problems:
        raise forms.ValidationError([*problems, _("Nothing has been saved.")], code="broken_flow")


class StepAdminForm(StepKindMixin, DraftBaseMixin, PositionFieldMixin, forms.ModelForm):
    class Meta:
        model = Step
        fields = "__all__"  # noqa: DJ007 - admin form: the ModelAdmin's fieldsets choose the fields
        help_texts = {
            "position": _("Moving a step to a taken position shifts the following steps down."),
        }

    def clean(self):
        cleaned = super().clean()
        step = self.instance
        if step.process_id and "kind" in cleaned:
            # This step, as typed, among the others of the process (the draft's rows), where it will stand.
            others = [
                (other.kind, other.outcomes)
                for other in Step.objects.filter(process_id=step.process_id).exclude(pk=step.pk).order_by("position")
            ]
            position = cleaned.get("position") or step.position or len(others) + 1
            others.insert(min(position, len(others) + 1) - 1, (cleaned["kind"], cleaned.get("outcomes", "")))
            refuse_broken_flow(others)
        return cleaned


class StepInlineFormSet(forms.BaseInlineFormSet):
    """Rejects two steps with the same position in one save; the order is written by a service.

    The steps' ids and roles are checked against rows loaded once for all rows of the inline.
    """

    def add_fields(self, form, index):
        super().add_fields(form, index)
        pk_name = self.model._meta.pk.name
        if isinstance(form.fields.get(pk_name), forms.ModelChoiceField):
            form.fields[pk_name] = preloaded(form.fields[pk_name], self._steps)
        if isinstance(form.fields.get("responsible_role"), forms.ModelChoiceField):
            form.fields["responsible_role"] = preloaded(form.fields["responsible_role"], self._roles)

    def _steps(self) -> dict:
        if not hasattr(self, "_step_rows"):
            self._step_rows = {step.pk: step for step in self.get_queryset()}
        return self._step_rows

    def _roles(self) -> dict:
        if not hasattr(self, "_role_rows"):
            field = self.form.base_fields["responsible_role"]
            self._role_rows = {role.pk: role for role in field.queryset}
        return self._role_rows

    def clean(self):
        seen: dict[int, int] = {}
        duplicates: set[int] = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or not form.cleaned_data:
                continue
            if self.can_delete and self._should_delete_form(form):
                continue
            position = form.cleaned_data.get("position")
            if position is None:
                continue
            if position in seen:
                duplicates.add(position)
            seen[position] = seen.get(position, 0) + 1
        if duplicates:
            numbers = ", ".join(str(n) for n in sorted(duplicates))
            raise forms.ValidationError(
                ngettext(
                    "Each position may be used only once; position %(numbers)s is given twice. "
                    "Number the steps in the order you want, nothing has been saved.",
                    "Each position may be used only once; positions %(numbers)s are given twice. "
                    "Number the steps in the order you want, nothing has been saved.",
                    len(duplicates),
                )
                % {"numbers": numbers},
                code="duplicate_position",
            )
        # super().clean() is not called on purpose: it only runs Django's cross-row
        # unique check, which would report the same clash less clearly.
        if any(form.errors for form in self.forms):
            return  # the rows' own messages first
        refuse_broken_flow(
            [(form.cleaned_data.get("kind", form.instance.kind), form.instance.outcomes) for form in self.ordered_forms_to_keep()]
        )

    def ordered_forms_to_keep(self):
        """Forms of the steps that remain, in the order of their entered positions."""
        forms_to_keep = [
            form
            for form in self.forms
            if form.has_changed() or form.instance.pk
            if not (self.can_delete and self._should_delete_form(form))
            if form.cleaned_data
        ]
        return sorted(forms_to_keep, key=lambda form: (form.cleaned_data["position"], form.instance.pk or 0))


class ProcessAdminForm(DraftBaseMixin, forms.ModelForm):
    """The process form with its change note and the marker for a significant change of the steps."""

    change_note = forms.CharField(
        label=_("What did you change?"),
        required=False,
        max_length=300,
        help_text=_("Shown in the version history and to the person who releases it. Left empty, a summary is written."),
    )
    mark_significant = forms.BooleanField(
        label=_("Significant change of the steps"),
        required=False,
        help_text=_("Tick when the procedure changed in substance: new hires who confirmed the process must read it again."),
    )
    significant_note = forms.CharField(
        label=_("What changed significantly?"),
        required=False,
        max_length=300,
        help_text=_("Shown to those who must read again, e.g. „BA-Zustimmung jetzt vor der Sicherheitsabfrage“."),
    )

    class Meta:
        model = Process
        fields = "__all__"  # noqa: DJ007 - admin form: the ModelAdmin's fieldsets choose the fields

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("mark_significant") and not (cleaned.get("significant_note") or "").strip():
            self.add_error("significant_note", _("Please describe the significant change in a few words."))
        return cleaned




class BpmnImportForm(forms.Form):
    """A BPMN file from another modelling tool, and the area of the map its draft process goes to."""

    file = forms.FileField(
        label=_("BPMN file"),
        help_text=_("A .bpmn file (BPMN 2.0 XML) from a modelling tool such as Camunda Modeler or bpmn.io, at most 2 MB."),
    )
    category = forms.ModelChoiceField(
        label=_("Area of the process map"),
        queryset=Category.objects.order_by("tree_id", "lft"),
        empty_label=None,
    )
