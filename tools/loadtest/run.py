"""Run the load test against a production-like server on 127.0.0.1 (called by scripts/loadtest).

1. a fresh PostgreSQL database with the demo installation (migrate, collectstatic, load_demo);
2. gunicorn with several workers and DEBUG off, as in production (no TLS: 127.0.0.1 only);
3. locust from a second process: the public form at FORM_RATE submissions/s and a group
   dashboard at DASHBOARD_RATE pages/s, for DURATION seconds;
4. the memory of the workers, sampled all along;
5. one JSON line per figure, and a verdict: zero errors, p95 within the benchmark's targets
   (form ≤ 100 ms, dashboard ≤ 150 ms), rates reached, and no growth of the workers' memory.

Exit status 0 when every check holds. With CHECK_LATENCY=0 (the short run in scripts/test, on a
machine busy with other work) only errors, rates and memory decide; the p95 is still printed.
"""

from __future__ import annotations

import contextlib
import csv
import json
import math
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

import psutil
import psycopg

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
DURATION = int(os.environ.get("DURATION", "600"))
FORM_RATE = int(os.environ.get("FORM_RATE", "100"))
DASHBOARD_RATE = int(os.environ.get("DASHBOARD_RATE", "50"))
# Three workers on this machine's two cores, which PostgreSQL, nginx and locust share: more
# workers served fewer requests a second (docs/operations.md, load test).
WORKERS = int(os.environ.get("WORKERS", "3"))
THREADS = int(os.environ.get("THREADS", "1"))
# As in the production guide: sync workers behind nginx, one connection per request, so each
# request goes to a free worker. (gthread keeps connections open and pins each to a worker:
# requests then wait behind a busy worker while others are idle.)
WORKER_CLASS = os.environ.get("WORKER_CLASS", "sync")
PORT = int(os.environ.get("PORT", "8765"))
# nginx in front, as in production (docs/operations.md): it keeps the clients' connections open and closes
# its own to gunicorn at once. "none": locust talks to gunicorn directly.
PROXY = os.environ.get("PROXY", "nginx")
PROXY_PORT = int(os.environ.get("PROXY_PORT", "8766"))
CHECK_LATENCY = os.environ.get("CHECK_LATENCY", "1") == "1"
KEEP_CSV = os.environ.get("KEEP_CSV", "")
SERVER_URL = os.environ.get("LOAD_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
DATABASE = "samensterk_load"
TARGETS_MS = {"GET /meld/": 100, "POST /meld/": 100, "GET /overzicht/groep/": 150}
MEMORY_GROWTH_LIMIT = 1.15  # the last third of the run against the first third, per worker


def emit(**figure):
    print(json.dumps(figure, ensure_ascii=False), flush=True)


def database_url() -> str:
    return SERVER_URL.rsplit("/", 1)[0] + "/" + DATABASE


def recreate_database():
    url = SERVER_URL.replace("postgres://", "postgresql://", 1)
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{DATABASE}"')


def environment(data_dir: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTEST_VERSION"}
    env.update(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL=database_url(),
        ALLOWED_HOSTS="127.0.0.1",
        SAMENSTERK_DATA_DIR=data_dir,
        # Plain HTTP on 127.0.0.1: production puts nginx with TLS in front.
        SECURE_SSL_REDIRECT="0",
        SECURE_COOKIES="0",
        SECURE_HSTS_SECONDS="0",
        # Every simulated reporter comes from 127.0.0.1: the per-address limit would stop them.
        MELDKNOP_RATE_LIMIT="1000000000",
        LOG_LEVEL="ERROR",
        PYTHONWARNINGS="ignore::ResourceWarning",
    )
    return env


def samensterk(env, *args: str, capture: bool = False) -> str:
    result = subprocess.run(
        [str(BIN / "samensterk"), *args], env=env, check=True, capture_output=True, text=True
    )
    return result.stdout if capture else ""


COORDINATOR_SESSION = """
from django.contrib.sessions.backends.db import SessionStore
from django_otp import DEVICE_ID_SESSION_KEY
from samensterk.accounts.models import User
from samensterk.accounts.two_factor import APP_DEVICE_NAME
from django_otp.plugins.otp_totp.models import TOTPDevice
user = User.objects.get(email="coordinator.amsterdam@samensterk.example")
device, _ = TOTPDevice.objects.get_or_create(user=user, name=APP_DEVICE_NAME, confirmed=True)
session = SessionStore()
session["_auth_user_id"] = str(user.pk)
session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
session["_auth_user_hash"] = user.get_session_auth_hash()
session[DEVICE_ID_SESSION_KEY] = device.persistent_id
session.set_expiry(24 * 60 * 60)
session.create()
print(session.session_key)
"""


NGINX_CONF = """
worker_processes 1;
pid {data}/nginx.pid;
error_log {data}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {data}/nginx-body;
    proxy_temp_path {data}/nginx-proxy;
    fastcgi_temp_path {data}/nginx-fastcgi;
    uwsgi_temp_path {data}/nginx-uwsgi;
    scgi_temp_path {data}/nginx-scgi;
    keepalive_requests 100000;
    server {{
        listen 127.0.0.1:{proxy_port};
        location /static/ {{ alias {data}/static/; }}
        location / {{
            proxy_pass http://127.0.0.1:{port};
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        }}
    }}
}}
"""


def start_proxy(data_dir: str) -> subprocess.Popen | None:
    """nginx on PROXY_PORT in front of gunicorn, with everything it writes in data_dir."""
    if PROXY == "none":
        return None
    conf = Path(data_dir) / "nginx.conf"
    conf.write_text(NGINX_CONF.format(data=data_dir, port=PORT, proxy_port=PROXY_PORT))
    return subprocess.Popen(
        ["nginx", "-c", str(conf), "-p", data_dir, "-g", "daemon off;"],  # noqa: S607
    )


def wait_until_up(url: str, seconds: int = 60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (127.0.0.1)
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"the server did not answer at {url}")


def warm_up(base: str, session: str):
    """Each worker loads its code, templates and indexes before the clock starts."""
    request = urllib.request.Request(
        f"{base}/overzicht/groep/amsterdam/", headers={"Cookie": f"sessionid={session}"}
    )
    form = f"{base}/meld/amsterdam/"
    for index in range(WORKERS * THREADS * 3):
        page = urllib.request.urlopen(form, timeout=60).read().decode()  # noqa: S310
        token = re.search(r'name="form_token" value="([^"]+)"', page).group(1)
        data = urlencode(
            {
                "story": f"Opwarmen: de taxi kwam te laat ({index}).",
                "reporter_role": "familie",
                "consent_anonymous_use": "nee",
                "consent_share_national": "nee",
                "consent_contact": "nee",
                "form_token": token,
            }
        ).encode()
        urllib.request.urlopen(form, data=data, timeout=60).read()  # noqa: S310
        urllib.request.urlopen(request, timeout=60).read()  # noqa: S310


class MemorySampler(threading.Thread):
    def __init__(self, master_pid: int, every: float):
        super().__init__(daemon=True)
        self.master = psutil.Process(master_pid)
        self.every = every
        self.samples: list[dict[int, int]] = []
        self.stopped = threading.Event()

    def run(self):
        while not self.stopped.wait(self.every):
            sample = {}
            for worker in self.master.children():
                with contextlib.suppress(psutil.NoSuchProcess):
                    sample[worker.pid] = worker.memory_info().rss
            self.samples.append(sample)


def memory_growth(samples: list[dict[int, int]]) -> tuple[float, float, float]:
    """(first third MB, last third MB, ratio), summed over the workers present throughout."""
    if len(samples) < 3:
        return 0.0, 0.0, 1.0
    pids = set(samples[0]).intersection(*samples)
    third = max(1, len(samples) // 3)

    def total(part):
        return statistics.mean(sum(s[p] for p in pids) for s in part) / 2**20

    first, last = total(samples[:third]), total(samples[-third:])
    return first, last, last / first if first else 1.0


def run_locust(base: str, session: str, csv_prefix: str, env: dict[str, str]) -> None:
    users = FORM_RATE + DASHBOARD_RATE
    subprocess.run(
        [
            str(BIN / "locust"),
            "-f",
            str(ROOT / "tools" / "loadtest" / "locustfile.py"),
            "--headless",
            "--host",
            base,
            "--users",
            str(users),
            # Spread the users' start over ten seconds, so that their once-a-second requests
            # arrive spread over each second (as real visitors do), not all at the same instant;
            # the figures count from when all are running.
            "--spawn-rate",
            str(max(1, users // 10)),
            "--reset-stats",
            "--run-time",
            f"{DURATION + 10}s",
            "--stop-timeout",
            "10",
            "--csv",
            csv_prefix,
            "--only-summary",
            "--loglevel",
            "WARNING",
        ],
        env={
            **env,
            "FORM_RATE": str(FORM_RATE),
            "DASHBOARD_RATE": str(DASHBOARD_RATE),
            "LOAD_SESSION": session,
        },
        check=False,
    )


def main() -> int:
    recreate_database()
    data_dir = tempfile.mkdtemp(prefix="samensterk-load-")
    env = environment(data_dir)
    print("==> database, static files and demo data", flush=True)
    samensterk(env, "migrate", "--noinput")
    samensterk(env, "collectstatic", "--noinput")
    samensterk(env, "load_demo")
    output = samensterk(env, "shell", "--no-imports", "-c", COORDINATOR_SESSION, capture=True)
    session = output.strip().splitlines()[-1]
    base = f"http://127.0.0.1:{PORT}"
    threads = f" × {THREADS} threads" if WORKER_CLASS == "gthread" else ""
    print(f"==> gunicorn: {WORKERS} {WORKER_CLASS} workers{threads} on {base}", flush=True)
    proxy = start_proxy(data_dir)
    if proxy:
        base = f"http://127.0.0.1:{PROXY_PORT}"
        print(f"==> nginx in front of it on {base}", flush=True)
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "samensterk.wsgi",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            str(WORKERS),
            "--worker-class",
            WORKER_CLASS,
            *(["--threads", str(THREADS)] if WORKER_CLASS == "gthread" else []),
            "--preload",
            "--log-level",
            "warning",
        ],
        env=env,
    )
    ok = True
    try:
        wait_until_up(f"{base}/health/")
        warm_up(base, session)
        sampler = MemorySampler(server.pid, every=max(1.0, DURATION / 60))
        sampler.start()
        print(
            f"==> locust: {FORM_RATE} form submissions/s and {DASHBOARD_RATE} dashboards/s "
            f"for {DURATION} s",
            flush=True,
        )
        csv_prefix = str(Path(data_dir) / "locust")
        run_locust(base, session, csv_prefix, env)
        sampler.stopped.set()
        ok = report(csv_prefix, sampler.samples)
        if KEEP_CSV:  # locust's own files: the stats, failures and the history second by second
            Path(KEEP_CSV).mkdir(parents=True, exist_ok=True)
            for path in Path(data_dir).glob("locust_*.csv"):
                shutil.copy(path, Path(KEEP_CSV) / path.name)
    finally:
        if proxy:
            proxy.terminate()
            proxy.wait(timeout=10)
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
    return 0 if ok else 1


def lowest_rate(wanted: float) -> float:
    """The lowest rate that still counts as reached: 95 % of the asked one, or, for short runs at
    low rates, three standard deviations below it (arrivals are random: a Poisson count over
    the run; 150 expected visits vary by about 12)."""
    expected = wanted * DURATION
    return wanted * min(0.95, 1 - 3 / math.sqrt(expected)) if expected else 0.0


def report(csv_prefix: str, samples) -> bool:
    ok = True
    with open(f"{csv_prefix}_stats.csv", newline="") as stats:
        rows = {row["Name"]: row for row in csv.DictReader(stats)}
    for name, target in TARGETS_MS.items():
        row = rows.get(name)
        if row is None:
            emit(figure=name, error="no requests")
            ok = False
            continue
        requests, failures = int(row["Request Count"]), int(row["Failure Count"])
        p50, p95 = float(row["50%"]), float(row["95%"])
        rate = float(row["Requests/s"])
        wanted = FORM_RATE if "meld" in name else DASHBOARD_RATE
        lowest = lowest_rate(wanted)
        emit(
            figure=name,
            requests=requests,
            failures=failures,
            rate_per_s=round(rate, 1),
            target_rate_per_s=wanted,
            lowest_rate_per_s=round(lowest, 2),
            p50_ms=p50,
            p95_ms=p95,
            target_p95_ms=target,
        )
        ok &= failures == 0 and rate >= lowest
        if CHECK_LATENCY:
            ok &= p95 <= target
    first, last, ratio = memory_growth(samples)
    emit(
        figure="worker_memory_mb",
        first_third=round(first, 1),
        last_third=round(last, 1),
        ratio=round(ratio, 3),
        limit=MEMORY_GROWTH_LIMIT,
    )
    ok &= ratio <= MEMORY_GROWTH_LIMIT
    with open(f"{csv_prefix}_failures.csv", newline="") as failures:
        for row in list(csv.DictReader(failures))[:10]:
            emit(failure=row)
    emit(verdict="pass" if ok else "fail", duration_s=DURATION, check_latency=CHECK_LATENCY)
    return ok


if __name__ == "__main__":
    sys.exit(main())
