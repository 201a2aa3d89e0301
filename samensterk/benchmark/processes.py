"""Figures of whole processes, run beside the benchmark against its scratch database:

- a web worker's memory (RSS) after it served every page type, against a process that only
  started Django and loaded the URLs (target: within 300 MB);
- `samensterk import_signals` of 30 rows, start to end, against `samensterk check` (target:
  within 3 times as long).

The processes run as production does: DEBUG off, deferred work left to the task worker.
"""

from __future__ import annotations

import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.db import connection

from .data import synthetic_rows

WORKER = """
import json, os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samensterk.settings")

def rss_mb():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024

if sys.argv[1] == "bare":
    import django
    django.setup()
    from django.urls import resolve
    resolve("/")
else:
    from samensterk.wsgi import application  # noqa: F401  (what gunicorn loads)
    from django.test import Client
    from samensterk.accounts.models import User
    from samensterk.test import login_verified
    clients = {}
    for _round in range(3):
        for email, url in json.loads(sys.argv[2]):
            if email not in clients:
                clients[email] = Client(HTTP_HOST="127.0.0.1")
                if email:
                    login_verified(clients[email], User.objects.get(email=email))
            status = clients[email].get(url).status_code
            if status != 200:
                raise SystemExit(f"{url}: {status}")
print(json.dumps({"rss": rss_mb()}))
"""


def _database_url() -> str:
    found = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{found['NAME']}"
    user = found.get("USER") or "postgres"
    password = f":{found['PASSWORD']}" if found.get("PASSWORD") else ""
    host = found.get("HOST") or "127.0.0.1"
    port = found.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{found['NAME']}"


def _environment() -> dict:
    env = {k: v for k, v in os.environ.items() if k != "PYTEST_VERSION"}
    env.update(
        DATABASE_URL=_database_url(),
        DEBUG="0",
        SECRET_KEY="benchmark-only-" + "x" * 40,
        SECURE_SSL_REDIRECT="0",
        SECURE_COOKIES="0",
        SAMENSTERK_DATA_DIR=str(settings.DATA_DIR),
        TASK_BACKEND="django_tasks_db.DatabaseBackend",
    )
    return env


def _run(arguments: list[str], env: dict) -> tuple[float, str]:
    started = time.perf_counter()
    result = subprocess.run(  # noqa: S603  (our own interpreter and command)
        arguments, env=env, capture_output=True, text=True, timeout=900, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(f"{arguments[1:3]} failed: {result.stderr[-2000:]}")
    return (time.perf_counter() - started) * 1000, result.stdout


def run(world, n: int, emit) -> None:
    from .suite import figure

    connection.close()  # the subprocesses get the database to themselves (SQLite: its lock)
    env = _environment()
    python = sys.executable
    group, signal = world["group"], world["signal"]
    coordinator, staff = world["coordinator"].email, world["staff"].email
    pages = [
        (None, f"/meld/{group.slug}/"),
        (coordinator, f"/signalen/?groep={group.slug}&status=open"),
        (coordinator, f"/signalen/{signal.reference}/"),
        (coordinator, f"/overzicht/groep/{group.slug}/"),
        (coordinator, f"/dossiers/{world['dossier'].reference}/"),
        (coordinator, f"/rapporten/{world['report'].reference}/"),
        (staff, f"/overzicht/landelijk/{group.organisation.slug}/"),
    ]
    command = str(Path(python).parent / "samensterk")
    _run([command, "collectstatic", "--noinput", "-v", "0"], env)  # as a deployment does
    _ms, bare = _run([python, "-c", WORKER, "bare"], env)
    _ms, worker = _run([python, "-c", WORKER, "pages", json.dumps(pages)], env)
    emit(
        figure(
            "web_worker_rss_after_warm_up",
            json.loads(worker)["rss"],
            "MB",
            "django_started_rss",
            json.loads(bare)["rss"],
            n,
        )
    )

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "thirty.csv"
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["text", "channel"])
            for row in synthetic_rows(30, seed=19):
                writer.writerow([row["text"], "import"])
        imports, checks = [], []
        for _round in range(3):
            slug = group.organisation.slug
            imports.append(
                _run([command, "import_signals", str(path), "--organisation", slug], env)[0]
            )
            checks.append(_run([command, "check"], env)[0])
    emit(
        figure(
            "import_signals_30_rows_process",
            statistics.median(imports),
            "ms",
            "samensterk_check_process",
            statistics.median(checks),
            30,
        )
    )
