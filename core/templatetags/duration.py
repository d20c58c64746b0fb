from django import template

register = template.Library()


@register.filter
def minutes(value) -> int:
    """{{ timedelta|minutes }}: whole minutes, rounded up."""
    try:
        seconds = value.total_seconds()
    except AttributeError:
        return 0
    return int(-(-seconds // 60))
