"""{% links "place" as found %}: the (label, address) of the links other apps registered for a place (core.links)."""

from django import template
from django.urls import reverse

from core.links import links as registered

register = template.Library()


@register.simple_tag
def links(place: str) -> list[tuple[str, str]]:
    return [(link.label, reverse(link.url_name)) for link in registered(place)]
