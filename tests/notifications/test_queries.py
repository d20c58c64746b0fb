"""The notification list and the feedback pages answer in a fixed number of queries, however many rows."""

import pytest
from django.core.cache import cache
from django.test import Client

from notifications import services
from notifications.models import Notification
from processdb import groups
from tests.factories import ProcessFactory, StepFactory, UserFactory


@pytest.fixture
def busy(db, settings, editor):
    """80 pieces of feedback by 40 readers on 20 steps, and the notifications they caused."""
    settings.PROCESSDB_FEEDBACK_PER_HOUR = 100
    steps = [StepFactory(process=ProcessFactory()) for _ in range(20)]
    readers = [UserFactory(username=f"leser{n}", groups=[groups.READERS]) for n in range(40)]
    for n in range(80):
        services.give_feedback(user=readers[n % 40], kind="step", object_id=steps[n % 20].pk, text=f"Hinweis {n}")
    return readers


def count(client, url, django_assert_max_num_queries, limit):
    client.get(url)  # the session's first request renews it
    cache.clear()
    with django_assert_max_num_queries(limit):
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_notification_list(busy, editor, django_assert_max_num_queries):
    assert Notification.objects.filter(recipient=editor).count() == 80
    client = Client()
    client.force_login(editor)
    page = count(client, "/benachrichtigungen/", django_assert_max_num_queries, 6)
    assert page.count("Neuer Hinweis zu") == 80


def test_the_queue(busy, editor, django_assert_max_num_queries):
    client = Client()
    client.force_login(editor)
    page = count(client, "/pruefung/hinweise/", django_assert_max_num_queries, 7)
    assert page.count('<tr class="kern-table__row">') == 80 + 1  # and the header row


def test_my_feedback(busy, django_assert_max_num_queries):
    client = Client()
    client.force_login(busy[0])
    page = count(client, "/hinweise/", django_assert_max_num_queries, 6)
    assert page.count("feedback-item") == 2
