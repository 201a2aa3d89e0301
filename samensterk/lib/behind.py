"""Work done just behind a request: after its transaction, in one thread per process.

For work the person who sent the request does not wait for, and that a scheduled command catches
up with if this process stops before it gets to it (so a job may be lost, never half-done: each
job does its own transaction). Jobs run one at a time, in the order they came.

`settings.BEHIND` off (the test suite; SQLite, see settings) runs each job at once, in the
caller's thread.
"""

from __future__ import annotations

import atexit
import logging
import queue
import threading
from collections.abc import Callable

from django.conf import settings
from django.db import close_old_connections, connections, transaction

log = logging.getLogger(__name__)

MAX_WAITING = 1000  # jobs waiting at most; beyond, the caller runs a job itself

_jobs: queue.Queue = queue.Queue()
_lock = threading.Lock()
_worker: dict[str, threading.Thread] = {}  # "thread"; "at_exit": the one that registered


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


def _work() -> None:
    while True:
        job = _jobs.get()
        try:
            job()
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


def drain() -> None:
    """Wait until every job handed over so far has run (the benchmark, between measurements;
    tests). Without a live worker (none started, or not in this forked process) there is
    nothing to wait for."""
    if _alive():
        _jobs.join()


def release() -> None:
    """Wait for the jobs, then close the worker's database connections (before a database it
    used is dropped: PostgreSQL refuses while a connection is open; at the process's end)."""
    if _alive():
        _jobs.put(connections.close_all)
        _jobs.join()
