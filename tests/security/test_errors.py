"""German error pages without internal details; a database outage answers 503 and heals by itself."""

from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client

SECRET = "geheim-4711"


def logged_in(user):
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def assert_no_internals(response):
    page = response.content.decode()
    for leak in (SECRET, "Traceback", "File \"", "django.", "OperationalError", "RuntimeError"):
        assert leak not in page, leak


def test_404_is_german_and_helpful(reader):
    response = logged_in(reader).get("/gibt-es-nicht/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "<title>Seite nicht gefunden" in page
    assert "Die Adresse gibt es nicht (mehr)" in page
    assert 'href="/prozesse/"' in page


def test_404_for_a_visitor_who_is_not_logged_in(db):
    response = Client().get("/gibt-es-nicht/")
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()


def test_403_is_german(reader):
    response = logged_in(reader).get("/einarbeitung/pfade/")
    assert response.status_code == 403
    page = response.content.decode()
    assert "Diese Seite dürfen Sie nicht öffnen" in page and "Teamleitung" in page


@pytest.mark.urls("tests.security.error_urls")
def test_500_is_german_and_shows_nothing_internal(reader):
    response = logged_in(reader).get("/test/kaputt/")
    assert response.status_code == 500
    assert "Bei uns ist etwas schiefgegangen" in response.content.decode()
    assert_no_internals(response)


@pytest.mark.urls("tests.security.error_urls")
def test_a_database_error_answers_503(reader):
    response = logged_in(reader).get("/test/datenbank/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "vorübergehend nicht erreichbar" in response.content.decode()
    assert_no_internals(response)


def test_outage_gives_503_everywhere_and_the_app_recovers_when_the_database_returns(reader):
    """While every connection attempt fails, pages and /healthz say so; afterwards both work again."""
    client = logged_in(reader)
    monitor = Client(raise_request_exception=False)
    assert monitor.get("/healthz").status_code == 200
    outage = mock.patch.object(BaseDatabaseWrapper, "ensure_connection", side_effect=OperationalError("connection refused"))
    with outage:
        health = monitor.get("/healthz")
        page = client.get("/prozesse/")
        login = Client(raise_request_exception=False).get("/konto/anmelden/")
    assert health.status_code == 503 and health.content == b"database unavailable\n"
    assert page.status_code == 503 and "vorübergehend nicht erreichbar" in page.content.decode()
    assert_no_internals(page)
    assert login.status_code in (200, 503)  # the login form needs no database until it is sent
    assert monitor.get("/healthz").status_code == 200
    assert client.get("/prozesse/").status_code == 200


def wsgi_get(path, cookies):
    """A request through Django's real WSGI handler (the test client switches connection recycling off)."""
    from wsgiref.util import setup_testing_defaults

    from django.core.handlers.wsgi import WSGIHandler

    environ = {
        "PATH_INFO": path,
        "HTTP_COOKIE": "; ".join(f"{k}={v.value}" for k, v in cookies.items()),
        "SERVER_NAME": "testserver",
    }
    setup_testing_defaults(environ)
    status = []
    body = WSGIHandler()(environ, lambda code, headers: status.append(int(code.split()[0])))
    b"".join(body)
    body.close()
    return status[0]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a real outage needs a database server; CI runs this on PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_a_killed_database_connection_heals_by_itself(reader):
    """The server ends our connection (as in a database restart); the next request reconnects by itself."""
    import psycopg

    client = logged_in(reader)
    assert wsgi_get("/prozesse/", client.cookies) == 200
    params = connection.get_connection_params()
    with psycopg.connect(
        host=params.get("host"), port=params.get("port"), user=params.get("user"), dbname="postgres", autocommit=True
    ) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [connection.connection.info.backend_pid])
    assert wsgi_get("/prozesse/", client.cookies) == 200
    assert wsgi_get("/healthz", {}) == 200
