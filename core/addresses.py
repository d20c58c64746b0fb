"""Addresses of objects, reversed once.

A process page links every step's roles and norms: 60 to 80 ``reverse()`` calls, about a tenth
of the CPU of rendering it without the page cache. The address of a named pattern with the same
arguments never changes while the URLconf, the script prefix and the language stay the same, so
the result is kept per process, keyed by all of them (an overridden ROOT_URLCONF included).
"""

from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf
from django.urls import reverse as django_reverse
from django.utils.translation import get_language


@lru_cache(maxsize=50_000)
def _reverse(viewname: str, kwargs: tuple, urlconf, root: str, prefix: str, language: str | None) -> str:
    return django_reverse(viewname, urlconf=urlconf, kwargs=dict(kwargs))


def reverse(viewname: str, **kwargs) -> str:
    """``django.urls.reverse(viewname, kwargs=kwargs)``, kept for the next call with the same arguments."""
    urlconf = get_urlconf()
    return _reverse(viewname, tuple(kwargs.items()), urlconf, settings.ROOT_URLCONF, get_script_prefix(), get_language())
