"""Work done just behind a request: after its transaction, in one thread per process.

For work the person who sent the request does not wait for, and that a scheduled command catches
up with if this process stops before it gets to it (so a job may be lost, never half-done: each
job does its own transaction). Jobs run one at a time, in the order they came.

A job may hand its result to `gather`, which writes what came together in one go, at most
GATHER_SECONDS later: with SQLite, every write from the worker's own connection makes the
process's request connection drop its page cache, so it writes once a second, not per job.

`settings.BEHIND` off (the test suite) runs each job, and each write it gathers, at once, in the
caller's thread.
"""

from __future__ import annotations

import atexit
import logging
import queue
import threading
import time
from collections.abc import Callable
from functools import partial

from django.conf import settings
from django.db import close_old_connections, connections, transaction

log = logging.getLogger(__name__)

MAX_WAITING = 1000  # jobs waiting at most; beyond, the caller runs a job itself
GATHER_SECONDS = 1.0  # a gathered item waits at most this long for its write
GATHER_MAX = 500  # ... or until this many wait for the same write

_jobs: queue.Queue = queue.Queue()
_lock = threading.Lock()
_worker: dict[str, threading.Thread] = {}  # "thread"; "at_exit": the one that registered
# write -> (when its first item came, the items); under _lock
_gathered: dict[Callable[[list], object], tuple[float, list]] = {}


def enabled() -> bool:
    """Whether jobs run behind (else at once: a caller may then rather do the work itself)."""
    return settings.BEHIND


def after_commit(job: Callable[[], object]) -> None:
    """Run `job` once the current transaction commits (at once outside one), behind the
    request: in this process's worker thread, or at once when settings.BEHIND is off."""
    transaction.on_commit(lambda: _submit(job))


def _submit(job: Callable[[], object]) -> None:
    # Switched off, or more waiting than the worker keeps up with (a burst beyond what the
    # server can do): the caller does the job itself, so the backlog cannot grow without end.
    if not enabled() or _jobs.qsize() >= MAX_WAITING:
        job()
        return
    with _lock:
        # Started when first needed, in the process that needs it: a thread does not survive
        # the fork of a server's worker processes.
        worker = _worker.get("thread")
        if worker is None or not worker.is_alive():
            worker = threading.Thread(target=_work, name="samensterk-behind", daemon=True)
            _worker["thread"] = worker
            worker.start()
            if not _worker.get("at_exit"):
                # A process that ends normally (a server worker told to stop) first finishes
                # what is waiting and closes the worker's connections.
                atexit.register(release)
                _worker["at_exit"] = worker
    _jobs.put(job)


def gather(write: Callable[[list], object], item) -> None:
    """Hand `item` to `write`, which gets a list of every item gathered for it, in one call
    within GATHER_SECONDS (at once when settings.BEHIND is off). From a job, or any thread."""
    if not enabled():
        write([item])
        return
    with _lock:
        _since, items = _gathered.setdefault(write, (time.monotonic(), []))
        items.append(item)
        full = len(items) >= GATHER_MAX
    if full or threading.current_thread() is not _worker.get("thread"):
        # Wake the worker (start it, if need be): it waits for its next job only as long as
        # the first gathered item may wait.
        _submit(partial(_write_gathered, everything=False))


def _write_gathered(*, everything: bool) -> None:
    """Call each write whose items waited long enough (or are many enough), or all of them."""
    now = time.monotonic()
    with _lock:
        due = [
            write
            for write, (since, items) in _gathered.items()
            if everything or now - since >= GATHER_SECONDS or len(items) >= GATHER_MAX
        ]
        batches = [(write, _gathered.pop(write)[1]) for write in due]
    for write, items in batches:
        try:
            write(items)
        except Exception:  # lost, never half-done: their command catches up
            log.exception("a write behind a request failed")


def _next_write_in() -> float | None:
    """Seconds until the first gathered write is due; None when nothing is gathered."""
    with _lock:
        if not _gathered:
            return None
        oldest = min(since for since, _items in _gathered.values())
    return max(0.0, oldest + GATHER_SECONDS - time.monotonic())


def _work() -> None:
    while True:
        try:
            job = _jobs.get(timeout=_next_write_in())
        except queue.Empty:  # nothing came while items waited: their write is due
            _write_gathered(everything=False)
            close_old_connections()
            continue
        try:
            job()
            _write_gathered(everything=False)
        except Exception:  # a job's failure must not stop the ones after it; its command retries
            log.exception("a job behind a request failed")
        finally:
            if _jobs.empty():
                # As at the end of a request: give back a connection past its age or broken.
                # Before task_done: whoever drains waits for this too.
                close_old_connections()
            _jobs.task_done()


def _alive() -> bool:
    worker = _worker.get("thread")
    return worker is not None and worker.is_alive()


def drain(*, gathered: bool = True) -> None:
    """Wait until every job handed over so far has run, and (`gathered`) every write their
    results wait for (tests; the benchmark between measurements, without `gathered`: those
    writes come when they would in production). Without a live worker (none started, or not
    in this forked process) there is nothing to wait for."""
    if _alive():
        if gathered:
            _jobs.put(partial(_write_gathered, everything=True))
        _jobs.join()


def release() -> None:
    """Wait for the jobs, then close the worker's database connections (before a database it
    used is dropped: PostgreSQL refuses while a connection is open; at the process's end)."""
    if _alive():
        _jobs.put(partial(_write_gathered, everything=True))
        _jobs.put(connections.close_all)
        _jobs.join()
