"""The performance suite behind `samensterk benchmark`: every figure against an in-run baseline.

Runs on a scratch database (Django's test-database machinery: a temporary SQLite file or a
temporary PostgreSQL database), never on the real one.
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import numpy as np
from django.db import connection
from django.utils import timezone


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def timed(function: Callable, repeat: int) -> list[float]:
    """Milliseconds per call."""
    results = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        results.append((time.perf_counter() - started) * 1000)
    return results


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
    """Switch the default connection to a fresh, migrated database; restore it afterwards."""

    def __enter__(self):
        self.folder = tempfile.TemporaryDirectory()
        settings_dict = connection.settings_dict
        if connection.vendor == "sqlite":
            settings_dict.setdefault("TEST", {})["NAME"] = str(Path(self.folder.name) / "bench.db")
        else:
            settings_dict.setdefault("TEST", {})["NAME"] = (
                f"samensterk_benchmark_{uuid.uuid4().hex[:8]}"
            )
        self.old_name = connection.creation.create_test_db(
            verbosity=0, autoclobber=True, serialize=False
        )
        return self

    def __exit__(self, *exc):
        connection.creation.destroy_test_db(self.old_name, verbosity=0)
        self.folder.cleanup()


def synthetic_rows(n: int, seed: int = 7) -> Iterator[dict]:
    """Realistic text lengths and theme/municipality/time distributions, quickly."""
    from samensterk.demo.signals import STORIES

    rng = random.Random(seed)
    extra = [
        "Dit is al de derde keer.",
        "Wij weten niet meer waar we terecht kunnen.",
        "Andere ouders hebben hetzelfde probleem.",
        "Graag aandacht hiervoor.",
        "Mijn zoon is er erg van in de war.",
        "Niemand belt terug.",
    ]
    weights = [rng.paretovariate(1.2) for _ in STORIES]  # some problems are far more common
    for i in range(n):
        code, story = rng.choices(STORIES, weights=weights)[0]
        parts = [story.format(gemeente="onze gemeente")]
        parts += rng.sample(extra, rng.randint(0, 3))
        yield {
            "number": i,
            "text": " ".join(parts),
            "theme": code,
            "days_ago": min(729.0, rng.expovariate(1 / 200)),
            "status": rng.choices(
                ["nieuw", "in_behandeling", "besproken", "afgerond"], weights=[3, 2, 4, 3]
            )[0],
        }


def fill(n: int) -> dict:
    """The scratch organisation, groups and N signals, bulk-inserted."""
    from samensterk.demo.people import load_people
    from samensterk.intake.models import Signal
    from samensterk.themes.models import Theme

    people = load_people()
    organisation = people["organisation"]
    groups = list(people["groups"].values())
    areas = {g.pk: list(g.municipalities.all()) for g in groups}
    themes = {t.code: t for t in Theme.objects.all()}
    now = timezone.now()
    batch = []
    for row in synthetic_rows(n):
        group = groups[row["number"] % len(groups)]
        batch.append(
            Signal(
                organisation=organisation,
                group=group,
                reference=f"S-{row['number']:09d}",
                submission_id=uuid.uuid4(),
                tracking_hash=uuid.uuid4().hex,
                channel="meldknop",
                received_at=now - timedelta(days=row["days_ago"]),
                municipality=areas[group.pk][row["number"] % len(areas[group.pk])],
                theme=themes.get(row["theme"]),
                story=row["text"],
                story_pseudonymised=row["text"],
                status=row["status"],
            )
        )
        if len(batch) == 5000:
            Signal.objects.bulk_create(batch)
            batch = []
    Signal.objects.bulk_create(batch)
    return {"organisation": organisation, "groups": groups}


def run(n: int, emit: Callable[[dict], None]) -> None:
    from django.test import Client, RequestFactory

    from samensterk.accounts.models import User
    from samensterk.insight.services import classifier_for
    from samensterk.intake import selectors as signal_selectors
    from samensterk.intake.models import Signal
    from samensterk.intake.transfer import import_signals

    started = time.perf_counter()
    world = fill(n)
    emit(figure("fill_signals", n / (time.perf_counter() - started), "rows/s", "none", 0, n))
    organisation, group = world["organisation"], world["groups"][0]

    # 1. Import with suggestions on, against a plain bulk insert of the same rows.
    rows_n = min(n, 2000)
    rows = [[r["text"], "import"] for r in synthetic_rows(rows_n, seed=11)]
    # Steady state: the pseudonymiser and suggester load once per process (a few seconds).
    from samensterk.privacy.pseudonymise import warm_up

    warm_up()
    import_signals(organisation=organisation, header=["text", "channel"], rows=rows[:5])
    started = time.perf_counter()
    import_signals(organisation=organisation, header=["text", "channel"], rows=rows)
    import_rate = rows_n / (time.perf_counter() - started)
    plain = [
        Signal(
            organisation=organisation,
            reference=f"P-{i:09d}",
            submission_id=uuid.uuid4(),
            tracking_hash=uuid.uuid4().hex,
            channel="import",
            received_at=timezone.now(),
            story=text,
        )
        for i, (text, _channel) in enumerate(rows)
    ]
    started = time.perf_counter()
    Signal.objects.bulk_create(plain)
    emit(
        figure(
            "import_throughput",
            import_rate,
            "rows/s",
            "bulk_insert_same_rows",
            rows_n / (time.perf_counter() - started),
            rows_n,
        )
    )

    # 2. The public form through the real view and middleware, against a bare insert view.
    client = Client(HTTP_HOST="127.0.0.1")
    from samensterk.intake.forms import MeldForm
    from samensterk.intake.services import consent_text_current

    consent = consent_text_current(organisation)
    texts = [r["text"] for r in synthetic_rows(60, seed=13)]

    def post_form(index=[0]):  # noqa: B006 – a counter across calls
        index[0] += 1
        client.post(
            f"/meld/{group.slug}/",
            {
                "story": texts[index[0] % len(texts)],
                "reporter_role": "familie",
                "form_token": MeldForm.make_token(uuid.uuid4(), group.pk, consent.pk),
            },
        )

    from django.core.cache import cache

    cache.clear()
    from django.test.utils import override_settings

    with override_settings(MELDKNOP_RATE=(10_000, 3600)):
        post_form()  # warm up: the suggester and pseudonymiser load once per process
        intake = timed(post_form, 40)
    factory = RequestFactory()

    def bare_view(request):
        Signal.objects.create(
            organisation=organisation,
            group=group,
            reference=f"B-{uuid.uuid4().hex[:9]}",
            submission_id=uuid.uuid4(),
            tracking_hash=uuid.uuid4().hex,
            channel="meldknop",
            received_at=timezone.now(),
            story=request.POST["story"],
        )

    bare = timed(lambda: bare_view(factory.post("/", {"story": texts[0]})), 40)
    emit(
        figure(
            "intake_post_p50",
            statistics.median(intake),
            "ms",
            "bare_insert_view_p50",
            statistics.median(bare),
            len(intake),
        )
    )
    emit(
        figure(
            "intake_post_p95",
            percentile(intake, 0.95),
            "ms",
            "bare_insert_view_p95",
            percentile(bare, 0.95),
            len(intake),
        )
    )

    # 3. Theme suggestion for one signal.
    classifier = classifier_for(organisation.pk)
    suggestion_times = []
    for text in texts:
        suggestion_times += timed(lambda t=text: classifier.suggest(t), 1)
    emit(
        figure(
            "theme_suggestion_p95",
            percentile(suggestion_times, 0.95),
            "ms",
            "none",
            0,
            len(suggestion_times),
        )
    )

    # 4. Similar signals on the signal page, against an exact search over all signals.
    user = User.objects.get(email__startswith=f"coordinator.{group.slug}")
    from samensterk.accounts.permissions import scope_for

    scope = scope_for(user)
    sample = list(Signal.objects.filter(group=group).order_by("?")[:10])
    similar = []
    found_in_window = []
    signal_selectors.similar_for(scope, sample[0], limit=10)  # warm up
    for signal in sample:
        similar += timed(lambda s=signal: signal_selectors.similar_for(scope, s, limit=10), 1)
    from samensterk.insight.similar import most_similar, vectorise

    texts_all = list(Signal.objects.filter(group=group).values_list("pk", "story"))
    position = {pk: i for i, (pk, _t) in enumerate(texts_all)}
    matrix = vectorise([t for _pk, t in texts_all])  # the judge: exact cosine over all
    exact_times = []
    for signal in sample[:3]:
        ordered = [signal.story] + [t for pk, t in texts_all if pk != signal.pk]
        exact_times += timed(lambda o=ordered: most_similar(o, 10, block=1), 1)
    for signal in sample:
        scores = (matrix[position[signal.pk]] @ matrix.T).toarray()[0]
        scores[position[signal.pk]] = -1
        kth = np.sort(scores)[-10]
        shown = [
            item["signal"].pk for item in signal_selectors.similar_for(scope, signal, limit=10)
        ]
        # Found: as similar as the exact search's 10th best (ties count; the data has duplicates).
        found_in_window.append(sum(scores[position[pk]] >= kth - 1e-9 for pk in shown) / 10)
    emit(
        figure(
            "similar_top10_p95",
            percentile(similar, 0.95),
            "ms",
            "exact_search_p95",
            percentile(exact_times, 0.95),
            len(texts_all),
        )
    )
    emit(
        figure(
            "similar_recall_vs_exact",
            statistics.mean(found_in_window),
            "fraction",
            "exact_search",
            1.0,
            len(texts_all),
        )
    )

    # 5. The group's figures on the overview and the signal list, against raw SQL.
    group_ids = [g.pk for g in world["groups"]]
    overview = timed(lambda: signal_selectors.open_counts_by_group(group_ids), 20)
    table = Signal._meta.db_table

    def raw_counts():
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT group_id, SUM(CASE WHEN status='nieuw' THEN 1 ELSE 0 END), COUNT(*) "  # noqa: S608
                f"FROM {table} WHERE group_id IN ({','.join(map(str, group_ids))}) "
                "AND status IN ('nieuw','in_behandeling') GROUP BY group_id"
            )
            cursor.fetchall()

    raw = timed(raw_counts, 20)
    emit(
        figure(
            "group_overview_counts_p95",
            percentile(overview, 0.95),
            "ms",
            "raw_sql_aggregate_p95",
            percentile(raw, 0.95),
            n,
        )
    )
    client.force_login(user)
    page = timed(lambda: client.get(f"/signalen/?groep={group.slug}"), 10)

    def raw_page():
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT COUNT(*) FROM {table} WHERE group_id = %s",  # noqa: S608
                [group.pk],
            )
            cursor.execute(
                f"SELECT id, story FROM {table} WHERE group_id = %s "  # noqa: S608
                "ORDER BY received_at DESC LIMIT 50",
                [group.pk],
            )
            cursor.fetchall()

    raw_list = timed(raw_page, 10)
    emit(
        figure(
            "signal_list_page_p95",
            percentile(page, 0.95),
            "ms",
            "raw_sql_page_p95",
            percentile(raw_list, 0.95),
            n,
        )
    )
