"""{{ user|person }}: a person's full name, else the user name, else a dash."""

from django import template

from core.people import display_name

register = template.Library()


@register.filter
def person(user, empty="–"):
    return display_name(user, empty)
