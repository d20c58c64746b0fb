"""The user and the permissions of a request come from the cache, yet every change to them counts at once.

processdb.auth caches both per content version; changes of users, group memberships and group
permissions raise that version. These tests change each of them between two requests of a
logged-in user whose user and permissions are already cached.
"""

from django.contrib.auth import HASH_SESSION_KEY
from django.contrib.auth.models import Group, Permission
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext

from processdb import groups

PAGE = "/rollen/"  # a reading page that is rendered for each request (not a shared page)


def warm(client):
    """Two requests: the second one takes user and permissions from the cache."""
    assert client.get(PAGE).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get(PAGE).status_code == 200
    return [query["sql"] for query in queries.captured_queries]


def test_a_second_page_reads_neither_user_nor_permissions(reader_client):
    queries = warm(reader_client)
    assert not [sql for sql in queries if "auth_user" in sql or "auth_permission" in sql], queries
    assert "processes_contentversion" in queries[0] and "django_session" in queries[0]  # one query for both


def test_leaving_the_group_takes_the_permission_at_once(reader_client, reader):
    warm(reader_client)
    reader.groups.clear()
    assert reader_client.get(PAGE).status_code == 403


def test_joining_a_group_grants_its_permission_at_once(client, nobody):
    client.force_login(nobody)
    assert client.get(PAGE).status_code == 403
    assert client.get(PAGE).status_code == 403
    nobody.groups.add(Group.objects.get(name=groups.READERS))
    assert client.get(PAGE).status_code == 200


def test_a_permission_taken_from_the_group_counts_at_once(reader_client):
    warm(reader_client)
    Group.objects.get(name=groups.READERS).permissions.remove(Permission.objects.get(codename="view_process"))
    assert reader_client.get(PAGE).status_code == 403


def test_a_deleted_group_takes_its_permissions_along(reader_client):
    warm(reader_client)
    Group.objects.get(name=groups.READERS).delete()
    assert reader_client.get(PAGE).status_code == 403


def test_a_deactivated_user_is_logged_out_at_once(reader_client, reader):
    warm(reader_client)
    reader.is_active = False
    reader.save()
    response = reader_client.get(PAGE)
    assert response.status_code == 302 and response["Location"].startswith("/konto/anmelden/")


def test_a_password_changed_elsewhere_ends_the_session(reader_client, reader):
    warm(reader_client)
    key = reader_client.cookies["sessionid"].value
    reader.set_password("ein-ganz-neues-Passwort-2026")
    reader.save()
    assert reader_client.get(PAGE).status_code == 302
    assert not Session.objects.filter(session_key=key).exists()


def test_a_session_that_does_not_match_the_cached_user_is_refused(reader_client):
    """Nothing changed on the user, so the cache still holds it: the session's password hash is checked anyway."""
    warm(reader_client)
    key = reader_client.cookies["sessionid"].value
    session = SessionStore(session_key=key)
    session[HASH_SESSION_KEY] = "not-the-hash-of-this-password"
    session.save()
    assert reader_client.get(PAGE).status_code == 302
    assert not Session.objects.filter(session_key=key).exists()


def test_a_renamed_user_shows_the_new_name_on_the_next_page(reader_client, reader):
    warm(reader_client)
    reader.first_name, reader.last_name = "Lea", "Neumann"
    reader.save()
    assert "Lea Neumann" in reader_client.get(PAGE).content.decode()
