"""The figures people feel, each beside a baseline measured in the same run.

- every staff page type, p95, against a bare Django view that renders one row through the
  same middleware (target: within 150 ms);
- the public form, GET and POST, p95, against bare views that render or insert one row
  (target: within 100 ms);
- the open-data table and a signal report (page and PDF): the first time and after, against
  counting the same signals directly (targets: 2 s, then 200 ms);
- an import, against bulk_create of the same rows (target: at least half its rate);
- processes.py: a web worker's memory after warm-up, and import_signals of 30 rows as a whole
  process against `samensterk check`.

Runs on a scratch database (Django's test-database machinery: a temporary SQLite file or a
temporary PostgreSQL database) and a scratch data folder, never on the real ones.
"""

from __future__ import annotations

import contextlib
import io
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import override_settings
from django.utils import timezone

from samensterk.insight.municipality import clear_cache
from samensterk.test import login_verified

from . import processes, urls
from .data import fill, synthetic_rows

ROUNDS = 15  # requests per page, after one warm-up
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def timed(function: Callable) -> float:
    """Milliseconds for one call."""
    started = time.perf_counter()
    function()
    return (time.perf_counter() - started) * 1000


def figure(name, value, unit, baseline, baseline_value, n) -> dict:
    return {
        "name": name,
        "value": round(value, 3),
        "unit": unit,
        "baseline": baseline,
        "baseline_value": round(baseline_value, 3),
        "n": n,
    }


class ScratchDatabase:
    """Switch the default connection to a fresh, migrated database and the data folder to a
    temporary one; restore both afterwards."""

    def __enter__(self):
        self.folder = tempfile.TemporaryDirectory()
        settings_dict = connection.settings_dict
        if connection.vendor == "sqlite":
            settings_dict.setdefault("TEST", {})["NAME"] = str(Path(self.folder.name) / "bench.db")
        else:
            settings_dict.setdefault("TEST", {})["NAME"] = (
                f"samensterk_benchmark_{uuid.uuid4().hex[:8]}"
            )
        # Quietly: stdout is the benchmark's JSON lines.
        with contextlib.redirect_stdout(io.StringIO()):
            self.old_name = connection.creation.create_test_db(
                verbosity=0, autoclobber=True, serialize=False
            )
        self.data = override_settings(DATA_DIR=Path(self.folder.name) / "data")
        self.data.enable()
        clear_cache()  # the gazetteer's ids are those of the scratch database
        return self

    def __exit__(self, *exc):
        self.data.disable()
        clear_cache()
        connection.close()
        connection.creation.destroy_test_db(self.old_name, verbosity=0)
        self.folder.cleanup()


def run(n: int, emit: Callable[[dict], None]) -> None:
    started = time.perf_counter()
    world = fill(n)
    if connection.vendor == "postgresql":
        # After a bulk load PostgreSQL plans without statistics until autovacuum has analysed
        # the table (within minutes in production); do it now, as it would.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    emit(figure("fill_signals", n / (time.perf_counter() - started), "rows/s", "none", 0, n))
    world.update(_fixtures(world))
    cache.clear()
    with override_settings(ROOT_URLCONF=urls.__name__, MELDKNOP_RATE=(100_000, 3600)):
        # As in production, the pages only enqueue their tasks (a worker would run them).
        for part in (_staff_pages, _public_form):
            _step(part, world, n, emit)
        # Here "first" means until the work is done: the tasks run at once, in the request.
        with override_settings(TASKS=IMMEDIATE):
            _step(_published_figures, world, n, emit)
        _step(_published_share, world, n, emit)
    _step(_import, world, n, emit)
    _step(processes.run, world, n, emit)


def _step(part, world, n, emit) -> None:
    started = time.perf_counter()
    part(world, n, emit)
    print(
        f"{part.__module__}.{part.__name__}: {time.perf_counter() - started:.1f} s", file=sys.stderr
    )


def _fixtures(world) -> dict:
    """Who looks, and a dossier and a report to look at."""
    from samensterk.accounts.models import User
    from samensterk.dossiers.services import dossier_create
    from samensterk.intake.models import Signal
    from samensterk.reports import signal_report

    group = world["groups"][0]
    coordinator = User.objects.get(email=f"coordinator.{group.slug}@samensterk.example")
    staff = User.objects.get(email__startswith="landelijk@")
    signal = Signal.objects.filter(group=group, theme__isnull=False).order_by("-pk").first()
    linked = Signal.objects.filter(group=group, theme=signal.theme).order_by("-pk")[:200]
    dossier = dossier_create(
        organisation=group.organisation,
        group=group,
        actor=coordinator,
        title="Benchmark",
        problem="Het vervoer komt te laat.",
        municipalities=[signal.municipality],
        themes=[signal.theme],
        signals=list(linked),
    )
    today = timezone.localdate()
    report = signal_report.report_create(
        organisation=group.organisation,
        group=group,
        actor=coordinator,
        title="Benchmark",
        municipality=signal.municipality,
        theme=None,
        period_start=today - timedelta(days=365),
        period_end=today,
    )
    urls.BARE["signal"] = signal
    return {
        "group": group,
        "coordinator": coordinator,
        "staff": staff,
        "signal": signal,
        "dossier": dossier,
        "report": report,
    }


def _client(user=None) -> Client:
    client = Client(HTTP_HOST="127.0.0.1")
    if user is not None:
        login_verified(client, user)
    return client


def _page(client, url: str, name: str, baseline_url: str, n: int, *, post=None) -> dict:
    """A page's p95 over ROUNDS requests after one warm-up, taking turns with the bare view
    (both see the same machine load)."""

    def get(address):
        response = client.post(address, post()) if post else client.get(address)
        if response.status_code not in (200, 302):
            raise RuntimeError(f"{address}: {response.status_code}")

    get(url)
    get(baseline_url)
    page, base = [], []
    for _round in range(ROUNDS):
        page.append(timed(lambda: get(url)))
        base.append(timed(lambda: get(baseline_url)))
    return figure(
        name, percentile(page, 0.95), "ms", "bare_view_one_row_p95", percentile(base, 0.95), n
    )


def _staff_pages(world, n, emit) -> None:
    group, signal = world["group"], world["signal"]
    coordinator = _client(world["coordinator"])
    pages = [
        (f"/signalen/?groep={group.slug}&status=open&thema={signal.theme.code}", "signal_list"),
        (f"/signalen/?groep={group.slug}&status=nieuw", "triage_list"),
        (f"/signalen/{signal.reference}/", "signal_page_with_similar"),
        (f"/overzicht/groep/{group.slug}/", "group_dashboard"),
        (f"/dossiers/{world['dossier'].reference}/", "dossier_page"),
        (f"/rapporten/{world['report'].reference}/", "report_page"),
    ]
    for url, name in pages:
        emit(_page(coordinator, url, f"{name}_p95", "/benchmark/bare-page/", n))
    staff = _client(world["staff"])
    url = f"/overzicht/landelijk/{group.organisation.slug}/"
    emit(_page(staff, url, "national_dashboard_p95", "/benchmark/bare-page/", n))


def _public_form(world, n, emit) -> None:
    """The meldknop form as a visitor: the page, and sending it (a new story each time)."""
    from samensterk.intake.forms import MeldForm
    from samensterk.intake.services import consent_text_current

    group = world["group"]
    visitor = _client()
    consent = consent_text_current(group.organisation)
    texts = iter([r["text"] for r in synthetic_rows(4 * ROUNDS + 8, seed=13)])

    def form_data():
        return {
            "story": next(texts),
            "reporter_role": "familie",
            "consent_anonymous_use": "ja",
            "consent_share_national": "nee",
            "consent_contact": "nee",
            "form_token": MeldForm.make_token(uuid.uuid4(), group.pk, consent.pk),
        }

    url = f"/meld/{group.slug}/"
    emit(_page(visitor, url, "public_form_get_p95", "/benchmark/bare-page/", n))
    emit(_page(visitor, url, "public_form_post_p95", "/benchmark/bare-insert/", n, post=form_data))


def _published_figures(world, n, emit) -> None:
    """Figures that leave the organisation pass disclosure control. Open data: the worker
    works each closed quarter out once (timed here in this process); a request only reads the
    stored quarters. The signal report: the first request does the work (or finds it done by a
    task), the ones after find it cached."""
    from samensterk.intake.opendata import refresh
    from samensterk.reports import signal_report
    from samensterk.reports.models import SignalReportPdf

    report = world["report"]
    counted = signal_report.counted_signals(report)
    direct = timed(lambda: counted.count())
    coordinator = _client(world["coordinator"])
    organisation = world["group"].organisation
    slug = organisation.slug
    made = timed(lambda: refresh([organisation], now=True))
    emit(figure("open_data_quarters_made", made, "ms", "direct_count", direct, n))
    visitor = _client()  # open data needs no log-in
    for name, client, url in (
        ("open_data_table", visitor, f"/open-data/{slug}/"),
        ("open_data_csv", visitor, f"/open-data/{slug}/signalen.csv"),
        ("open_data_xlsx", visitor, f"/open-data/{slug}/signalen.xlsx"),
        ("signal_report_page", coordinator, f"/rapporten/{report.reference}/"),
        ("signal_report_pdf", coordinator, f"/rapporten/{report.reference}/rapport.pdf"),
    ):
        cache.clear()
        SignalReportPdf.objects.filter(report=report).delete()  # made again on the first request
        first = timed(lambda url=url, client=client: client.get(url))
        after = [timed(lambda url=url, client=client: client.get(url)) for _ in range(5)]
        emit(figure(f"{name}_first", first, "ms", "direct_count", direct, n))
        emit(figure(f"{name}_after_p95", percentile(after, 0.95), "ms", "direct_count", direct, n))


def _published_share(world, n, emit) -> None:
    """How much a published theme × municipality table of the last full year still says: the
    share of its signals in cells shown as asked (not merged, not hidden), against
    suppression alone on the same counts."""
    from django.utils import timezone

    from samensterk.lib.suppression import publish_table, suppress_table
    from samensterk.reports import published

    year = timezone.localdate().year - 1
    period = published.parse_period(str(year))
    counts = published.counts(world["organisation"], period, ["theme", "municipality"])
    rows = published.categories("theme", period, {key[0] for key in counts})
    columns = published.categories("municipality", period, {key[1] for key in counts})
    cache.clear()
    coarsened = publish_table(counts, rows, columns).shown_share()
    alone = suppress_table(counts, rows, columns).shown_share()
    emit(figure("published_shown_share", coarsened, "ratio", "suppression_only", alone, n))


def _import(world, n, emit) -> None:
    """An import through the product (validation, suggestions, one transaction, progress)
    against bulk_create of the same rows, taking turns three times; the medians."""
    import statistics

    from samensterk.intake.models import Signal
    from samensterk.intake.services import INSERT_BATCH
    from samensterk.intake.transfer import import_signals

    organisation = world["group"].organisation
    rows_n = 2_000
    rows = [[r["text"], "import"] for r in synthetic_rows(rows_n, seed=11)]
    import_signals(organisation=organisation, header=["text", "channel"], rows=rows[:5])
    steps = []

    def plain(round_number):
        now = timezone.now()
        return [
            Signal(
                organisation_id=organisation.pk,
                reference=f"P{round_number}-{i:09d}",
                submission_id=uuid.uuid4(),
                tracking_hash=uuid.uuid4().hex,
                channel="import",
                received_at=now,
                story=text,
            )
            for i, (text, _channel) in enumerate(rows)
        ]

    imports, bulks = [], []
    for round_number in range(3):
        started = time.perf_counter()
        import_signals(
            organisation=organisation,
            header=["text", "channel"],
            rows=rows,
            progress=lambda done, total: steps.append(done),
        )
        imports.append(rows_n / (time.perf_counter() - started))
        objects = plain(round_number)
        started = time.perf_counter()
        with transaction.atomic():
            Signal.objects.bulk_create(objects, batch_size=INSERT_BATCH)
        bulks.append(rows_n / (time.perf_counter() - started))
    emit(
        figure(
            "import_throughput",
            statistics.median(imports),
            "rows/s",
            "bulk_create_same_rows",
            statistics.median(bulks),
            rows_n,
        )
    )
    emit(figure("import_progress_steps", len(steps) / 3, "steps", "none", 0, rows_n))
