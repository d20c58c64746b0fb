"""The documented format: the schema is valid, the example in PACKS.md imports, export writes folders and zips."""

import re
from pathlib import Path

import jsonschema
import pytest
from django.core.management import CommandError

from departments import packs
from documents.models import Document
from knowledge.models import Article
from processes.models import Process
from tests.departments import packdata
from tests.departments.packdata import run_pack
from tests.pdf import pdf_bytes

PACKS_MD = Path(packs.__file__).with_name("PACKS.md")


def test_the_schema_is_valid_json_schema_2020_12():
    jsonschema.Draft202012Validator.check_schema(packs.schema())
    assert packs.schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_the_example_in_packs_md_imports(db, editor, tmp_path):
    example = re.search(r"## Example\n\n```yaml\n(.*?)```", PACKS_MD.read_text(encoding="utf-8"), re.DOTALL).group(1)
    files = {name: body.encode() for name, body in re.findall(r"# (\S+\.yaml)\n(.*?)(?=\n# |\Z)", example, re.DOTALL)}
    assert set(files) == {"pack.yaml", *packs.LIST_FILES}
    files["articles/fiktionsbescheinigung.md"] = b"Text.\n"
    files["documents/merkblatt-fiktionsbescheinigung.pdf"] = pdf_bytes("Merkblatt", ["Zeile"])

    output = run_pack("import", str(packdata.write_folder(tmp_path / "beispiel", files)), "--as", editor.username)

    assert "Paket importiert: „Ausländerbehörde Musterstadt“" in output
    assert Process.objects.get(slug="aufenthaltserlaubnis-verlaengern").steps.get().document_list == ["Nationalpass"]
    assert Article.objects.get(slug="fiktionsbescheinigung").is_published
    document = Document.objects.get(slug="merkblatt-fiktionsbescheinigung")
    assert document.current_version.number == 1 and [step.position for step in document.steps.all()] == [1]


def test_export_to_a_folder_and_import_from_it(db, editor, tmp_path):
    run_pack("import", str(packdata.write_folder(tmp_path / "quelle", packdata.files())), "--as", editor.username)
    target = tmp_path / "export"

    output = run_pack("export", str(target), "--name", "Mein Paket")

    assert "Paket „Mein Paket“ geschrieben" in output and "1 Prozesse, 2 Artikel" in output
    assert sorted(path.relative_to(target).as_posix() for path in target.rglob("*.*")) == [
        "articles.yaml", "articles/entwurf.md", "articles/fiktionsbescheinigung.md",
        "documents.yaml", "laws.yaml", "map.yaml", "pack.yaml", "paths.yaml", "processes.yaml", "roles.yaml",
    ]
    assert (target / "pack.yaml").read_text(encoding="utf-8") == "format: prozessdatenbank-pack\nversion: 1\nname: Mein Paket\n"
    assert (target / "articles" / "fiktionsbescheinigung.md").read_text(encoding="utf-8") == packdata.ARTICLE_TEXT
    assert "- [aufenthaltserlaubnis-verlaengern, 1]" in (target / "articles.yaml").read_text(encoding="utf-8")
    assert "&" not in (target / "processes.yaml").read_text(encoding="utf-8")
    assert " 0 neu" in run_pack("import", str(target))


def test_export_refuses_a_folder_that_is_not_empty(db, tmp_path):
    (tmp_path / "voll").mkdir()
    (tmp_path / "voll" / "datei.txt").write_text("x")

    with pytest.raises(CommandError, match="Paket nicht geschrieben: .*voll existiert und ist kein leerer Ordner"):
        run_pack("export", str(tmp_path / "voll"))
