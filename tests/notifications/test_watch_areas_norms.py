"""Watching an area of the process map and a norm; new hires told to confirm a changed item again."""

import datetime

import pytest
from django.test import Client

from knowledge import services as knowledge
from lawchanges import services as lawchanges
from notifications.models import Notification, Watch
from onboarding import services as onboarding
from onboarding.models import PathItem, PathSection, ReadingPath
from processes import services as processes
from processes import versioning
from processes.models import Process
from tests.factories import CategoryFactory, LawFactory, NormFactory, ProcessFactory, RoleFactory, StepFactory


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def release_a_change(process, author, releaser, title):
    processes.ensure_baseline(process)
    process = Process.objects.get(pk=process.pk)
    snapshot = versioning.capture(versioning.loaded(Process.objects.filter(pk=process.pk)).get())
    snapshot["steps"][0]["title"] = title
    version = processes.process_save_draft(
        process=process, author=author, base_number=process.latest_version, snapshot=snapshot, note=title
    )
    processes.version_release(version=version, releaser=releaser)
    return version


@pytest.fixture
def areas(db):
    band = CategoryFactory(name="Kernprozesse", slug="kernprozesse", parent=None)
    group = CategoryFactory(name="Aufenthalt", slug="aufenthalt", code="K1", parent=band)
    other = CategoryFactory(name="Führungsprozesse", slug="fuehrung", parent=None)
    return band, group, other


def process_in(category, title):
    process = ProcessFactory(title=title, category=category, owner=None)
    StepFactory(process=process, position=1, title="Antrag prüfen", responsible_role=process.owner_role)
    return process


def test_watching_an_area_tells_of_every_release_in_it(reader, team_lead, editor, areas):
    band, group, other = areas
    client = client_of(reader)
    picker = client.get("/beobachten/?art=area").content.decode()
    assert f'<option value="{group.pk}">– K1 Aufenthalt</option>' in picker and "Führungsprozesse" in picker
    page = client.get(f"/beobachten/?art=area&id={band.pk}").content.decode()
    assert "wenn eine neue Version eines Prozesses in diesem Bereich freigegeben wird" in page
    response = client.post(f"/beobachten/?art=area&id={band.pk}", {"action": "start"})
    assert response.status_code == 302 and response["Location"] == "/prozesse/#band-kernprozesse"

    inside, outside = process_in(group, "Aufenthaltserlaubnis verlängern"), process_in(other, "Controlling")
    release_a_change(inside, team_lead, editor, "Antrag und Pass prüfen")
    release_a_change(outside, team_lead, editor, "Zahlen prüfen")
    told = Notification.objects.get(recipient=reader)
    assert told.title == "Neue Version von „Aufenthaltserlaubnis verlängern“ freigegeben"
    assert "Kernprozesse" in client.get("/benachrichtigungen/").content.decode()  # listed under what one watches


def test_watching_a_norm_tells_of_a_law_change_affecting_it(reader, team_lead):
    law = LawFactory(abbreviation="AufenthG")
    norm, other = NormFactory(law=law, number="81"), NormFactory(law=law, number="18g")
    client = client_of(reader)
    page = client.get(norm.get_absolute_url()).content.decode()
    assert f'href="/beobachten/?art=norm&amp;id={norm.pk}"' in page
    assert "wenn eine Rechtsänderung erfasst wird, die diese Norm betrifft" in client.get(
        f"/beobachten/?art=norm&id={norm.pk}"
    ).content.decode()
    client.post(f"/beobachten/?art=norm&id={norm.pk}", {"action": "start"})
    lawchanges.law_change_record(
        law=law, norms=[other], title="Blaue Karte neu", effective_date=datetime.date(2027, 3, 1), recorded_by=team_lead
    )
    assert not Notification.objects.filter(recipient=reader).exists()
    lawchanges.law_change_record(
        law=law, norms=[norm], title="Neufassung § 81", effective_date=datetime.date(2027, 1, 1), recorded_by=team_lead
    )
    told = Notification.objects.get(recipient=reader)
    assert told.title == "Rechtsänderung „Neufassung § 81“ betrifft, was Sie beobachten"
    assert told.text == f"In Kraft ab 01.01.2027. Betroffen: {norm.label}"


def test_an_area_watcher_hears_of_a_law_change_affecting_a_process_in_it(reader, team_lead, areas):
    from tests.factories import StepReferenceFactory

    band, group, _other = areas
    Watch.objects.create(user=reader, kind="area", object_id=band.pk, title=str(band), url="/")
    process = process_in(group, "Fiktionsbescheinigung ausstellen")
    law = LawFactory(abbreviation="AufenthG")
    norm = NormFactory(law=law, number="81")
    StepReferenceFactory(step=process.steps.get(), norm=norm)
    lawchanges.law_change_record(
        law=law, norms=[norm], title="Neufassung § 81", effective_date=datetime.date(2027, 1, 1), recorded_by=team_lead
    )
    told = Notification.objects.get(recipient=reader)
    assert told.text == "In Kraft ab 01.01.2027. Betroffen: Fiktionsbescheinigung ausstellen"


@pytest.mark.parametrize("query", ["art=area&id=999999", "art=norm&id=999999", "art=area&id=abc"])
def test_watching_a_missing_area_or_norm_is_a_404(reader, query):
    assert client_of(reader).get(f"/beobachten/?{query}").status_code == 404


@pytest.mark.parametrize("significant", [True, False])
def test_a_new_hire_is_told_to_confirm_a_significantly_changed_article_again(
    reader, editor, second_editor, team_lead, significant
):
    article = knowledge.article_create(author=editor, title="Duldung", body="Text.", note="Erstfassung")
    knowledge.revision_release(revision=article.revisions.get(number=1), releaser=second_editor)
    path = ReadingPath.objects.create(title="Einarbeitung Aufenthalt", role=RoleFactory())
    section = PathSection.objects.create(path=path, title="Grundlagen", position=1)
    item = PathItem.objects.create(section=section, kind="article", article=article)
    today = datetime.date(2026, 12, 1)
    assignment = onboarding.assignment_create(
        path=path, person=reader, mentor=None, start_date=today, due_date=today + datetime.timedelta(days=30),
        assigned_by=team_lead,
    )
    onboarding.item_confirm(assignment=assignment, item=item, user=reader)
    article.refresh_from_db()
    revision = knowledge.article_revise(
        article=article, author=editor, base_number=1, title="Duldung", body="Neu.", note="Neue Rechtslage",
        significant=significant,
    )
    knowledge.revision_release(revision=revision, releaser=second_editor)
    again = Notification.objects.filter(recipient=reader, kind="confirm_again")
    if not significant:
        assert not again.exists()
        return
    told = again.get()
    assert told.title == "„Duldung“ wurde wesentlich geändert: bitte erneut lesen und bestätigen"
    assert told.text == "Sie haben eine frühere Fassung in Ihrem Einarbeitungspfad „Einarbeitung Aufenthalt“ bestätigt."
    assert told.url == assignment.get_absolute_url()
    assert "Duldung" in client_of(reader).get("/benachrichtigungen/").content.decode()
