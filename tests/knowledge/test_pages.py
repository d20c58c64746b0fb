"""The /wissen/ pages as readers, editors and releasers use them."""

import pytest
from django.test import Client
from django.urls import reverse

from knowledge import services
from knowledge.models import Article, Revision
from tests.factories import LawFactory, ProcessFactory, StepFactory


@pytest.fixture
def article(make_article):
    LawFactory()
    step = StepFactory(
        title="Fiktionsart bestimmen", process=ProcessFactory(title="Fiktionsbescheinigung ausstellen", slug="fiktion")
    )
    return make_article(
        title="Fiktionsbescheinigung: Varianten",
        body="## Varianten\n\nDie Fortgeltungsfiktion nach § 81 Abs. 4 AufenthG gilt.",
        steps=[step],
        slug="fiktion-varianten",
    )


def pages(article):
    slug = article.slug
    return {
        "list": reverse("knowledge:index"),
        "article": reverse("knowledge:article", args=[slug]),
        "history": reverse("knowledge:history", args=[slug]),
        "revision": reverse("knowledge:revision", args=[slug, 1]),
        "compare": reverse("knowledge:compare", args=[slug]) + "?von=1&zu=1",
        "edit": reverse("knowledge:edit", args=[slug]),
        "create": reverse("knowledge:create"),
    }


@pytest.mark.parametrize("page", ["list", "article", "history", "revision", "compare", "edit", "create"])
def test_anonymous_is_sent_to_login(client, article, page):
    url = pages(article)[page]
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    ("user_fixture", "page", "status"),
    [
        ("reader", "list", 200),
        ("reader", "article", 200),
        ("reader", "history", 200),
        ("reader", "revision", 200),
        ("reader", "compare", 200),
        ("reader", "edit", 403),
        ("reader", "create", 403),
        ("editor", "list", 200),
        ("editor", "article", 200),
        ("editor", "history", 200),
        ("editor", "edit", 200),
        ("editor", "create", 200),
        ("second_editor", "article", 200),
        ("team_lead", "edit", 200),
        ("nobody", "list", 403),
        ("nobody", "article", 403),
    ],
)
def test_access_by_role(client, article, request, user_fixture, page, status):
    client.force_login(request.getfixturevalue(user_fixture))
    assert client.get(pages(article)[page]).status_code == status


@pytest.mark.parametrize("action", ["release", "archive", "unarchive", "reviewed"])
def test_actions_are_post_only_and_refused_for_readers(reader_client, article, action):
    url = reverse(f"knowledge:{action}", args=[article.slug])
    assert reader_client.get(url).status_code in (403, 405)
    assert reader_client.post(url, {"number": 1, "next_review": "2099-01-01"}).status_code == 403
    article.refresh_from_db()
    assert not article.is_archived


def test_reader_sees_the_released_text_with_linked_citations_and_its_step(reader_client, article):
    content = reader_client.get(article.get_absolute_url()).content.decode()
    assert "Fiktionsbescheinigung: Varianten</h1>" in content
    assert '<a class="citation" href="/recht/aufenthg/81/" title="§ 81 Abs. 4 AufenthG">§ 81 Abs. 4 AufenthG</a>' in content
    assert "Fiktionsbescheinigung ausstellen – Schritt" in content
    assert "Freigegeben von" in content


def test_step_shows_knowledge_for_this_step(reader_client, article):
    content = reader_client.get("/prozesse/fiktion/").content.decode()
    assert "Wissen zu diesem Schritt" in content
    assert f'href="{article.get_absolute_url()}">Fiktionsbescheinigung: Varianten</a>' in content


def test_norm_page_lists_the_article(reader_client, article):
    content = reader_client.get("/recht/aufenthg/81/").content.decode()
    assert "In 1 Artikel zitiert" in content
    assert "Fiktionsbescheinigung: Varianten" in content


def test_readers_keep_seeing_the_released_revision_while_a_draft_waits(reader_client, client, editor, article):
    services.article_revise(article=article, author=editor, base_number=1, title="Neuer Titel", body="Geheimer Entwurf", note="x")
    content = reader_client.get(article.get_absolute_url()).content.decode()
    assert "Geheimer Entwurf" not in content and "Die Fortgeltungsfiktion" in content
    assert reader_client.get(reverse("knowledge:revision", args=[article.slug, 2])).status_code == 404
    assert "Geheimer Entwurf" not in reader_client.get(reverse("knowledge:history", args=[article.slug])).content.decode()


def test_unreleased_article_is_invisible_to_readers_and_404_explains(reader_client, make_article):
    draft = make_article(title="Nur Entwurf", released=False)
    response = reader_client.get(draft.get_absolute_url())
    assert response.status_code == 404
    assert "Artikel nicht gefunden" in response.content.decode()
    assert "Nur Entwurf" not in reader_client.get(reverse("knowledge:index")).content.decode()


def test_editor_drafts_and_a_second_editor_releases(client, editor, second_editor, article):
    client.force_login(editor)
    edit_url = reverse("knowledge:edit", args=[article.slug])
    form = client.get(edit_url).content.decode()
    assert 'name="base_number" value="1"' in form and 'name="base_edit" value="0"' in form
    response = client.post(
        edit_url,
        {
            "title": "Fiktionsbescheinigung: Varianten",
            "body": "Neu: § 81 Abs. 3 AufenthG",
            "change_note": "Abs. 3 ergänzt",
            "is_significant": "on",
            "base_number": "1",
            "base_edit": "0",
            "action": "save",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Version 2 wurde als Entwurf gespeichert" in page
    assert "Vier-Augen-Prinzip" in page  # the author sees why they cannot release
    assert client.post(reverse("knowledge:release", args=[article.slug]), {"number": 2}).status_code == 302
    article.refresh_from_db()
    assert article.published_revision.number == 1

    client.force_login(second_editor)
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Version 2 freigeben" in page
    response = client.post(reverse("knowledge:release", args=[article.slug]), {"number": 2}, follow=True)
    assert "Version 2 ist freigegeben" in response.content.decode()
    article.refresh_from_db()
    assert article.published_revision.number == 2
    history = client.get(reverse("knowledge:history", args=[article.slug])).content.decode()
    assert "redakteurin2" in history or second_editor.get_full_name() in history
    assert "wesentlich" in history


def test_stale_edit_shows_the_conflict_page_and_keeps_what_was_typed(client, editor, second_editor, article):
    client.force_login(editor)
    edit_url = reverse("knowledge:edit", args=[article.slug])
    services.article_revise(
        article=article,
        author=second_editor,
        base_number=1,
        title=article.title,
        body="Ihre Fassung von nebenan",
        note="parallel",
    )
    response = client.post(
        edit_url,
        {
            "title": article.title,
            "body": "Meine lange Arbeit am Text",
            "change_note": "meins",
            "base_number": "1",
            "base_edit": "0",
            "action": "save",
        },
    )
    content = response.content.decode()
    assert response.status_code == 409
    assert "Bearbeitungskonflikt" in content
    assert "Meine lange Arbeit am Text</textarea>" in content
    assert 'name="base_number" value="2"' in content and 'name="base_edit" value="1"' in content
    assert "Ihre Fassung von nebenan" in content and "<ins>" in content and "<del>" in content
    assert Revision.objects.get(article=article, number=2).body == "Ihre Fassung von nebenan"
    assert article.revisions.count() == 2
    # saving the merged text from the conflict page now works
    response = client.post(
        edit_url,
        {
            "title": article.title,
            "body": "Zusammengeführt",
            "change_note": "meins",
            "base_number": "2",
            "base_edit": "1",
            "action": "save",
        },
    )
    assert response.status_code == 302
    assert article.revisions.get(number=3).body == "Zusammengeführt"


def test_invalid_form_reshows_everything_typed(editor_client, article):
    response = editor_client.post(
        reverse("knowledge:edit", args=[article.slug]),
        {"title": "", "body": "Mein Text bleibt", "change_note": "", "base_number": "1", "action": "save"},
    )
    content = response.content.decode()
    assert response.status_code == 400
    assert "Es wurde nichts gespeichert" in content
    assert "Mein Text bleibt</textarea>" in content
    assert 'aria-invalid="true"' in content
    assert article.revisions.count() == 1


def test_too_long_text_gets_a_german_message(editor_client, article):
    response = editor_client.post(
        reverse("knowledge:edit", args=[article.slug]),
        {"title": "T", "body": "x" * 210_000, "change_note": "lang", "base_number": "1", "action": "save"},
    )
    assert response.status_code == 400
    assert "Der Text ist zu lang: Erlaubt sind höchstens 200 KB." in response.content.decode()


def test_preview_renders_without_saving(editor_client, article):
    response = editor_client.post(
        reverse("knowledge:edit", args=[article.slug]),
        {"title": "T", "body": "**Vorschau** mit § 81 AufenthG", "change_note": "x", "base_number": "1", "action": "preview"},
    )
    content = response.content.decode()
    assert "<strong>Vorschau</strong>" in content
    assert article.revisions.count() == 1


def test_create_an_article_through_the_editor(editor_client, db):
    LawFactory()
    response = editor_client.post(
        reverse("knowledge:create"),
        {"title": "Beschäftigungsduldung", "body": "Nach § 60d AufenthG …", "change_note": "Erstfassung", "action": "save"},
    )
    article = Article.objects.get(slug="beschaeftigungsduldung")
    assert response["Location"] == article.get_absolute_url()
    assert article.revisions.get().cited_norms.get().label == "§\u00a060d AufenthG"


INS = '<ins class="diff-ins"><span class="kern-sr-only">[eingefügt:] </span>'
DEL = '<del class="diff-del"><span class="kern-sr-only">[gelöscht:] </span>'


def _revise_and_release(article, editor, second_editor, body, title=None):
    article.refresh_from_db()
    services.article_revise(
        article=article, author=editor, base_number=article.latest_number, title=title or article.title, body=body, note="neu"
    )
    article.refresh_from_db()
    services.revision_release(revision=article.revisions.get(number=article.latest_number), releaser=second_editor)


def test_readers_compare_the_text_as_they_read_it_without_markdown(reader_client, editor, second_editor, article):
    _revise_and_release(
        article,
        editor,
        second_editor,
        "## Varianten und Fristen\n\nDie Fortgeltungsfiktion nach § 81 Abs. 4 Satz 1 AufenthG gilt weiter.\n\n"
        "- Antrag vor Ablauf\n- Gebühr bezahlt\n\n| Fall | Frist |\n|---|---|\n| Verlängerung | 6 Wochen |",
    )
    url = reverse("knowledge:compare", args=[article.slug])
    page = reader_client.get(url + "?von=1&zu=2").content.decode()
    assert f"<h2>Varianten {INS}und Fristen</ins></h2>" in page
    # The citation's text changed: the old one is struck through, the new one is still a link.
    assert f"{DEL}§ 81 Abs. 4 AufenthG</del>" in page and f'title="§ 81 Abs. 4 Satz 1 AufenthG">{INS}§ 81' in page
    assert f"gilt {INS}weiter</ins>." in page
    assert f"<li>{INS}Gebühr bezahlt</ins></li>" in page
    assert f"<td>{INS}Verlängerung</ins></td>" in page and "<th>" in page
    assert "##" not in page and "**" not in page and "| Fall" not in page
    assert "20 Wörter hinzugefügt, 5 Wörter entfernt." in page
    # Readers are not offered the Markdown source, not even through the address.
    assert "Markdown-Quelltext" not in page
    for view in ("quelltext", "nebeneinander", "unbekannt", "inline"):
        assert "##" not in reader_client.get(url + f"?von=1&zu=2&ansicht={view}").content.decode()


def test_a_removed_paragraph_and_a_changed_word_show_in_the_rendered_text(reader_client, editor, second_editor, article):
    _revise_and_release(article, editor, second_editor, "## Varianten\n\nErster Absatz.\n\nZweiter Absatz.")
    _revise_and_release(article, editor, second_editor, "## Varianten\n\nErster Teil.")
    page = reader_client.get(reverse("knowledge:compare", args=[article.slug]) + "?von=2&zu=3").content.decode()
    assert f"<p>Erster {DEL}Absatz.</del>{INS}Teil</ins>.</p>" in page
    assert f"<p>{DEL}Zweiter Absatz</del></p>" in page
    assert "1 Wort hinzugefügt, 3 Wörter entfernt." in page


def test_same_text_says_so(reader_client, editor, second_editor, article):
    _revise_and_release(article, editor, second_editor, article.published_revision.body, title="Neuer Titel")
    page = reader_client.get(reverse("knowledge:compare", args=[article.slug]) + "?von=1&zu=2").content.decode()
    assert "Der Text ist in beiden Versionen gleich." in page
    assert "Titel geändert von „Fiktionsbescheinigung: Varianten“ in „Neuer Titel“." in page


def test_editors_can_also_compare_the_markdown_source(editor_client, editor, second_editor, article):
    _revise_and_release(
        article,
        editor,
        second_editor,
        "## Varianten\n\nDie Fortgeltungsfiktion nach § 81 Abs. 4 Satz 1 AufenthG gilt weiter.",
    )
    url = reverse("knowledge:compare", args=[article.slug])
    rendered = editor_client.get(url + "?von=1&zu=2").content.decode()
    assert "Markdown-Quelltext" in rendered and "##" not in rendered
    source = editor_client.get(url + "?von=1&zu=2&ansicht=quelltext").content.decode()
    assert "## Varianten" in source
    assert (
        '<ins><span class="kern-sr-only">[eingefügt:] </span>Satz 1 <span class="kern-sr-only"> [Ende der Einfügung]</span></ins>'
        in source
    )
    side = editor_client.get(url + "?von=2&zu=1&ansicht=nebeneinander").content.decode()
    assert "diff--side" in side and "Version 1" in side and "Version 2" in side


@pytest.mark.parametrize("query", ["?von=abc&zu=2", "?von=1", "?von=0&zu=1", "?von=1&zu=99", "?von=1&zu=2&ansicht=" + "x" * 500])
def test_odd_compare_addresses_are_not_found_not_errors(reader_client, article, query):
    assert reader_client.get(reverse("knowledge:compare", args=[article.slug]) + query).status_code in (200, 404)


def test_a_comparison_is_computed_once_per_pair_of_revisions(reader_client, editor, second_editor, article, monkeypatch):
    from knowledge import diff

    _revise_and_release(article, editor, second_editor, "Ganz neuer Text.")
    computed = []
    real_compare = diff.compare_html
    monkeypatch.setattr(diff, "compare_html", lambda old, new: computed.append((old, new)) or real_compare(old, new))
    url = reverse("knowledge:compare", args=[article.slug])
    pages = [reader_client.get(url + query).content.decode() for query in ("?von=1&zu=2", "?von=2&zu=1", "?von=1&zu=2")]
    assert len(computed) == 1  # revisions never change, so their difference is kept
    assert all("Ganz neuer Text" in page for page in pages)


def test_revert_is_a_post_that_creates_a_revision(editor_client, article, editor):
    services.article_revise(article=article, author=editor, base_number=1, title=article.title, body="schlecht", note="x")
    assert editor_client.get(reverse("knowledge:restore", args=[article.slug, 1])).status_code == 405
    response = editor_client.post(reverse("knowledge:restore", args=[article.slug, 1]), follow=True)
    assert "Version 1 wurde als neue Version 3 wiederhergestellt" in response.content.decode()
    assert article.revisions.get(number=3).body == article.revisions.get(number=1).body


def test_archive_hides_from_readers_and_restore_brings_back(editor_client, reader, article):
    editor_client.post(reverse("knowledge:archive", args=[article.slug]))
    client = Client()
    client.force_login(reader)
    assert client.get(article.get_absolute_url()).status_code == 404
    editor_client.post(reverse("knowledge:unarchive", args=[article.slug]))
    assert client.get(article.get_absolute_url()).status_code == 200


def test_links_between_articles_resolve_by_slug_and_title_and_show_missing_targets(reader_client, make_article):
    make_article(title="Gebühren nach der AufenthV", slug="gebuehren", body="Gebühren.")
    linking = make_article(
        title="Übersicht",
        slug="uebersicht",
        body="Siehe [[gebuehren]], [[Gebühren nach der AufenthV|die Gebührenliste]] und [[rueckfuehrung-dublin]].",
    )
    content = reader_client.get(linking.get_absolute_url()).content.decode()
    assert '<a class="wikilink" href="/wissen/gebuehren/">Gebühren nach der AufenthV</a>' in content
    assert '<a class="wikilink" href="/wissen/gebuehren/">die Gebührenliste</a>' in content
    assert '<a class="wikilink wikilink--missing" href="/wissen/rueckfuehrung-dublin/">' in content
    assert "verweist auf Artikel, die es noch nicht gibt" in content
    # once the target exists, the same stored revision no longer shows it as missing
    make_article(title="Rückführung Dublin", slug="rueckfuehrung-dublin", body="Dublin.")
    content = reader_client.get(linking.get_absolute_url()).content.decode()
    assert "wikilink--missing" not in content


def test_list_filters_by_process_owner_and_review_state(reader_client, make_article, editor):
    from datetime import timedelta

    from django.utils import timezone

    process = ProcessFactory(title="Verpflichtungserklärung")
    make_article(title="Bonität prüfen", processes=[process], review_date=timezone.localdate() - timedelta(days=3))
    make_article(title="Anderes Thema", review_date=timezone.localdate() + timedelta(days=200))
    url = reverse("knowledge:index")
    assert "Bonität prüfen" in reader_client.get(url, {"prozess": process.pk}).content.decode()
    assert "Anderes Thema" not in reader_client.get(url, {"prozess": process.pk}).content.decode()
    overdue = reader_client.get(url, {"pruefung": "overdue"}).content.decode()
    assert "Bonität prüfen" in overdue and "Anderes Thema" not in overdue
    assert "2 Artikel" in reader_client.get(url, {"verantwortlich": editor.pk}).content.decode()
    assert reader_client.get(url, {"prozess": "kein-int", "seite": "999"}).status_code == 200


def test_no_markdown_is_rendered_during_a_page_view(reader_client, article, monkeypatch):
    import markdown

    def forbidden(*args, **kwargs):
        raise AssertionError("Markdown rendered during a request")

    monkeypatch.setattr(markdown.Markdown, "convert", forbidden)
    for url in [
        article.get_absolute_url(),
        reverse("knowledge:index"),
        reverse("knowledge:history", args=[article.slug]),
        reverse("knowledge:revision", args=[article.slug, 1]),
        "/prozesse/fiktion/",
        "/recht/aufenthg/81/",
    ]:
        assert reader_client.get(url).status_code == 200


def test_the_start_page_lists_the_last_released_articles(reader_client, make_article, editor, second_editor):
    """Newest release first; an older release of an article released again and archived articles are left out."""
    import datetime

    from django.utils import timezone

    from knowledge.models import Release

    first = make_article(title="Erster Artikel", body="eins")
    second = make_article(title="Zweiter Artikel", body="zwei")
    gone = make_article(title="Archivierter Artikel", body="weg")
    services.article_archive(article=gone, user=editor)
    revision = services.article_revise(article=first, author=editor, base_number=1, title="Erster Artikel", body="neu", note="2")
    services.revision_release(revision=revision, releaser=second_editor)
    # Make the order unambiguous whatever the clock's resolution.
    now = timezone.now()
    Release.objects.filter(revision__article=second).update(released_at=now - datetime.timedelta(hours=2))
    Release.objects.filter(revision=revision).update(released_at=now - datetime.timedelta(hours=1))
    Release.objects.filter(revision__article=first, revision__number=1).update(released_at=now - datetime.timedelta(hours=3))
    content = reader_client.get("/").content.decode()
    recent = content[content.index("Erster Artikel") - 200 :]
    assert content.count("Erster Artikel") == 1
    assert recent.index("Erster Artikel") < recent.index("Zweiter Artikel")
    assert "Archivierter Artikel" not in content
