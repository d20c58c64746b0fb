"""Articles with their history in packs: earlier released revisions come along with a new article."""

import pytest
from django.core.management import CommandError
from django.test import Client

from departments import packs, selectors
from knowledge.models import Article
from tests.departments import packdata
from tests.departments.packdata import run_pack

HISTORY = [
    {"title": "Fiktion", "text": "articles/fiktionsbescheinigung.1.md", "note": "Erste Fassung"},
    {"title": "Fiktionsbescheinigung", "text": "articles/fiktionsbescheinigung.2.md", "note": "Varianten", "significant": True},
]
TEXTS = {
    "articles/fiktionsbescheinigung.1.md": "Erste Fassung.\n",
    "articles/fiktionsbescheinigung.2.md": "Zweite Fassung mit den Varianten.\n",
}


def pack_with_history(tmp_path, history=HISTORY, texts=TEXTS, name="paket"):
    data = packdata.content()
    data["articles.yaml"]["articles"][0]["history"] = history
    return packdata.write_folder(tmp_path / name, packdata.files(data, texts=texts))


def test_a_new_article_takes_over_its_history_released_in_order(db, editor, reader, tmp_path):
    run_pack("import", str(pack_with_history(tmp_path)), "--as", editor.username)

    article = Article.objects.get(slug="fiktionsbescheinigung")
    revisions = list(article.revisions.order_by("number"))
    assert [(r.number, r.title, r.body, r.is_significant) for r in revisions] == [
        (1, "Fiktion", "Erste Fassung.\n", False),
        (2, "Fiktionsbescheinigung", "Zweite Fassung mit den Varianten.\n", True),
        (3, "Fiktionsbescheinigung", packdata.ARTICLE_TEXT, False),
    ]
    assert [r.change_note for r in revisions][:2] == ["Erste Fassung", "Varianten"]
    assert all(r.release.released_by == editor for r in revisions)
    assert article.published_revision.number == 3
    client = Client()
    client.force_login(reader)
    history = client.get(f"/wissen/{article.slug}/versionen/").content.decode()
    assert "Erste Fassung" in history and "Varianten" in history
    compare = client.get(f"/wissen/{article.slug}/vergleich/?von=1&zu=3")
    assert compare.status_code == 200
    assert "[gelöscht:] </span>Erste Fassung</del>" in compare.content.decode()  # revision 1's text, compared


def test_the_export_gives_the_history_back_and_a_second_import_changes_nothing(db, editor, tmp_path):
    run_pack("import", str(pack_with_history(tmp_path)), "--as", editor.username)

    pack = selectors.pack_content(name="x")
    (entry,) = [article for article in pack.articles if article["slug"] == "fiktionsbescheinigung"]
    assert entry["history"] == packs.canonical_article({**entry, "history": HISTORY})["history"]
    assert pack.history["fiktionsbescheinigung"] == list(TEXTS.values())
    again = run_pack("import", str(pack_with_history(tmp_path, name="wieder")), "--as", editor.username)
    assert "Artikel 0 neu, 0 aktualisiert, 2 unverändert" in again
    assert Article.objects.get(slug="fiktionsbescheinigung").latest_number == 3


def test_a_missing_history_text_is_refused_with_its_place(db, editor, tmp_path):
    texts = {"articles/fiktionsbescheinigung.1.md": "Erste Fassung.\n"}

    with pytest.raises(CommandError) as error:
        run_pack("import", str(pack_with_history(tmp_path, texts=texts)), "--as", editor.username)

    assert (
        "articles.yaml: articles[0].history[1].text: Datei „articles/fiktionsbescheinigung.2.md“ fehlt im Paket"
        in str(error.value)
    )
    assert not Article.objects.exists()


def test_the_export_reads_the_history_of_all_articles_at_once(db, editor, second_editor):
    """Export at L (10,000 articles) must not ask once per article for its history."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from knowledge import services as knowledge_services

    def add(count):
        for n in range(count):
            article = knowledge_services.article_create(author=editor, title=f"A{n}-{count}", body="Eins.", note="1")
            knowledge_services.revision_release(revision=article.revisions.get(), releaser=second_editor)
            knowledge_services.article_revise(
                article=article, author=editor, base_number=1, title=article.title, body="Zwei.", note="2"
            )
            knowledge_services.revision_release(revision=article.revisions.get(number=2), releaser=second_editor)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            pack = selectors.pack_content(name="x")
        return len(captured), pack

    add(2)
    few, _ = queries()
    add(6)
    many, pack = queries()
    assert many == few
    assert all(len(entry["history"]) == 1 for entry in pack.articles)


def test_the_texts_change_note_and_significance_come_along_and_do_not_count_as_a_change(db, editor, tmp_path):
    data = packdata.content()
    data["articles.yaml"]["articles"][0] |= {"note": "Varianten ergänzt", "significant": True, "history": HISTORY}
    run_pack("import", str(packdata.write_folder(tmp_path / "paket", packdata.files(data, texts=TEXTS))), "--as", editor.username)

    latest = Article.objects.get(slug="fiktionsbescheinigung").published_revision
    assert (latest.number, latest.change_note, latest.is_significant) == (3, "Varianten ergänzt", True)
    (entry,) = [a for a in selectors.pack_content(name="x").articles if a["slug"] == "fiktionsbescheinigung"]
    assert (entry["note"], entry["significant"]) == ("Varianten ergänzt", True)
    # The same text with another note is the same article: nothing to update.
    data["articles.yaml"]["articles"][0]["note"] = "Anders beschrieben"
    again = run_pack(
        "import", str(packdata.write_folder(tmp_path / "wieder", packdata.files(data, texts=TEXTS))), "--as", editor.username
    )
    assert "Artikel 0 neu, 0 aktualisiert, 2 unverändert" in again


def test_links_between_new_articles_show_their_titles_whichever_is_written_first(db, editor, reader, tmp_path):
    """Two new articles link to each other: the first one written links to one that does not exist
    yet, and its text is rendered only once."""
    data = packdata.content()
    data["articles.yaml"]["articles"][1]["released"] = True
    texts = {
        "articles/fiktionsbescheinigung.md": "Siehe [[entwurf]].\n",
        "articles/entwurf.md": "Zurück zur [[Fiktionsbescheinigung]].\n",
    }
    run_pack("import", str(packdata.write_folder(tmp_path / "paket", packdata.files(data, texts=texts))), "--as", editor.username)

    client = Client()
    client.force_login(reader)
    first = client.get("/wissen/fiktionsbescheinigung/").content.decode()
    second = client.get("/wissen/entwurf/").content.decode()
    assert 'href="/wissen/entwurf/">Ein Entwurf</a>' in first
    assert 'href="/wissen/fiktionsbescheinigung/">Fiktionsbescheinigung</a>' in second
