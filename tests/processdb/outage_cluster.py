"""A PostgreSQL cluster of its own for the outage tests (tests/processdb/test_database_outage.py):
initdb into a temporary directory, its own port, and SIGSTOP/SIGCONT for the postmaster and every
backend to freeze and thaw it as a hung server.
"""

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import psycopg


def postgres_bindir() -> Path | None:
    candidates = [os.environ.get("PG_BINDIR", "")] + sorted(
        (str(path) for path in Path("/usr/lib/postgresql").glob("*/bin")), reverse=True
    )
    for candidate in candidates:
        if candidate and (Path(candidate) / "initdb").exists() and (Path(candidate) / "postgres").exists():
            return Path(candidate)
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def children(pid: int) -> set[int]:
    """Processes whose parent is `pid` (PostgreSQL's backends each lead a session of their own)."""
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry))
    return found


def signal_all(pids, signum):
    for pid in pids:
        try:
            os.kill(pid, signum)
        except ProcessLookupError:
            pass


class Cluster:
    def __init__(self, bindir: Path, directory: Path, user: str | None):
        self.bindir, self.directory, self.user = bindir, directory, user
        self.port = free_port()
        self.process: subprocess.Popen | None = None
        self.frozen: set[int] = set()

    def start(self):
        data, log = self.directory / "data", self.directory / "postgres.log"
        subprocess.run(
            [self.bindir / "initdb", "-D", data, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8"],
            check=True,
            capture_output=True,
            user=self.user,
        )
        with open(log, "wb") as out:
            self.process = subprocess.Popen(
                # No Unix socket (nothing to clean up), no fsync (throwaway data).
                [self.bindir / "postgres", "-D", data, "-p", str(self.port), "-c", "listen_addresses=127.0.0.1",
                 "-c", "unix_socket_directories=", "-c", "fsync=off"],
                stdout=out,
                stderr=subprocess.STDOUT,
                user=self.user,
                start_new_session=True,
            )
        deadline = time.monotonic() + 15
        while True:
            try:
                with psycopg.connect(self.conninfo("postgres"), autocommit=True) as conn:
                    conn.execute("CREATE DATABASE outage")
                return
            except psycopg.OperationalError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise RuntimeError(f"PostgreSQL did not start:\n{log.read_text()}") from None
                time.sleep(0.1)

    def conninfo(self, dbname: str) -> str:
        return f"host=127.0.0.1 port={self.port} user=postgres dbname={dbname} connect_timeout=2"

    def url(self, dbname: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{dbname}"

    def freeze(self):
        """SIGSTOP the postmaster (no new backends), then every process it started."""
        os.kill(self.process.pid, signal.SIGSTOP)
        self.frozen = {self.process.pid, *children(self.process.pid)}
        signal_all(self.frozen, signal.SIGSTOP)

    def thaw(self):
        signal_all(self.frozen, signal.SIGCONT)
        self.frozen = set()

    def stop(self):
        if self.process is None:
            return
        processes = {self.process.pid, *children(self.process.pid), *self.frozen}
        signal_all(processes, signal.SIGCONT)
        self.process.send_signal(signal.SIGQUIT)  # immediate shutdown
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            signal_all(processes, signal.SIGKILL)
            self.process.wait(5)
