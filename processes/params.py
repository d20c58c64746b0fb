"""Reading numbers from query strings and forms, where anything else simply means "not given"."""


def int_or_none(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
