"""Every string of our own has a German translation, and the compiled catalogue is current."""

import gettext
import re
from pathlib import Path

from django.conf import settings

PO = Path(settings.BASE_DIR) / "locale" / "de" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def po_entries():
    """(msgid, [msgstr…], flags) of each entry, read with a small parser of the .po format."""
    entries, current, field, flags, context = [], None, None, "", None
    for line in PO.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("#,"):
            flags = line
        elif line.startswith("msgctxt "):
            context = eval(line[8:])  # noqa: S307 - a quoted string from our own file
        elif line.startswith("msgid "):
            if current:
                entries.append(current)
            current = {"msgid": "", "msgstr": [], "flags": flags, "context": context}
            flags, field, context = "", "msgid", None
            current["msgid"] = eval(line[6:])  # noqa: S307 - a quoted string from our own file
        elif line.startswith("msgid_plural "):
            field = "plural"
        elif line.startswith("msgstr"):
            field = "msgstr"
            current["msgstr"].append(eval(line.split(" ", 1)[1]))  # noqa: S307
        elif line.startswith('"') and current:
            if field == "msgid":
                current["msgid"] += eval(line)  # noqa: S307
            elif field == "msgstr":
                current["msgstr"][-1] += eval(line)  # noqa: S307
    if current:
        entries.append(current)
    return [entry for entry in entries if entry["msgid"]]


def test_every_message_is_translated_and_none_is_fuzzy():
    untranslated = [e["msgid"] for e in po_entries() if not all(e["msgstr"]) or "fuzzy" in e["flags"]]
    assert untranslated == []


def test_placeholders_survive_translation():
    for entry in po_entries():
        expected = sorted(re.findall(r"%\(\w+\)[sd]", entry["msgid"]))
        for translation in entry["msgstr"]:
            assert sorted(re.findall(r"%\(\w+\)[sd]", translation)) == expected, entry["msgid"]


def test_compiled_catalogue_matches_the_po_file():
    with MO.open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)._catalog
    for entry in po_entries():
        msgid = f"{entry['context']}\x04{entry['msgid']}" if entry["context"] else entry["msgid"]
        key = msgid if len(entry["msgstr"]) == 1 else (msgid, 0)
        assert catalogue.get(key) == entry["msgstr"][0], f"run `make messages`: {entry['msgid']!r}"
