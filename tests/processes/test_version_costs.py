"""What process versions cost, and what happens when two people save at once (PostgreSQL)."""

import threading

import pytest
from django.db import connection
from django.test import Client

from processdb import groups
from processes import services
from processes.models import Process, ProcessVersion, Step
from tests.factories import ProcessFactory, RoleFactory, StepFactory, UserFactory
from tests.processes.test_admin import live_order, rows, saved_order
from tests.processes.test_versions import admin_save, login, steps_of


@pytest.fixture
def lead(team_lead):
    return login(team_lead)


def test_moving_one_step_of_forty_costs_few_queries(db, django_assert_max_num_queries):
    process = ProcessFactory()
    role = RoleFactory()
    Step.objects.bulk_create(
        [Step(process=process, position=n, title=f"Schritt {n}", responsible_role=role) for n in range(1, 41)]
    )
    step = Step.objects.get(process=process, position=40)
    # Lock, order, two UPDATEs, the page cache and one re-index of the process (about 25): not one per step.
    with django_assert_max_num_queries(30):
        services.step_move(step=step, position=1)
    assert Step.objects.get(process=process, position=1).pk == step.pk
    assert list(Step.objects.filter(process=process).order_by("position").values_list("position", flat=True)) == list(
        range(1, 41)
    )


def test_releasing_a_forty_step_draft_does_not_query_per_unchanged_step(db, editor, team_lead, django_assert_max_num_queries):
    process = ProcessFactory()
    role = RoleFactory()
    Step.objects.bulk_create(
        [Step(process=process, position=n, title=f"Schritt {n}", responsible_role=role) for n in range(1, 41)]
    )
    services.ensure_baseline(process)
    from processes import versioning

    snapshot = versioning.capture(versioning.loaded(Process.objects.filter(pk=process.pk)).get())
    snapshot["steps"].insert(0, snapshot["steps"].pop())  # the last step first
    version = services.process_save_draft(process=process, author=team_lead, base_number=1, snapshot=snapshot, note="x")
    with django_assert_max_num_queries(60):
        services.version_release(version=version, releaser=editor)
    assert live_order(process)[0] == (1, "Schritt 40")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_admin_saves_exactly_one_wins(monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are tested on PostgreSQL (CI runs it); SQLite serialises writers anyway")
    first_user = UserFactory(username="erste", groups=[groups.TEAM_LEADS], is_staff=True)
    second_user = UserFactory(username="zweite", groups=[groups.TEAM_LEADS], is_staff=True)
    process = ProcessFactory(title="Rennen", slug="rennen")
    StepFactory(process=process, position=1, title="A", responsible_role=process.owner_role)
    steps = steps_of(process)
    inside_lock, release_lock = threading.Event(), threading.Event()
    original = services._after_lock

    def pause_first(locked):
        if threading.current_thread().name == "first":
            inside_lock.set()
            release_lock.wait(timeout=10)
        original(locked)

    monkeypatch.setattr(services, "_after_lock", pause_first)
    outcomes = {}

    def save(name, user, title):
        from django.db import connection as thread_connection

        client = Client()
        client.force_login(user)
        try:
            response = admin_save(client, process, rows(steps, [1]), title=title)
            outcomes[name] = "saved" if response.status_code == 302 else "conflict"
        finally:
            thread_connection.close()

    first = threading.Thread(target=save, name="first", args=("first", first_user, "Fassung A"))
    second = threading.Thread(target=save, name="second", args=("second", second_user, "Fassung B"))
    first.start()
    assert inside_lock.wait(timeout=10)
    second.start()
    second.join(timeout=1)
    assert second.is_alive(), "the second save must wait for the first one's lock"
    release_lock.set()
    first.join(timeout=15)
    second.join(timeout=15)
    assert outcomes == {"first": "saved", "second": "conflict"}
    titles = [v.snapshot["process"]["title"] for v in ProcessVersion.objects.filter(process=process).order_by("number")]
    assert titles == ["Rennen", "Fassung A"]
    assert saved_order(process) == [(1, "A")]


def _admin_reorder_queries(client, count: int) -> int:
    from django.test.utils import CaptureQueriesContext

    process = ProcessFactory()
    role = RoleFactory()
    Step.objects.bulk_create(
        [Step(process=process, position=n, title=f"Schritt {n}", responsible_role=role) for n in range(1, count + 1)]
    )
    steps = steps_of(process)
    with CaptureQueriesContext(connection) as queries:
        response = admin_save(client, process, rows(steps, [*range(2, count + 1), 1]))  # the last step first
    assert response.status_code == 302
    assert saved_order(process)[0] == (1, f"Schritt {count}")
    return len(queries.captured_queries)


def test_reordering_in_the_admin_costs_the_same_for_five_steps_and_for_forty(lead):
    """Was about 930 queries for 40 steps: each row's id and role were checked, each step saved and indexed alone."""
    few, many = _admin_reorder_queries(lead, 5), _admin_reorder_queries(lead, 40)
    assert many <= few + 2, (few, many)
    assert many < 90, many
