"""SQLite: several processes writing to one database at once leave it intact.

Each process opens its own connection with the app's settings (WAL, IMMEDIATE transactions, the
busy timeout) and commits its inserts one by one; SQLite's own automatic checkpoint runs among
them. What once broke this was a thread that opened and closed the `-shm` file: closing a file
drops the process's POSIX locks on it ("How To Corrupt An SQLite Database File", 2.2).
"""

import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

from django.db import connection
from django.test import SimpleTestCase

REPO = Path(__file__).resolve().parents[3]
PROCESSES = 4
ROWS = 500  # enough commits for several automatic checkpoints among them

# Waits for a line on stdin so that all processes start writing together.
WRITER = """
import sys

import django

django.setup()
from django.db import connection, transaction

worker, rows = int(sys.argv[1]), int(sys.argv[2])
connection.ensure_connection()
print("ready", flush=True)
sys.stdin.readline()
for n in range(rows):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO writes (worker, n, payload) VALUES (%s, %s, %s)", [worker, n, "x" * 3000]
        )
connection.close()
print("done", flush=True)
"""


class SQLiteWritersTestCase(SimpleTestCase):
    def setUp(self):
        if connection.vendor != "sqlite":
            self.skipTest("about SQLite's file locking; the database is not SQLite")

    def test_processes_writing_at_once_leave_an_intact_database(self):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "writers.sqlite3"
            with sqlite3.connect(path) as database:
                database.execute("PRAGMA journal_mode=WAL")
                database.execute(
                    "CREATE TABLE writes (id INTEGER PRIMARY KEY, worker INTEGER, n INTEGER, "
                    "payload TEXT, UNIQUE (worker, n))"
                )
            database.close()
            # As in production: not the test suite's settings.
            env = {k: v for k, v in os.environ.items() if k != "PYTEST_VERSION"}
            env.update(
                DEBUG="1",
                DATABASE_URL=f"sqlite:///{path}",
                DJANGO_SETTINGS_MODULE="samensterk.settings",
            )
            writers = [
                subprocess.Popen(
                    [sys.executable, "-c", WRITER, str(worker), str(ROWS)],
                    env=env,
                    cwd=REPO,
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                )
                for worker in range(PROCESSES)
            ]
            try:
                for writer in writers:
                    self.assertEqual(writer.stdout.readline().strip(), "ready")
                for writer in writers:
                    writer.stdin.write("go\n")
                    writer.stdin.flush()
                for writer in writers:
                    out, err = writer.communicate(timeout=120)
                    self.assertEqual((writer.returncode, out.strip()), (0, "done"), err)
            finally:
                for writer in writers:
                    if writer.poll() is None:
                        writer.kill()
                        writer.wait()

            with sqlite3.connect(path) as database:
                self.assertEqual(database.execute("PRAGMA integrity_check").fetchall(), [("ok",)])
                self.assertEqual(
                    database.execute("SELECT COUNT(*) FROM writes").fetchone()[0],
                    PROCESSES * ROWS,
                )
                per_worker = dict(
                    database.execute("SELECT worker, COUNT(*) FROM writes GROUP BY worker")
                )
            database.close()
            self.assertEqual(per_worker, dict.fromkeys(range(PROCESSES), ROWS))
