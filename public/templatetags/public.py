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
    return page.documents(when)


@register.filter
def fee(version) -> str:
    return feeds.fee_label(version)


@register.filter
def processing(version) -> str:
    return feeds.duration_label(version.processing_value, version.processing_unit)


@register.filter
def deadline(version) -> str:
    return feeds.duration_label(version.deadline_value, version.deadline_unit)
