"""SQLite's write-ahead log copied back by a thread of the process, not by whichever commit."""

import sqlite3
import tempfile
import time
from pathlib import Path

from django.db.backends.sqlite3.base import DatabaseWrapper
from django.test import SimpleTestCase, override_settings

from samensterk.lib import checkpoint


def _database(folder: str) -> tuple[str, sqlite3.Connection]:
    """A WAL database whose own connection never checkpoints."""
    path = str(Path(folder) / "db.sqlite3")
    database = sqlite3.connect(path, isolation_level=None)
    database.execute("PRAGMA journal_mode=WAL")
    database.execute("PRAGMA wal_autocheckpoint=0")
    database.execute("CREATE TABLE story (text TEXT)")
    return path, database


def _write_pages(database: sqlite3.Connection, pages: int) -> None:
    database.execute("BEGIN")
    database.executemany("INSERT INTO story VALUES (?)", [("x" * 3500,)] * pages)
    database.execute("COMMIT")


def _wait_for(condition, seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


class PendingTests(SimpleTestCase):
    def test_it_reads_the_pages_not_yet_copied_from_the_wal_index(self):
        with tempfile.TemporaryDirectory() as folder:
            path, database = _database(folder)
            _write_pages(database, 1500)
            waiting = checkpoint.pending(path)
            _busy, in_log, copied = database.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
            self.assertEqual(copied, in_log)
            self.assertEqual(waiting, in_log)  # what SQLite itself then copied
            self.assertGreater(waiting, 1500)
            self.assertEqual(checkpoint.pending(path), 0)
            database.close()

    def test_no_log_is_nothing_pending(self):
        with tempfile.TemporaryDirectory() as folder:
            self.assertEqual(checkpoint.pending(str(Path(folder) / "none.sqlite3")), 0)


class ThreadTests(SimpleTestCase):
    def tearDown(self):
        checkpoint.release()

    def test_the_thread_copies_the_log_once_it_holds_enough_pages(self):
        with tempfile.TemporaryDirectory() as folder:
            path, database = _database(folder)
            checkpoint.watch(path)
            _write_pages(database, checkpoint.CHECKPOINT_PAGES // 2)
            time.sleep(5 * checkpoint.INTERVAL)
            self.assertGreater(checkpoint.pending(path), 0)  # below the mark: left for later
            _write_pages(database, checkpoint.CHECKPOINT_PAGES)
            self.assertTrue(_wait_for(lambda: checkpoint.pending(path) == 0))
            # The writer's data are all there, read by a new connection.
            other = sqlite3.connect(path)
            count = other.execute("SELECT COUNT(*) FROM story").fetchone()[0]
            self.assertEqual(count, checkpoint.CHECKPOINT_PAGES // 2 + checkpoint.CHECKPOINT_PAGES)
            other.close()
            database.close()

    def test_a_dropped_database_is_forgotten_and_not_created_again(self):
        with tempfile.TemporaryDirectory() as folder:
            path, database = _database(folder)
            checkpoint.watch(path)
            database.close()
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            self.assertTrue(_wait_for(lambda: path not in checkpoint._paths))
            self.assertFalse(Path(path).exists())

    def test_release_stops_the_thread_and_a_later_watch_starts_it_again(self):
        with tempfile.TemporaryDirectory() as folder:
            path, database = _database(folder)
            checkpoint.watch(path)
            first = checkpoint._state["thread"]
            checkpoint.release()
            self.assertFalse(first.is_alive())
            checkpoint.watch(path)
            self.assertTrue(checkpoint._state["thread"].is_alive())
            self.assertIsNot(checkpoint._state["thread"], first)
            database.close()


def _django_connection(path: str) -> DatabaseWrapper:
    """A Django connection of its own to an SQLite file (whatever the suite's database)."""
    return DatabaseWrapper(
        {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": path,
            "OPTIONS": {"init_command": "PRAGMA journal_mode=WAL;"},
            "TIME_ZONE": None,
            "CONN_MAX_AGE": 0,
            "CONN_HEALTH_CHECKS": False,
            "AUTOCOMMIT": True,
            "ATOMIC_REQUESTS": False,
            "USER": "",
            "PASSWORD": "",
            "HOST": "",
            "PORT": "",
            "TEST": {},
        },
        alias="checkpoint-test",
    )


def _autocheckpoint(blocker, switched_on: bool) -> tuple[int, bool]:
    """A new connection's own checkpoint mark, and whether the thread watches its database."""
    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / "django.sqlite3")
        connection = _django_connection(path)
        with blocker.unblock(), override_settings(SQLITE_CHECKPOINT_BEHIND=switched_on):
            try:
                with connection.cursor() as cursor:
                    cursor.execute("PRAGMA wal_autocheckpoint")
                    pages = cursor.fetchone()[0]
            finally:
                connection.close()
                watched = path in checkpoint._paths
                checkpoint.release()
        return pages, watched


def test_switched_on_a_new_connection_leaves_its_checkpoints_to_the_thread(django_db_blocker):
    # SQLite's own checkpoint stays as a backstop, far beyond the thread's mark.
    assert _autocheckpoint(django_db_blocker, True) == (checkpoint.BACKSTOP_PAGES, True)


def test_switched_off_sqlite_checkpoints_as_it_always_does(django_db_blocker):
    assert _autocheckpoint(django_db_blocker, False) == (1000, False)
