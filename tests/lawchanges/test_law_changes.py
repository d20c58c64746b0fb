"""Law changes: impact analysis, recording, review items, banners, queue, timeline, permissions."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core import impact
from knowledge import services as knowledge_services
from lawchanges import services
from lawchanges.models import LawChange, ReviewItem
from onboarding.models import PathItem, PathSection, ReadingPath
from processes.models import Process
from tests.factories import (
    LawFactory,
    NormFactory,
    ProcessFactory,
    ProcessReferenceFactory,
    RoleFactory,
    StepFactory,
    StepReferenceFactory,
)


@pytest.fixture
def cited(db, editor, second_editor, team_lead):
    """§ 81 cited structurally by two steps and a process, in the text of another step and an article."""
    law = LawFactory()
    section_81 = NormFactory(law=law, number="81")
    other = NormFactory(law=law, number="5")
    role = RoleFactory(code="SB-A", name="Sachbearbeitung Aufenthalt")
    fiktion = ProcessFactory(
        code="K8-03", title="Fiktionsbescheinigung ausstellen", slug="fiktion", owner=team_lead, owner_role=role
    )
    s1 = StepFactory(process=fiktion, position=1, title="Antrag prüfen", responsible_role=role)
    s2 = StepFactory(process=fiktion, position=2, title="Fiktionsart bestimmen", responsible_role=role)
    StepReferenceFactory(step=s1, norm=section_81, subsection="4", sentence="1")
    StepReferenceFactory(step=s2, norm=section_81, subsection="3")
    ProcessReferenceFactory(process=fiktion, norm=section_81, subsection="5")
    verlaengern = ProcessFactory(code="K1-01", title="AE verlängern", slug="ae", owner_role=role)
    both = StepFactory(
        process=verlaengern,
        position=1,
        title="Eingang dokumentieren",
        responsible_role=role,
        description="Fortgeltung nach § 81 Abs. 4 AufenthG prüfen.",
    )
    StepReferenceFactory(step=both, norm=section_81, subsection="4")
    text_only = StepFactory(
        process=verlaengern,
        position=2,
        title="Fiktionsbescheinigung ausstellen",
        responsible_role=role,
        description="Bescheinigung nach § 81 Abs. 5 AufenthG.",
    )
    StepReferenceFactory(step=StepFactory(process=verlaengern, position=3, responsible_role=role), norm=other)
    ProcessFactory(code="X-1", title="Archiviert", slug="alt", status=Process.Status.ARCHIVED, owner_role=role)
    article = knowledge_services.article_create(
        author=editor, title="Fiktionsbescheinigung: Varianten", body="Nach § 81 Abs. 4 AufenthG …", note="1"
    )
    knowledge_services.revision_release(revision=article.revisions.get(), releaser=second_editor)
    path = ReadingPath.objects.create(title="Einarbeitung SB-A", role=role)
    PathItem.objects.create(section=PathSection.objects.create(path=path, title="S"), kind="process", process=fiktion)
    return {
        "law": law,
        "norm": section_81,
        "other": other,
        "fiktion": fiktion,
        "steps": [s1, s2, both, text_only],
        "article": article,
        "path": path,
    }


def record(cited, user, title="Änderung § 81", days=10, norms=None):
    return services.law_change_record(
        law=cited["law"],
        norms=norms or [cited["norm"]],
        title=title,
        effective_date=timezone.localdate() + datetime.timedelta(days=days),
        summary="s",
        source="BGBl. 2026 I Nr. 1",
        recorded_by=user,
    )


def test_impact_counts_structured_text_and_both_once(cited):
    analysis = impact.analyse([cited["norm"]])
    steps = {item.title: item.reasons for item in analysis.items("step")}
    assert len(steps) == 4  # s1, s2, both (structured + text counted once), text_only
    assert steps["AE verlängern – 1. Eingang dokumentieren"] == ["§\u00a081 Abs. 4 AufenthG", "in der Beschreibung zitiert"]
    assert steps["AE verlängern – 2. Fiktionsbescheinigung ausstellen"] == ["in der Beschreibung zitiert"]
    assert [item.title for item in analysis.items("process")] == ["K8-03 Fiktionsbescheinigung ausstellen"]
    assert [item.title for item in analysis.items("article")] == ["Fiktionsbescheinigung: Varianten"]
    assert [item.title for item in analysis.items("path")] == ["Einarbeitung SB-A"]
    assert analysis.summary == "1 Prozess, 4 Schritte in 2 Prozessen, 1 Artikel, 1 Einarbeitungspfad"


def test_recording_opens_one_item_per_affected_content_and_none_for_paths(cited, team_lead):
    change = record(cited, team_lead)
    kinds = sorted(change.review_items.values_list("kind", flat=True))
    assert kinds == ["article", "process", "step", "step", "step", "step"]
    item = change.review_items.get(kind="process")
    assert (item.owner, item.role.code, item.status) == (team_lead, "SB-A", "open")


def test_recording_twice_is_refused(cited, team_lead):
    record(cited, team_lead)
    with pytest.raises(services.LawChangeRefused, match="bereits erfasst"):
        record(cited, team_lead, title="änderung § 81")
    assert LawChange.objects.count() == 1


def test_banners_appear_and_disappear_with_the_items(cited, team_lead, reader):
    change = record(cited, team_lead, days=-3)
    client = Client()
    client.force_login(reader)
    date = change.effective_date.strftime("%d.%m.%Y")
    page = client.get("/prozesse/fiktion/").content.decode()
    assert f"Rechtsänderung zum {date} (§\u00a081 Abs. 5 AufenthG): Prüfung offen" in page
    assert f"Rechtsänderung zum {date} (§\u00a081 Abs. 4 Satz 1 AufenthG): Prüfung offen" in page  # step 1
    article_page = client.get(cited["article"].get_absolute_url()).content.decode()
    assert "Rechtsänderung: Prüfung offen" in article_page
    services.review_items_close(items=change.review_items.all(), user=team_lead, status="adapted")
    assert "Prüfung offen" not in client.get("/prozesse/fiktion/").content.decode()
    assert "Prüfung offen" not in client.get(cited["article"].get_absolute_url()).content.decode()


def test_closing_records_who_when_and_why(cited, team_lead):
    change = record(cited, team_lead)
    article_item = change.review_items.get(kind="article")
    services.review_items_close(items=[article_item], user=team_lead, status="adapted")
    article_item.refresh_from_db()
    assert (article_item.status, article_item.closed_by) == ("adapted", team_lead)
    assert article_item.result_url == f"/wissen/{cited['article'].slug}/versionen/1/"
    with pytest.raises(Exception, match="begründen"):
        services.review_items_close(
            items=change.review_items.filter(kind="step"), user=team_lead, status="not_affected", note=" "
        )
    assert (
        services.review_items_close(
            items=change.review_items.filter(kind="step"),
            user=team_lead,
            status="not_affected",
            note="Nur redaktionelle Änderung",
        )
        == 4
    )
    assert change.review_items.filter(status="not_affected", resolution_note="Nur redaktionelle Änderung").count() == 4


def test_the_app_flow_shows_impact_before_recording(cited, team_lead_client):
    data = {
        "law": cited["law"].pk,
        "norms": "81",
        "title": "Stufe X",
        "effective_date": "2026-12-01",
        "summary": "",
        "source": "",
    }
    preview = team_lead_client.post(reverse("review:record"), {**data, "action": "preview"})
    page = preview.content.decode()
    assert "1 Prozess, 4 Schritte in 2 Prozessen, 1 Artikel, 1 Einarbeitungspfad" in page
    assert "Änderung erfassen und Prüfungen eröffnen" in page
    assert not LawChange.objects.exists()
    response = team_lead_client.post(reverse("review:record"), {**data, "action": "record"}, follow=True)
    assert "Die Änderung wurde erfasst; 6 Prüfaufgaben sind offen." in response.content.decode()
    change = LawChange.objects.get()
    again = team_lead_client.post(reverse("review:record"), {**data, "action": "record"})
    assert again.status_code == 400 and "bereits erfasst" in again.content.decode()
    assert LawChange.objects.count() == 1
    assert change.review_items.count() == 6


def test_bad_norm_input_is_explained_and_kept(cited, team_lead_client):
    response = team_lead_client.post(
        reverse("review:record"),
        {"law": cited["law"].pk, "norms": "81, Absatz vier", "title": "T", "effective_date": "2026-12-01", "action": "preview"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Nicht verstanden: Absatz vier" in page
    assert 'value="81, Absatz vier"' in page


def test_uncited_norms_are_created_on_recording(cited, team_lead_client):
    team_lead_client.post(
        reverse("review:record"),
        {"law": cited["law"].pk, "norms": "104, § 81", "title": "Aussetzung", "effective_date": "2027-07-24", "action": "record"},
    )
    change = LawChange.objects.get()
    assert sorted(change.norms.values_list("number", flat=True)) == ["104", "81"]


def test_queue_filters_closes_several_and_shows_progress(cited, team_lead, team_lead_client):
    change = record(cited, team_lead)
    record(cited, team_lead, title="Andere Änderung", norms=[cited["other"]])
    page = team_lead_client.get(reverse("review:index")).content.decode()
    assert "Offene Prüfaufgaben (7)" in page
    assert "6 von 6 offen" in page
    only = team_lead_client.get(reverse("review:index"), {"aenderung": change.pk}).content.decode()
    assert "Offene Prüfaufgaben (6)" in only
    mine = team_lead_client.get(reverse("review:index"), {"filter": "meine"}).content.decode()
    assert "Offene Prüfaufgaben (3)" in mine  # process + its two steps are the team lead's
    steps = list(change.review_items.filter(kind="step").values_list("pk", flat=True))
    team_lead_client.post(reverse("review:close"), {"items": steps[:2], "status": "adapted", "next": "/pruefung/"})
    detail = team_lead_client.get(change.get_absolute_url()).content.decode()
    assert "2 von 6 Prüfaufgaben abgeschlossen" in detail


def test_only_editors_record_and_close(cited, team_lead, reader_client):
    change = record(cited, team_lead)
    assert reader_client.get(reverse("review:record")).status_code == 403
    assert (
        reader_client.post(
            reverse("review:record"),
            {"law": cited["law"].pk, "norms": "5", "title": "x", "effective_date": "2026-01-01", "action": "record"},
        ).status_code
        == 403
    )
    items = list(change.review_items.values_list("pk", flat=True))
    assert reader_client.post(reverse("review:close"), {"items": items, "status": "adapted"}).status_code == 403
    assert reader_client.get(reverse("review:close")).status_code in (403, 405)
    assert change.review_items.filter(status="open").count() == 6
    assert reader_client.get(change.get_absolute_url()).status_code == 200


def test_norm_timeline_shows_changes_in_date_order_and_upcoming(cited, team_lead, reader_client):
    record(cited, team_lead, title="Spätere Änderung", days=30)
    record(cited, team_lead, title="Frühere Änderung", days=-300)
    page = reader_client.get("/recht/aufenthg/81/").content.decode()
    assert page.index("Frühere Änderung") < page.index("Spätere Änderung")
    timeline = page[page.index("Erfasste Änderungen") : page.index("Zitiert in")]
    assert timeline.count("bevorstehend") == 1


def test_mentor_sees_open_reviews_on_the_path(cited, team_lead, db):
    from onboarding import services as onboarding_services
    from tests.factories import UserFactory

    hire = UserFactory(username="neu")
    assignment = onboarding_services.assignment_create(
        path=cited["path"],
        person=hire,
        mentor=team_lead,
        start_date=timezone.localdate(),
        due_date=timezone.localdate() + datetime.timedelta(days=30),
        assigned_by=team_lead,
    )
    record(cited, team_lead)
    client = Client()
    client.force_login(team_lead)
    detail = client.get(reverse("onboarding:assignment", args=[assignment.pk])).content.decode()
    assert "Inhalte dieses Pfads werden wegen einer Rechtsänderung geprüft" in detail
    assert "Antrag prüfen" in detail
    # The team view shows the number: the same as the items listed on the assignment page.
    from onboarding.selectors import open_review_counts_for_paths, open_reviews_for_paths

    listed = open_reviews_for_paths([cited["path"].pk])[cited["path"].pk]
    assert len(listed) == 3  # the process and its two steps that cite § 81
    assert open_review_counts_for_paths([cited["path"].pk]) == {cited["path"].pk: len(listed)}
    team = client.get(reverse("onboarding:team")).content.decode()
    assert f'kern-table__cell--numeric">{len(listed)}</td>' in team


@pytest.mark.parametrize("count", [500])
def test_queue_with_many_open_items_has_a_fixed_query_count(
    cited, team_lead, team_lead_client, django_assert_max_num_queries, count
):
    change = record(cited, team_lead)
    ReviewItem.objects.bulk_create(
        ReviewItem(
            law_change=change,
            kind="step",
            object_id=100000 + n,
            title=f"Schritt {n}",
            url="/",
            owner=team_lead,
            role=cited["fiktion"].owner_role,
        )
        for n in range(count)
    )
    with django_assert_max_num_queries(13):  # +1 on the first page: the user's departments (core.caching.reader)
        response = team_lead_client.get(reverse("review:index"))
    assert response.status_code == 200
    with django_assert_max_num_queries(12):
        assert team_lead_client.get(change.get_absolute_url()).status_code == 200
