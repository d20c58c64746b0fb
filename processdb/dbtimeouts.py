"""Client-side time limits on the database, so that a database which stops answering cannot hang a worker.

PostgreSQL's `statement_timeout` ends slow statements on a server that works, libpq's
`connect_timeout` ends connection attempts. Neither helps once a connection is open and the
server freezes (stopped, swapping to death, a hung VM whose kernel still acknowledges TCP): a
query then waits in recv() forever, keepalives and tcp_user_timeout included, because the
peer's kernel keeps acknowledging. So each database operation of a request runs under a
`limit`: it registers its deadline and the connection's socket here, and one watchdog thread per
process shuts that socket down when the deadline passes. The blocked recv() returns, psycopg
raises OperationalError, Django discards the connection, and the next request connects anew
(bounded by connect_timeout). processdb/errors.py answers such errors with the 503 page.

After a time-out the database counts as unreachable for a few seconds (`mark_unreachable`): new
connection attempts then fail at once instead of each waiting for its own time-out, so a queue of
requests drains with 503 pages and /healthz answers at once.

The limits apply in processes that serve requests (gunicorn workers, runserver, the test client):
`serving()` turns true with the first request. Management commands (migrate, backup, restore,
search_reindex) may run long statements and only get the connect timeout.

Registering costs two dict operations under an uncontended lock; there is no thread per query.
processdb/postgresql/base.py decides which operations run under which limit.
"""

import itertools
import logging
import os
import socket
import threading
import time

logger = logging.getLogger(__name__)

# How often the watchdog compares deadlines with the clock: a limit fires at most this much late.
TICK = 0.2

_lock = threading.Lock()
_watched: dict[int, tuple[float, int, float]] = {}  # token -> (deadline, socket fd, seconds)
_fired: set[int] = set()  # tokens whose socket the watchdog shut down, until their limit ends
_tokens = itertools.count()
_thread: threading.Thread | None = None
_serving = False
_unreachable_until: dict[str, float] = {}  # database alias -> monotonic time


def request_started(**kwargs):
    """Receiver of django.core.signals.request_started (connected in processdb/apps.py)."""
    global _serving
    _serving = True


def serving() -> bool:
    """Whether this process serves requests, so database operations get time limits."""
    return _serving


def mark_unreachable(alias: str, seconds: float) -> None:
    """The database `alias` did not answer in time: fail new connections for `seconds`."""
    _unreachable_until[alias] = time.monotonic() + seconds


def unreachable_for(alias: str) -> float:
    """Seconds during which connections to `alias` fail at once (0 when they are attempted)."""
    return max(0.0, _unreachable_until.get(alias, 0.0) - time.monotonic())


class limit:
    """Shut the connection's socket down if the block takes longer than `seconds` (0: no limit).

    `raw_connection` is the driver's connection (anything with fileno()); `on_timeout` is called
    when the block ends after the watchdog fired, whether or not it raised.
    """

    __slots__ = ("raw_connection", "seconds", "on_timeout", "token")

    def __init__(self, raw_connection, seconds: float, on_timeout=None):
        self.raw_connection = raw_connection
        self.seconds = seconds
        self.on_timeout = on_timeout
        self.token = None

    def __enter__(self):
        if self.seconds and self.raw_connection is not None:
            try:
                fd = self.raw_connection.fileno()
            except Exception:
                # A closed or broken connection: the operation fails at once, no limit needed.
                return self
            if fd >= 0:
                self.token = _register(fd, self.seconds)
        return self

    def __exit__(self, exc_type, exc, tb):
        if self.token is not None and _unregister(self.token) and self.on_timeout is not None:
            self.on_timeout()
        return False


def _register(fd: int, seconds: float) -> int:
    token = next(_tokens)
    with _lock:
        _watched[token] = (time.monotonic() + seconds, fd, seconds)
        if _thread is None:
            _start_watchdog()
    return token


def _unregister(token: int) -> bool:
    """End a limit; True if the watchdog fired on it."""
    with _lock:
        if _watched.pop(token, None) is not None:
            return False
        if token in _fired:
            _fired.discard(token)
            return True
        return False  # forgotten by a fork in between


def _start_watchdog() -> None:
    global _thread
    _thread = threading.Thread(target=_watch, name="processdb-db-watchdog", daemon=True)
    _thread.start()


def _watch() -> None:
    while True:
        time.sleep(TICK)
        if not _watched:
            continue
        now = time.monotonic()
        expired = []
        # Under the lock: a limit that ends now cannot unregister, so its connection (and with
        # it the fd) cannot be closed and reused before we are done with the socket.
        with _lock:
            for token, (deadline, fd, seconds) in list(_watched.items()):
                if deadline <= now:
                    del _watched[token]
                    _fired.add(token)
                    _shut_down(fd)
                    expired.append(seconds)
        for seconds in expired:
            logger.warning("The database did not answer within %g s; connection shut down.", seconds)


def _shut_down(fd: int) -> None:
    """Shut the socket down for both directions; its owner's blocked recv() returns at once.

    shutdown() acts on the connection, not on the descriptor, so a duplicate does it and the
    driver's own descriptor stays valid until the driver closes it.
    """
    try:
        sock = socket.socket(fileno=os.dup(fd))
    except OSError:
        return
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    finally:
        sock.close()


def _forget_parent_state() -> None:
    # gunicorn forks its workers: threads do not survive a fork, and the lock may have been held.
    global _lock, _thread
    _lock = threading.Lock()
    _thread = None
    _watched.clear()
    _fired.clear()
    _unreachable_until.clear()


os.register_at_fork(after_in_child=_forget_parent_state)
