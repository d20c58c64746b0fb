"""Addresses, labels and pinpoints of norms."""

import pytest

from law import norms
from tests.factories import LawFactory, NormFactory


@pytest.mark.parametrize(
    ("slug", "number", "article", "expected"),
    [
        ("aufenthg_2004", "81", False, "https://www.gesetze-im-internet.de/aufenthg_2004/__81.html"),
        ("aufenthg_2004", "18g", False, "https://www.gesetze-im-internet.de/aufenthg_2004/__18g.html"),
        ("aufenthg_2004", "18G", False, "https://www.gesetze-im-internet.de/aufenthg_2004/__18g.html"),
        ("aufenthg_2004", " 60a ", False, "https://www.gesetze-im-internet.de/aufenthg_2004/__60a.html"),
        ("aufenthg_2004", "104c", False, "https://www.gesetze-im-internet.de/aufenthg_2004/__104c.html"),
        ("aufenthg_2004", "4a", False, "https://www.gesetze-im-internet.de/aufenthg_2004/__4a.html"),
        ("aufenthv", "45c", False, "https://www.gesetze-im-internet.de/aufenthv/__45c.html"),
        ("aufenthv", "47", False, "https://www.gesetze-im-internet.de/aufenthv/__47.html"),
        ("beschv_2013", "36", False, "https://www.gesetze-im-internet.de/beschv_2013/__36.html"),
        ("asylvfg_1992", "34a", False, "https://www.gesetze-im-internet.de/asylvfg_1992/__34a.html"),
        ("asylvfg_1992", "63", False, "https://www.gesetze-im-internet.de/asylvfg_1992/__63.html"),
        ("freiz_gg_eu_2004", "5", False, "https://www.gesetze-im-internet.de/freiz_gg_eu_2004/__5.html"),
        ("stag", "10", False, "https://www.gesetze-im-internet.de/stag/__10.html"),
        ("vwgo", "80a", False, "https://www.gesetze-im-internet.de/vwgo/__80a.html"),
        ("passv_2007", "15", False, "https://www.gesetze-im-internet.de/passv_2007/__15.html"),
        ("gg", "16a", True, "https://www.gesetze-im-internet.de/gg/art_16a.html"),
        ("gg", "6", True, "https://www.gesetze-im-internet.de/gg/art_6.html"),
        ("gg", "20", True, "https://www.gesetze-im-internet.de/gg/art_20.html"),
        ("azrg", "", False, "https://www.gesetze-im-internet.de/azrg/"),
        ("", "48", False, ""),  # state law (LVwVfG BW) is not on gesetze-im-internet.de
        (None, "2", False, ""),
    ],
)
def test_build_norm_url(slug, number, article, expected):
    assert norms.build_norm_url(slug, number, article=article) == expected


@pytest.mark.parametrize("number", ["81 Abs. 4", "18-20", "§81", "abc", "12345"])
def test_build_norm_url_rejects_what_is_not_a_number(number):
    with pytest.raises(ValueError):
        norms.build_norm_url("aufenthg_2004", number)


def test_build_norm_url_rejects_a_slug_that_could_escape_the_path():
    with pytest.raises(ValueError):
        norms.build_norm_url("../evil", "1")


@pytest.mark.parametrize(
    ("numbers", "expected_order"),
    [
        (["10", "9a", "9", "104c", "81", "18g", "18"], ["9", "9a", "10", "18", "18g", "81", "104c"]),
    ],
)
def test_sort_key_orders_paragraphs_naturally(numbers, expected_order):
    assert sorted(numbers, key=norms.norm_sort_key) == expected_order


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", {"subsection": "", "sentence": "", "item": "", "letter": ""}),
        ("Abs. 4", {"subsection": "4", "sentence": "", "item": "", "letter": ""}),
        ("Abs. 4 Satz 1", {"subsection": "4", "sentence": "1", "item": "", "letter": ""}),
        ("Abs. 2 S. 1", {"subsection": "2", "sentence": "1", "item": "", "letter": ""}),
        ("Abs. 1 Nr. 8", {"subsection": "1", "sentence": "", "item": "8", "letter": ""}),
        ("Abs. 1 Nr. 2 Buchst. c", {"subsection": "1", "sentence": "", "item": "2", "letter": "c"}),
        ("Abs. 2 Satz 1 Nr. 7 und 8", {"subsection": "2", "sentence": "1", "item": "7 und 8", "letter": ""}),
        ("Nr. 2", {"subsection": "", "sentence": "", "item": "2", "letter": ""}),
        ("Abs. 3–5", {"subsection": "3–5", "sentence": "", "item": "", "letter": ""}),
    ],
)
def test_parse_pinpoint(text, expected):
    assert norms.parse_pinpoint(text) == expected


@pytest.mark.parametrize("text", ["Satz 1 Abs. 4", "Absatz vier", "Abs. 4; DROP TABLE"])
def test_parse_pinpoint_rejects_other_text(text):
    with pytest.raises(ValueError):
        norms.parse_pinpoint(text)


def test_labels():
    assert norms.norm_label(abbreviation="AufenthG", number="81", pinpoint="Abs. 4 Satz 1") == "§\u00a081 Abs. 4 Satz 1 AufenthG"
    assert norms.norm_label(abbreviation="GG", number="16a", article=True) == "Art.\u00a016a GG"
    assert norms.norm_label(abbreviation="AZRG", number="") == "AZRG"


@pytest.mark.django_db
def test_norm_model_links_official_text_and_app_page():
    norm = NormFactory(law=LawFactory(), number="18G")
    assert norm.number == "18g"
    assert norm.official_url == "https://www.gesetze-im-internet.de/aufenthg_2004/__18g.html"
    assert norm.get_absolute_url() == "/recht/aufenthg/18g/"
    grundgesetz = LawFactory(key="gg", abbreviation="GG", title="Grundgesetz", gii_slug="gg", cites_articles=True)
    assert NormFactory(law=grundgesetz, number="16a").official_url == "https://www.gesetze-im-internet.de/gg/art_16a.html"
    state_law = LawFactory(key="lvwvfg-bw", abbreviation="LVwVfG", title="LVwVfG BW", gii_slug="", jurisdiction="land")
    assert NormFactory(law=state_law, number="48").official_url == ""
    assert NormFactory(law=state_law, number="28", url="https://example.org/lvwvfg/28").official_url == "https://example.org/lvwvfg/28"
