"""The container health check (python -m processdb.healthcheck) against gunicorn with the
production settings, a stopped server and a server that never answers.

Shared helpers: tests/processdb/install_support.py. Runs gunicorn and the health check in
subprocesses, in pytest's tmp_path; no Django test database.
"""

import http.client
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.processdb.install_support import PYTHON, REPO, production_environment

GUNICORN = Path(sys.executable).with_name("gunicorn")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def healthcheck(environment: dict[str, str], *arguments: str) -> tuple[int, float, str]:
    started = time.monotonic()
    result = subprocess.run(
        [PYTHON, "-m", "processdb.healthcheck", *arguments],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=30,
    )
    return result.returncode, time.monotonic() - started, result.stdout + result.stderr


def get_status(port: int, headers: dict[str, str]) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", "/healthz", headers=headers)
        return connection.getresponse().status
    finally:
        connection.close()


@pytest.fixture
def production_server(tmp_path):
    """gunicorn with the production settings on a free port; yields (environment, process)."""
    environment = production_environment(tmp_path)
    migrate = subprocess.run(
        [PYTHON, "manage.py", "migrate", "--noinput", "--verbosity", "0"],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert migrate.returncode == 0, migrate.stderr
    port = free_port()
    environment["PORT"] = str(port)
    log = (tmp_path / "gunicorn.log").open("w")
    server = subprocess.Popen(
        [str(GUNICORN), "processdb.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=REPO,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"gunicorn did not start:\n{(tmp_path / 'gunicorn.log').read_text()}")
                time.sleep(0.1)
        yield environment, server
    finally:
        if server.poll() is None:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        log.close()


def test_healthcheck_passes_on_a_healthy_app_with_the_production_settings(production_server):
    environment, server = production_server
    port = int(environment["PORT"])

    # What the old healthcheck sent: refused for its host, then redirected to HTTPS.
    assert get_status(port, {}) == 400
    assert get_status(port, {"Host": "prozesse.example.org"}) == 301

    status, _, output = healthcheck(environment)
    assert status == 0, output

    server.terminate()
    server.wait(timeout=10)
    status, seconds, output = healthcheck(environment)
    assert status == 1, output
    assert seconds < 5, f"the health check took {seconds:.1f} s against a stopped server"


def test_healthcheck_gives_up_after_its_timeout(tmp_path):
    """A server that accepts the connection and never answers is not healthy either."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        environment = {**production_environment(tmp_path), "PORT": str(silent.getsockname()[1])}
        status, seconds, output = healthcheck(environment, "--timeout", "0.5")
    assert status == 1, output
    assert seconds < 5


@pytest.mark.parametrize(
    "allowed_hosts, host",
    [
        ("prozesse.example.org,localhost", "prozesse.example.org"),
        (" , prozesse.example.org ", "prozesse.example.org"),
        (".example.org", "example.org"),
        ("*", "localhost"),
        ("", "127.0.0.1"),
    ],
)
def test_healthcheck_sends_a_host_that_allowed_hosts_accepts(allowed_hosts, host):
    from processdb.healthcheck import host_header

    assert host_header(allowed_hosts) == host
