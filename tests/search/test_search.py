"""Search across processes, steps, articles and norms, on both backends; PostgreSQL-only behaviour marked."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.urls import reverse

from knowledge import services as knowledge_services
from processes.models import Process
from search import query as search_query
from search.models import SearchDocument
from tests.factories import (
    CategoryFactory,
    LawFactory,
    NormFactory,
    ProcessFactory,
    RoleFactory,
    StepFactory,
    StepReferenceFactory,
)

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL full text and trigram behaviour; CI runs the suite on PostgreSQL"
)


@pytest.fixture
def content(db, editor, second_editor):
    band = CategoryFactory(name="Kernprozesse", slug="kern")
    documents = CategoryFactory(name="Dokumente", slug="k8", code="K8", parent=band)
    work = CategoryFactory(name="Erwerbsmigration", slug="k2", code="K2", parent=band)
    sb_a = RoleFactory(code="SB-A", name="Sachbearbeitung Aufenthalt")
    sb_e = RoleFactory(code="SB-E", name="Sachbearbeitung Erwerbsmigration")
    law = LawFactory()
    section_81 = NormFactory(law=law, number="81")
    fiktion = ProcessFactory(
        code="K8-03", title="Fiktionsbescheinigung ausstellen", slug="fiktionsbescheinigung", category=documents,
        owner_role=sb_a, purpose="Bescheinigt die Fortgeltung des Aufenthaltstitels.",
    )
    step = StepFactory(
        process=fiktion, position=2, title="Fiktionsart bestimmen", responsible_role=sb_a,
        description="Bei verspätetem Antrag über die Verlängerung der Fortgeltung entscheiden.",
    )
    StepReferenceFactory(step=step, norm=section_81, subsection="4")
    blue = ProcessFactory(
        code="K2-02", title="Blaue Karte EU erteilen", slug="blaue-karte", category=work, owner_role=sb_e,
        purpose="Titel für Fachkräfte mit Hochschulabschluss; Gehalt oberhalb der Schwelle.",
    )
    StepFactory(
        process=blue,
        position=1,
        title="Gehaltsschwelle prüfen",
        responsible_role=sb_e,
        description="Mindestgehalt der Blauen Karte.",
    )
    ProcessFactory(
        code="K1-99",
        title="Geheimer Entwurf zur Fiktion",
        slug="entwurf",
        category=work,
        owner_role=sb_a,
        status=Process.Status.DRAFT,
    )
    article = knowledge_services.article_create(
        author=editor,
        title="Verpflichtungserklärung: Bonität prüfen",
        slug="ve-bonitaet",
        body="Die Bonität der verpflichteten Person wird anhand der Einkommensnachweise geprüft.",
        note="1",
    )
    knowledge_services.revision_release(revision=article.revisions.get(), releaser=second_editor)
    knowledge_services.article_create(author=editor, title="Fiktion Entwurfsartikel", body="unveröffentlicht", note="1")
    return {"fiktion": fiktion, "step": step, "article": article, "sb_e": sb_e, "work": work}


def titles(results, kind=None):
    return [hit.document.title for group in results.groups if kind in (None, group.kind) for hit in group.hits]


def test_index_follows_content_changes(content):
    assert SearchDocument.objects.filter(kind="process", object_id=content["fiktion"].pk).exists()
    assert SearchDocument.objects.filter(kind="article", object_id=content["article"].pk).exists()
    # the unreleased article is not searchable
    assert not SearchDocument.objects.filter(kind="article", title__contains="Entwurfsartikel").exists()
    step = content["step"]
    step.title = "Art der Fiktion festlegen"
    step.save()
    assert SearchDocument.objects.get(kind="step", object_id=step.pk).title == "Art der Fiktion festlegen"


def test_archiving_an_article_removes_it_from_search(content, reader, editor):
    knowledge_services.article_archive(article=content["article"], user=editor)
    assert "Verpflichtungserklärung: Bonität prüfen" not in titles(search_query.search("Bonität", user=reader))
    knowledge_services.article_unarchive(article=content["article"], user=editor)
    assert "Verpflichtungserklärung: Bonität prüfen" in titles(search_query.search("Bonität", user=reader))


def test_part_of_a_compound_finds_the_process_and_its_steps(content, reader):
    results = search_query.search("Fiktion", user=reader)
    assert titles(results, "process")[0] == "K8-03 Fiktionsbescheinigung ausstellen"
    assert "Fiktionsart bestimmen" in titles(results, "step")


def test_several_words_must_all_match(content, reader):
    assert titles(search_query.search("Blaue Karte Gehalt", user=reader), "process") == ["K2-02 Blaue Karte EU erteilen"]
    assert titles(search_query.search("Verpflichtungserklärung Bonität", user=reader), "article") == [
        "Verpflichtungserklärung: Bonität prüfen"
    ]


def test_drafts_are_found_only_by_editors(content, reader, editor):
    assert "K1-99 Geheimer Entwurf zur Fiktion" not in titles(search_query.search("Fiktion", user=reader))
    assert "K1-99 Geheimer Entwurf zur Fiktion" in titles(search_query.search("Fiktion", user=editor))


def test_filters_by_kind_area_and_role(content, reader):
    only_steps = search_query.search("Fiktion", user=reader, kind="step")
    assert {group.kind for group in only_steps.groups} == {"step"}
    in_k2 = search_query.search("Gehalt", user=reader, category_id=content["work"].pk)
    assert titles(in_k2) and all("Fiktion" not in title for title in titles(in_k2))
    by_role = search_query.search("prüfen", user=reader, role_id=content["sb_e"].pk)
    assert "Gehaltsschwelle prüfen" in titles(by_role) and "Fiktionsart bestimmen" not in titles(by_role)


@pytest.mark.parametrize("query", ["§ 81 AufenthG", "81 AufenthG", "AufenthG 81", "§ 81 Abs. 4", "§81 aufenthg"])
def test_citation_queries_put_the_norm_first(content, reader_client, query):
    content_html = reader_client.get(reverse("search:index"), {"q": query}).content.decode()
    norm_at = content_html.index('href="/recht/aufenthg/81/">§\u00a081 AufenthG</a>')
    assert norm_at < content_html.index("search-group") if "search-group" in content_html else True
    assert "Fiktionsart bestimmen" in content_html[norm_at:]
    assert 'href="/prozesse/fiktionsbescheinigung/#schritt-2"' in content_html


def test_step_results_link_to_the_step_anchor_and_highlight(content, reader_client):
    page = reader_client.get(reverse("search:index"), {"q": "Fiktion"}).content.decode()
    assert 'href="/prozesse/fiktionsbescheinigung/#schritt-2"' in page
    assert "<mark>Fiktionsart</mark> bestimmen" in page
    assert '<h2 id="group-schritte"' in page


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "§",
        "& | ! ( ) : * ' \" \\ %",
        "😀🇩🇪",
        "ß ẞ ü Ü ı İ",
        "'; DROP TABLE processdb_searchdocument; --",
        "a" * 10_000,
        "Fiktion " * 300,
        "\x00\x07\u202e",
        "%_%",
        "NOT OR AND",
        ":*",
        "!!!",
    ],
)
def test_bad_input_never_fails(content, reader_client, query):
    response = reader_client.get(reverse("search:index"), {"q": query})
    assert response.status_code == 200
    assert SearchDocument.objects.exists()


def test_empty_query_offers_suggestions_and_the_process_map(content, reader_client):
    page = reader_client.get(reverse("search:index"), {"q": "  "}).content.decode()
    assert "Was möchten Sie finden?" in page
    assert 'href="/prozesse/"' in page and "Blaue Karte Gehalt" in page
    page = reader_client.get(reverse("search:index"), {"q": "§"}).content.decode()
    assert "Bitte geben Sie ein Wort oder eine Norm ein, nach dem gesucht werden soll." in page


def test_no_results_page_helps(content, reader_client):
    page = reader_client.get(reverse("search:index"), {"q": "Zzzxyq"}).content.decode()
    assert "Nichts gefunden für „Zzzxyq“." in page
    assert "Prozesslandkarte" in page


def test_a_long_query_is_shortened_with_a_message(content, reader_client):
    page = reader_client.get(reverse("search:index"), {"q": "Fiktion " + "x" * 10_000}).content.decode()
    assert "Ihre Suche wurde auf die ersten 200 Zeichen" in page


def test_q_given_twice_uses_one_of_them(content, reader_client):
    response = reader_client.get(reverse("search:index") + "?q=Fiktion&q=Bonit%C3%A4t")
    assert response.status_code == 200
    assert "Bonität" in response.content.decode()


def test_search_needs_a_login(client, content):
    assert client.get(reverse("search:index"), {"q": "Fiktion"}).status_code == 302


def test_the_header_search_box_is_on_every_page(content, reader_client):
    for url in ["/", "/prozesse/", "/wissen/", "/einarbeitung/", "/pruefung/"]:
        assert 'action="/suche/"' in reader_client.get(url).content.decode()


@postgres_only
def test_german_stemming_finds_inflected_forms(content, reader):
    assert "Fiktionsart bestimmen" in titles(search_query.search("verlängern", user=reader), "step")


@postgres_only
def test_typos_in_titles_are_tolerated(content, reader):
    ProcessFactory(code="K1-01", title="Aufenthaltserlaubnis verlängern", slug="ae", category=content["work"])
    assert "K1-01 Aufenthaltserlaubnis verlängern" in titles(search_query.search("Aufenthaltserlaubis", user=reader))


@postgres_only
def test_titles_rank_above_body_text(content, reader):
    ProcessFactory(
        code="Z-1", title="Sonstiges", slug="sonstiges", purpose="Hier steht nebenbei Bonität im Text.", category=content["work"]
    )
    results = search_query.search("Bonität", user=reader)
    ordered = titles(results)
    assert ordered.index("Verpflichtungserklärung: Bonität prüfen") >= 0
    process_titles = titles(results, "process")
    assert process_titles == ["Z-1 Sonstiges"]


@postgres_only
@pytest.mark.django_db
def test_postgres_indexes_exist():
    with connection.cursor() as cursor:
        cursor.execute("select indexname from pg_indexes where tablename = 'processdb_searchdocument'")
        names = {row[0] for row in cursor.fetchall()}
    assert {"search_document_vector", "search_document_title_trgm"} <= names


def test_rebuild_gives_the_same_index(content):
    from search.index import rebuild

    before = sorted(SearchDocument.objects.values_list("kind", "object_id", "title"))
    rebuild()
    assert sorted(SearchDocument.objects.values_list("kind", "object_id", "title")) == before


def test_the_search_filters_by_department_and_keeps_the_shared_norms(demo_content):
    """Two departments: ?abteilung= narrows the results to one department's content (issue 20)."""
    client = Client()
    client.force_login(get_user_model().objects.get(username="teamleitung"))

    everything = client.get("/suche/?q=beantragen").content.decode()
    only_bs = client.get("/suche/?q=beantragen&abteilung=buergerservice").content.decode()
    only_abh = client.get("/suche/?q=beantragen&abteilung=auslaenderbehoerde").content.decode()

    assert "Personalausweis beantragen" in everything and "Elektronischen Aufenthaltstitel (eAT) beantragen" in everything
    assert "Personalausweis beantragen" in only_bs and "Elektronischen Aufenthaltstitel (eAT) beantragen" not in only_bs
    assert "Elektronischen Aufenthaltstitel (eAT) beantragen" in only_abh and "Personalausweis beantragen" not in only_abh
    assert '<option value="buergerservice" selected>Bürgerservice</option>' in only_bs
    assert '<label class="kern-label" for="search-department">Abteilung</label>' in everything
    # Laws and norms belong to no department: the citation search finds them under any filter.
    assert "§\u00a081 AufenthG" in client.get("/suche/?q=§ 81 AufenthG&abteilung=buergerservice").content.decode()
    # An unknown department is no filter, not an empty page.
    unknown = client.get("/suche/?q=beantragen&abteilung=gibt-es-nicht").content.decode()
    assert "Elektronischen Aufenthaltstitel (eAT) beantragen" in unknown and "Personalausweis beantragen" in unknown
