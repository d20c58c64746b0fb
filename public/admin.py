"""Admin: offices and the guide are edited here; public texts are written and released in the app (/oeffentlich/)."""

from django import forms
from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from public import guide
from public.models import GuideAnswer, GuideQuestion, Office, PublicText


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    list_display = ["name", "key", "phone", "email", "is_example"]
    search_fields = ["name", "key"]
    fields = ["name", "key", "address", "opening_hours", "phone", "email", "url", "is_example"]


@admin.register(PublicText)
class PublicTextAdmin(admin.ModelAdmin):
    """Read-only: versions and releases go through public.services in the app's editor."""

    list_display = ["title", "slug", "process", "latest_number", "released", "editor"]
    search_fields = ["title", "slug"]
    list_select_related = ["process", "published_version"]

    @admin.display(description=_("released version"))
    def released(self, obj):
        return obj.published_version.number if obj.published_version else "–"

    @admin.display(description=_("editor"))
    def editor(self, obj):
        return format_html('<a href="{}">{}</a>', f"/oeffentlich/{obj.slug}/", _("Open in the editor"))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AnswerFormSet(forms.BaseInlineFormSet):
    """Refuses answers that would leave the guide with a dead end, a cycle or an unreachable question."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        question = self.instance
        own = question.pk or -1
        answers = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if not data or data.get("DELETE") or not data.get("text"):
                continue
            following = data.get("next_question")
            answers.append((data["text"], following.pk if following else None, bool(data.get("services"))))
        tree = guide.stored_tree(replacing=own, with_answers=answers, start=False)
        tree.questions[own] = question.text
        if question.is_start:
            tree.start = own
        elif tree.start == own:
            tree.start = None
        if found := guide.problems(tree):
            raise forms.ValidationError(found)


class AnswerInline(admin.StackedInline):
    model = GuideAnswer
    fk_name = "question"
    formset = AnswerFormSet
    extra = 1
    fields = ["position", "text", "translations", "next_question", "services"]
    autocomplete_fields = ["services"]


@admin.register(GuideQuestion)
class GuideQuestionAdmin(admin.ModelAdmin):
    """The guide to the right service, question by question; the whole tree is checked on every save."""

    list_display = ["text", "key", "is_start", "position"]
    fields = ["text", "key", "is_start", "position", "translations"]
    prepopulated_fields = {"key": ["text"]}
    inlines = [AnswerInline]
