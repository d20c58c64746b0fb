"""Login: throttling with a German lockout page and admin unlock, password rules, sessions, logout."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from processdb.middleware import SEEN_KEY
from tests.factories import UserFactory

LOGIN = "/konto/anmelden/"


@pytest.fixture
def throttled(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = 0.5  # hours


def fail(client, username="leser", times=1):
    for _ in range(times):
        response = client.post(LOGIN, {"username": username, "password": "falsch"})
    return response


def test_a_wrong_password_is_explained_in_german_and_the_name_kept(reader, throttled):
    response = fail(Client())
    assert response.status_code == 200
    page = response.content.decode()
    assert "Benutzername oder Passwort ist falsch" in page
    assert 'value="leser"' in page


def test_repeated_failures_lock_the_login_with_a_german_message(reader, throttled):
    client = Client()
    fail(client, times=2)
    locked = fail(client)
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Anmeldung vorübergehend gesperrt" in page
    assert "30 Minuten" in page
    assert f'href="{LOGIN}">Zurück zur Anmeldung</a>' in page
    # Now even the right password is refused until an administrator unlocks.
    assert client.post(LOGIN, {"username": "leser", "password": "test-password"}).status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lock_is_per_user_name_others_can_still_log_in(reader, editor, throttled):
    client = Client()
    fail(client, times=3)
    response = client.post(LOGIN, {"username": "redakteur", "password": "test-password"})
    assert response.status_code == 302


def test_an_administrator_unlocks_in_the_admin(reader, throttled):
    client = Client()
    fail(client, times=3)
    admin = UserFactory(username="admin", is_staff=True, is_superuser=True)
    admin_client = Client()
    admin_client.force_login(admin)
    attempt = AccessAttempt.objects.get(username="leser")
    listing = admin_client.get("/admin/axes/accessattempt/")
    assert "leser" in listing.content.decode()
    response = admin_client.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert client.post(LOGIN, {"username": "leser", "password": "test-password"}).status_code == 302


def test_the_unlock_command_works_too(reader, throttled):
    client = Client()
    fail(client, times=3)
    call_command("axes_reset_username", "leser")
    assert client.post(LOGIN, {"username": "leser", "password": "test-password"}).status_code == 302


def test_a_successful_login_forgets_earlier_failures(reader, throttled):
    client = Client()
    fail(client, times=2)
    assert client.post(LOGIN, {"username": "leser", "password": "test-password"}).status_code == 302
    client.post("/konto/abmelden/")
    fail(client, times=2)
    assert client.post(LOGIN, {"username": "leser", "password": "test-password"}).status_code == 302


@pytest.mark.parametrize(
    "password, message",
    [
        ("kurz1", "zu kurz"),
        ("passwort", "zu üblich"),
        ("4711081547110815", "komplett numerisch"),
    ],
)
def test_weak_passwords_are_refused_in_german(db, password, message):
    with pytest.raises(ValidationError) as refusal:
        validate_password(password)
    assert any(message in text for text in refusal.value.messages)


def test_the_admin_refuses_a_weak_password_for_a_new_account(db):
    admin = UserFactory(username="admin", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(admin)
    response = client.post(
        "/admin/auth/user/add/", {"username": "neu", "password1": "12345678", "password2": "12345678", "usable_password": "true"}
    )
    assert response.status_code == 200
    assert "Dieses Passwort ist zu üblich" in response.content.decode()


def test_the_session_key_changes_at_login(reader):
    client = Client()
    before = SessionStore()
    before["probe"] = 1
    before.create()
    client.cookies["sessionid"] = before.session_key
    client.post(LOGIN, {"username": "leser", "password": "test-password"})
    after = client.cookies["sessionid"].value
    assert after != before.session_key
    assert not Session.objects.filter(session_key=before.session_key).exists()
    assert client.get("/").status_code == 200


def test_logout_is_a_post_and_ends_the_session(reader_client):
    key = reader_client.cookies["sessionid"].value
    assert reader_client.get("/konto/abmelden/").status_code == 405
    assert reader_client.get("/").status_code == 200
    response = reader_client.post("/konto/abmelden/")
    assert response.status_code == 302
    assert not Session.objects.filter(session_key=key).exists()
    assert reader_client.get("/").status_code == 302


def test_the_logout_button_is_a_form(reader_client):
    page = reader_client.get("/").content.decode()
    assert 'action="/konto/abmelden/"' in page and 'method="post"' in page


def test_a_session_ends_after_inactivity(reader_client, settings):
    key = reader_client.cookies["sessionid"].value
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    response = reader_client.get("/prozesse/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_activity_keeps_the_session_alive(reader_client, settings):
    """A request after more than a minute moves the end of the session to a full idle time ahead."""
    key = reader_client.cookies["sessionid"].value
    session = SessionStore(session_key=key)
    session[SEEN_KEY] = int(timezone.now().timestamp()) - 90
    session.save()
    soon = timezone.now() + datetime.timedelta(minutes=2)
    Session.objects.filter(session_key=key).update(expire_date=soon)
    assert reader_client.get("/").status_code == 200
    renewed = Session.objects.get(session_key=key).expire_date
    assert renewed > timezone.now() + datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)


def test_an_idle_minute_does_not_write_the_session(reader_client, django_assert_num_queries):
    """Renewal is at most every minute: a quick second request writes nothing."""
    reader_client.get("/")
    key = reader_client.cookies["sessionid"].value
    before = Session.objects.get(session_key=key).expire_date
    reader_client.get("/")
    assert Session.objects.get(session_key=key).expire_date == before
