"""The database time limits: the settings that DATABASE_URL and the DATABASE_* variables give, and
the watchdog (processdb.dbtimeouts) that gives up on a socket whose deadline passed.

The outage itself, against a frozen PostgreSQL: tests/processdb/test_database_outage.py.
"""

import runpy
import socket
import threading
import time
from pathlib import Path

import pytest

from processdb import dbtimeouts

ROOT = Path(__file__).resolve().parents[2]


# -- settings ----------------------------------------------------------------------------


def settings_with(monkeypatch, **environ):
    for name in ("DATABASE_URL", "DATABASE_PASSWORD", "DATABASE_CONNECT_TIMEOUT", "DATABASE_STATEMENT_TIMEOUT",
                 "DATABASE_BUSY_TIMEOUT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(ROOT / "processdb" / "settings.py"))


def test_postgresql_gets_the_backend_with_time_limits_and_a_connect_timeout(monkeypatch):
    database = settings_with(monkeypatch, DATABASE_URL="postgres://app:url-password@db:5432/prozessdb")["DATABASES"]["default"]
    assert database["ENGINE"] == "processdb.postgresql"
    assert database["OPTIONS"]["connect_timeout"] == 3
    assert database["PASSWORD"] == "url-password"


def test_database_password_replaces_the_one_in_the_url_with_any_characters(monkeypatch):
    password = "p@ss/wo:rd#1?$ %&'"
    configured = settings_with(
        monkeypatch,
        DATABASE_URL="postgres://app:url-password@db:5432/prozessdb",
        DATABASE_PASSWORD=password,
        DATABASE_CONNECT_TIMEOUT="5",
        DATABASE_STATEMENT_TIMEOUT="15",
    )
    assert configured["DATABASES"]["default"]["PASSWORD"] == password
    assert configured["DATABASES"]["default"]["OPTIONS"]["connect_timeout"] == 5
    assert configured["DATABASE_STATEMENT_TIMEOUT"] == 15
    empty = settings_with(monkeypatch, DATABASE_URL="postgres://app:url-password@db/prozessdb", DATABASE_PASSWORD="")
    assert empty["DATABASES"]["default"]["PASSWORD"] == "url-password"


def test_sqlite_waits_five_seconds_for_a_lock_by_default(monkeypatch):
    assert settings_with(monkeypatch)["DATABASES"]["default"]["OPTIONS"]["timeout"] == 5
    assert settings_with(monkeypatch, DATABASE_BUSY_TIMEOUT="2")["DATABASES"]["default"]["OPTIONS"]["timeout"] == 2


# -- the watchdog ------------------------------------------------------------------------


def test_the_watchdog_shuts_down_a_socket_whose_deadline_passed():
    mine, peer = socket.socketpair()
    fired = threading.Event()
    with mine, peer:
        started = time.monotonic()
        with dbtimeouts.limit(mine, 0.5, fired.set):
            assert mine.recv(1) == b""  # would block forever: the peer never sends
        assert fired.is_set()
        assert 0.4 < time.monotonic() - started < 3  # 0.5 s and a tick, with room for a busy machine
    mine, peer = socket.socketpair()
    with mine, peer:
        with dbtimeouts.limit(mine, 0.5, pytest.fail):  # answered in time: nothing happens
            peer.sendall(b"x")
            assert mine.recv(1) == b"x"
        time.sleep(0.5 + 2 * dbtimeouts.TICK)
        peer.sendall(b"y")
        assert mine.recv(1) == b"y"
