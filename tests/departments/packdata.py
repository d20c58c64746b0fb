"""A small valid pack to build test packs from, and helpers to write it as a folder or a zip."""

import copy
import io
import re
import zipfile
from pathlib import Path

import yaml
from django.core.management import call_command

ARTICLE_TEXT = "# Fiktionsbescheinigung\n\nNach § 81 Abs. 4 AufenthG gilt der bisherige Titel fort.\n"

CONTENT = {
    "pack.yaml": {"format": "prozessdatenbank-pack", "version": 1, "name": "Testpaket", "description": "Für Tests."},
    "laws.yaml": {
        "laws": [
            {
                "key": "aufenthg",
                "abbreviation": "AufenthG",
                "title": "Aufenthaltsgesetz",
                "gii_slug": "aufenthg_2004",
                "jurisdiction": "bund",
                "norms": [{"number": "81"}, {"number": "5", "title": "Allgemeine Erteilungsvoraussetzungen"}],
            }
        ]
    },
    "roles.yaml": {
        "roles": [
            {"code": "SB-A", "slug": "sachbearbeitung-aufenthalt", "name": "Sachbearbeitung Aufenthalt"},
            {"code": "BA", "slug": "bundesagentur", "name": "Bundesagentur für Arbeit", "external": True},
        ]
    },
    "map.yaml": {
        "categories": [
            {
                "slug": "kernprozesse",
                "code": "K",
                "name": "Kernprozesse",
                "children": [{"slug": "aufenthaltstitel", "code": "K1", "name": "Aufenthaltstitel"}],
            }
        ]
    },
    "processes.yaml": {
        "processes": [
            {
                "slug": "aufenthaltserlaubnis-verlaengern",
                "code": "K1-01",
                "title": "Aufenthaltserlaubnis verlängern",
                "category": "aufenthaltstitel",
                "purpose": "Den Aufenthalt über die Geltungsdauer hinaus sichern.",
                "owner_role": "SB-A",
                "status": "published",
                "documents": ["Nationalpass", "Biometrisches Lichtbild"],
                "legal_basis": [{"law": "aufenthg", "norm": "81", "pinpoint": "Abs. 4 Satz 1"}],
                "notes": "Vor Ablauf beantragen.\n",
                "steps": [
                    {"title": "Antrag annehmen", "role": "SB-A", "refs": [{"law": "aufenthg", "norm": 81}]},
                    {
                        "title": "Zustimmung einholen",
                        "role": "SB-A",
                        "participants": ["BA"],
                        "refs": [{"law": "aufenthg", "norm": "5", "pinpoint": "Abs. 1 Nr. 1"}],
                        "duration": "zwei Wochen",
                        "description": "Die **Zustimmung** der BA einholen.",
                    },
                ],
            }
        ]
    },
    "articles.yaml": {
        "articles": [
            {
                "slug": "fiktionsbescheinigung",
                "title": "Fiktionsbescheinigung",
                "released": True,
                "processes": ["aufenthaltserlaubnis-verlaengern"],
                "steps": [["aufenthaltserlaubnis-verlaengern", 1]],
                "text": "articles/fiktionsbescheinigung.md",
            },
            {
                "slug": "entwurf",
                "title": "Ein Entwurf",
                "released": False,
                "text": "articles/entwurf.md",
            },
        ]
    },
}


def content() -> dict:
    return copy.deepcopy(CONTENT)


def files(data: dict | None = None, *, texts: dict | None = None) -> dict[str, bytes]:
    """The files of a pack: YAML for each entry of ``data``, and the article texts."""
    data = content() if data is None else data
    result = {name: yaml.safe_dump(value, allow_unicode=True).encode() for name, value in data.items()}
    texts = {"articles/fiktionsbescheinigung.md": ARTICLE_TEXT, "articles/entwurf.md": "Noch nicht fertig.\n"} | (texts or {})
    result |= {name: text.encode() if isinstance(text, str) else text for name, text in texts.items()}
    return result


def write_folder(path: Path, pack_files: dict[str, bytes]) -> Path:
    for name, value in pack_files.items():
        (path / name).parent.mkdir(parents=True, exist_ok=True)
        (path / name).write_bytes(value)
    return path


def zip_bytes(pack_files: dict[str, bytes], *, extra=()) -> bytes:
    """A zip of the files; ``extra`` adds raw (ZipInfo, bytes) members, e.g. hostile ones."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, value in pack_files.items():
            archive.writestr(name, value)
        for info, value in extra:
            archive.writestr(info, value)
    return buffer.getvalue()


def write_zip(path: Path, pack_files: dict[str, bytes], **kwargs) -> Path:
    path.write_bytes(zip_bytes(pack_files, **kwargs))
    return path


def run_pack(*args) -> str:
    """The command's output, with runs of spaces as one (the report aligns its counts in a column)."""
    out = io.StringIO()
    call_command("pack", *args, stdout=out)
    return re.sub(r" {2,}", " ", out.getvalue())


