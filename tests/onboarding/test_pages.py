"""The onboarding pages: the new hire's checklist and items, the team view, paths, privacy rules."""

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse

from knowledge import services as knowledge_services
from onboarding import services
from onboarding.models import Confirmation


def login(user):
    client = Client()
    client.force_login(user)
    return client


def test_new_hire_sees_progress_sections_and_next_item(assignment, items, hire):
    content = login(hire).get(reverse("onboarding:index")).content.decode()
    assert "Einarbeitung SB-A" in content
    assert "0 von 2 Pflichtpunkten erledigt" in content
    assert "Erste Woche" in content and "Kernprozesse" in content
    assert "Als Nächstes empfohlen" in content
    assert f'href="/einarbeitung/punkt/{assignment.pk}/{items["task"].pk}/"' in content


def test_start_page_shows_my_onboarding(assignment, hire):
    content = login(hire).get("/").content.decode()
    assert "Meine Einarbeitung" in content and "0 von 2 Pflichtpunkten erledigt" in content
    assert "Als Nächstes:" in content and "Hospitation am Servicecenter" in content


def test_confirming_an_article_through_the_page(assignment, items, hire, article):
    client = login(hire)
    url = reverse("onboarding:item", args=[assignment.pk, items["article"].pk])
    page = client.get(url).content.decode()
    assert "Version eins." in page and "Gelesen und verstanden" in page
    assert client.get(reverse("onboarding:confirm", args=[assignment.pk, items["article"].pk])).status_code == 405
    response = client.post(reverse("onboarding:confirm", args=[assignment.pk, items["article"].pk]), follow=True)
    assert "Bestätigt: Sie haben „Fiktionsbescheinigung“ gelesen und verstanden." in response.content.decode()
    assert Confirmation.objects.get().revision == article.published_revision


def test_outdated_item_shows_what_changed_and_can_be_confirmed_again(assignment, items, hire, article, editor, second_editor):
    services.item_confirm(assignment=assignment, item=items["article"], user=hire)
    knowledge_services.article_revise(
        article=article, author=editor, base_number=1, title=article.title,
        body="## Fristen\n\nVersion zwei mit neuer Frist.\n\n- Antrag\n- Nachweis", note="Frist geändert", significant=True,
    )
    knowledge_services.revision_release(revision=article.revisions.get(number=2), releaser=second_editor)
    client = login(hire)
    overview = client.get(reverse("onboarding:index")).content.decode()
    assert "Geändert seit Ihrer Bestätigung" in overview
    page = client.get(reverse("onboarding:item", args=[assignment.pk, items["article"].pk])).content.decode()
    assert "Sie haben am" in page and "Version 1 bestätigt" in page
    assert "Version 2: Frist geändert" in page
    # The change as it reads, in the article's structure, without Markdown.
    assert '<h2><ins class="diff-ins"><span class="kern-sr-only">[eingefügt:] </span>Fristen</ins></h2>' in page
    assert '<li><ins class="diff-ins"><span class="kern-sr-only">[eingefügt:] </span>Nachweis</ins></li>' in page
    assert '<del class="diff-del"><span class="kern-sr-only">[gelöscht:] </span>eins</del>' in page
    assert "##" not in page
    assert "Erneut gelesen und verstanden" in page
    client.post(reverse("onboarding:confirm", args=[assignment.pk, items["article"].pk]))
    assert Confirmation.objects.get().revision.number == 2
    assert "Geändert seit Ihrer Bestätigung" not in client.get(reverse("onboarding:index")).content.decode()


def test_task_is_ticked_with_a_note_and_undone(assignment, items, hire):
    client = login(hire)
    client.post(reverse("onboarding:confirm", args=[assignment.pk, items["task"].pk]), {"note": "Zwei Vormittage, Frau Ay"})
    assert Confirmation.objects.get().note == "Zwei Vormittage, Frau Ay"
    page = client.get(reverse("onboarding:item", args=[assignment.pk, items["task"].pk])).content.decode()
    assert "Ihre Notiz: Zwei Vormittage, Frau Ay" in page
    client.post(reverse("onboarding:undo", args=[assignment.pk, items["task"].pk]))
    assert not Confirmation.objects.exists()


def test_archived_article_item_explains_and_refuses(assignment, items, hire, article, editor):
    knowledge_services.article_archive(article=article, user=editor)
    client = login(hire)
    page = client.get(reverse("onboarding:item", args=[assignment.pk, items["article"].pk])).content.decode()
    assert "Dieser Artikel wurde archiviert und kann nicht mehr bestätigt werden." in page
    response = client.post(reverse("onboarding:confirm", args=[assignment.pk, items["article"].pk]), follow=True)
    assert "archiviert" in response.content.decode()
    assert not Confirmation.objects.exists()


@pytest.mark.parametrize("user_fixture", ["other_hire", "mentor", "team_lead", "editor"])
def test_a_forged_post_for_someone_elses_item_changes_nothing(request, assignment, items, user_fixture):
    client = login(request.getfixturevalue(user_fixture))
    for name in ("onboarding:confirm", "onboarding:undo"):
        response = client.post(reverse(name, args=[assignment.pk, items["task"].pk]), {"note": "gefälscht"})
        assert response.status_code in (403, 404)
    assert client.get(reverse("onboarding:item", args=[assignment.pk, items["task"].pk])).status_code == 404
    assert not Confirmation.objects.exists()


def test_an_item_of_another_path_cannot_be_confirmed_via_my_assignment(assignment, hire, db, team_lead):
    from onboarding.models import PathItem, PathSection, ReadingPath

    foreign_path = ReadingPath.objects.create(title="Fremd", role=assignment.path.role)
    foreign = PathItem.objects.create(
        section=PathSection.objects.create(path=foreign_path, title="S"), kind="task", task_title="Fremde Aufgabe"
    )
    response = login(hire).post(reverse("onboarding:confirm", args=[assignment.pk, foreign.pk]))
    assert response.status_code == 404
    assert not Confirmation.objects.exists()


def test_privacy_of_progress(assignment, hire, other_hire, mentor, team_lead, editor):
    detail = reverse("onboarding:assignment", args=[assignment.pk])
    assert login(hire).get(detail).status_code == 200
    assert login(mentor).get(detail).status_code == 200
    assert login(team_lead).get(detail).status_code == 200  # assigned it
    assert login(other_hire).get(detail).status_code == 404
    assert login(editor).get(detail).status_code == 404
    assert login(other_hire).get(reverse("onboarding:team")).status_code == 403
    assert "Nina Neumann" not in login(other_hire).get(reverse("onboarding:index")).content.decode()


def test_team_view_shows_progress_overdue_and_outdated(assignment, items, hire, mentor, article, editor, second_editor):
    import datetime

    from django.utils import timezone

    services.item_confirm(assignment=assignment, item=items["article"], user=hire)
    knowledge_services.article_revise(
        article=article, author=editor, base_number=1, title=article.title, body="neu", note="n", significant=True
    )
    knowledge_services.revision_release(revision=article.revisions.get(number=2), releaser=second_editor)
    type(assignment).objects.filter(pk=assignment.pk).update(
        due_date=timezone.localdate() - datetime.timedelta(days=1), start_date=timezone.localdate() - datetime.timedelta(days=20)
    )
    content = login(mentor).get(reverse("onboarding:team")).content.decode()
    assert "Nina Neumann" in content
    assert "0 von 2 (0 %)" in content
    row = content[content.index("Nina Neumann") :]
    cells = [cell.split("</td>")[0] for cell in row.split('kern-table__cell--numeric">')[1:3]]
    assert cells == ["2", "1"]  # two required items overdue, one confirmation outdated


def test_team_figures_agree_with_each_persons_checklist(
    assignment, items, path, hire, other_hire, mentor, team_lead, article, editor, second_editor
):
    """The team view counts from plain values; its figures must be those of the full progress."""
    import datetime

    from django.utils import timezone

    from onboarding import selectors
    from processes import services as process_services

    today = timezone.localdate()
    late = services.assignment_create(
        path=path,
        person=other_hire,
        mentor=mentor,
        start_date=today - datetime.timedelta(days=40),
        due_date=today - datetime.timedelta(days=1),
        assigned_by=team_lead,
    )
    for item in items.values():
        services.item_confirm(assignment=assignment, item=item, user=hire)
    services.item_confirm(assignment=late, item=items["article"], user=other_hire)
    services.item_confirm(assignment=late, item=items["process"], user=other_hire)
    # A significant article change outdates both article confirmations, a process change the process ones.
    knowledge_services.article_revise(
        article=article, author=editor, base_number=1, title=article.title, body="neu", note="n", significant=True
    )
    knowledge_services.revision_release(revision=article.revisions.get(number=2), releaser=second_editor)
    process_services.process_mark_significant_change(process=items["process"].process, note="Neuer Schritt")

    summaries = {summary.assignment.pk: summary for summary in selectors.team_overview(user=mentor)}
    full = {progress.assignment.pk: progress for progress in selectors.progress_for([assignment, late])}
    assert set(summaries) == set(full) == {assignment.pk, late.pk}
    for pk, progress in full.items():
        summary = summaries[pk]
        figures = (
            summary.done_required,
            summary.total_required,
            summary.percent,
            summary.is_overdue,
            summary.overdue_count,
            summary.outdated_count,
        )
        assert figures == (
            progress.done_required,
            progress.total_required,
            progress.percent,
            progress.is_overdue,
            len(progress.overdue_items),
            len(progress.outdated),
        )
    assert (summaries[assignment.pk].done_required, summaries[assignment.pk].outdated_count) == (1, 2)  # the task stays done
    assert (summaries[late.pk].overdue_count, summaries[late.pk].outdated_count, summaries[late.pk].is_overdue) == (2, 2, True)


def test_csv_export(assignment, items, hire, mentor):
    services.item_confirm(assignment=assignment, item=items["task"], user=hire)
    response = login(mentor).get(reverse("onboarding:team_export"))
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Person", "Einarbeitungspfad", "Rolle"]
    assert rows[1][0] == "Nina Neumann" and rows[1][1] == "Einarbeitung SB-A" and rows[1][3] == "Paul Pate"
    assert rows[1][6:9] == ["1", "2", "50"]
    assert len(rows) == 2


def test_csv_export_neutralises_formulas(assignment, hire, mentor):
    assignment.path.title = '=HYPERLINK("http://evil")'
    assignment.path.save()
    rows = list(
        csv.reader(io.StringIO(login(mentor).get(reverse("onboarding:team_export")).content.decode("utf-8-sig")), delimiter=";")
    )
    assert rows[1][1].startswith("'=")


def test_team_lead_drafts_a_path_and_assigns_it(team_lead, hire, db):
    from tests.factories import ProcessFactory, RoleFactory, StepFactory

    role = RoleFactory(code="SB-E", name="Sachbearbeitung Erwerbsmigration")
    StepFactory(process=ProcessFactory(title="Blaue Karte EU", owner_role=role), position=1, responsible_role=role)
    client = login(team_lead)
    response = client.post(reverse("onboarding:draft_path"), {"role": role.pk}, follow=True)
    content = response.content.decode()
    assert "Der Einarbeitungspfad wurde aus der Prozesslandkarte entworfen." in content
    assert "Blaue Karte EU" in content
    path_url = response.redirect_chain[-1][0]
    pk = int(path_url.rstrip("/").split("/")[-1])
    bad = client.post(
        reverse("onboarding:assign", args=[pk]),
        {"person": hire.pk, "mentor": team_lead.pk, "start_date": "2026-12-01", "due_date": "2026-11-01"},
    )
    assert bad.status_code == 400
    assert "Das Fälligkeitsdatum darf nicht vor dem Start liegen." in bad.content.decode()
    assert 'value="2026-12-01"' in bad.content.decode()
    good = client.post(
        reverse("onboarding:assign", args=[pk]),
        {"person": hire.pk, "mentor": team_lead.pk, "start_date": "2026-12-01", "due_date": "2027-01-31"},
        follow=True,
    )
    assert "wurde Nina Neumann zugewiesen" in good.content.decode()


@pytest.mark.parametrize("url_name", ["onboarding:paths", "onboarding:path"])
def test_paths_are_for_team_leads(path, hire, url_name):
    args = [path.pk] if url_name == "onboarding:path" else []
    assert login(hire).get(reverse(url_name, args=args)).status_code == 403
    assert login(hire).post(reverse("onboarding:draft_path"), {"role": path.role.pk}).status_code == 403


def test_csv_export_names_a_mentor_without_full_name_by_user_name(assignment, mentor):
    type(mentor).objects.filter(pk=mentor.pk).update(first_name="", last_name="")
    rows = list(
        csv.reader(io.StringIO(login(mentor).get(reverse("onboarding:team_export")).content.decode("utf-8-sig")), delimiter=";")
    )
    assert rows[1][3] == "pate"  # as the team view shows them, not an empty cell


def test_a_process_changed_since_the_confirmation_shows_the_structured_comparison(
    assignment, items, hire, team_lead, editor, client
):
    """Confirmed at one released version, asked again after a significant release: the steps' changes, as readers read them."""
    from processes import services as process_services
    from processes import versioning
    from processes.models import Process

    process = items["process"].process
    process_services.ensure_baseline(process)
    services.item_confirm(assignment=assignment, item=items["process"], user=hire)

    snapshot = versioning.capture(versioning.loaded(Process.objects.filter(pk=process.pk)).get())
    snapshot["steps"][0]["title"] = "Antrag und Pass prüfen"
    snapshot["steps"].append({**snapshot["steps"][0], "key": -1, "title": "Bescheinigung aushändigen"})
    draft = process_services.process_save_draft(
        process=process, author=team_lead, base_number=1, snapshot=snapshot, note="Neuer Schritt", significant=True
    )
    process_services.version_release(version=draft, releaser=editor)

    client.force_login(hire)
    page = client.get(reverse("onboarding:item", args=[assignment.pk, items["process"].pk])).content.decode()
    assert "Neuer Schritt" in page
    assert "Umbenannt:" in page and "Antrag und Pass prüfen" in page
    assert "hinzugefügt" in page and "Bescheinigung aushändigen" in page
