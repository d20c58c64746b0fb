"""A database that stops answering gives 503s within seconds, and the app recovers by itself.

The tests run a PostgreSQL cluster of their own (initdb into a temporary directory, its own port)
and freeze it with SIGSTOP – postmaster and every backend – as a hung server does: the kernel
still accepts and acknowledges TCP, nothing answers. So they run in the SQLite and in the
PostgreSQL suite alike; the suite's own database is not involved. The cluster:
tests/processdb/outage_cluster.py; the time-limit settings and the watchdog alone:
tests/processdb/test_database_timeouts.py.
"""

import http.client
import os
import pwd
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.db import OperationalError, connections
from django.db.utils import ConnectionHandler

from processdb import dbtimeouts
from tests.processdb.outage_cluster import Cluster, children, free_port, postgres_bindir

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    bindir = postgres_bindir()
    if bindir is None:
        pytest.skip("PostgreSQL server binaries (initdb, postgres) not found; set PG_BINDIR")
    user = None
    if os.geteuid() == 0:
        # initdb refuses root, and pytest's temporary directories are private to root.
        try:
            account = pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root without a 'postgres' account to run the test cluster")
        user = "postgres"
        directory = Path(tempfile.mkdtemp(prefix="processdb-outage-"))
        os.chown(directory, account.pw_uid, account.pw_gid)
    else:
        directory = tmp_path_factory.mktemp("outage-cluster")
    cluster = Cluster(bindir, directory, user)
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.stop()
        shutil.rmtree(directory, ignore_errors=True)


# -- the backend against a frozen server -------------------------------------------------


@pytest.fixture
def outage_connection(cluster, settings, monkeypatch, django_db_blocker):
    """A connection to the test cluster as in a process that serves requests, statement timeout 1 s."""
    settings.DATABASE_STATEMENT_TIMEOUT = 1
    monkeypatch.setattr(dbtimeouts, "_serving", True)
    monkeypatch.setattr(dbtimeouts, "_unreachable_until", {})
    configured = ConnectionHandler(
        {
            "default": {"ENGINE": "django.db.backends.dummy"},
            "outage": {
                "ENGINE": "processdb.postgresql",
                "NAME": "outage",
                "USER": "postgres",
                "HOST": "127.0.0.1",
                "PORT": cluster.port,
                "OPTIONS": {"connect_timeout": 2},
                "CONN_MAX_AGE": 60,
                "CONN_HEALTH_CHECKS": True,
            },
        }
    ).settings["outage"]
    # A connection of the project's own handler: django.contrib.postgres looks it up there.
    monkeypatch.setitem(connections.settings, "outage", configured)
    with django_db_blocker.unblock():
        try:
            yield connections["outage"]
        finally:
            cluster.thaw()
            connections["outage"].close()
            del connections["outage"]


def query(connection, sql="SELECT 1"):
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchone()


def test_statements_are_ended_by_the_server_and_given_up_by_the_app_when_the_server_is_frozen(cluster, outage_connection):
    connection = outage_connection
    # A slow statement on a working server: PostgreSQL cancels it, the connection stays usable.
    assert query(connection, "SHOW statement_timeout") == ("1s",)
    with pytest.raises(OperationalError, match="statement timeout"):
        query(connection, "SELECT pg_sleep(5)")
    assert query(connection) == (1,)

    # Frozen: the query on the open connection is given up 1 + 2 s later, not never.
    cluster.freeze()
    started = time.monotonic()
    with pytest.raises(OperationalError):
        query(connection)
    assert 2.5 < time.monotonic() - started < 6

    # Meanwhile the database counts as unreachable: connection attempts fail at once.
    connection.close()
    started = time.monotonic()
    with pytest.raises(OperationalError, match="did not answer in time"):
        query(connection)
    assert time.monotonic() - started < 0.5

    cluster.thaw()
    deadline = time.monotonic() + 5
    while dbtimeouts.unreachable_for("outage") and time.monotonic() < deadline:
        time.sleep(0.1)
    assert query(connection) == (1,)


# -- the whole app under gunicorn --------------------------------------------------------


class App:
    def __init__(self, port: int):
        self.port = port

    def get(self, path: str, cookie: str | None = None, timeout: float = 25):
        """(status, headers, body, seconds) of a GET; a connection that gets no answer raises."""
        started = time.monotonic()
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
            response = conn.getresponse()
            body = response.read().decode()
            return response.status, dict(response.getheaders()), body, time.monotonic() - started
        finally:
            conn.close()


def production_environment(cluster, directory: Path) -> dict:
    # Production settings; only static files are not collected (13 s with compression), so the
    # templates get plain static URLs instead of the manifest's.
    (directory / "outage_settings.py").write_text(
        "from processdb.settings import *  # noqa: F403\n"
        "from processdb.settings import STORAGES\n\n"
        'STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}\n'
    )
    environ = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DATABASE_", "DJANGO_")) and name not in ("DEBUG", "ALLOWED_HOSTS")
    }
    environ.update(
        DJANGO_SETTINGS_MODULE="outage_settings",
        PYTHONPATH=str(directory),
        DJANGO_SECRET_KEY="outage-test-secret-key-" + "x" * 40,
        DJANGO_HTTPS="0",
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=cluster.url("outage"),
    )
    return environ


def test_a_paused_database_gives_503s_within_seconds_and_the_app_recovers_by_itself(cluster, tmp_path):
    environ = production_environment(cluster, tmp_path)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=environ, check=True,
        capture_output=True,
    )
    app = App(free_port())
    log = tmp_path / "gunicorn.log"
    with open(log, "wb") as out:
        gunicorn = subprocess.Popen(
            [VENV_BIN / "gunicorn", "processdb.wsgi", "--bind", f"127.0.0.1:{app.port}", "--workers", "2",
             "--timeout", "30"],
            cwd=ROOT, env=environ, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                if app.get("/healthz", timeout=5)[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline and gunicorn.poll() is None, log.read_text()
            time.sleep(0.2)
        workers = children(gunicorn.pid)
        assert len(workers) == 2

        # Both workers hold a persistent connection; a session cookie makes a page read the database.
        with ThreadPoolExecutor(8) as pool:
            assert {result[0] for result in pool.map(lambda _: app.get("/healthz"), range(16))} == {200}
        session = "sessionid=" + "k" * 32
        assert app.get("/prozesse/", session)[0] == 302  # unknown session: to the login page

        cluster.freeze()

        status, _, body, first = app.get("/healthz")
        assert (status, body) == (503, "database unavailable\n") and first < 8, first

        status, headers, body, page = app.get("/prozesse/", session)
        assert status == 503 and page < 8, (status, page)
        assert headers["Retry-After"] == "30"
        assert "Die Prozessdatenbank ist vorübergehend nicht erreichbar" in body

        status, _, body, seconds = app.get("/konto/anmelden/")
        assert status == 200 and seconds < 8, (status, seconds)  # the login form needs no database

        # A crowd of requests drains with 503s instead of queueing behind time-outs.
        started = time.monotonic()
        with ThreadPoolExecutor(12) as pool:
            burst = list(pool.map(lambda _: app.get("/healthz")[0], range(24)))
        assert set(burst) == {503} and time.monotonic() - started < 12, time.monotonic() - started

        cluster.thaw()

        # Back within seconds, in every worker (concurrent requests reach both), without restarting anything.
        started = time.monotonic()
        with ThreadPoolExecutor(8) as pool:
            while {result[0] for result in pool.map(lambda _: app.get("/healthz"), range(16))} != {200}:
                assert time.monotonic() - started < 10, "the app did not recover"
                time.sleep(0.2)
            recovered = time.monotonic() - started
            assert {result[0] for result in pool.map(lambda _: app.get("/prozesse/", session), range(16))} == {302}
        assert children(gunicorn.pid) == workers
        assert "WORKER TIMEOUT" not in log.read_text()
        print(f"first /healthz 503 after {first:.1f} s, page 503 after {page:.1f} s, recovered after {recovered:.1f} s")
    finally:
        gunicorn.terminate()
        try:
            gunicorn.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(gunicorn.pid, signal.SIGKILL)
            gunicorn.wait(5)
