"""Numbers no column can hold, and values that are no number, find nothing instead of failing.

SQLite raises OverflowError for integers beyond 64 bits; `id__in=["abc"]` raised ValueError in
the admin's autocomplete widget. processes/lookups.py answers both with "no row".
"""

import pytest

from processes.models import Process, Step
from tests.factories import ProcessFactory, RoleFactory, StepFactory

HUGE = 10**21


@pytest.fixture
def process(db):
    role = RoleFactory()
    process = ProcessFactory(owner_role=role)
    StepFactory(process=process, position=1, responsible_role=role)
    return process


def test_in_drops_numbers_no_column_holds(process):
    assert list(Process.objects.filter(pk__in=[HUGE, process.pk])) == [process]
    assert list(Process.objects.filter(pk__in=[HUGE, -HUGE])) == []
    assert list(Process.objects.exclude(pk__in=[HUGE])) == [process]


def test_foreign_keys_with_huge_numbers_match_nothing(process):
    assert list(Process.objects.filter(owner_role=HUGE)) == []
    assert list(Process.objects.filter(owner_role__in=[HUGE])) == []
    assert list(Step.objects.filter(process__in=[HUGE, -HUGE])) == []
    assert list(Process.objects.filter(steps__responsible_role_id=HUGE)) == []
    assert list(Process.objects.filter(owner_role=process.owner_role_id)) == [process]


def test_in_ignores_values_that_are_no_number(process):
    assert list(Process.objects.filter(pk__in=["abc", str(process.pk)])) == [process]
    assert list(Process.objects.filter(pk__in=["abc"])) == []


def test_an_exact_lookup_with_a_word_is_still_a_programming_error(process):
    with pytest.raises(ValueError):
        Process.objects.filter(pk="abc")
