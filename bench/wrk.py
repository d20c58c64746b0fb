"""Helpers for load benchmarks: the production server, logged-in sessions and wrk.

    with gunicorn(workers=4) as base_url, logged_in_sessions(users) as cookies:
        check_pages(base_url, targets)
        result = run_wrk(base_url, targets, duration=60, connections=16)

Everything runs on 127.0.0.1 only. wrk comes from Debian (`apt-get install -y wrk`).
"""

import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
BENCH_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/processdb_bench"
SECRET_KEY = "benchmark-only-secret-key"
LUA_SCRIPT = Path(__file__).with_name("rotate.lua")


def require_wrk() -> str:
    path = shutil.which("wrk")
    if path is None:
        raise SystemExit("wrk is not installed: `apt-get install -y wrk` (Debian package), then run again.")
    return path


def server_env(database_url: str | None = None) -> dict[str, str]:
    """Production settings on plain HTTP: DEBUG off, no SSL redirect, a bench-only secret key."""
    env = dict(os.environ)
    env.update(
        DEBUG="0",
        DJANGO_SECRET_KEY=os.environ.get("DJANGO_SECRET_KEY", SECRET_KEY),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_HTTPS="0",
        DATABASE_URL=database_url or os.environ.get("DATABASE_URL", BENCH_DATABASE_URL),
    )
    return env


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(base_url: str, path: str, cookie: str | None = None, timeout: float = 10) -> int:
    """Status of one GET; redirects are not followed."""
    address = urlsplit(base_url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


@contextmanager
def gunicorn(*, workers: int = 4, database_url: str | None = None, startup_seconds: float = 30):
    """gunicorn on a free port of 127.0.0.1 until the block ends; yields its base URL.

    The server runs in a process group of its own, stopped at the end, on errors, Ctrl+C
    and SIGTERM. Its log goes to a temporary file, shown when it does not come up.
    """
    port = _free_port()
    log = tempfile.NamedTemporaryFile(prefix="bench-gunicorn-", suffix=".log", delete=False)
    command = [
        str(ROOT / ".venv" / "bin" / "gunicorn"), "processdb.wsgi", "--bind", f"127.0.0.1:{port}",
        "--workers", str(workers), "--log-level", "warning",
    ]
    server = subprocess.Popen(
        command, cwd=ROOT, env=server_env(database_url), stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    previous = signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + startup_seconds
        while True:
            if server.poll() is not None:
                raise SystemExit(f"gunicorn exited with {server.returncode}:\n{Path(log.name).read_text()[-3000:]}")
            try:
                if _get(base_url, "/healthz", timeout=2) == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit(
                    f"gunicorn did not answer /healthz in {startup_seconds:.0f} s:\n{Path(log.name).read_text()[-3000:]}"
                )
            time.sleep(0.2)
        yield base_url
    finally:
        _stop(server)
        signal.signal(signal.SIGTERM, previous)
        log.close()
        os.unlink(log.name)


def _stop(server: subprocess.Popen):
    for sig, wait in ((signal.SIGTERM, 15), (signal.SIGKILL, 5)):
        try:
            os.killpg(server.pid, sig)
        except ProcessLookupError:
            return
        try:
            server.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


@contextmanager
def logged_in_sessions(users):
    """One session per user, made through the session store (no password needed); deleted at the end.

    Yields the Cookie header values: the session and a CSRF cookie, as a browser sends them
    after its first page. The server must use the same DJANGO_SECRET_KEY as this
    process, because the session carries the user's password hash signed with it.
    """
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.utils.crypto import get_random_string

    store = import_module(settings.SESSION_ENGINE).SessionStore
    keys = []
    try:
        for user in users:
            session = store()
            session[SESSION_KEY] = user._meta.pk.value_to_string(user)
            session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
            session[HASH_SESSION_KEY] = user.get_session_auth_hash()
            session.create()
            keys.append(session.session_key)
        yield [f"{settings.SESSION_COOKIE_NAME}={key}; {settings.CSRF_COOKIE_NAME}={get_random_string(32)}" for key in keys]
    finally:
        for key in keys:
            store(session_key=key).delete()


def page_size(base_url: str, path: str, cookie: str | None = None) -> int:
    """Bytes of one page's body as served (uncompressed HTML)."""
    address = urlsplit(base_url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
    try:
        connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        return len(connection.getresponse().read())
    finally:
        connection.close()


def check_pages(base_url: str, targets: list[tuple[str, str]]):
    """Every (path, cookie) answers 200; a redirect to the login page is a failure too."""
    failures = [(path, status) for path, cookie in targets if (status := _get(base_url, path, cookie)) != 200]
    if failures:
        listed = ", ".join(f"{path} → {status}" for path, status in failures[:5])
        raise SystemExit(f"{len(failures)} of {len(targets)} pages do not answer 200: {listed}")


@dataclass
class Result:
    requests: int
    seconds: float
    statuses: dict[int, int]
    socket_errors: dict[str, int]
    latency_ms: dict[str, float]

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def non_2xx(self) -> int:
        return sum(n for status, n in self.statuses.items() if not 200 <= status < 300)

    @property
    def errors(self) -> int:
        return self.non_2xx + sum(self.socket_errors.values())


def parse_result(output: str) -> Result:
    line = next((line for line in reversed(output.splitlines()) if line.startswith("RESULT ")), None)
    if line is None:
        raise ValueError(f"no RESULT line in wrk output:\n{output}")
    data = json.loads(line.removeprefix("RESULT "))
    return Result(
        requests=data["requests"],
        seconds=data["duration_us"] / 1e6,
        statuses={int(status): n for status, n in data["statuses"].items()},
        socket_errors=data["errors"],
        latency_ms={name: value / 1000 for name, value in data["latency_us"].items()},
    )


def run_wrk(
    base_url: str, targets: list[tuple[str, str]], *, duration: int, connections: int, threads: int = 1, timeout: str = "5s"
) -> Result:
    """wrk against base_url (127.0.0.1 only), rotating over (path, cookie) pairs."""
    if urlsplit(base_url).hostname not in {"127.0.0.1", "localhost"}:
        raise ValueError(f"load tests run against 127.0.0.1 only, not {base_url}")
    with tempfile.NamedTemporaryFile("w", prefix="bench-targets-", suffix=".tsv") as listing:
        listing.write("".join(f"{path}\t{cookie}\n" for path, cookie in targets))
        listing.flush()
        command = [
            require_wrk(),
            f"--threads={threads}",
            f"--connections={connections}",
            f"--duration={duration}s",
            f"--timeout={timeout}",
            f"--script={LUA_SCRIPT}",
            base_url,
            "--",
            listing.name,
        ]
        completed = subprocess.run(command, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise SystemExit(f"wrk failed ({completed.returncode}):\n{completed.stdout}{completed.stderr}")
    return parse_result(completed.stdout)
