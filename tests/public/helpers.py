"""Public texts for tests: a complete set of module values, written and released through the services."""

from decimal import Decimal

from public import services
from public.models import Office


def office(**overrides) -> Office:
    values = {
        "key": "abh",
        "name": "Ausländerbehörde Musterstadt",
        "address": "Rathausplatz 1\n12345 Musterstadt",
        "opening_hours": "Montag bis Freitag 8 bis 12 Uhr",
        "phone": "01234 5678",
        "email": "abh@musterstadt.example",
    }
    values.update(overrides)
    return Office.objects.get_or_create(key=values["key"], defaults=values)[0]


def values(**overrides) -> dict:
    result = {
        "topic": "arbeit",
        "title": "Blaue Karte EU beantragen",
        "teaser": "Aufenthaltstitel für Fachkräfte mit Hochschulabschluss.",
        "short_text": "Mit der Blauen Karte EU arbeiten Fachkräfte in Deutschland.",
        "full_text": "Die **Blaue Karte EU** ist ein Aufenthaltstitel.",
        "requirements": "- ein Hochschulabschluss\n- ein Arbeitsvertrag",
        "procedure": "1. Termin buchen\n2. Unterlagen mitbringen",
        "notes": "",
        "further_info": "",
        "appeal": "Die Rechtsbehelfsbelehrung in Ihrem Bescheid nennt Frist und Stelle.",
        "documents": [
            {"item": "Gültiger Reisepass", "when": "always", "note": ""},
            {"item": "Heiratsurkunde", "when": "case", "note": "wenn die Familie mitkommt"},
        ],
        "fee_min": Decimal("100.00"),
        "fee_max": Decimal("100.00"),
        "fee_legal_basis": "§ 45 Nr. 1 AufenthV",
        "fee_reductions": "",
        "fee_text": "",
        "fee_is_example": False,
        "processing_value": 6,
        "processing_unit": "weeks",
        "processing_text": "",
        "processing_is_example": True,
        "deadline_value": None,
        "deadline_unit": "",
        "deadline_text": "",
        "office": None,
        "contact": "",
        "leika": "",
        "online_service": "",
    }
    result.update(overrides)
    if result["office"] is None:
        result["office"] = office()
    return result


def released_text(*, process, slug: str, author, releaser, **overrides):
    saved = services.create_text(process=process, slug=slug, values=values(**overrides), author=author, note="1")
    services.release(version=saved.version, user=releaser)
    saved.text.refresh_from_db()
    return saved.text


def draft_text(*, process, slug: str, author, **overrides):
    return services.create_text(process=process, slug=slug, values=values(**overrides), author=author, note="1").text
