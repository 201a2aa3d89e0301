import contextlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import SimpleTestCase, override_settings

FIGURES = {
    "fill_signals",
    "signal_list_p95",
    "triage_list_p95",
    "signal_page_with_similar_p95",
    "group_dashboard_p95",
    "national_dashboard_p95",
    "dossier_page_p95",
    "report_page_p95",
    "public_form_get_p95",
    "public_form_post_p95",
    "published_shown_share",
    "open_data_table_first",
    "open_data_table_after_p95",
    "open_data_csv_first",
    "open_data_csv_after_p95",
    "open_data_xlsx_first",
    "open_data_xlsx_after_p95",
    "open_data_quarters_made",
    "signal_report_page_first",
    "signal_report_page_after_p95",
    "signal_report_pdf_first",
    "signal_report_pdf_after_p95",
    "import_throughput",
    "import_progress_steps",
    "web_worker_rss_after_warm_up",
    "import_signals_30_rows_process",
}


class BenchmarkCommandTests(SimpleTestCase):
    @override_settings(DEBUG=True)
    def test_it_measures_as_production_runs_with_debug_off(self):
        command = "samensterk.benchmark.management.commands.benchmark"
        seen = []
        with (
            mock.patch(f"{command}.ScratchDatabase", contextlib.nullcontext),
            mock.patch(f"{command}.run", lambda n, emit: seen.append((n, settings.DEBUG))),
        ):
            call_command("benchmark", "--size", "100")
        self.assertEqual(seen, [(100, False)])
        self.assertTrue(settings.DEBUG)


# The whole suite on a small scratch database takes minutes: out of the default run
# (pyproject's addopts); scripts/test runs it once, on SQLite.
@pytest.mark.benchmark
def test_the_benchmark_prints_every_figure_with_its_baseline():
    with tempfile.TemporaryDirectory() as folder:
        env = {k: v for k, v in os.environ.items() if k != "PYTEST_VERSION"}
        env.setdefault("DATABASE_URL", f"sqlite:///{folder}/main.db")
        env["DEBUG"] = "1"
        result = subprocess.run(  # noqa: S603
            [str(Path(sys.executable).parent / "samensterk"), "benchmark", "--size", "400"],
            env=env,
            capture_output=True,
            text=True,
            timeout=1200,
            check=False,
        )
    assert result.returncode == 0, result.stderr[-3000:]
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    names = [line["name"] for line in lines]
    assert set(names) == FIGURES, set(names) ^ FIGURES
    for line in lines:
        assert set(line) == {"name", "value", "unit", "baseline", "baseline_value", "n"}
        if line["unit"] == "ratio":  # a share: 400 signals may leave a year's cells all hidden
            assert 0 <= line["value"] <= 1 and 0 <= line["baseline_value"] <= 1, line
        else:
            assert line["value"] > 0, line
