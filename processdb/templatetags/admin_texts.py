"""Texts in the admin's own markup that Django leaves in English whatever the language."""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

register = template.Library()

# Django 5.2's admin/search_form.html: <label for="searchbar"><img src="…/search.svg" alt="Search">.
# The icon is the label that screen readers announce for the search box.
ENGLISH_SEARCH_ICON = 'alt="Search"'


@register.filter(is_safe=True)
def search_icon_translated(html: str) -> str:
    """The rendered search form with the icon's text in German (unchanged once Django translates it).

    Replacing one attribute keeps Django's template in use, instead of a copy whose other texts
    `make messages` would take into our catalogue as untranslated.
    """
    german = f'alt="{escape(gettext("Search"))}"'
    return mark_safe(str(html).replace(ENGLISH_SEARCH_ICON, german, 1))  # noqa: S308 - the form Django rendered, one escaped attribute replaced
