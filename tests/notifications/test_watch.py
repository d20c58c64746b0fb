"""Watching: a new version released of a watched article or process makes a notification."""

import pytest
from django.test import Client

from departments import rights
from departments.models import Department
from knowledge import services as knowledge
from notifications.models import Notification, Watch
from processdb import groups
from tests.factories import UserFactory


@pytest.fixture
def article(editor, second_editor):
    article = knowledge.article_create(author=editor, title="Fiktionsbescheinigung", body="Text.", note="Erstfassung")
    knowledge.revision_release(revision=article.revisions.get(number=1), releaser=second_editor)
    article.refresh_from_db()
    return article


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def release_a_new_version(article, editor, second_editor, note="Gebühr nach § 47 AufenthV angepasst"):
    article.refresh_from_db()
    revision = knowledge.article_revise(
        article=article, author=editor, base_number=article.latest_number, title=article.title,
        body=f"Neuer Text: {note}", note=note,
    )
    knowledge.revision_release(revision=revision, releaser=second_editor)


def test_watch_then_release_then_notification(reader, editor, second_editor, article):
    client = client_of(reader)
    page = client.get(article.get_absolute_url()).content.decode()
    assert f'href="/beobachten/?art=article&amp;id={article.pk}"' in page
    assert "Sie beobachten" not in client.get(f"/beobachten/?art=article&id={article.pk}").content.decode()
    response = client.post(f"/beobachten/?art=article&id={article.pk}", {"action": "start"})
    assert response.status_code == 302 and Watch.objects.filter(user=reader).count() == 1
    release_a_new_version(article, editor, second_editor)
    notification = Notification.objects.get(recipient=reader)
    assert notification.title == "Neue Version von „Fiktionsbescheinigung“ freigegeben"
    assert "Gebühr nach § 47 AufenthV angepasst" in notification.text
    assert notification.url == f"/wissen/{article.slug}/vergleich/?von=1&zu=2"
    listed = client.get("/benachrichtigungen/").content.decode()
    assert "Neue Version von „Fiktionsbescheinigung“ freigegeben" in listed and "Fiktionsbescheinigung" in listed
    # Stopping from the list: the next release makes no notification.
    client.post(f"/beobachten/?art=article&id={article.pk}", {"action": "stop", "back": "list"})
    assert not Watch.objects.exists()
    release_a_new_version(article, editor, second_editor, note="noch einmal")
    assert Notification.objects.filter(recipient=reader).count() == 1


def test_nobody_is_told_of_what_they_may_no_longer_read(reader, editor, second_editor, article):
    Watch.objects.create(user=reader, kind="article", object_id=article.pk, title=article.title, url=article.get_absolute_url())
    closed = Department.objects.create(slug="intern", name="Intern", members_only=True)
    closed.members.add(editor, second_editor)
    rights.assign(closed, [article])
    release_a_new_version(article, editor, second_editor)
    assert not Notification.objects.filter(recipient=reader).exists()


def test_the_releaser_is_not_told_of_their_own_release(editor, second_editor, article):
    Watch.objects.create(user=second_editor, kind="article", object_id=article.pk, title=article.title, url="/")
    release_a_new_version(article, editor, second_editor)
    assert not Notification.objects.filter(recipient=second_editor).exists()
    assert Notification.objects.filter(recipient=editor).exists()  # the author, its owner, is told


@pytest.mark.parametrize("query", ["art=step&id=1", "art=article&id=0", "art=article&id=x", "art=&id=", ""])
def test_watching_nothing_is_a_404(reader, query):
    client = client_of(reader)
    assert client.get(f"/beobachten/?{query}").status_code == 404
    assert client.post(f"/beobachten/?{query}", {"action": "start"}).status_code == 404


def test_a_process_can_be_watched_too(db):
    from tests.factories import ProcessFactory

    process = ProcessFactory()
    user = UserFactory(username="beobachterin", groups=[groups.READERS])
    client = client_of(user)
    assert client.post(f"/beobachten/?art=process&id={process.pk}", {"action": "start"}).status_code == 302
    assert Watch.objects.get(user=user).title == process.title


def test_the_owner_watches_without_asking(reader, editor, second_editor):
    article = knowledge.article_create(author=editor, title="Duldung", body="Text.", note="Erstfassung", owner=reader)
    knowledge.revision_release(revision=article.revisions.get(number=1), releaser=second_editor)
    release_a_new_version(article, editor, second_editor)
    latest = Notification.objects.filter(recipient=reader).first()  # newest first
    assert latest.title == "Neue Version von „Duldung“ freigegeben" and latest.url.endswith("?von=1&zu=2")


def test_a_new_hire_is_told_of_the_assigned_reading_path(reader, team_lead):
    import datetime

    from onboarding import services as onboarding
    from onboarding.models import ReadingPath
    from tests.factories import RoleFactory

    path = ReadingPath.objects.create(title="Einarbeitung Aufenthalt", role=RoleFactory())
    today = datetime.date(2026, 12, 1)
    onboarding.assignment_create(
        path=path, person=reader, mentor=None, start_date=today, due_date=today + datetime.timedelta(days=30),
        assigned_by=team_lead,
    )
    notification = Notification.objects.get(recipient=reader)
    assert notification.title == "Sie haben einen neuen Einarbeitungspfad: „Einarbeitung Aufenthalt“"
    assert notification.text == "Zu erledigen bis 31.12.2026." and notification.url == "/einarbeitung/"


def test_a_law_change_tells_those_who_watch_what_it_affects(reader, editor, team_lead):
    import datetime

    from lawchanges import services as lawchanges
    from tests.factories import LawFactory, NormFactory, ProcessFactory, StepFactory, StepReferenceFactory

    law = LawFactory(abbreviation="AufenthG")
    norm = NormFactory(law=law, number="81")
    step = StepFactory(process=ProcessFactory(title="Fiktionsbescheinigung ausstellen", owner=editor))
    StepReferenceFactory(step=step, norm=norm)
    Watch.objects.create(user=reader, kind="process", object_id=step.process.pk, title="x", url="/")
    change = lawchanges.law_change_record(
        law=law, norms=[norm], title="Neufassung § 81", effective_date=datetime.date(2027, 1, 1), recorded_by=team_lead
    )
    for person in (reader, editor):  # the watcher and the owner, once each
        notification = Notification.objects.get(recipient=person)
        assert notification.title == "Rechtsänderung „Neufassung § 81“ betrifft, was Sie beobachten"
        assert notification.text == "In Kraft ab 01.01.2027. Betroffen: Fiktionsbescheinigung ausstellen"
        assert notification.url == change.get_absolute_url()
    assert not Notification.objects.filter(recipient=team_lead).exists()


def test_owners_hear_once_a_week_what_is_due_for_review(reader, editor):
    import datetime

    from django.core.management import call_command
    from django.utils import timezone

    from tests.factories import ProcessFactory

    overdue = timezone.localdate() - datetime.timedelta(days=3)
    ProcessFactory(code="K1-01", title="Aufenthaltserlaubnis verlängern", owner=editor, review_date=overdue)
    ProcessFactory(title="Nicht fällig", owner=reader, review_date=timezone.localdate() + datetime.timedelta(days=200))
    call_command("notifications_due_reviews", verbosity=0)
    notification = Notification.objects.get(recipient=editor)
    assert notification.title == "1 Inhalt, den Sie verantworten, ist zur Prüfung fällig"
    assert notification.text == f"K1-01 Aufenthaltserlaubnis verlängern ({overdue:%d.%m.%Y})"
    assert notification.url == "/pruefung/?filter=meine"
    assert not Notification.objects.filter(recipient=reader).exists()
    call_command("notifications_due_reviews", verbosity=0)  # the same week: not again
    assert Notification.objects.filter(recipient=editor).count() == 1
