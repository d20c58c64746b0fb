"""Server errors are 500s with the German error page; only a database that cannot be reached is a 503.

A bug (a NUL byte sent to PostgreSQL, a violated constraint, broken SQL) must not look like an
outage to users and monitoring.
"""

import pytest
from django.contrib.auth.decorators import login_not_required
from django.db import DataError, IntegrityError, InterfaceError, OperationalError, ProgrammingError, connection
from django.test import Client
from django.urls import path

from processdb import urls as product_urls
from processes.models import Process


def raising(error):
    @login_not_required
    def view(request):
        raise error

    return view


@login_not_required
def raised_while_handling_an_outage(request):
    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        raise RuntimeError("cleanup failed")  # noqa: B904 - the implicit chain (__context__) is what this tests


@login_not_required
def nul_byte_query(request):
    Process.objects.filter(title="Aufenthalt\x00serlaubnis").exists()
    raise AssertionError("PostgreSQL accepted a NUL byte")


ERRORS = {
    "integrity": IntegrityError('duplicate key value violates unique constraint "geheim_4711"'),
    "data": DataError("PostgreSQL text fields cannot contain NUL (0x00) bytes"),
    "programming": ProgrammingError('relation "geheim_4711" does not exist'),
    "runtime": RuntimeError("interner Zustand: geheim-4711"),
    "unreachable": OperationalError("connection to server at 127.0.0.1 failed: Connection refused"),
    "timeout": OperationalError("connection timeout expired"),
    "canceled": OperationalError("canceling statement due to statement timeout"),
    "locked": OperationalError("database is locked"),
    "interface": InterfaceError("connection already closed"),
}

urlpatterns = [
    *(path(f"test/{name}/", raising(error)) for name, error in ERRORS.items()),
    path("test/while-handling-an-outage/", raised_while_handling_an_outage),
    path("test/nul/", nul_byte_query),
    *product_urls.urlpatterns,
]
handler404 = product_urls.handler404
handler500 = product_urls.handler500

pytestmark = pytest.mark.urls(__name__)


@pytest.fixture
def visitor(settings):
    settings.DEBUG = False
    return Client(raise_request_exception=False)


def assert_shows_nothing_internal(response):
    page = response.content.decode()
    for leak in ("geheim", "Traceback", "Error", "django.", "127.0.0.1", "NUL"):
        assert leak not in page, leak


@pytest.mark.parametrize("name", ["integrity", "data", "programming", "runtime"])
def test_a_bug_is_a_500_with_the_german_page(visitor, name):
    response = visitor.get(f"/test/{name}/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Bei uns ist etwas schiefgegangen" in page
    assert "vorübergehend nicht erreichbar" not in page
    assert not response.has_header("Retry-After")
    assert_shows_nothing_internal(response)


@pytest.mark.parametrize("name", ["unreachable", "timeout", "canceled", "locked", "interface"])
def test_a_database_that_cannot_be_reached_is_a_503_rendered_without_the_database(visitor, name):
    # No database access in these tests: a page that needed one would fail instead of rendering.
    response = visitor.get(f"/test/{name}/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    page = response.content.decode()
    assert "Die Prozessdatenbank ist vorübergehend nicht erreichbar" in page
    assert "Bei uns ist etwas schiefgegangen" not in page
    assert_shows_nothing_internal(response)


def test_an_error_raised_while_handling_an_outage_is_still_the_outage(visitor):
    response = visitor.get("/test/while-handling-an-outage/")
    assert response.status_code == 503


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL refuses NUL bytes; SQLite stores them")
def test_a_nul_byte_sent_to_postgresql_is_a_500_not_an_outage(visitor, db):
    response = visitor.get("/test/nul/")
    assert response.status_code == 500
    assert "Bei uns ist etwas schiefgegangen" in response.content.decode()
    assert not response.has_header("Retry-After")
    # The connection survived the refused query: the next request works.
    assert visitor.get("/healthz").status_code == 200
