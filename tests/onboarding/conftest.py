import datetime

import pytest
from django.utils import timezone

from knowledge import services as knowledge_services
from onboarding import services
from onboarding.models import PathItem, PathSection, ReadingPath
from processdb import groups
from tests.factories import ProcessFactory, RoleFactory, StepFactory, UserFactory


@pytest.fixture
def hire(db):
    return UserFactory(username="neu", first_name="Nina", last_name="Neumann", groups=[groups.READERS])


@pytest.fixture
def other_hire(db):
    return UserFactory(username="neu2", first_name="Jonas", last_name="Berg", groups=[groups.READERS])


@pytest.fixture
def mentor(db):
    return UserFactory(username="pate", first_name="Paul", last_name="Pate", groups=[groups.READERS])


@pytest.fixture
def article(editor, second_editor):
    article = knowledge_services.article_create(author=editor, title="Fiktionsbescheinigung", body="Version eins.", note="1")
    knowledge_services.revision_release(revision=article.revisions.get(), releaser=second_editor)
    article.refresh_from_db()
    return article


@pytest.fixture
def path(db, article):
    """A path with a task section and a content section: task, article, process."""
    role = RoleFactory(code="SB-A", name="Sachbearbeitung Aufenthalt", slug="sachbearbeitung-aufenthalt")
    process = ProcessFactory(title="Fiktionsbescheinigung ausstellen", slug="fiktion", owner_role=role)
    StepFactory(process=process, position=1, title="Antrag prüfen", responsible_role=role)
    path = ReadingPath.objects.create(title="Einarbeitung SB-A", role=role)
    first = PathSection.objects.create(path=path, title="Erste Woche", position=1)
    second = PathSection.objects.create(path=path, title="Kernprozesse", position=2)
    PathItem.objects.create(
        section=first, position=1, kind="task", task_title="Hospitation am Servicecenter", estimated_minutes=480
    )
    PathItem.objects.create(section=second, position=1, kind="article", article=article, estimated_minutes=5)
    PathItem.objects.create(section=second, position=2, kind="process", process=process, required=False)
    return path


@pytest.fixture
def assignment(path, hire, mentor, team_lead):
    today = timezone.localdate()
    return services.assignment_create(
        path=path,
        person=hire,
        mentor=mentor,
        start_date=today - datetime.timedelta(days=7),
        due_date=today + datetime.timedelta(days=30),
        assigned_by=team_lead,
    )


@pytest.fixture
def items(path):
    return {item.kind: item for item in PathItem.objects.filter(section__path=path)}
