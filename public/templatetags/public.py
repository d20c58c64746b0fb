"""Filters of the public pages: rendered modules, document lists, fees and durations."""

from django import template
from django.utils.safestring import mark_safe

from public import feeds

register = template.Library()


@register.filter
def module(version, name: str):
    """A Markdown module as rendered and sanitised at save (core.markdown.render)."""
    return mark_safe(version.module_html(name))  # noqa: S308 - sanitised by core.markdown.render at save


@register.filter
def documents(page, when: str) -> list[dict]:
    return page.translated_documents(when)


@register.filter
def fee(version) -> str:
    return feeds.fee_label(version)


@register.filter
def processing(version) -> str:
    return feeds.duration_label(version.processing_value, version.processing_unit)


@register.filter
def deadline(version) -> str:
    return feeds.duration_label(version.deadline_value, version.deadline_unit)


@register.filter
def guide_text(obj, code: str) -> str:
    """A question or answer of the guide in the language, else in German."""
    from public.models import in_language

    return in_language(obj, code)


@register.filter
def service_title(text, code: str) -> str:
    """The title of a released text in the language (its translation is prefetched), else in German."""
    for translation in getattr(text, "prefetched_translations", []):
        if translation.language == code:
            return translation.title
    return text.published_version.title if text.published_version_id else text.title


@register.filter
def get_item(mapping: dict, key):
    return mapping.get(key, "")
