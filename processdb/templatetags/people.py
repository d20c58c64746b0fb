"""{{ user|person }}: a person's full name, else the user name, else a dash."""

from django import template

register = template.Library()


@register.filter
def person(user, empty="–"):
    if user is None or user == "":
        return empty
    return user.get_full_name() or user.get_username()
