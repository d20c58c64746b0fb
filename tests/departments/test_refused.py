"""Bad packs are refused with every problem and its place, and nothing is written."""

import copy
import stat
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError

from departments import pack_files
from departments.provenance import IMPORT_USERNAME
from knowledge.models import Article, Revision
from law.models import Law, Norm
from processes.models import Category, Process, ProcessVersion, Role, Step
from tests.departments import packdata
from tests.departments.packdata import run_pack

WRITTEN = [Law, Norm, Role, Category, Process, Step, ProcessVersion, Article, Revision]


@pytest.fixture
def refused(db, editor):
    """Import a pack and return the refusal the user sees; assert that nothing was written."""

    def import_refused(path) -> str:
        with pytest.raises(CommandError) as error:
            run_pack("import", str(path), "--as", editor.username)
        message = str(error.value)
        assert message.startswith("Paket abgelehnt, nichts wurde geschrieben")
        for model in WRITTEN:
            assert not model.objects.exists(), f"{model.__name__} written"
        assert not get_user_model().objects.filter(username=IMPORT_USERNAME).exists()
        return message

    return import_refused


def folder(tmp_path, data=None, **kwargs):
    return packdata.write_folder(tmp_path / "paket", packdata.files(data, **kwargs))


# --- the container -------------------------------------------------------------------------


def test_corrupt_zip(refused, tmp_path):
    path = tmp_path / "kaputt.zip"
    path.write_bytes(b"PK\x03\x04 this is not really a zip file" * 10)

    assert "kaputt.zip: keine lesbare ZIP-Datei" in refused(path)


def test_truncated_zip(refused, tmp_path):
    whole = packdata.zip_bytes(packdata.files())
    path = tmp_path / "abgeschnitten.zip"
    path.write_bytes(whole[: len(whole) // 2])

    assert "abgeschnitten.zip: keine lesbare ZIP-Datei (beschädigt oder abgeschnitten" in refused(path)


def test_zip_with_a_damaged_member(refused, tmp_path):
    whole = bytearray(packdata.zip_bytes(packdata.files()))
    start = whole.index(b"PK\x03\x04") + 30 + len("pack.yaml") + 2  # into pack.yaml's compressed data
    whole[start : start + 8] = b"\xff" * 8
    path = tmp_path / "beschaedigt.zip"
    path.write_bytes(bytes(whole))

    assert "beschaedigt.zip: pack.yaml: nicht lesbar (beschädigt oder abgeschnitten" in refused(path)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("../ausserhalb.yaml", "../ausserhalb.yaml: Pfad mit „..“ verlässt das Paket"),
        ("articles/../../ausserhalb.md", "articles/../../ausserhalb.md: Pfad mit „..“ verlässt das Paket"),
        ("/etc/absolut.yaml", "/etc/absolut.yaml: absoluter Pfad verlässt das Paket"),
    ],
)
def test_zip_member_paths_that_leave_the_pack(refused, tmp_path, name, message):
    path = packdata.write_zip(tmp_path / "paket.zip", packdata.files(), extra=[(zipfile.ZipInfo(name), b"x")])

    assert f"paket.zip: {message}" in refused(path)


@pytest.mark.filterwarnings("ignore:Duplicate name")
def test_a_zip_member_twice(refused, tmp_path):
    path = packdata.write_zip(tmp_path / "doppelt.zip", packdata.files(), extra=[(zipfile.ZipInfo("roles.yaml"), b"roles: []")])

    assert "doppelt.zip: roles.yaml: kommt im ZIP doppelt vor" in refused(path)


def test_symlink_in_a_zip(refused, tmp_path):
    link = zipfile.ZipInfo("articles/link.md")
    link.create_system = 3
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    path = packdata.write_zip(tmp_path / "paket.zip", packdata.files(), extra=[(link, b"/etc/passwd")])

    assert "paket.zip: articles/link.md: symbolische Verknüpfungen sind in Paketen nicht erlaubt" in refused(path)


def test_symlinks_in_a_folder_are_refused_not_followed(refused, tmp_path):
    outside = tmp_path / "geheim.md"
    outside.write_text("geheim")
    pack = folder(tmp_path)
    (pack / "articles" / "link.md").symlink_to(outside)
    (pack / "verzeichnislink").symlink_to(tmp_path)

    message = refused(pack)

    assert "articles/link.md: symbolische Verknüpfungen sind in Paketen nicht erlaubt" in message
    assert "verzeichnislink: symbolische Verknüpfungen sind in Paketen nicht erlaubt" in message


def test_article_text_path_that_leaves_the_pack(refused, tmp_path):
    data = packdata.content()
    data["articles.yaml"]["articles"][0]["text"] = "../geheim.md"
    data["articles.yaml"]["articles"][1]["text"] = "/etc/passwd.md"
    (tmp_path / "geheim.md").write_text("geheim")

    message = refused(folder(tmp_path, data))

    assert "articles.yaml: articles[0].text: Pfad mit „..“ verlässt das Paket" in message
    assert "articles.yaml: articles[1].text: absoluter Pfad verlässt das Paket" in message


def test_zip_bomb_by_ratio(refused, tmp_path):
    bomb = zipfile.ZipInfo("articles/bombe.md")
    bomb.compress_type = zipfile.ZIP_DEFLATED
    path = packdata.write_zip(tmp_path / "bombe.zip", packdata.files(), extra=[(bomb, b"\0" * (5 * 1024 * 1024))])

    assert "bombe.zip: articles/bombe.md: Kompressionsrate über 100:1 – möglicherweise eine ZIP-Bombe" in refused(path)


def test_zip_bomb_by_total_size(refused, tmp_path, monkeypatch):
    monkeypatch.setattr(pack_files, "MAX_TOTAL_BYTES", 2000)
    path = packdata.write_zip(tmp_path / "gross.zip", packdata.files(), extra=[(zipfile.ZipInfo("articles/x.md"), b"a" * 3000)])

    assert "gross.zip: entpackt zu groß" in refused(path)


def test_zip_with_too_many_members(refused, tmp_path, monkeypatch):
    monkeypatch.setattr(pack_files, "MAX_MEMBERS", 5)

    assert "viele.zip: zu viele Dateien (8, höchstens 5)" in refused(packdata.write_zip(tmp_path / "viele.zip", packdata.files()))


# --- the format ----------------------------------------------------------------------------


def test_unknown_format(refused, tmp_path):
    data = packdata.content()
    data["pack.yaml"]["format"] = "etwas-anderes"

    assert "pack.yaml: format: kein Paket der Prozessdatenbank" in refused(folder(tmp_path, data))


def test_newer_format_version(refused, tmp_path):
    data = packdata.content()
    data["pack.yaml"]["version"] = 2

    assert "pack.yaml: version: Formatversion 2 ist neuer als die unterstützte Version 1" in refused(folder(tmp_path, data))


def test_unknown_older_format_version(refused, tmp_path):
    data = packdata.content()
    data["pack.yaml"]["version"] = 0

    assert "pack.yaml: version: unbekannte Formatversion 0 (unterstützt: 1)" in refused(folder(tmp_path, data))


def test_missing_pack_yaml(refused, tmp_path):
    data = packdata.content()
    del data["pack.yaml"]

    assert "pack.yaml: fehlt" in refused(folder(tmp_path, data))


def test_yaml_with_anchors_and_aliases(refused, tmp_path):
    bomb = b'a: &a ["x", "x"]\nb: &b [*a, *a]\nc: [*b, *b]\n'
    message = refused(packdata.write_folder(tmp_path / "p", packdata.files() | {"roles.yaml": bomb}))

    assert "roles.yaml, Zeile 1: kein gültiges YAML: Anker und Aliase (&, *) sind in Paketen nicht erlaubt" in message


def test_yaml_with_a_duplicate_key(refused, tmp_path):
    duplicate = b"roles:\n- code: A\n  code: B\n  slug: a\n  name: A\n"
    pack = packdata.write_folder(tmp_path / "p", packdata.files() | {"roles.yaml": duplicate})

    assert "roles.yaml, Zeile 3: kein gültiges YAML: Schlüssel „code“ doppelt" in refused(pack)


def test_files_that_are_not_utf8(refused, tmp_path):
    latin1 = "laws:\n- key: stag\n  abbreviation: StAG\n  title: Staatsangehörigkeitsgesetz\n".encode("latin-1")
    pack = packdata.write_folder(
        tmp_path / "p", packdata.files(texts={"articles/entwurf.md": "Größe".encode("latin-1")}) | {"laws.yaml": latin1}
    )

    message = refused(pack)

    assert "laws.yaml: nicht UTF-8-kodiert (ungültiges Byte an Position 59)" in message
    assert "articles/entwurf.md: nicht UTF-8-kodiert" in message


def test_schema_violations_name_file_and_key(refused, tmp_path):
    data = packdata.content()
    process = data["processes.yaml"]["processes"][0]
    process["status"] = "fertig"
    del process["purpose"]
    process["steps"][1]["rolle"] = "SB-A"
    data["laws.yaml"]["laws"][0]["norms"][0]["number"] = "§ 81"

    message = refused(folder(tmp_path, data))

    assert "processes.yaml: processes[0]: Pflichtangabe fehlt: purpose" in message
    assert "processes.yaml: processes[0].status: „fertig“ ist nicht erlaubt; möglich: draft, published, archived" in message
    assert "processes.yaml: processes[0].steps[1]: unbekannter Schlüssel: rolle" in message
    assert "laws.yaml: laws[0].norms[0].number: „§ 81“ hat nicht die erwartete Form" in message


def test_article_text_too_large_to_render(refused, tmp_path):
    pack = folder(tmp_path, texts={"articles/entwurf.md": "Zeile\n" * 3000})

    assert "articles.yaml: articles[1].text (articles/entwurf.md): Der Text hat zu viele Zeilen" in refused(pack)


def test_yaml_nested_too_deep(refused, tmp_path):
    pack = packdata.write_folder(tmp_path / "p", packdata.files() | {"map.yaml": b"categories: " + b"[" * 5000 + b"]" * 5000})

    assert "map.yaml: zu tief verschachtelt" in refused(pack)


def test_unknown_file(refused, tmp_path):
    pack = packdata.write_folder(tmp_path / "p", packdata.files() | {"skript.py": b"print()"})

    assert "skript.py: unbekannte Datei" in refused(pack)


def test_missing_article_text(refused, tmp_path):
    pack = folder(tmp_path)
    (pack / "articles" / "entwurf.md").unlink()

    assert "articles.yaml: articles[1].text: Datei „articles/entwurf.md“ fehlt im Paket" in refused(pack)


def test_unreadable_pinpoint(refused, tmp_path):
    data = packdata.content()
    data["processes.yaml"]["processes"][0]["legal_basis"][0]["pinpoint"] = "irgendwo"

    message = refused(folder(tmp_path, data))

    assert "processes.yaml: processes[0].legal_basis[0].pinpoint: „irgendwo“ ist keine Fundstelle" in message


# --- references and keys -------------------------------------------------------------------


def test_references_to_what_the_pack_does_not_define(refused, tmp_path):
    data = packdata.content()
    process = data["processes.yaml"]["processes"][0]
    process["category"] = "gibt-es-nicht"
    process["owner_role"] = "NIEMAND"
    process["legal_basis"].append({"law": "aufenthg", "norm": "60a"})
    process["steps"][0]["refs"].append({"law": "gg", "norm": "16a"})
    process["steps"][1]["participants"].append("XY")
    data["articles.yaml"]["articles"][0]["steps"].append(["aufenthaltserlaubnis-verlaengern", 7])
    data["articles.yaml"]["articles"][0]["processes"].append("fehlt")

    message = refused(folder(tmp_path, data))

    for expected in [
        "processes.yaml: processes[0].category: Bereich „gibt-es-nicht“ ist in map.yaml nicht definiert",
        "processes.yaml: processes[0].owner_role: Rolle „NIEMAND“ ist in roles.yaml nicht definiert",
        "processes.yaml: processes[0].legal_basis[1].norm: Norm „60a“ des Gesetzes „aufenthg“ ist in laws.yaml nicht definiert",
        "processes.yaml: processes[0].steps[0].refs[1].law: Gesetz „gg“ ist in laws.yaml nicht definiert",
        "processes.yaml: processes[0].steps[1].participants: Rolle „XY“ ist in roles.yaml nicht definiert",
        "articles.yaml: articles[0].steps: Schritt 7 des Prozesses „aufenthaltserlaubnis-verlaengern“ ist im Paket nicht",
        "articles.yaml: articles[0].processes: Prozess „fehlt“ ist in processes.yaml nicht definiert",
    ]:
        assert expected in message
    assert "(7 Problem(e))" in message  # all of them, not only the first


def test_citations_of_norms_the_pack_does_not_define(refused, tmp_path):
    """A citation in a text of a law the pack brings would create a norm the pack does not know."""
    data = packdata.content()
    process = data["processes.yaml"]["processes"][0]
    process["notes"] = "Siehe § 81 AufenthG und §§ 60a, 60b AufenthG."
    process["steps"][1]["description"] = "Nach § 5 Abs. 1 AufenthG; Art. 3 GG bleibt unberührt."
    texts = {"articles/fiktionsbescheinigung.md": "Nach § 84 Abs. 2 AufenthG gilt …\n"}

    message = refused(folder(tmp_path, data, texts=texts))

    for expected in [
        "processes.yaml: processes[0].notes: zitiert Normen, die laws.yaml nicht definiert: AufenthG 60a, AufenthG 60b",
        "articles.yaml: articles[0].text (articles/fiktionsbescheinigung.md): zitiert Normen, die laws.yaml nicht definiert: "
        "AufenthG 84",
    ]:
        assert expected in message
    assert "steps[1].description" not in message  # § 5 is defined; the GG is no law of the pack
    assert "(2 Problem(e))" in message


def test_duplicate_keys(refused, tmp_path):
    data = packdata.content()
    data["processes.yaml"]["processes"].append(copy.deepcopy(data["processes.yaml"]["processes"][0]))
    data["articles.yaml"]["articles"][1]["slug"] = "fiktionsbescheinigung"
    data["map.yaml"]["categories"].append({"slug": "aufenthaltstitel", "name": "Nochmal"})
    data["roles.yaml"]["roles"][1]["code"] = "SB-A"
    data["laws.yaml"]["laws"][0]["norms"].append({"number": "81"})
    data["processes.yaml"]["processes"][0]["legal_basis"].append({"law": "aufenthg", "norm": "81", "pinpoint": "Abs. 4 Satz 1"})

    message = refused(folder(tmp_path, data))

    for expected in [
        "processes.yaml: processes[1].slug: Prozess-Slug „aufenthaltserlaubnis-verlaengern“ doppelt (schon in Eintrag 0)",
        "articles.yaml: articles[1].slug: Artikel-Slug „fiktionsbescheinigung“ doppelt (schon in Eintrag 0)",
        "map.yaml: categories[1].slug: Bereichs-Slug „aufenthaltstitel“ doppelt",
        "roles.yaml: roles[1].code: Rollenkürzel „SB-A“ doppelt (schon in Eintrag 0)",
        "laws.yaml: laws[0].norms[2].number: Norm „81“ doppelt (schon in Eintrag 0)",
        "processes.yaml: processes[0].legal_basis[1]: dieselbe Fundstelle doppelt",
    ]:
        assert expected in message


def test_all_problems_of_all_files_are_collected(refused, tmp_path):
    data = packdata.content()
    data["roles.yaml"]["roles"][0]["extern"] = True
    data["map.yaml"]["categories"][0]["name"] = ""
    pack = packdata.write_folder(tmp_path / "p", packdata.files(data) | {"laws.yaml": b"laws: [\n"})

    message = refused(pack)

    assert "laws.yaml, Zeile" in message and "kein gültiges YAML" in message
    assert "roles.yaml: roles[0]: unbekannter Schlüssel: extern" in message
    assert "map.yaml: categories[0].name: darf nicht leer sein" in message
    assert "map.yaml: categories[0].name:" in message


def test_a_row_refused_while_writing_rolls_everything_back(refused, tmp_path):
    data = packdata.content()
    data["laws.yaml"]["laws"][0]["norms"][1]["url"] = "kein Link"
    data["laws.yaml"]["laws"].append({"key": "gg", "abbreviation": "GG", "title": "Grundgesetz", "url": "auch keiner"})

    message = refused(folder(tmp_path, data))  # the rules of the models, checked while writing

    assert "laws.yaml: laws[1]: url: Bitte eine gültige Adresse eingeben." in message
    assert "laws.yaml: laws[0].norms[1]: url: Bitte eine gültige Adresse eingeben." in message


def test_the_same_legal_reference_twice_on_a_step_is_refused_with_its_place(refused, tmp_path):
    """The pack writer skips looking up rows it holds, never the unique rules of the models."""
    data = packdata.content()
    step = data["processes.yaml"]["processes"][0]["steps"][1]
    step["refs"] = [step["refs"][0], dict(step["refs"][0])]

    message = refused(folder(tmp_path, data))

    assert "processes.yaml: processes[0].steps[1].refs[1]" in message
