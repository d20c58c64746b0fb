"""Side effects once per service call, not once per saved row.

A service that writes many rows (reordering 40 steps, applying a released process version)
runs inside ``batch()``. Signal handlers that would otherwise do their work for every row
(re-index the process for search, raise the content version) call ``run_once(key, fn)``:
outside a batch ``fn`` runs at once, as before; inside, it runs once per key when the
outermost batch ends without an error, still inside the caller's transaction.
"""

import contextvars
from collections.abc import Callable, Hashable
from contextlib import contextmanager

_pending: contextvars.ContextVar[dict | None] = contextvars.ContextVar("processdb_batch", default=None)


@contextmanager
def batch():
    """Collect ``run_once`` work until the outermost batch ends; nested batches join it."""
    if _pending.get() is not None:
        yield
        return
    work: dict[Hashable, Callable[[], None]] = {}
    token = _pending.set(work)
    try:
        yield
        # Not reached after an error: the transaction that wrote the rows is rolled back too.
        # The batch stays open while its work runs, so that what that work collects (the
        # search index telling the page cache) joins it; gathered items go last, once.
        while work:
            key = next((k for k, fn in work.items() if not isinstance(fn, _Collected)), None)
            if key is None:
                key = next(iter(work))
            work.pop(key)()
    finally:
        _pending.reset(token)


def run_once(key: Hashable, fn: Callable[[], None]) -> None:
    """Run ``fn`` now, or once per ``key`` at the end of the current batch."""
    work = _pending.get()
    if work is None:
        fn()
    else:
        work.setdefault(key, fn)


class _Collected:
    """The work of ``collect``: one call with everything gathered under its key."""

    def __init__(self, fn: Callable[[set], None]):
        self.fn = fn
        self.items: set = set()

    def __call__(self) -> None:
        self.fn(self.items)


def collect(key: Hashable, items, fn: Callable[[set], None]) -> None:
    """Run ``fn(items)`` now, or once per ``key`` at the end of the current batch with all items gathered."""
    work = _pending.get()
    if work is None:
        fn(set(items))
        return
    entry = work.get(key)
    if not isinstance(entry, _Collected):
        entry = work[key] = _Collected(fn)
    entry.items.update(items)


def is_batching() -> bool:
    return _pending.get() is not None


@contextmanager
def discarded():
    """Drop the ``run_once`` work of writes that will be rolled back (a draft shown in its editor)."""
    token = _pending.set({})
    try:
        yield
    finally:
        _pending.reset(token)
