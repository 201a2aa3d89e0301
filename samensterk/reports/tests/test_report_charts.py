"""The report's charts name merged and suppressed parts instead of dropping them."""

from datetime import date

from django.test import TestCase
from django.utils import translation

from samensterk.lib.suppression import publish_list
from samensterk.reports.report_charts import chart_items, report_bar_chart
from samensterk.reports.signal_report import _series, _table


def chart_of(table: dict) -> str:
    return str(report_bar_chart(chart_items(table["chart"]), title=table["title"], description="d"))


class ReportChartTests(TestCase):
    def setUp(self):
        # The texts checked are the Dutch ones, whatever an earlier test left active.
        translation.activate("nl")
        self.addCleanup(translation.deactivate)

    def test_small_categories_are_merged_into_a_named_bar(self):
        counts = {"Vervoer": 20, "Wonen": 9, "Zorg": 3, "Onderwijs": 4}
        table = _table("Per thema", "Thema", publish_list(counts), other="Overige thema's")
        self.assertEqual(table["merged"], ["Onderwijs", "Zorg"])  # by name, not by size
        self.assertIn(["Overige thema's", "7"], table["rows"])
        self.assertIn(["Overige thema's", 7, "other"], table["chart"])
        self.assertEqual(table["total"], "36")
        svg = chart_of(table)
        self.assertIn("Overige thema&#x27;s (n = 7)", svg)
        for label in ["Vervoer", "Wonen"]:
            self.assertIn(f">{label}</text>", svg)

    def test_suppressed_categories_get_a_marked_bar_not_a_hole(self):
        counts = {"Vervoer": 20, "Wonen": 3, "Onderwijs": 4, "Zorg": 9}
        with translation.override("nl"):
            table = _table("Per thema", "Thema", publish_list(counts, merge=False))
            svg = chart_of(table)
        kinds = {label: kind for label, _value, kind in table["chart"]}
        self.assertEqual(list(kinds), list(counts))  # every category keeps its place
        self.assertEqual(
            (kinds["Vervoer"], kinds["Wonen"], kinds["Onderwijs"]),
            ("shown", "suppressed", "suppressed"),
        )
        self.assertIn(["Wonen", "x"], table["rows"])
        self.assertEqual(svg.count("x: niet getoond"), list(kinds.values()).count("suppressed"))
        self.assertIn(">Wonen</text>", svg)
        self.assertIn(">Onderwijs</text>", svg)
        self.assertIn('fill="url(#hatch-', svg)

    def test_a_series_with_small_months_is_drawn_per_quarter_or_year(self):
        months = {date(2026, 1, 1): 10, date(2026, 2, 1): 2, date(2026, 3, 1): 7}
        series = _series(months, date(2026, 1, 1), date(2026, 3, 31))
        self.assertIn(series["granularity"], {"quarter", "year"})
        self.assertNotEqual(series["title"], "Signalen per maand")
        self.assertTrue(all(kind == "shown" for _l, _v, kind in series["chart"]))
        self.assertEqual(sum(value for _l, value, _k in series["chart"]), 19)

    def test_a_series_with_enough_per_month_stays_monthly(self):
        months = {date(2026, 1, 1): 10, date(2026, 2, 1): 6, date(2026, 3, 1): 7}
        with translation.override("nl"):
            series = _series(months, date(2026, 1, 1), date(2026, 3, 31))
        self.assertEqual(series["granularity"], "month")
        self.assertEqual(series["rows"][0], ["januari 2026", "10"])

    def test_older_snapshots_keep_their_charts(self):
        self.assertEqual(chart_items([["Vervoer", 7]]), [("Vervoer", 7, "shown")])

    def test_a_period_the_report_cuts_off_is_marked_as_part(self):
        months = {date(2025, 12, 1): 10, date(2026, 1, 1): 6, date(2026, 2, 1): 7}
        series = _series(months, date(2025, 12, 8), date(2026, 2, 28))
        self.assertEqual(series["granularity"], "month")
        self.assertEqual(
            [label for label, _n in series["rows"][:2]], ["december 2025 (deels)", "januari 2026"]
        )
