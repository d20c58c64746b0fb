"""Step order: positions unique per process, enforced by the database, reordered by the services."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from processes import services
from processes.models import Step
from tests.factories import ProcessFactory, StepFactory


def titles(process):
    return list(Step.objects.filter(process=process).order_by("position").values_list("position", "title"))


@pytest.mark.django_db
def test_database_refuses_two_steps_at_the_same_position():
    process = ProcessFactory()
    StepFactory(process=process, position=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Step.objects.create(process=process, position=1, title="Doppelt", responsible_role=process.owner_role)


@pytest.mark.django_db
def test_same_position_in_different_processes_is_fine():
    StepFactory(position=1)
    StepFactory(position=1)
    assert Step.objects.filter(position=1).count() == 2


@pytest.mark.django_db
def test_database_refuses_position_zero():
    process = ProcessFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Step.objects.create(process=process, position=0, title="Null", responsible_role=process.owner_role)


@pytest.mark.django_db
def test_model_validation_names_the_clash_in_german():
    process = ProcessFactory()
    StepFactory(process=process, position=1)
    step = Step(process=process, position=1, title="Doppelt", responsible_role=process.owner_role)
    with pytest.raises(ValidationError) as error:
        step.full_clean()
    assert "Ein anderer Schritt dieses Prozesses hat bereits diese Position." in str(error.value)


@pytest.mark.django_db
def test_steps_come_in_position_order():
    process = ProcessFactory()
    StepFactory(process=process, position=3, title="C")
    StepFactory(process=process, position=1, title="A")
    StepFactory(process=process, position=2, title="B")
    assert [step.title for step in process.steps.all()] == ["A", "B", "C"]


@pytest.mark.django_db
def test_apply_order_swaps_without_violating_the_constraint():
    process = ProcessFactory()
    first = StepFactory(process=process, position=1, title="A")
    second = StepFactory(process=process, position=2, title="B")
    third = StepFactory(process=process, position=3, title="C")
    services.steps_apply_order(process=process, ordered_steps=[third, first, second])
    assert titles(process) == [(1, "C"), (2, "A"), (3, "B")]


@pytest.mark.django_db
def test_apply_order_closes_gaps_and_keeps_unlisted_steps_at_the_end():
    process = ProcessFactory()
    a = StepFactory(process=process, position=2, title="A")
    b = StepFactory(process=process, position=5, title="B")
    StepFactory(process=process, position=9, title="Z")
    services.steps_apply_order(process=process, ordered_steps=[b, a])
    assert titles(process) == [(1, "B"), (2, "A"), (3, "Z")]


@pytest.mark.django_db
def test_move_step_shifts_the_others():
    process = ProcessFactory()
    steps = [StepFactory(process=process, position=n, title=t) for n, t in enumerate("ABCDE", start=1)]
    services.step_move(step=steps[4], position=2)
    assert [t for _, t in titles(process)] == ["A", "E", "B", "C", "D"]
    services.step_move(step=Step.objects.get(title="A"), position=99)
    assert [t for _, t in titles(process)] == ["E", "B", "C", "D", "A"]


@pytest.mark.django_db
def test_step_description_is_rendered_once_at_save():
    step = StepFactory(description="Eingang **vor Ablauf** prüfen.\n\n<script>alert(1)</script>")
    assert "<strong>vor Ablauf</strong>" in step.description_html
    assert "<script>" not in step.description_html
    assert Step.objects.get(pk=step.pk).description_html == step.description_html


@pytest.mark.django_db
def test_steps_are_rendered_again_only_when_their_text_changed(monkeypatch):
    from processes import models
    from tests.factories import LawFactory

    LawFactory()
    process = ProcessFactory()
    steps = [StepFactory(process=process, position=n, description=f"Nach § 8{n} AufenthG prüfen.") for n in (1, 2, 3)]
    calls = []
    real_render = models.render
    monkeypatch.setattr(models, "render", lambda text: calls.append(text) or real_render(text))

    loaded = list(Step.objects.filter(process=process).order_by("position"))
    services.steps_apply_order(process=process, ordered_steps=loaded[::-1])  # a reorder changes no text
    assert calls == []
    assert titles(process) == [(1, steps[2].title), (2, steps[1].title), (3, steps[0].title)]

    edited = Step.objects.get(pk=steps[0].pk)
    edited.description = "Nach § 60a AufenthG prüfen."
    edited.save()
    assert calls == ["Nach § 60a AufenthG prüfen."]
    fresh = Step.objects.get(pk=edited.pk)
    assert 'href="/recht/aufenthg/60a/"' in fresh.description_html
    assert [norm.number for norm in fresh.text_citations.all()] == ["60a"]
