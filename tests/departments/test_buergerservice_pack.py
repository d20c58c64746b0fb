"""The second demo department, the Bürgerservice (packs/buergerservice/): it validates, imports into an
empty database and next to the foreigners' authority's demo, a second import creates nothing, and
its pages show what the pack says."""

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from departments import pack_plan, packs, selectors
from knowledge.models import Article, Revision
from law.citations import find_citations
from law.models import Law, Norm
from processes.models import Category, Process, ProcessReference, Role, Step, StepReference
from tests.departments.packdata import run_pack

PACK = Path(__file__).resolve().parents[2] / "packs" / "buergerservice"
FIRST = PACK.parent / "auslaenderbehoerde"
COUNTED = [Law, Norm, Role, Category, Process, Step, ProcessReference, StepReference, Article, Revision]


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COUNTED}


@pytest.fixture(scope="module")
def pack():
    return packs.load(PACK)


def _texts(pack):
    """(place, Markdown) of every text in the pack that the app scans for citations."""
    for process in pack.processes:
        yield process["slug"], process["notes"]
        for position, step in enumerate(process["steps"], start=1):
            yield f"{process['slug']} Schritt {position}", step["description"]
    yield from pack.texts.items()


# --- The pack on its own ---------------------------------------------------------------------


def test_the_pack_loads_without_problems_and_has_the_promised_content(pack):
    assert pack.name == "Bürgerservice Musterstadt"
    assert len(pack.processes) >= 8
    for process in pack.processes:
        assert 4 <= len(process["steps"]) <= 8, process["slug"]
        assert process["legal_basis"], process["slug"]
        assert process["status"] == "published"
    assert {category["slug"] for category, *_ in pack.walk_categories()} == {
        "bs-buergerservice",
        "bs-ausweise-paesse",
        "bs-meldewesen",
        "bs-auskuenfte-bescheinigungen",
    }
    assert {law["abbreviation"]: law["gii_slug"] for law in pack.laws} == {
        "BMG": "bmg",
        "BZRG": "bzrg",
        "PassG": "pa_g_1986",
        "PAuswG": "pauswg",
    }
    assert 3 <= len(pack.articles) <= 4 and all(article["released"] for article in pack.articles)
    assert {role["code"] for role in pack.roles if role["external"]} >= {"BS-BDR", "BS-BFJ"}


def test_every_citation_in_the_texts_is_a_norm_the_pack_defines(pack):
    """Otherwise the import would create norms without a heading that the pack does not hold."""
    defined = {(law["abbreviation"], norm["number"]) for law in pack.laws for norm in law["norms"]}
    cited = {
        (place, citation.law, number)
        for place, text in _texts(pack)
        for citation in find_citations(text, [law["abbreviation"] for law in pack.laws])
        for number in citation.numbers
    }

    assert cited, "the texts cite norms"
    assert {(place, law, number) for place, law, number in cited if (law, number) not in defined} == set()


def test_every_defined_norm_is_cited_somewhere(pack):
    by_abbreviation = {law["abbreviation"]: law["key"] for law in pack.laws}
    used = {
        (ref["law"], ref["norm"])
        for process in pack.processes
        for ref in [*process["legal_basis"], *(ref for step in process["steps"] for ref in step["refs"])]
    }
    used |= {
        (by_abbreviation[citation.law], number)
        for _, text in _texts(pack)
        for citation in find_citations(text, by_abbreviation)
        for number in citation.numbers
    }

    assert {(law["key"], norm["number"]) for law in pack.laws for norm in law["norms"]} - used == set()


def test_no_key_or_name_collides_with_the_foreigners_authority_demo(pack):
    """Keys and unique names of roles, categories, processes and articles are the pack's own; a law
    both define (BMG) is defined identically, so that the import leaves it unchanged."""
    first = packs.load(FIRST)
    for field in ("code", "slug", "name"):
        assert {role[field] for role in pack.roles}.isdisjoint(role[field] for role in first.roles), field

    first_categories = {category["slug"] for category, *_ in first.walk_categories()}
    assert {category["slug"] for category, *_ in pack.walk_categories()}.isdisjoint(first_categories)
    assert {process["slug"] for process in pack.processes}.isdisjoint(p["slug"] for p in first.processes)
    assert {process["code"] for process in pack.processes}.isdisjoint(p["code"] for p in first.processes)
    assert {article["slug"] for article in pack.articles}.isdisjoint(a["slug"] for a in first.articles)

    demo_laws = {law["abbreviation"]: law for law in first.laws}
    for law in pack.laws:
        if law["abbreviation"] in demo_laws:
            shared = demo_laws[law["abbreviation"]]
            for field in ("key", "title", "gii_slug", "url", "jurisdiction"):
                assert law[field] == shared[field], (law["abbreviation"], field)


# --- Importing it ----------------------------------------------------------------------------


def test_a_dry_run_validates_and_writes_nothing(db, editor):
    output = run_pack("import", str(PACK), "--as", editor.username, "--dry-run")

    assert "Probelauf, nichts geschrieben: „Bürgerservice Musterstadt“" in output
    assert "Prozess 12 neu," in output and "Artikel 4 neu," in output
    assert counts() == dict.fromkeys(counts(), 0)


def test_the_import_into_an_empty_database_creates_published_processes_and_released_articles(db, editor):
    output = run_pack("import", str(PACK), "--as", editor.username)

    assert "Paket importiert: „Bürgerservice Musterstadt“" in output
    processes = Process.objects.filter(status=Process.Status.PUBLISHED, category__parent__slug="bs-buergerservice")
    assert processes.count() >= 8
    for process in processes:
        assert process.released_version == 1, process.slug
        positions = list(process.steps.order_by("position").values_list("position", flat=True))
        assert len(positions) >= 3 and positions == list(range(1, len(positions) + 1)), process.slug
        assert process.references.exists(), process.slug

    personalausweis = Process.objects.get(slug="personalausweis-beantragen")
    assert personalausweis.owner_role.name == "Sachbearbeitung Bürgerservice"
    assert [ref.label for ref in personalausweis.references.all()] == [
        "§\u00a01 Abs. 1 Satz 1 PAuswG",
        "§\u00a08 PAuswG",
        "§\u00a09 PAuswG",
    ]
    transfer = personalausweis.steps.get(position=6)
    assert [role.code for role in transfer.participating_roles.all()] == ["BS-BDR"]
    assert Role.objects.get(code="BS-BDR").is_external

    for article in Article.objects.all():
        assert article.is_published, article.slug
        assert article.published_revision.release.released_by == editor
    assert Article.objects.count() == 4
    assert list(Article.objects.get(slug="wohnungsgeberbestaetigung-pruefen").steps.values_list("process__slug", "position")) == [
        ("wohnung-anmelden", 3)
    ]
    assert Norm.objects.count() == 28  # the pack's norms; the texts cite no others


def test_importing_twice_creates_nothing_new(db, editor):
    run_pack("import", str(PACK), "--as", editor.username)
    before = counts()
    exported_before = packs.render(selectors.pack_content(name="x"))
    # Everything in the database now equals the pack: nothing new, nothing differing.
    assert {action.state for action in pack_plan.plan(packs.load(PACK), releaser=editor).actions} == {pack_plan.UNCHANGED}

    output = run_pack("import", str(PACK), "--as", editor.username)

    assert counts() == before
    assert packs.render(selectors.pack_content(name="x")) == exported_before
    for kind in ("Gesetz", "Norm", "Rolle", "Bereich", "Prozess", "Artikel"):
        assert f"{kind} 0 neu," in output


def test_the_demo_holds_both_departments_and_the_pack_again_changes_nothing(demo_content):
    pack = packs.load(PACK)
    releaser = get_user_model().objects.get(username="redaktion")
    # `manage.py demo` imported the pack after the foreigners' authority: all of it is there, unchanged.
    states = {action.state for action in pack_plan.plan(pack, releaser=releaser).actions}
    assert states == {pack_plan.UNCHANGED}
    bands = list(Category.objects.filter(parent=None).order_by("tree_id").values_list("slug", flat=True))
    assert bands[-1] == "bs-buergerservice" and len(bands) == 4  # after the first department's bands
    before = Process.objects.count()

    output = run_pack("import", str(PACK), "--as", releaser.username)

    assert "Prozess 0 neu, 0 aktualisiert, 12 unverändert" in output
    assert Process.objects.count() == before
    assert Law.objects.get(key="bmg").norms.filter(number="17").exists()
    assert Process.objects.get(slug="fiktionsbescheinigung").category.slug == "dokumente"  # the demo untouched


# --- What users see --------------------------------------------------------------------------


def test_the_process_page_shows_the_steps_in_order_and_links_the_official_text(db, editor, reader_client):
    run_pack("import", str(PACK), "--as", editor.username)

    response = reader_client.get("/prozesse/personalausweis-beantragen/")

    assert response.status_code == 200
    content = response.content.decode()
    assert "Personalausweis beantragen</h1>" in content
    titles = [
        "Termin vergeben und Anliegen klären",
        "Persönliches Erscheinen, Identität und Staatsangehörigkeit prüfen",
        "Lichtbild, Unterschrift und Fingerabdrücke erfassen",
        "Antragsdaten an die Bundesdruckerei übermitteln",
        "Ausweis aushändigen und alten Ausweis entwerten",
    ]
    assert [content.index(title) for title in titles] == sorted(content.index(title) for title in titles)
    assert '<li class="step" id="schritt-8" tabindex="-1">' in content
    assert "Empfang und Terminsteuerung Bürgerservice" in content
    assert "Bundesdruckerei (Ausweis- und Passherstellung)" in content
    assert 'href="https://www.gesetze-im-internet.de/pauswg/__9.html"' in content
    assert 'href="https://www.gesetze-im-internet.de/pauswg/__27.html"' in content
    linked = reader_client.get("/prozesse/vorlaeufiges-ausweisdokument-ausstellen/").content.decode()
    assert (
        '<a class="kern-link" href="/wissen/vorlaeufiger-personalausweis-wann/">Vorläufiger Personalausweis – wann?</a>' in linked
    )


def test_a_released_article_links_its_citations_and_the_norm_page_the_official_text(db, editor, reader_client):
    run_pack("import", str(PACK), "--as", editor.username)

    article = reader_client.get("/wissen/fuehrungszeugnis-arten-belegart/").content.decode()
    norm = reader_client.get("/recht/bzrg/30a/").content.decode()

    assert "Führungszeugnis: Arten und Belegart" in article
    assert 'href="/recht/bzrg/30a/"' in article
    assert 'href="https://www.gesetze-im-internet.de/bzrg/__30a.html"' in norm
    assert "Führungszeugnis beantragen" in norm  # the process citing it
