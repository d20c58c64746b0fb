"""Admin building blocks every app's admin uses: people by name, help texts as text, bounded and
labelled inlines, a clash message, and the autocomplete that offers people."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, models
from django.db.models import ForeignObjectRel
from django.http import HttpResponseRedirect
from django.utils.html import conditional_escape
from django.utils.translation import gettext_lazy as _

from core import ownership
from core.people import display_name

# People in choices and filters, sorted as the app's own forms sort them (onboarding AssignForm).
PEOPLE_ORDERING = ("last_name", "first_name", "username")
# Suffix of the display attribute that stands in for a person field in lists and read-only fields
# ("recorded_by" -> "recorded_by_full_name"); no model here has a field of that name.
FULL_NAME_SUFFIX = "_full_name"


def is_person_field(field) -> bool:
    """A foreign key or many-to-many field of a model that points to a user."""
    return isinstance(field, models.ForeignKey | models.ManyToManyField) and field.related_model is get_user_model()


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return display_name(obj)


class PersonMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return display_name(obj)


class PersonListFilter(admin.RelatedOnlyFieldListFilter):
    """Filter by a person: the people who occur in the list, by full name."""

    def field_choices(self, field, request, model_admin):
        shown = model_admin.get_queryset(request).distinct().values_list(f"{self.field_path}__pk", flat=True)
        people = (
            field.related_model._default_manager.complex_filter(field.get_limit_choices_to())
            .filter(pk__in=shown)
            .order_by(*PEOPLE_ORDERING)
        )
        return [(person.pk, display_name(person)) for person in people]


def _person_display(field):
    """What a list column or a read-only field shows for `field`: the full name(s), else nothing."""

    if field.many_to_many:

        def full_names(obj):
            return ", ".join(display_name(person) for person in getattr(obj, field.name).order_by(*PEOPLE_ORDERING)) or None

    else:

        def full_names(obj):
            person = getattr(obj, field.name)
            return display_name(person) if person is not None else None

    full_names.__name__ = field.name + FULL_NAME_SUFFIX
    ordering = None if field.many_to_many else f"{field.name}__last_name"
    return admin.display(description=field.verbose_name, ordering=ordering)(full_names)


class PeopleByNameMixin:
    """Users appear as „Vorname Nachname“ (else the user name) wherever this admin shows one.

    For ModelAdmins and inlines; put it first among the bases. Without touching User.__str__:

    - choices of person fields (select, autocomplete, filter_horizontal) label by full name and
      sort by last name;
    - list columns and read-only fields naming a person field show a display attribute
      `<field>_full_name` instead (same heading; sorting by last name), which also drops the
      link to the user admin that most staff may not open;
    - list filters on a person field offer the people who occur, by full name.

    The autocomplete's search results come from the site's autocomplete view
    (PeopleAutocompleteJsonView).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._person_fields = {field.name: field for field in self.model._meta.get_fields() if is_person_field(field)}
        for name, field in self._person_fields.items():
            if not hasattr(self, name + FULL_NAME_SUFFIX):  # an admin may show a person its own way
                setattr(self, name + FULL_NAME_SUFFIX, _person_display(field))

    def _by_full_name(self, names, people):
        """`names` (a list or tuple, rows of a fieldset may be tuples) with `people` shown by full name."""

        def shown(name):
            if isinstance(name, list | tuple):
                return self._by_full_name(name, people)
            return name + FULL_NAME_SUFFIX if name in people else name

        return type(names)(shown(name) for name in names)

    def _readonly_people(self, request, obj=None) -> set[str]:
        readonly = super().get_readonly_fields(request, obj)
        return {name for name in readonly if isinstance(name, str) and name in self._person_fields}

    # -- choices in forms --------------------------------------------------------------------

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if is_person_field(db_field):
            kwargs.setdefault("form_class", PersonChoiceField)
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if is_person_field(db_field) and formfield is not None and "queryset" not in kwargs:
            formfield.queryset = formfield.queryset.order_by(*PEOPLE_ORDERING)
        return formfield

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if is_person_field(db_field):
            kwargs.setdefault("form_class", PersonMultipleChoiceField)
        formfield = super().formfield_for_manytomany(db_field, request, **kwargs)
        if is_person_field(db_field) and formfield is not None and "queryset" not in kwargs:
            formfield.queryset = formfield.queryset.order_by(*PEOPLE_ORDERING)
        return formfield

    # -- read-only fields ---------------------------------------------------------------------

    def get_readonly_fields(self, request, obj=None):
        return self._by_full_name(list(super().get_readonly_fields(request, obj)), self._person_fields)

    def get_exclude(self, request, obj=None):
        # A person field shown read-only by its display attribute is no longer named among the
        # read-only fields, which keep it out of the form: exclude it explicitly.
        people = self._readonly_people(request, obj)
        exclude = super().get_exclude(request, obj)
        if not people:
            return exclude
        if exclude is None:
            # Django adds the form's own Meta.exclude only when get_exclude() gives None.
            exclude = getattr(getattr(self.form, "_meta", None), "exclude", None) or ()
        return [*exclude, *sorted(people)]

    def get_fields(self, request, obj=None):
        return self._by_full_name(list(super().get_fields(request, obj)), self._readonly_people(request, obj))

    def get_fieldsets(self, request, obj=None):
        if not self.fieldsets:
            return super().get_fieldsets(request, obj)  # built from get_fields()
        people = self._readonly_people(request, obj)
        return [
            (name, {**options, "fields": self._by_full_name(options["fields"], people)})
            for name, options in super().get_fieldsets(request, obj)
        ]

    # -- the change list ----------------------------------------------------------------------

    def get_list_display(self, request):
        return self._by_full_name(list(super().get_list_display(request)), self._person_fields)

    def get_list_display_links(self, request, list_display):
        links = super().get_list_display_links(request, list_display)
        return self._by_full_name(list(links), self._person_fields) if links else links

    def get_list_select_related(self, request):
        # Django joins the related rows of columns that name a foreign key; the display
        # attributes name none, so their people are joined here (one query for the page).
        related = super().get_list_select_related(request)
        shown = [name for name in super().get_list_display(request) if isinstance(name, str)]
        foreign_keys = {field.name for field in self.model._meta.get_fields() if isinstance(field, models.ForeignKey)}
        people = [name for name in shown if name in self._person_fields and name in foreign_keys]
        if not people or related is True:
            return related
        if related is False:
            # What Django would have joined for the columns, named (it joins non-null keys only).
            related = [name for name in shown if name in foreign_keys]
        return list(dict.fromkeys([*related, *people]))

    def get_list_filter(self, request):
        return [
            (name, PersonListFilter) if isinstance(name, str) and name in self._person_fields else name
            for name in super().get_list_filter(request)
        ]


class PlainHelpTextMixin:
    """Help texts of form fields read as text: „/prozesse/<kurzname>/“ stays visible.

    Django's admin inserts a field's help text into the page as HTML, so a placeholder in angle
    brackets became an unknown tag and vanished („/prozesse//“). Help texts here are text; one
    that is meant as HTML must be marked safe (mark_safe / format_html) and is left as it is.
    """

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None and formfield.help_text:
            formfield.help_text = conditional_escape(formfield.help_text)
        return formfield

    def _help_texts(self) -> dict:
        # A read-only field (another department's content) takes its help text from the form's
        # Meta.help_texts, else from the model, and Django shows it as HTML: give it the text.
        return {
            field.name: conditional_escape(field.help_text)
            for field in self.model._meta.get_fields()
            if getattr(field, "help_text", "")
        }

    def get_form(self, request, obj=None, *args, **kwargs):
        kwargs.setdefault("help_texts", self._help_texts())
        return super().get_form(request, obj, *args, **kwargs)

    def get_formset(self, request, obj=None, *args, **kwargs):
        kwargs.setdefault("help_texts", self._help_texts())
        return super().get_formset(request, obj, *args, **kwargs)


class OwnershipMixin:
    """Another department's content is shown read-only, and a change or deletion refused (403):
    the department rule of core.ownership, as the services apply it. Content of a department that
    shows it to its members only is not listed for anyone else (and its pages are not found)."""

    # The kind of content the rows are (core.ownership.readable) and the field holding its id.
    reading_kind: str | None = None
    reading_field = "pk"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if self.reading_kind is None:
            return queryset
        return ownership.readable(request.user, queryset, self.reading_kind, field=self.reading_field)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._may_change(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._may_change(request, obj)

    @staticmethod
    def _may_change(request, obj) -> bool:
        if obj is None:
            return True
        # Asked for the form and for every inline of one page: decided once per request.
        decided = request.__dict__.setdefault("_ownership_decided", {})
        key = (type(obj), obj.pk)
        if key not in decided:
            decided[key] = ownership.refusal(request.user, obj) is None
        return decided[key]


class StaffAdminMixin(OwnershipMixin, PeopleByNameMixin, PlainHelpTextMixin):
    """What every ModelAdmin and inline of the project starts with: the department rule, people by
    full name and help texts as text. `class ProcessAdmin(StaffAdminMixin, …, admin.ModelAdmin)`."""


class PeopleAutocompleteJsonView(AutocompleteJsonView):
    """The admin's autocomplete, offering people by full name to those who edit the record.

    Django lists users in an autocomplete only to staff who may view the user admin, which holds
    accounts and permissions; team leads and editors may not, so choosing the owner of a process
    or the new colleague of an assignment failed. Here a person field may be searched by whoever
    may add or change records in the admin that offers the field as an autocomplete; the answer
    holds ids and full names only, searched by user name, first and last name, of active accounts.
    """

    def process_request(self, request):
        term, model_admin, source_field, to_field_name = super().process_request(request)
        if isinstance(source_field, ForeignObjectRel):
            # A reverse relation (?model_name=user&field_name=onboarding_assignments), which no
            # form offers; Django let it through to a server error.
            raise PermissionDenied
        return term, model_admin, source_field, to_field_name

    def has_perm(self, request, obj=None):
        if super().has_perm(request, obj):
            return True
        if not is_person_field(self.source_field):
            return False
        source_admin = self.admin_site._registry.get(self.source_field.model)
        return bool(
            source_admin is not None
            and self.source_field.name in source_admin.get_autocomplete_fields(request)
            and (source_admin.has_add_permission(request) or source_admin.has_change_permission(request))
        )

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.source_field.related_model is get_user_model():
            # Only people who can still sign in: not those who left, nor system accounts (paketimport).
            queryset = queryset.filter(is_active=True).order_by(*PEOPLE_ORDERING)
        return queryset

    def serialize_result(self, obj, to_field_name):
        result = super().serialize_result(obj, to_field_name)
        if isinstance(obj, get_user_model()):
            result["text"] = display_name(obj)
        return result


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


class LabelledTabularInline(StaffAdminMixin, BoundedInlineMixin, admin.TabularInline):
    """A tabular inline whose inputs have an accessible name, with a bounded number of rows.

    Django's admin/edit_inline/tabular.html shows a field's label only as the column header, so
    screen readers announce the inputs of a row without a name (WCAG 1.3.1, 4.1.2). The form's
    fields, including the formset's own "delete" box, carry their label as aria-label. People
    show by full name and help texts as text (StaffAdminMixin).
    """

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        return type(formset.__name__, (_LabelledFieldsFormSet, formset), {})


class SuperuserOnlyMixin:
    """Only superusers see the model in the admin (the audit log, links to accounts of the city,
    failed e-mails); with ``read_only`` nobody adds, changes or deletes rows either."""

    read_only = False

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request, obj=None):
        return request.user.is_superuser and not self.read_only

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser and not self.read_only

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser and not self.read_only
