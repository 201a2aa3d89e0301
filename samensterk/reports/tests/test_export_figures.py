"""`samensterk export_figures`: a table exactly as it would leave the organisation."""

import csv
import io
from datetime import UTC, datetime

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import SimpleTestCase

from samensterk.intake.models import Signal, Status
from samensterk.places.models import Municipality
from samensterk.reports.published import parse_dimensions, parse_period
from samensterk.test import BaseTestCase, make_signal
from samensterk.themes.models import Theme


def run(*args):
    out = io.StringIO()
    call_command("export_figures", *args, stdout=out)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


class ParseTests(SimpleTestCase):
    def test_periods(self):
        self.assertEqual(str(parse_period("2026").last), "2026-12-31")
        self.assertEqual(str(parse_period("2026-Q3").first), "2026-07-01")
        self.assertEqual(str(parse_period("2026-Q3").last), "2026-09-30")
        span = parse_period("2025-11..2026-02")
        self.assertEqual((str(span.first), str(span.last)), ("2025-11-01", "2026-02-28"))
        for bad in ["26", "2026-Q5", "2026-04..2026-01", "2026-13..2027-01", "gisteren"]:
            with self.assertRaises(ValidationError):
                parse_period(bad)

    def test_dimensions(self):
        self.assertEqual(parse_dimensions("theme,municipality"), ["theme", "municipality"])
        for bad in ["", "theme,theme", "theme,municipality,quarter", "gemeente"]:
            with self.assertRaises(ValidationError):
                parse_dimensions(bad)


class ExportFiguresTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        amsterdam = Municipality.objects.get(code="GM0363")
        middelburg = Municipality.objects.get(code="GM0687")
        vlissingen = Municipality.objects.get(code="GM0718")
        haarlem = Municipality.objects.get(code="GM0392")
        vervoer, wonen = Theme.objects.get(code="vervoer"), Theme.objects.get(code="wonen")
        made = []
        for municipality, theme, n in [
            (amsterdam, vervoer, 12),
            (amsterdam, wonen, 7),
            (haarlem, vervoer, 6),
            (haarlem, wonen, 8),
            (middelburg, vervoer, 2),  # a small municipality: merged or hidden, never shown
            (vlissingen, wonen, 3),
        ]:
            made += [
                make_signal(cls.group_a, municipality=municipality, theme=theme) for _ in range(n)
            ]
        made.append(make_signal(cls.group_b, municipality=vlissingen, theme=wonen))
        withdrawn = make_signal(cls.group_a, municipality=amsterdam, theme=vervoer)
        Signal.objects.filter(pk=withdrawn.pk).update(status=Status.WITHDRAWN)
        Signal.objects.filter(organisation=cls.alfa).update(
            received_at=datetime(2026, 8, 10, 12, tzinfo=UTC)
        )
        make_signal(cls.group_x, municipality=amsterdam, theme=vervoer)  # Omega's

    def setUp(self):
        cache.clear()

    def test_the_published_table_merges_small_municipalities_and_shows_the_rest(self):
        rows = run("--organisation", "alfa", "--by", "municipality,theme", "--period", "2026")
        cell = {(r["municipality"], r["theme"]): r for r in rows}
        self.assertEqual(cell[("GM0363", "vervoer")]["count"], "12")
        self.assertEqual(cell[("GM0363", "totaal")]["count"], "19")
        self.assertEqual(cell[("GM0392", "totaal")]["count"], "14")
        self.assertEqual(cell[("totaal", "totaal")]["count"], "39")  # not the withdrawn one
        # Middelburg (2) and Vlissingen (4) together: "overige", and each listed as merged.
        self.assertEqual(cell[("overige", "totaal")]["count"], "6")
        self.assertEqual(cell[("GM0687", "totaal")]["status"], "merged")
        self.assertEqual(cell[("GM0687", "totaal")]["count"], "")
        for row in rows:
            if row["status"] == "shown":
                self.assertFalse(0 < int(row["count"]) < 5, row)
            else:
                self.assertEqual(row["count"], "", row)
        self.assertEqual(set(rows[0]), {"municipality", "theme", "count", "status"})

    def test_exact_agrees_wherever_a_cell_is_shown(self):
        args = ["--organisation", "alfa", "--by", "theme,municipality", "--period", "2026-Q3"]
        published, exact = run(*args), run(*args, "--exact")
        exact_cells = {(r["theme"], r["municipality"]): r["count"] for r in exact}
        self.assertEqual(exact_cells[("vervoer", "GM0687")], "2")
        self.assertTrue(all(r["status"] == "shown" for r in exact))
        compared = 0
        for row in published:
            key = (row["theme"], row["municipality"])
            if row["status"] == "shown" and "overige" not in key:
                self.assertEqual(row["count"], exact_cells[key], key)
                compared += 1
        self.assertGreater(compared, 10)

    def test_one_dimension_by_quarter_and_a_group(self):
        rows = run(
            "--organisation",
            "alfa",
            "--group",
            "groep-a",
            "--by",
            "quarter",
            "--period",
            "2026-05..2026-10",
        )
        self.assertEqual([r["quarter"] for r in rows], ["2026-Q2", "2026-Q3", "2026-Q4", "totaal"])
        self.assertEqual(rows[1]["count"], "38")
        self.assertEqual(rows[0]["count"], "0")
        self.assertEqual(rows[-1]["count"], "38")

    def test_bad_input_is_refused_in_dutch(self):
        with self.assertRaisesMessage(CommandError, "Onbekende organisatie"):
            run("--organisation", "nope", "--by", "theme", "--period", "2026")
        with self.assertRaisesMessage(CommandError, "Onbekende groep"):
            run(
                "--organisation", "omega", "--group", "groep-a", "--by", "theme", "--period", "2026"
            )
        with self.assertRaisesMessage(CommandError, "Geef een jaar"):
            run("--organisation", "alfa", "--by", "theme", "--period", "volgend jaar")
