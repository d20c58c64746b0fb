"""Editors' pages of the public texts (/oeffentlich/): list, write, check and release.

A save is always a new draft version; a second person releases it, and only then do applicants
see it. A form opened before someone else saved a version is refused and shown again with what
was typed (nothing is overwritten).
"""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from core.forms import apply_validation_error
from core.params import int_or_none
from core.people import display_name
from public import languages, permissions, services
from public.forms import DocumentItems, NewTextForm, TranslationForm, VersionForm, translated_items
from public.models import TRANSLATED_FIELDS, PublicText, PublicTextVersion, PublicTranslation


def _text(slug: str) -> PublicText:
    text = PublicText.objects.select_related("process", "published_version").filter(slug=slug).first()
    if text is None:
        raise Http404
    return text


class TextListView(PermissionRequiredMixin, TemplateView):
    permission_required = permissions.EDIT_TEXTS
    template_name = "public/editor/list.html"

    def get_context_data(self, **kwargs):
        texts = PublicText.objects.select_related("process", "published_version").order_by("title")
        return super().get_context_data(texts=texts, can_create=permissions.can_create(self.request.user), **kwargs)


def _form_context(request, *, text, form, items, new_form=None):
    return {"text": text, "form": form, "items": items, "new_form": new_form}


class TextCreateView(PermissionRequiredMixin, View):
    permission_required = permissions.ADD_TEXTS
    template_name = "public/editor/form.html"

    def get(self, request):
        process = request.GET.get("prozess")
        new_form = NewTextForm(initial={"process": int_or_none(process)} if process else None)
        context = _form_context(request, text=None, form=VersionForm(), items=DocumentItems(prefix="doc"), new_form=new_form)
        return render(request, self.template_name, context)

    def post(self, request):
        new_form = NewTextForm(request.POST)
        form = VersionForm(request.POST)
        items = DocumentItems(request.POST, prefix="doc")
        if new_form.is_valid() and form.is_valid() and items.is_valid():
            try:
                saved = services.create_text(
                    process=new_form.cleaned_data["process"],
                    slug=new_form.cleaned_data["slug"],
                    values=form.values(items.items()),
                    author=request.user,
                    note=form.cleaned_data["change_note"],
                )
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, _("The public text is saved as a draft. A second person releases it."))
                return redirect("public_edit:text", slug=saved.text.slug)
        context = _form_context(request, text=None, form=form, items=items, new_form=new_form)
        return render(request, self.template_name, context, status=400)


class TextEditView(PermissionRequiredMixin, View):
    permission_required = permissions.EDIT_TEXTS
    template_name = "public/editor/form.html"

    def get(self, request, slug):
        text = _text(slug)
        latest = text.versions.get(number=text.latest_number)
        initial = {name: getattr(latest, name) for name in VersionForm.Meta.fields}
        initial["office"] = latest.office_id
        initial["base_number"] = text.latest_number
        form = VersionForm(initial=initial)
        items = DocumentItems(initial=latest.documents, prefix="doc")
        return render(request, self.template_name, _form_context(request, text=text, form=form, items=items))

    def post(self, request, slug):
        text = _text(slug)
        form = VersionForm(request.POST)
        items = DocumentItems(request.POST, prefix="doc")
        if form.is_valid() and items.is_valid():
            base = form.cleaned_data.get("base_number")
            try:
                services.save_version(
                    text=text,
                    base_number=base if base is not None else -1,
                    values=form.values(items.items()),
                    author=request.user,
                    note=form.cleaned_data["change_note"],
                )
            except services.VersionConflict as conflict:
                form.add_error(
                    None,
                    _(
                        "%(name)s saved version %(number)d meanwhile. Nothing was saved: compare your text with the "
                        "current version, then save again."
                    )
                    % {"name": display_name(conflict.latest.author, _("Someone")), "number": conflict.latest.number},
                )
                data = form.data.copy()
                data["base_number"] = conflict.latest.number  # saving again after a look is deliberate
                form.data = data
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(
                    request, _("Your change is saved as a draft. Applicants see it once a second person releases it.")
                )
                return redirect("public_edit:text", slug=text.slug)
        return render(request, self.template_name, _form_context(request, text=text, form=form, items=items), status=400)


class TextDetailView(PermissionRequiredMixin, TemplateView):
    """The newest version of a text with its state, for checking and releasing."""

    permission_required = permissions.EDIT_TEXTS
    template_name = "public/editor/detail.html"

    def get_context_data(self, **kwargs):
        text = _text(self.kwargs["slug"])
        versions = list(
            text.versions.select_related("author", "office", "release__released_by").order_by("-number")[:20]
        )
        latest = versions[0] if versions else None
        pending = latest is not None and (text.published_version is None or latest.number > text.published_version.number)
        refusal = permissions.release_refusal(self.request.user, latest) if pending else None
        return super().get_context_data(
            text=text, latest=latest, versions=versions, pending=pending, refusal=refusal, **kwargs
        )


class ReleaseView(PermissionRequiredMixin, View):
    permission_required = permissions.RELEASE_TEXTS
    http_method_names = ["post"]

    def post(self, request, slug):
        text = _text(slug)
        number = int_or_none(request.POST.get("number"))
        version = PublicTextVersion.objects.filter(text=text, number=number).first() if number else None
        if version is None:
            messages.error(request, _("This version does not exist."))
            return redirect("public_edit:text", slug=slug)
        try:
            services.release(version=version, user=request.user)
        except services.ReleaseRefused as refusal:
            messages.error(request, str(refusal))
        except PermissionDenied as denied:
            messages.error(request, str(denied) or _("You may not release this text."))
        else:
            messages.success(request, _("Version %(number)d is released; applicants see it now.") % {"number": version.number})
        return redirect("public_edit:text", slug=slug)


class TranslationOverviewView(PermissionRequiredMixin, TemplateView):
    """Every released text × every language: current, outdated (made from an older German version) or missing."""

    permission_required = permissions.EDIT_TEXTS
    template_name = "public/editor/translations.html"

    def get_context_data(self, **kwargs):
        texts = list(PublicText.objects.released().select_related("published_version").order_by("title"))
        made = {
            (translation.text_id, translation.language): translation
            for translation in PublicTranslation.objects.only("text_id", "language", "source_version_id", "updated_at")
        }
        rows, missing, outdated = [], 0, 0
        for text in texts:
            cells = []
            for language in languages.TRANSLATED:
                translation = made.get((text.pk, language.code))
                state = "missing" if translation is None else (
                    "current" if translation.source_version_id == text.published_version_id else "outdated"
                )
                missing += state == "missing"
                outdated += state == "outdated"
                cells.append({"language": language, "state": state, "translation": translation})
            rows.append({"text": text, "cells": cells})
        columns = [(language, languages.GERMAN_NAMES[language.code]) for language in languages.TRANSLATED]
        return super().get_context_data(rows=rows, columns=columns, missing=missing, outdated=outdated, **kwargs)


class TranslationEditView(PermissionRequiredMixin, View):
    permission_required = permissions.EDIT_TEXTS
    template_name = "public/editor/translation_form.html"

    def _load(self, slug, code):
        text = _text(slug)
        if languages.get(code) is None or code == languages.GERMAN or text.published_version is None:
            raise Http404
        return text, PublicTranslation.objects.filter(text=text, language=code).first()

    def _context(self, text, code, translation, form, items):
        german = text.published_version
        return {
            "text": text,
            "german": german,
            "language_name": languages.GERMAN_NAMES[code],
            "language": languages.get(code),
            "translation": translation,
            "outdated": translation is not None and translation.source_version_id != german.pk,
            "form": form,
            "items": list(zip(items.forms, german.documents or [], strict=False)),
            "formset": items,
            "pairs": [(form[name], getattr(german, name)) for name in TRANSLATED_FIELDS],
        }

    def get(self, request, slug, language):
        text, translation = self._load(slug, language)
        form = TranslationForm(
            instance=translation, initial={"base_edit": translation.edit_number if translation else 0},
            language=languages.get(language),
        )
        empty = [{"item": "", "note": ""} for _entry in text.published_version.documents]
        initial = (translation.documents if translation else None) or empty
        items = translated_items(text.published_version.documents, initial=initial, language=languages.get(language))
        return render(request, self.template_name, self._context(text, language, translation, form, items))

    def post(self, request, slug, language):
        text, translation = self._load(slug, language)
        form = TranslationForm(request.POST, instance=translation, language=languages.get(language))
        items = translated_items(text.published_version.documents, data=request.POST, language=languages.get(language))
        if form.is_valid() and items.is_valid():
            values = {name: form.cleaned_data[name] for name in TRANSLATED_FIELDS}
            values["documents"] = [
                {"item": item.cleaned_data["item"], "note": item.cleaned_data.get("note", "")} for item in items.forms
            ]
            base = form.cleaned_data.get("base_edit")
            try:
                services.save_translation(
                    text=text, language=language, values=values, translator=request.user,
                    base_edit=base if translation is not None else None,
                )
            except services.TranslationConflict as conflict:
                form.add_error(
                    None,
                    _("%(name)s saved this translation meanwhile. Nothing was saved: compare, then save again.")
                    % {"name": display_name(conflict.current.translator, _("Someone"))},
                )
                data = form.data.copy()
                data["base_edit"] = conflict.current.edit_number
                form.data = data
            except services.TranslationRefused as refusal:
                form.add_error(None, str(refusal))
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, _("The translation is saved; applicants see it now."))
                return redirect("public_edit:translations")
        return render(request, self.template_name, self._context(text, language, translation, form, items), status=400)
