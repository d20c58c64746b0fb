"""The citation finder: table of German citation forms and what each one cites."""

import pytest

from law.citations import find_citations

LAWS = ["AufenthG", "AufenthV", "BeschV", "GG", "FreizügG/EU", "StAG", "AsylG", "VwGO", "LVwVfG", "AZRG", "RL (EU) 2021/1883"]


def cited(text):
    """[(law, numbers, [pinpoints])] of every citation in text."""
    return [
        (c.law, list(c.numbers), [item.pinpoint for item in c.items]) for c in find_citations(text, LAWS)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # single paragraphs with pinpoints
        ("§ 81 AufenthG", [("AufenthG", ["81"], [""])]),
        ("§ 81 Abs. 4 AufenthG", [("AufenthG", ["81"], ["Abs. 4"])]),
        ("§ 81 Abs. 4 Satz 3 AufenthG", [("AufenthG", ["81"], ["Abs. 4 Satz 3"])]),
        ("§ 60a Abs. 2 S. 1 AufenthG", [("AufenthG", ["60a"], ["Abs. 2 Satz 1"])]),
        ("§ 36 Abs. 2 BeschV", [("BeschV", ["36"], ["Abs. 2"])]),
        ("§ 47 Abs. 1 Nr. 8 AufenthV", [("AufenthV", ["47"], ["Abs. 1 Nr. 8"])]),
        ("§ 31 Abs. 1 Nr. 2 Buchst. c AufenthV", [("AufenthV", ["31"], ["Abs. 1 Nr. 2 Buchst. c"])]),
        ("§ 9 Abs. 2 Satz 1 Nr. 7 und 8, Satz 2 AufenthG", [("AufenthG", ["9"], ["Abs. 2 Satz 1 Nr. 7 und 8, Satz 2"])]),
        ("§ 81 Absatz 4 Satz 1 AufenthG", [("AufenthG", ["81"], ["Abs. 4 Satz 1"])]),
        ("§ 81 Abs. 3 und 4 AufenthG", [("AufenthG", ["81"], ["Abs. 3 und 4"])]),
        ("§ 81 Abs. 3, 4 AufenthG", [("AufenthG", ["81"], ["Abs. 3, 4"])]),
        ("§ 5 Abs. 1 Nr. 1a AufenthG", [("AufenthG", ["5"], ["Abs. 1 Nr. 1a"])]),
        ("§ 45 Nr. 2 AufenthV", [("AufenthV", ["45"], ["Nr. 2"])]),
        ("§ 25 Abs. 2 Satz 1 Alt. 2 AufenthG", [("AufenthG", ["25"], ["Abs. 2 Satz 1 Alt. 2"])]),
        # letters, spacing
        ("§ 18g AufenthG", [("AufenthG", ["18g"], [""])]),
        ("§ 104c AufenthG", [("AufenthG", ["104c"], [""])]),
        ("§81a AufenthG", [("AufenthG", ["81a"], [""])]),
        ("§\u00a081\u00a0AufenthG", [("AufenthG", ["81"], [""])]),
        # lists and ranges
        ("§§ 18a, 18b AufenthG", [("AufenthG", ["18a", "18b"], ["", ""])]),
        ("§§ 16a und 16b AufenthG", [("AufenthG", ["16a", "16b"], ["", ""])]),
        ("§ 16a, § 16b AufenthG", [("AufenthG", ["16a", "16b"], ["", ""])]),
        ("§§ 44, 44a, 45 AufenthV", [("AufenthV", ["44", "44a", "45"], ["", "", ""])]),
        ("§§ 27 bis 30 AufenthG", [("AufenthG", ["27", "28", "29", "30"], ["", ""])]),
        ("§§ 44–48 AufenthV", [("AufenthV", ["44", "45", "46", "47", "48"], ["", ""])]),
        ("§§ 53 ff. AufenthG", [("AufenthG", ["53"], [""])]),
        # articles and other laws
        ("Art. 6 GG", [("GG", ["6"], [""])]),
        ("Art. 16a Abs. 1 GG", [("GG", ["16a"], ["Abs. 1"])]),
        ("Artikel 6 Absatz 1 GG", [("GG", ["6"], ["Abs. 1"])]),
        ("§ 4 FreizügG/EU", [("FreizügG/EU", ["4"], [""])]),
        ("§ 10 Abs. 3 StAG", [("StAG", ["10"], ["Abs. 3"])]),
        ("§ 48 LVwVfG", [("LVwVfG", ["48"], [""])]),
        ("§ 80 Abs. 5 VwGO", [("VwGO", ["80"], ["Abs. 5"])]),
        # several citations in running text
        (
            "nach § 19c Abs. 2 AufenthG i. V. m. § 6 BeschV erteilen",
            [("AufenthG", ["19c"], ["Abs. 2"]), ("BeschV", ["6"], [""])],
        ),
        (
            "Die Fiktion (§ 81 Abs. 4 AufenthG) gilt; die Gebühr richtet sich nach § 47 AufenthV.",
            [("AufenthG", ["81"], ["Abs. 4"]), ("AufenthV", ["47"], [""])],
        ),
        ("Antrag gem. § 63 des AsylG stellen", [("AsylG", ["63"], [""])]),
        # what is not a citation
        ("§ 81 XYZG", []),
        ("§ 81", []),
        ("Abs. 4 AufenthG", []),
        ("§ 81 AufenthGX", []),
        ("§ 81 aufenthg", []),
        ("Im Jahr 2024 AufenthG", []),
        ("", []),
    ],
)
def test_citation_table(text, expected):
    assert cited(text) == expected


def test_ranges_are_capped():
    [citation] = find_citations("§§ 1 bis 9999 AufenthG", LAWS)
    assert citation.numbers == ("1", "9999")


def test_spans_cover_the_citation_and_each_item():
    text = "Siehe §§ 18a, 18b AufenthG."
    [citation] = find_citations(text, LAWS)
    assert text[citation.start : citation.end] == "§§ 18a, 18b AufenthG"
    assert [text[i.start : i.end] for i in citation.items] == ["18a", "18b"]


def test_no_laws_known_finds_nothing():
    assert find_citations("§ 81 AufenthG", []) == []
