"""Small text helpers shared by the apps (the lowest app, so every app may use them)."""

from django.utils.text import slugify

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})


def german_slugify(value: str, *, max_length: int = 120) -> str:
    """„Beschäftigungsduldung nach § 60d“ → „beschaeftigungsduldung-nach-60d“ (umlauts spelled out)."""
    return slugify((value or "").translate(_UMLAUTS))[:max_length].strip("-")
