"""Reading paths: order, drafting from the process map, assigning."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from knowledge import services as knowledge_services
from onboarding import services
from onboarding.models import PathItem, PathSection, ReadingPath
from processes.models import Category, Process
from tests.factories import ProcessFactory, RoleFactory, StepFactory


def test_sections_and_items_come_in_position_order(path):
    second_section = path.sections.get(position=2)
    PathItem.objects.create(section=second_section, position=0, kind="task", task_title="Vorab lesen")
    PathSection.objects.create(path=path, title="Zwischendurch", position=2)  # same position: creation order
    labels = [(section.title, [item.get_kind_display() for item in section.items.all()]) for section in path.sections.all()]
    assert labels == [
        ("Erste Woche", ["Aufgabe"]),
        ("Kernprozesse", ["Aufgabe", "Artikel", "Prozess"]),
        ("Zwischendurch", []),
    ]


def test_an_item_must_match_its_kind(path):
    from django.db import IntegrityError, transaction

    section = path.sections.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        PathItem.objects.create(section=section, position=9, kind="article")
    with pytest.raises(IntegrityError), transaction.atomic():
        PathItem.objects.create(section=section, position=9, kind="task", task_title="")


@pytest.fixture
def process_map(db, editor, second_editor):
    """Two areas; the role is responsible in three published processes, one draft, one other role's process."""
    core = Category.objects.create(name="Kernprozesse", slug="kern", position=2)
    lead = Category.objects.create(name="Führungsprozesse", slug="fuehrung", position=1)
    documents = Category.objects.create(name="Dokumente", slug="k8", code="K8", parent=core, position=8)
    permits = Category.objects.create(name="Aufenthaltstitel", slug="k1", code="K1", parent=core, position=1)
    role, other = RoleFactory(code="SB-A", name="Sachbearbeitung Aufenthalt"), RoleFactory(code="SC", name="Servicecenter")
    fiktion = ProcessFactory(code="K8-03", title="Fiktionsbescheinigung", category=documents, owner_role=role)
    verlaengern = ProcessFactory(code="K1-01", title="AE verlängern", category=permits, owner_role=role)
    steuerung = ProcessFactory(code="F-01", title="Steuerung", category=lead, owner_role=role)
    ProcessFactory(code="K1-02", title="Entwurf", category=permits, owner_role=role, status=Process.Status.DRAFT)
    fremd = ProcessFactory(code="K1-03", title="Fremder Prozess", category=permits, owner_role=other)
    for process in (fiktion, verlaengern, steuerung, Process.objects.get(code="K1-02")):
        StepFactory(process=process, position=1, responsible_role=role)
    StepFactory(process=fremd, position=1, responsible_role=other)
    step = StepFactory(process=fiktion, position=2, responsible_role=role)
    article = knowledge_services.article_create(
        author=editor, title="Varianten der Fiktion", body="Text " * 500, note="1", steps=[step]
    )
    knowledge_services.revision_release(revision=article.revisions.get(), releaser=second_editor)
    unreleased = knowledge_services.article_create(author=editor, title="Unfertig", body="x", note="1", steps=[step])
    return role, article, unreleased


def test_drafting_a_path_follows_the_process_map(process_map, team_lead):
    role, article, unreleased = process_map
    path = services.path_draft_from_process_map(role=role, created_by=team_lead)
    structure = [(s.title, [i.label for i in s.items.all()]) for s in path.sections.all()]
    assert structure == [
        ("Führungsprozesse", ["F-01 Steuerung"]),
        ("K1 Aufenthaltstitel", ["K1-01 AE verlängern"]),
        ("K8 Dokumente", ["K8-03 Fiktionsbescheinigung", "Varianten der Fiktion"]),
    ]
    assert path.role == role and path.created_by == team_lead
    article_item = PathItem.objects.get(section__path=path, kind="article")
    assert article_item.required and article_item.estimated_minutes == 5  # 500 words at 200 per minute
    assert not PathItem.objects.filter(section__path=path, article=unreleased).exists()


def test_drafting_for_a_role_without_steps_says_why(db, team_lead):
    with pytest.raises(ValidationError, match="nichts, woraus"):
        services.path_draft_from_process_map(role=RoleFactory(code="XX", name="Ohne Schritte"), created_by=team_lead)


def test_a_person_can_have_several_paths_but_each_once(path, hire, team_lead):
    today = timezone.localdate()
    second = ReadingPath.objects.create(title="Zweiter Pfad", role=path.role)
    services.assignment_create(path=path, person=hire, mentor=None, start_date=today, due_date=today, assigned_by=team_lead)
    services.assignment_create(path=second, person=hire, mentor=None, start_date=today, due_date=today, assigned_by=team_lead)
    with pytest.raises(ValidationError, match="bereits zugewiesen"):
        services.assignment_create(path=path, person=hire, mentor=None, start_date=today, due_date=today, assigned_by=team_lead)
    with pytest.raises(ValidationError, match="nicht vor dem Start"):
        services.assignment_create(
            path=ReadingPath.objects.create(title="Dritter", role=path.role),
            person=hire,
            mentor=None,
            start_date=today,
            due_date=today - datetime.timedelta(days=1),
            assigned_by=team_lead,
        )
