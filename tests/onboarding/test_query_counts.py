"""The new hire's page with 60 items and the team view with 30 people keep a fixed query count."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from knowledge import services as knowledge_services
from onboarding.models import Assignment, Confirmation, PathItem, PathSection, ReadingPath
from processdb import groups
from tests.factories import ProcessFactory, RoleFactory, UserFactory


@pytest.fixture
def big(db, editor, second_editor, team_lead):
    """A path of 60 items (20 articles, 20 processes, 20 tasks in 6 sections), 30 hires with half confirmed."""
    role = RoleFactory(code="SB-A")
    articles = []
    for n in range(20):
        article = knowledge_services.article_create(author=editor, title=f"Artikel {n}", body="Text", note="1")
        knowledge_services.revision_release(revision=article.revisions.get(), releaser=second_editor)
        article.refresh_from_db()
        articles.append(article)
    processes = [ProcessFactory(owner_role=role) for _ in range(20)]
    path = ReadingPath.objects.create(title="Großer Pfad", role=role)
    sections = [PathSection.objects.create(path=path, title=f"Abschnitt {n}", position=n) for n in range(6)]
    items = []
    for n in range(20):
        items.append(PathItem.objects.create(section=sections[n % 6], position=n, kind="article", article=articles[n]))
        items.append(PathItem.objects.create(section=sections[n % 6], position=n + 20, kind="process", process=processes[n]))
        items.append(PathItem.objects.create(section=sections[n % 6], position=n + 40, kind="task", task_title=f"Aufgabe {n}"))
    today = timezone.localdate()
    hires = [UserFactory(username=f"neu{n}", groups=[groups.READERS]) for n in range(30)]
    assignments = Assignment.objects.bulk_create(
        Assignment(
            path=path,
            person=hire,
            mentor=team_lead,
            assigned_by=team_lead,
            start_date=today - datetime.timedelta(days=30),
            due_date=today - datetime.timedelta(days=1 - n % 3),
        )
        for n, hire in enumerate(hires)
    )
    Confirmation.objects.bulk_create(
        Confirmation(
            assignment=a,
            item=item,
            revision=item.article.published_revision if item.kind == "article" else None,
            process_version=1 if item.kind == "process" else None,
        )
        for a in assignments
        for item in items[::2]
    )
    return hires


def test_new_hires_page_with_60_items(big, django_assert_max_num_queries):
    client = Client()
    client.force_login(big[0])
    with django_assert_max_num_queries(10):  # +1: the user's departments (core.caching.reader)
        response = client.get(reverse("onboarding:index"))
    assert response.content.decode().count("kern-task-list__item") == 60


def test_start_page_of_a_new_hire(big, django_assert_max_num_queries):
    client = Client()
    client.force_login(big[0])
    with django_assert_max_num_queries(15):  # +1: the user's departments (core.caching.reader)
        assert client.get("/").status_code == 200


def test_team_view_with_30_people(big, team_lead, django_assert_max_num_queries):
    client = Client()
    client.force_login(team_lead)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("onboarding:team"))
    assert response.content.decode().count('scope="row"') == 30
    with django_assert_max_num_queries(9):
        assert client.get(reverse("onboarding:team_export")).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("onboarding:assignment", args=[Assignment.objects.first().pk])).status_code == 200


def test_item_page(big, django_assert_max_num_queries):
    client = Client()
    client.force_login(big[0])
    assignment = Assignment.objects.get(person=big[0])
    for item in PathItem.objects.filter(position__in=[1, 21, 41]):
        with django_assert_max_num_queries(16):
            assert client.get(reverse("onboarding:item", args=[assignment.pk, item.pk])).status_code == 200
