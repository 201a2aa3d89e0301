"""SQLite: write-ahead-log checkpoints in a thread of their own, not in whichever commit.

In WAL mode SQLite copies the log back into the database file (a checkpoint, with an fsync) in
the commit that takes the log past 1,000 pages: that request or import waits for the copy. At a
million signals an import of 5,000 rows writes about 7,800 pages and its commit then spends
about 130 ms of its second on the checkpoint, and of the public form's requests the one that
passes the mark takes several times as long as the others. SQLite's documentation
(wal.html, "Automatic Checkpoint") suggests turning the automatic checkpoint off and running
checkpoints in a separate thread; here one thread per process does so, PASSIVE (never waiting
for or blocking readers and writers), when the log holds CHECKPOINT_PAGES pages not yet copied.

It reads that from the header of the WAL index (the `-shm` file, walformat.html), so an idle
process only reads 100 bytes a tenth of a second. The connections keep SQLite's own automatic
checkpoint at BACKSTOP_PAGES: should the thread fall behind or be gone, the log stays bounded.

`settings.SQLITE_CHECKPOINT_BEHIND` switches it (off in the test suite, whose databases come
and go; its tests switch it on).
"""

from __future__ import annotations

import atexit
import logging
import sqlite3
import struct
import threading
from pathlib import Path
from urllib.request import pathname2url

from django.conf import settings

log = logging.getLogger(__name__)

CHECKPOINT_PAGES = 1000  # SQLite's own default threshold, kept: only where it runs changes
BACKSTOP_PAGES = 16384  # 64 MB of log at most before a commit checkpoints anyway
INTERVAL = 0.1  # seconds between looks at the log

# The WAL index's header (native byte order): mxFrame, the last valid frame of the log, at 16 in
# its first copy; nBackfill, the frames already copied into the database, at 96.
_HEADER = struct.Struct("=16xI76xI")

_lock = threading.Lock()
_paths: set[str] = set()
_state: dict = {}  # "thread", "stop" (an Event), "at_exit"


def enabled() -> bool:
    return settings.SQLITE_CHECKPOINT_BEHIND


def connection_created(sender, connection, **kwargs) -> None:
    """Django's connection_created: hand an SQLite file database's checkpoints to the thread."""
    if connection.vendor != "sqlite" or not enabled():
        return
    path = connection.settings_dict["NAME"]
    if not path or str(path).startswith(":memory:") or "mode=memory" in str(path):
        return
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA wal_autocheckpoint={BACKSTOP_PAGES}")
    watch(str(path))


def watch(path: str) -> None:
    """Checkpoint the database at `path` from this process's thread (started when needed)."""
    with _lock:
        _paths.add(path)
        thread = _state.get("thread")
        if thread is None or not thread.is_alive():
            stop = threading.Event()
            thread = threading.Thread(
                target=_run, args=(stop,), name="samensterk-checkpoint", daemon=True
            )
            _state.update(thread=thread, stop=stop)
            thread.start()
            if not _state.get("at_exit"):
                atexit.register(release)
                _state["at_exit"] = True


def pending(path: str) -> int:
    """Pages in the log not yet copied into the database (0 without a log)."""
    try:
        with open(f"{path}-shm", "rb") as shm:
            header = shm.read(_HEADER.size)
    except OSError:
        return 0
    if len(header) < _HEADER.size:
        return 0
    last, copied = _HEADER.unpack(header)
    return max(0, last - copied)


def checkpoint(path: str, connections: dict[str, sqlite3.Connection]) -> None:
    database = connections.get(path)
    if database is None:
        # mode=rw: never create a database that is not there (one dropped meanwhile).
        uri = f"file:{pathname2url(path)}?mode=rw"
        database = sqlite3.connect(uri, uri=True, timeout=0, isolation_level=None)
        connections[path] = database
    database.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()


def _run(stop: threading.Event) -> None:
    connections: dict[str, sqlite3.Connection] = {}
    try:
        while not stop.wait(INTERVAL):
            with _lock:
                paths = list(_paths)
            for path in paths:
                if not Path(path).exists():  # a scratch or test database that was dropped
                    _forget(path, connections)
                    continue
                if pending(path) < CHECKPOINT_PAGES:
                    continue
                try:
                    checkpoint(path, connections)
                except sqlite3.Error:  # busy or gone: SQLite's backstop and the next look remain
                    log.debug("checkpoint of %s skipped", path, exc_info=True)
    finally:
        for database in connections.values():
            database.close()


def _forget(path: str, connections: dict[str, sqlite3.Connection]) -> None:
    with _lock:
        _paths.discard(path)
    database = connections.pop(path, None)
    if database is not None:
        database.close()


def release() -> None:
    """Stop the thread and close its connections (a process that ends, a scratch database that
    is about to be dropped). A later connection starts it again."""
    with _lock:
        thread, stop = _state.pop("thread", None), _state.pop("stop", None)
        _paths.clear()
    if thread is not None and stop is not None:
        stop.set()
        thread.join()
