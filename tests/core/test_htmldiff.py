"""core.htmldiff: what changed between two rendered HTML fragments, in the new fragment's structure."""

import time
from html.parser import HTMLParser

import pytest

from core.htmldiff import MAX_TOKENS, VOID_ELEMENTS, compare_html
from core.markdown import render

INS = '<ins class="diff-ins"><span class="kern-sr-only">[eingefügt:] </span>'
DEL = '<del class="diff-del"><span class="kern-sr-only">[gelöscht:] </span>'


def html(markdown: str) -> str:
    return render(markdown).html


class _Balance(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.stack, self.errors = [], []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID_ELEMENTS:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.errors.append(tag)


def assert_well_formed(fragment: str) -> None:
    parser = _Balance()
    parser.feed(fragment)
    parser.close()
    assert parser.errors == [] and parser.stack == []


def test_a_changed_word_in_a_paragraph():
    diff = compare_html(html("Die Frist beträgt zwei Wochen."), html("Die Frist beträgt drei Wochen."))
    assert diff.html == f"<p>Die Frist beträgt {DEL}zwei</del>{INS}drei</ins> Wochen.</p>"
    assert (diff.inserted_words, diff.deleted_words, diff.has_changes) == (1, 1, True)


def test_an_added_list_item_is_an_item_of_the_list():
    diff = compare_html(html("- Pass\n- Foto"), html("- Pass\n- Meldebescheinigung\n- Foto"))
    assert f"<li>{INS}Meldebescheinigung</ins></li>" in diff.html
    assert diff.html.count("<li>") == 3 and "<ul>" in diff.html
    assert (diff.inserted_words, diff.deleted_words) == (1, 0)
    assert_well_formed(diff.html)


def test_a_removed_list_item_stays_an_item_of_its_own():
    diff = compare_html(html("- Pass\n- Foto\n- Gebühr"), html("- Pass\n- Gebühr"))
    assert f"<li>{DEL}Foto</del></li>" in diff.html
    assert (diff.inserted_words, diff.deleted_words) == (0, 1)
    assert_well_formed(diff.html)


def test_a_removed_paragraph_is_shown_as_a_paragraph_not_glued_to_the_one_before():
    diff = compare_html(html("Erster.\n\nZweiter.\n\nDritter."), html("Erster.\n\nDritter."))
    assert f"<p>Erster.</p>\n<p>{DEL}Zweiter.</del></p>" in diff.html


def test_a_paragraph_removed_along_with_a_changed_word_follows_its_paragraph():
    diff = compare_html(html("Erster Absatz.\n\nZweiter Absatz."), html("Erster Teil."))
    assert diff.html == f"<p>Erster {DEL}Absatz.</del>{INS}Teil</ins>.</p><p>{DEL}Zweiter Absatz</del></p>"
    assert (diff.inserted_words, diff.deleted_words) == (1, 3)


def test_removed_paragraphs_inside_a_list_item_stay_in_the_item():
    old = "<ul><li><p>Eins</p><p>Zwei</p></li><li><p>Drei</p></li></ul>"
    diff = compare_html(old, "<ul><li><p>Eins neu</p></li><li><p>Drei</p></li></ul>")
    assert diff.html == f"<ul><li><p>Eins {INS}neu</ins></p>{DEL}Zwei</del></li><li><p>Drei</p></li></ul>"
    assert_well_formed(diff.html)


def test_a_changed_table_cell_keeps_the_table():
    table = "| Titel | Gebühr |\n|---|---|\n| Aufenthaltserlaubnis | {} Euro |"
    diff = compare_html(html(table.format(100)), html(table.format(98)))
    assert f"<td>{DEL}100</del>{INS}98</ins> Euro</td>" in diff.html
    assert "<table>" in diff.html and "<th>Gebühr</th>" in diff.html and "|" not in diff.html
    assert (diff.inserted_words, diff.deleted_words) == (1, 1)
    assert_well_formed(diff.html)


def test_a_removed_heading_is_struck_through_and_no_longer_a_heading():
    diff = compare_html(html("## Zuständigkeit\n\nDie Ausländerbehörde."), html("Die Ausländerbehörde."))
    assert diff.html.startswith(f"<p>{DEL}Zuständigkeit</del></p>")
    assert "<h2" not in diff.html
    assert (diff.inserted_words, diff.deleted_words) == (0, 1)


def test_a_changed_heading_stays_a_heading_without_its_id():
    diff = compare_html(html("## Varianten\n\nText."), html("## Varianten und Fristen\n\nText."))
    assert diff.html.startswith(f"<h2>Varianten {INS}und Fristen</ins></h2>")
    assert "id=" not in diff.html  # the current text on the same page has these ids
    assert "##" not in diff.html


def test_text_that_became_a_heading_or_bold_counts_as_changed():
    assert compare_html(html("Fristen"), html("## Fristen")).html == f"<h2>{DEL}Fristen</del>{INS}Fristen</ins></h2>"
    bold = compare_html(html("Die Frist gilt."), html("Die **Frist** gilt."))
    assert f"<strong>{INS}Frist</ins></strong>" in bold.html and bold.has_changes


def test_script_in_the_text_stays_escaped_in_both_versions():
    old = html("Alt: <script>alert(1)</script>")
    new = html("Neu: <script>alert(2)</script> & <b>")
    diff = compare_html(old, new)
    assert "<script" not in diff.html and "<b>" not in diff.html
    assert "&lt;script&gt;" in diff.html and "&amp;" in diff.html
    assert f"{DEL}Alt</del>" in diff.html
    assert_well_formed(diff.html)


def test_a_link_to_a_new_target_counts_as_changed():
    diff = compare_html('<p><a href="https://a.example/">Merkblatt</a></p>', '<p><a href="https://b.example/">Merkblatt</a></p>')
    assert diff.html == f'<p>{DEL}Merkblatt</del><a href="https://b.example/">{INS}Merkblatt</ins></a></p>'


def test_identical_inputs_have_no_changes_and_keep_the_text():
    text = html("## Titel\n\nEin **Absatz** mit § 81 AufenthG.\n\n- eins\n- zwei")
    diff = compare_html(text, text)
    assert not diff.has_changes and (diff.inserted_words, diff.deleted_words) == (0, 0)
    assert "<ins" not in diff.html and "<del" not in diff.html
    assert "<h2>Titel</h2>" in diff.html and "<li>zwei</li>" in diff.html
    assert not compare_html("", "").has_changes


def test_everything_new_or_everything_removed():
    added = compare_html("", html("Ganz neu hier."))
    assert added.html == f"<p>{INS}Ganz neu hier.</ins></p>" and added.inserted_words == 3
    removed = compare_html(html("Alles weg.\n\n- und das"), "")
    assert removed.html == f"<p>{DEL}Alles weg.</del></p><p>{DEL}und das</del></p>" and removed.deleted_words == 4


def test_counts_are_words_of_the_changed_runs():
    diff = compare_html(html("eins zwei drei vier"), html("eins fünf sechs vier sieben"))
    assert (diff.inserted_words, diff.deleted_words) == (3, 2)


def test_long_texts_compare_by_block_and_still_show_the_changed_words():
    paragraphs = [f"Absatz {n} über die Frist von {n} Tagen." for n in range(2_500)]
    changed = list(paragraphs)
    changed[10] = "Absatz 10 über die neue Frist von 10 Tagen."
    changed[2_400] = "Absatz 2400 über die Frist von 14 Tagen."
    old, new = "\n".join(f"<p>{p}</p>" for p in paragraphs), "\n".join(f"<p>{p}</p>" for p in changed)
    assert len(old.split()) > MAX_TOKENS / 2  # over the limit in tokens, so the block comparison runs
    diff = compare_html(old, new)
    assert f"<p>Absatz 10 über die {INS}neue</ins> Frist von 10 Tagen.</p>" in diff.html
    assert f"<p>Absatz 2400 über die Frist von {DEL}2400</del>{INS}14</ins> Tagen.</p>" in diff.html
    assert (diff.inserted_words, diff.deleted_words) == (2, 1)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("<p>" + "x " * 100_000 + "</p>", "<p>" + "x " * 50_000 + "y " + "x " * 49_999 + "</p>"),
        ("<p>" + "x y " * 50_000 + "</p>", "<p>" + "x z " * 50_000 + "</p>"),
        ("<p>x</p>\n<p>y</p>\n" * 11_000, "<p>x</p>\n<p>z</p>\n" * 11_000),
        (
            "<table>" + "<tr><td>1</td><td>2</td></tr>" * 7_000 + "</table>",
            "<table>" + "<tr><td>1</td><td>3</td></tr>" * 7_000 + "</table>",
        ),
        ("<p>" + "der die das. " * 5_000 + "</p>", "<p>" + "die das der, " * 5_000 + "</p>"),
        ("<p>" + "a b c d " * 900 + "</p>", "<p>" + "a c b d " * 900 + "</p>"),  # small, but quadratic for difflib
    ],
    ids=["one-word-200kb", "alternating-200kb", "paragraphs-200kb", "table-200kb", "shuffled", "small-repetitive"],
)
def test_the_worst_case_stays_well_under_a_second(old, new):
    started = time.process_time()
    diff = compare_html(old, new)
    assert time.process_time() - started < 1.0
    assert diff.has_changes
    assert_well_formed(diff.html)
