"""Several departments in one installation: each changes its own content, reads everyone's (issue 20).

The demo has two: the foreigners' authority (its demo content) and the Bürgerservice (a pack).
The access matrix (tests/security/test_access_matrix.py) pins the same rule for every URL.
"""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError
from django.urls import reverse

from departments import rights
from departments.models import Department
from knowledge.models import Article
from law.models import Law
from processes.models import Category, Process, Step
from tests.departments import packdata
from tests.departments.packdata import run_pack
from tests.knowledge.test_conflicts import open_editor, save
from tests.processes.test_admin import process_form_data, rows
from tests.processes.test_versions import login


def user(username):
    return get_user_model().objects.get(username=username)


@pytest.fixture
def demo(demo_content):
    return {
        "first": Department.objects.get(slug="auslaenderbehoerde"),
        "second": Department.objects.get(slug="buergerservice"),
        "first_article": Article.objects.get(slug="fiktionsbescheinigung-varianten"),
        "second_article": Article.objects.get(slug="wohnungsgeberbestaetigung-pruefen"),
        "first_process": Process.objects.get(slug="fiktionsbescheinigung"),
        "second_process": Process.objects.get(slug="personalausweis-beantragen"),
    }


def test_the_demo_files_each_departments_content_and_people(demo):
    assert rights.department_of(demo["first_process"]) == demo["first"]
    assert rights.department_of(demo["second_process"]) == demo["second"]
    assert rights.department_of(Step.objects.filter(process=demo["second_process"]).first()) == demo["second"]
    assert rights.department_of(demo["second_article"]) == demo["second"]
    assert rights.department_of(Law.objects.get(key="bmg")) is None  # laws are shared
    assert set(demo["second"].members.values_list("username", flat=True)) == {"bs.teamleitung", "bs.redaktion"}
    assert user("redaktion") in demo["first"].members.all() and not user("admin").departments.exists()


def test_an_editor_changes_the_own_departments_article_and_gets_403_for_the_others(demo):
    own, other = demo["second_article"], demo["first_article"]
    client = login(user("bs.redaktion"))

    form = open_editor(client, own)
    assert save(client, own, {**form, "body": form["body"] + "\n\nErgänzt.", "change_note": "Ergänzung"}).status_code == 302
    assert Article.objects.get(pk=own.pk).latest_number == 2

    latest = other.latest_number
    refused = client.get(reverse("knowledge:edit", args=[other.slug]))
    assert refused.status_code == 403
    assert "gehört zur Abteilung „Ausländerbehörde“; nur ihre Mitglieder dürfen ihn ändern" in refused.content.decode()
    assert client.post(reverse("knowledge:edit", args=[other.slug]), {"body": "Übernommen?"}).status_code == 403
    assert client.post(reverse("knowledge:archive", args=[other.slug])).status_code == 403
    other.refresh_from_db()
    assert other.latest_number == latest and other.archived_at is None
    assert client.get(other.get_absolute_url()).status_code == 200  # reading across departments is allowed


def test_releasing_the_other_departments_draft_is_refused(demo):
    own_editor, other_lead = login(user("redaktion")), login(user("bs.teamleitung"))
    article = demo["first_article"]
    form = open_editor(own_editor, article)
    save(own_editor, article, {**form, "body": form["body"] + "\n\nNeu.", "change_note": "neu"})
    article.refresh_from_db()

    response = other_lead.post(reverse("knowledge:release", args=[article.slug]), {"number": article.latest_number})

    assert response.status_code == 403
    article.refresh_from_db()
    assert article.has_pending_draft


def test_a_new_article_goes_to_its_authors_department(demo):
    client = login(user("bs.redaktion"))
    response = client.post(
        reverse("knowledge:create"),
        {"title": "Meldebescheinigung für Behörden", "body": "Nach § 18 BMG.", "change_note": "Erstfassung", "action": "save"},
    )
    assert response.status_code == 302
    assert rights.department_of(Article.objects.get(slug="meldebescheinigung-fuer-behoerden")) == demo["second"]


def test_in_the_admin_the_other_departments_process_is_read_only_and_a_change_403(demo):
    process = demo["first_process"]
    steps = list(Step.objects.filter(process=process).order_by("position"))
    url = reverse("admin:processes_process_change", args=[process.pk])
    other = login(user("bs.redaktion"))

    page = other.get(url)
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    data = process_form_data(process, rows(steps, range(1, len(steps) + 1)), title="Übernommen")
    assert other.post(url, data).status_code == 403
    assert Process.objects.get(pk=process.pk).latest_version == process.latest_version

    own = login(user("redaktion"))
    assert 'name="_save"' in own.get(url).content.decode()
    assert own.post(url, data).status_code == 302
    assert Process.objects.get(pk=process.pk).latest_version == process.latest_version + 1


def test_a_superuser_may_change_every_department(demo):
    admin = user("admin")
    assert rights.RULE.refusal(admin, demo["first_process"]) is None
    assert rights.RULE.refusal(admin, demo["second_article"]) is None
    assert "Bürgerservice" in rights.RULE.refusal(user("redaktion"), demo["second_article"])


def test_a_pack_imported_for_a_department_is_filed_under_it_and_another_cannot_take_it(db, editor, tmp_path):
    folder = packdata.write_folder(tmp_path / "paket", packdata.files())

    output = run_pack("import", str(folder), "--as", editor.username, "--department", "einwanderung")

    department = Department.objects.get(slug="einwanderung")
    assert "gehören zur Abteilung „Testpaket“ (einwanderung)" in output
    assert rights.department_of(Process.objects.get(slug="aufenthaltserlaubnis-verlaengern")) == department
    assert rights.department_of(Article.objects.get(slug="fiktionsbescheinigung")) == department
    Department.objects.create(slug="andere", name="Andere Abteilung")
    with pytest.raises(CommandError) as refused:
        run_pack("import", str(folder), "--as", editor.username, "--department", "andere")
    assert "map.yaml: categories[0]: „Kernprozesse“ gehört schon zur Abteilung „Testpaket“" in str(refused.value)
    assert rights.department_of(Article.objects.get(slug="fiktionsbescheinigung")) == department  # nothing moved

    with pytest.raises(CommandError) as refused:  # a new department whose name (the pack's) is taken
        run_pack("import", str(folder), "--as", editor.username, "--department", "dritte")
    assert "Abteilung „dritte“ gibt es nicht" in str(refused.value)


def test_the_map_names_each_bands_department_and_shows_one_department_on_request(demo, reader):
    client = login(reader)
    whole = client.get("/prozesse/").content.decode()
    assert 'aria-label="Die Prozesslandkarte einer Abteilung zeigen"' in whole
    assert "Kernprozesse <span class=\"map-band__department\">· Ausländerbehörde</span>" in whole
    assert "Personalausweis beantragen" in whole and "Fiktionsbescheinigung" in whole

    second = client.get("/prozesse/?abteilung=buergerservice").content.decode()
    assert "Personalausweis beantragen" in second and "Fiktionsbescheinigung" not in second
    assert 'href="/prozesse/?abteilung=buergerservice" aria-current="page"' in second
    for unknown in ("gibt-es-nicht", "x" * 5000, "%00", "<script>"):
        page = client.get("/prozesse/", {"abteilung": unknown})
        assert page.status_code == 200 and "Fiktionsbescheinigung" in page.content.decode()


def test_a_band_given_to_another_department_shows_so_at_once(demo, reader):
    client = login(reader)
    client.get("/prozesse/?abteilung=buergerservice")  # in the cache
    band = Category.objects.get(slug="unterstuetzungsprozesse")

    rights.assign(demo["second"], [band])

    page = client.get("/prozesse/?abteilung=buergerservice").content.decode()
    assert "Unterstützungsprozesse" in page


def test_one_departments_export_is_the_pack_it_came_from(demo, tmp_path):
    """The Bürgerservice was imported from packs/buergerservice: its export gives that content back."""
    from departments import packs
    from tests.departments.test_buergerservice_pack import PACK

    run_pack("export", str(tmp_path / "bs"), "--department", "buergerservice", "--name", "x")

    exported, original = packs.load(tmp_path / "bs"), packs.load(PACK)
    assert [p["slug"] for p in exported.processes] == sorted(p["slug"] for p in original.processes)
    assert {law["key"] for law in exported.laws} == {law["key"] for law in original.laws}
    assert {role["code"] for role in exported.roles} == {role["code"] for role in original.roles}
    assert [c["slug"] for c in exported.categories] == ["bs-buergerservice"]
    assert exported.categories == original.categories
    for name, key in (("processes", "slug"), ("roles", "code"), ("articles", "slug"), ("documents", "slug"), ("paths", "title")):
        ordered = sorted(getattr(original, name), key=lambda entry, key=key: entry[key])
        assert getattr(exported, name) == ordered, name
    assert exported.texts == original.texts
    assert exported.files == original.files and exported.files  # the documents' files, byte for byte
    with pytest.raises(CommandError, match="gibt es nicht"):
        run_pack("export", str(tmp_path / "nix"), "--department", "gibt-es-nicht")


def test_documents_belong_to_departments_like_articles(demo):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from documents import services as document_services
    from documents.models import Document
    from tests.pdf import pdf_bytes

    theirs = Document.objects.order_by("pk").first()
    assert rights.department_of(theirs) == demo["first"]  # the demo's documents are the first department's
    pdf = pdf_bytes("Merkblatt", ["Zeile"])
    client = login(user("bs.redaktion"))
    url = reverse("documents:document_upload", args=[theirs.slug])
    versions = theirs.versions.count()
    refused = client.post(url, {"file": SimpleUploadedFile("neu.pdf", pdf), "change_note": "x", "base": "1"})
    assert refused.status_code == 403 and theirs.versions.count() == versions

    own = document_services.document_create(
        title="Merkblatt Meldebescheinigung",
        kind=Document.Kind.LEAFLET,
        description="",
        owner=None,
        review_date=None,
        steps=[],
        upload=SimpleUploadedFile("merkblatt.pdf", pdf),
        note="1",
        user=user("bs.redaktion"),
    )
    assert rights.department_of(own) == demo["second"]


def test_onboarding_paths_belong_to_departments(demo):
    import datetime

    from onboarding.models import ReadingPath

    path = ReadingPath.objects.order_by("pk").first()
    assert rights.department_of(path) == demo["first"]
    client = login(user("bs.teamleitung"))
    today = datetime.date.today()
    response = client.post(
        reverse("onboarding:assign", args=[path.pk]),
        {"person": user("neu.service").pk, "start_date": today.strftime("%d.%m.%Y"), "due_date": "31.12.2099"},
    )
    assert response.status_code == 403
    assert not path.assignments.filter(person__username="neu.service", assigned_by__username="bs.teamleitung").exists()


def test_the_review_queue_shows_one_departments_items_on_request(demo, reader):
    import re

    from lawchanges.models import ReviewItem

    client = login(reader)

    def count(query=""):
        html = client.get(f"/pruefung/{query}").content.decode()
        return int(re.search(r'id="items-heading"[^>]*>[^<(]*\((\d+)\)', html).group(1))

    total = ReviewItem.objects.filter(status=ReviewItem.Status.OPEN).count()
    assert total and count() == total
    first, second = count("?abteilung=auslaenderbehoerde"), count("?abteilung=buergerservice")
    assert first > 0 and first + second == total  # every demo item is on content of one of them
    assert count("?abteilung=gibt-es-nicht") == total
    page = client.get("/pruefung/?abteilung=buergerservice").content.decode()
    assert '<option value="buergerservice" selected>Bürgerservice</option>' in page


def test_a_norm_page_lists_the_citing_content_of_both_departments(demo, reader):
    from law.models import Norm
    from processes.models import StepReference

    norm = Norm.objects.get(law__key="bmg", number="17")  # Anmeldung: cited by the Bürgerservice
    step = Step.objects.filter(process=demo["first_process"]).order_by("position").first()
    StepReference.objects.create(step=step, norm=norm, subsection="1")  # and now by the foreigners' authority

    page = login(reader).get(norm.get_absolute_url()).content.decode()

    assert demo["first_process"].title in page  # Ausländerbehörde
    assert "Wohnung anmelden (Zuzug und Umzug)" in page  # Bürgerservice


def test_an_editor_of_another_department_is_not_offered_the_articles_actions(demo):
    """The page says whose article it is instead of offering buttons that end in a 403."""
    article = demo["first_article"]
    own = login(user("redaktion")).get(article.get_absolute_url()).content.decode()
    other = login(user("bs.redaktion")).get(article.get_absolute_url()).content.decode()

    assert "Artikel bearbeiten" in own and reverse("knowledge:archive", args=[article.slug]) in own
    assert "Artikel bearbeiten" not in other
    assert reverse("knowledge:edit", args=[article.slug]) not in other
    assert reverse("knowledge:archive", args=[article.slug]) not in other
    assert reverse("knowledge:reviewed", args=[article.slug]) not in other
    assert "gehört zur Abteilung „Ausländerbehörde“; nur ihre Mitglieder dürfen ihn ändern" in other


def test_a_draft_of_another_department_shows_why_it_cannot_be_released_there(demo):
    article = demo["first_article"]
    own_editor = login(user("redaktion"))
    form = open_editor(own_editor, article)
    save(own_editor, article, {**form, "body": form["body"] + "\n\nNeu.", "change_note": "neu"})

    page = login(user("bs.teamleitung")).get(article.get_absolute_url()).content.decode()

    assert "wartet auf Freigabe" in page
    assert reverse("knowledge:release", args=[article.slug]) not in page
    assert "gehört zur Abteilung „Ausländerbehörde“" in page


def test_the_cached_process_page_keeps_the_edit_button_to_its_own_department(demo, settings):
    """Editors with the same permissions but of different departments do not share a cached page."""
    settings.PROCESSDB_FRAGMENT_CACHE = True
    process = demo["first_process"]
    edit = reverse("admin:processes_process_change", args=[process.pk])
    bs_lead, lead = login(user("bs.teamleitung")), login(user("teamleitung"))

    for _ in range(2):  # the second round comes from the cache
        assert edit in lead.get(process.get_absolute_url()).content.decode()
        other = bs_lead.get(process.get_absolute_url()).content.decode()
        assert edit not in other
        assert "gehört zur Abteilung „Ausländerbehörde“" in other


def test_joining_a_department_brings_its_edit_buttons_at_once(demo, settings):
    settings.PROCESSDB_FRAGMENT_CACHE = True
    process = demo["first_process"]
    edit = reverse("admin:processes_process_change", args=[process.pk])
    client = login(user("bs.redaktion"))
    assert edit not in client.get(process.get_absolute_url()).content.decode()

    demo["first"].members.add(user("bs.redaktion"))

    assert edit in client.get(process.get_absolute_url()).content.decode()


def test_the_start_page_shows_what_changed_recently_in_the_department_chosen(demo):
    client = login(user("sachbearbeitung"))

    everything = client.get("/").content.decode()
    only_bs = client.get("/?abteilung=buergerservice").content.decode()
    unknown = client.get("/?abteilung=gibt-es-nicht").content.decode()

    assert 'href="/?abteilung=buergerservice#recent-heading"' in everything
    recent = only_bs.split('id="recent-heading"')[1]
    bs_articles = set(Article.objects.filter(slug__in=["wohnungsgeberbestaetigung-pruefen"]).values_list("title", flat=True))
    assert bs_articles and all(title in recent for title in bs_articles)
    first_articles = Article.objects.exclude(
        pk__in=rights.owned(demo["second"], Article)
    ).values_list("title", flat=True)
    assert not any(title in recent for title in first_articles)
    bs_processes = Process.objects.filter(category__tree_id=demo["second_process"].category.tree_id)
    shown = [process.title for process in bs_processes if process.title in recent]
    assert shown, "no process of the Bürgerservice among the recently changed"
    assert "Fiktionsbescheinigung ausstellen" not in recent
    assert 'aria-current="page">Bürgerservice</a>' in only_bs
    assert unknown.split('id="recent-heading"')[1].count("<li>") == everything.split('id="recent-heading"')[1].count("<li>")


@pytest.mark.parametrize("cache", [True, False])
def test_every_page_names_the_readers_own_department(demo, settings, cache):
    """Header, title and footer name the department the user belongs to; the shared page cache
    keeps the pages of one department apart from the other's. Someone in no department (the
    administrator) sees the installation's name."""
    settings.PROCESSDB_FRAGMENT_CACHE = cache
    pages = {}
    for username in ("bs.redaktion", "redaktion", "bs.redaktion", "admin"):
        response = login(user(username)).get(reverse("processes:map"))
        assert response.status_code == 200
        html = response.content.decode()
        title = html.split("<title>")[1].split("</title>")[0]
        brand = html.split('class="site-brand__department">')[1].split("<")[0]
        pages.setdefault(username, []).append((title.rsplit(" – ", 1)[1], brand))
    assert pages["bs.redaktion"] == [("Prozessdatenbank Bürgerservice", "Bürgerservice")] * 2
    assert pages["redaktion"] == [("Prozessdatenbank Ausländerbehörde", "Ausländerbehörde")]
    assert pages["admin"] == [(f"Prozessdatenbank {settings.PROCESSDB_DEPARTMENT}", settings.PROCESSDB_DEPARTMENT)]
    home = login(user("bs.teamleitung")).get(reverse("home")).content.decode()
    assert "Bürgerservice: wie ein Verfahren abläuft, Schritt für Schritt" in home
