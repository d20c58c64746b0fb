"""Demo public texts: offices and services from data (processdb/demo/public.yaml), released.

Idempotent: offices are matched by key, services by slug; existing ones are left alone. Each new
service goes through the services as an editor would write it, and is released by a second person.
"""

from decimal import Decimal

from documents.models import Document
from processes.models import Process
from public import guide, services
from public.models import TRANSLATED_FIELDS, GuideAnswer, GuideQuestion, Office, PublicText, PublicTranslation


def _amount(value):
    return None if value in (None, "") else Decimal(str(value))


def values_of(entry: dict, offices: dict) -> dict:
    """The version fields of one service entry of the data."""
    fee, processing, deadlines = entry.get("fee") or {}, entry.get("processing_time") or {}, entry.get("deadlines") or {}
    return {
        "topic": entry["topic"],
        "title": entry["title"],
        "teaser": entry["teaser"],
        "short_text": entry["short_text"],
        "full_text": entry["full_text"],
        "requirements": entry["requirements"],
        "procedure": entry["procedure"],
        "notes": entry.get("notes") or "",
        "further_info": entry.get("further_info") or "",
        "appeal": entry["appeal"],
        "documents": [
            {"item": item["item"], "when": item.get("when") or "always", "note": item.get("note") or ""}
            for item in entry["documents"]
        ],
        "fee_min": _amount(fee.get("min")),
        "fee_max": _amount(fee.get("max")),
        "fee_legal_basis": fee.get("legal_basis") or "",
        "fee_reductions": fee.get("reductions") or "",
        "fee_text": fee.get("text") or "",
        "fee_is_example": bool(fee.get("example")),
        "processing_value": processing.get("value"),
        "processing_unit": processing.get("unit") or "",
        "processing_text": processing.get("text") or "",
        "processing_is_example": bool(processing.get("example")),
        "deadline_value": deadlines.get("value"),
        "deadline_unit": (deadlines.get("unit") or "") if deadlines.get("value") is not None else "",
        "deadline_text": deadlines.get("text") or "",
        "office": offices[entry["office"]],
        "contact": entry.get("contact") or "",
        "leika": entry.get("leika") or "",
        "online_service": entry.get("online_service") or "",
    }


def load(*, data: dict, author, releaser) -> dict[str, int]:
    offices = {}
    for entry in data["offices"]:
        offices[entry["key"]], _created = Office.objects.get_or_create(
            key=entry["key"],
            defaults={
                "name": entry["name"],
                "address": entry["address"],
                "opening_hours": entry["opening_hours"],
                "phone": entry.get("phone") or "",
                "email": entry.get("email") or "",
                "url": entry.get("url") or "",
                "is_example": bool(entry.get("example")),
            },
        )
    for slug in data.get("public_documents", []):
        document = Document.objects.filter(slug=slug, is_public=False).first()
        if document is not None:
            document.is_public = True
            document.save(update_fields=["is_public", "updated_at"])
    existing = set(PublicText.objects.values_list("slug", flat=True))
    processes = {process.slug: process for process in Process.objects.filter(slug__in={e["process"] for e in data["services"]})}
    created = 0
    for entry in data["services"]:
        if entry["slug"] in existing or entry["process"] not in processes:
            continue
        saved = services.create_text(
            process=processes[entry["process"]],
            slug=entry["slug"],
            values=values_of(entry, offices),
            author=author,
            note="Erste Fassung für Antragstellende",
        )
        services.release(version=saved.version, user=releaser)
        created += 1
    return {"public_texts_created": created}


def load_translations(*, data: dict, translator) -> dict[str, int]:
    """Translations of released demo texts, each made from the current German version."""
    texts = {text.slug: text for text in PublicText.objects.released()}
    existing = set(PublicTranslation.objects.values_list("text_id", "language"))
    created = 0
    for entry in data["translations"]:
        text = texts.get(entry["service"])
        if text is None or (text.pk, entry["language"]) in existing:
            continue
        values = {name: entry.get(name) or "" for name in TRANSLATED_FIELDS}
        values["documents"] = [
            {"item": item.get("item") or "", "note": item.get("note") or ""} for item in entry.get("documents") or []
        ]
        services.save_translation(text=text, language=entry["language"], values=values, translator=translator, base_edit=None)
        created += 1
    return {"public_translations_created": created}


def load_guide(*, data: dict) -> dict[str, int]:
    """The guide's questions and answers, checked like an editor's save; left alone when there is one."""
    if GuideQuestion.objects.exists():
        return {"guide_questions_created": 0}
    questions = {}
    for position, entry in enumerate(data["questions"]):
        questions[entry["key"]] = GuideQuestion.objects.create(
            key=entry["key"],
            text=entry["text"]["de"],
            translations={code: text for code, text in entry["text"].items() if code != "de"},
            is_start=entry["key"] == data["start"],
            position=position,
        )
    texts = {text.slug: text for text in PublicText.objects.all()}
    for entry in data["questions"]:
        for position, item in enumerate(entry["answers"]):
            answer = GuideAnswer.objects.create(
                question=questions[entry["key"]],
                text=item["text"]["de"],
                translations={code: text for code, text in item["text"].items() if code != "de"},
                next_question=questions.get(item.get("next")),
                position=position,
            )
            answer.services.set([texts[slug] for slug in item.get("services", []) if slug in texts])
    if found := guide.problems(guide.stored_tree()):
        raise ValueError(f"The demo's guide cannot be walked: {found}")
    return {"guide_questions_created": len(questions)}
