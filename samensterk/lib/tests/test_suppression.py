"""Disclosure control, attacked: an adversary (tests/attacker.py, apart from the code it
attacks) that knows every published figure, which categories were merged, and, in a
coalition, a partner's own cells, may narrow no small count down."""

import random
from datetime import date
from unittest import mock

from django.core.cache import cache
from django.test import SimpleTestCase, TestCase, override_settings

from samensterk.lib import suppression
from samensterk.lib.suppression import (
    OTHER,
    minimum,
    publish_list,
    publish_series,
    publish_table,
)

from .attacker import Attacker, grid, labelled, narrowed


def attack(test, counts, rows, columns, k=5, **options):
    table = publish_table(counts, rows, columns, k=k, **options)
    reader = Attacker([(table, grid)], rows, columns)
    found = narrowed(reader, counts, rows, columns, k, labelled(table, rows, columns))
    test.assertEqual(found, [], f"narrowed in {counts}")
    return table


def random_counts(rng, rows, columns, values=(0, 0, 1, 2, 3, 4, 6, 9, 14, 30)):
    return {(r, c): rng.choice(values) for r in rows for c in columns}


# The rules themselves, worked out every time (no cache, no database).
@override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}})
class PublishTests(SimpleTestCase):
    def test_small_categories_are_merged_into_overige(self):
        table = publish_list({"vervoer": 12, "wonen": 3, "zorg": 9, "werk": 7})
        self.assertEqual(table.rows, ["vervoer", "zorg", OTHER])
        self.assertEqual(table.merged_rows, ["wonen", "werk"])
        self.assertEqual(table.cell(OTHER, "n").shown, 3 + 7)
        self.assertEqual(table.total.shown, 31)
        self.assertFalse(table.hidden_any)

    def test_a_merge_leaves_every_member_room_to_reach_k(self):
        # 3 + 2 + 1 = 6: each member would be known to be 1..4, so the smallest big one joins.
        table = publish_list({"a": 12, "b": 3, "c": 2, "d": 1, "e": 20})
        self.assertEqual(sorted(table.merged_rows), ["a", "b", "c", "d"])
        self.assertEqual(table.cell(OTHER, "n").shown, 18)
        self.assertEqual(table.cell("e", "n").shown, 20)

    def test_one_small_category_alone_is_not_merged_away_silently(self):
        table = publish_list({"a": 40, "b": 3, "c": 30})
        self.assertEqual(len(table.merged_rows), 2)
        self.assertNotIn("b", table.rows)

    def test_a_merge_does_not_pin_its_members_for_a_reader_who_knows_the_rule(self):
        # 4 + 4 = 8: whoever knows that merged ones are under 5 knows both are 4.
        table = publish_list({"a": 4, "b": 4, "c": 30})
        self.assertEqual(sorted(table.merged_rows), ["a", "b", "c"])
        table = publish_list({"a": 4, "b": 3, "c": 30})
        self.assertEqual(sorted(table.merged_rows), ["a", "b"])

    def test_a_merge_without_room_is_not_made(self):
        # 4 + 1 merged would say both are small: suppressed instead, the total shown.
        table = publish_list({"a": 4, "b": 1})
        self.assertEqual(table.merged_rows, [])
        self.assertEqual(str(table.cell("a", "n")), "< 5")
        self.assertEqual(table.total.shown, 5)

    def test_marks_that_pin_each_other_are_loosened_not_the_total(self):
        # 4 + 4 = 8 with both "< 5" would say both are 4: the total stays, the marks loosen.
        table = publish_list({"a": 4, "b": 4}, merge=False)
        self.assertEqual(table.total.shown, 8)
        self.assertIn("x", [str(table.cell(r, "n")) for r in "ab"])
        attack(self, {("a", "n"): 4, ("b", "n"): 4}, ["a", "b"], ["n"], merge_rows=False)

    def test_zero_is_shown(self):
        table = publish_list({"vervoer": 12, "wonen": 0, "zorg": 9})
        self.assertFalse(table.hidden_any)
        self.assertEqual(str(table.cell("wonen", "n")), "0")

    def test_without_merging_small_counts_are_hidden(self):
        table = publish_list({"vervoer": 12, "wonen": 3, "zorg": 9, "werk": 7}, merge=False)
        self.assertEqual(str(table.cell("wonen", "n")), "< 5")
        self.assertEqual(table.cell("wonen", "n").status, "suppressed")
        self.assertEqual(str(table.cell("werk", "n")), "x")  # or the total gives it away
        self.assertEqual(table.total.shown, 31)

    def test_k_can_be_set_but_never_below_three(self):
        self.assertEqual(minimum(3), 3)
        with self.assertRaises(ValueError):
            minimum(2)
        with self.settings(SUPPRESSION_K=7):
            table = publish_list({"a": 6, "b": 20, "c": 30}, merge=False)
            self.assertEqual(str(table.cell("a", "n")), "< 7")

    def test_a_small_total_is_hidden(self):
        table = publish_list({"a": 1, "b": 2})
        self.assertEqual(table.total.status, "suppressed")
        self.assertEqual(table.shown_share(), 0)

    def test_a_series_widens_its_period_before_it_suppresses(self):
        months = {date(2026, m, 1): n for m, n in [(1, 2), (2, 3), (3, 1), (4, 9), (5, 8)]}
        months[date(2026, 6, 1)] = 7
        level, table = publish_series(months, date(2026, 1, 1), date(2026, 6, 30))
        self.assertEqual(level, "quarter")
        self.assertEqual(table.rows, [date(2026, 1, 1), date(2026, 4, 1)])
        self.assertEqual([table.cell(r, "n").shown for r in table.rows], [6, 24])
        level, table = publish_series(
            {date(2026, m, 1): 10 for m in range(1, 7)}, date(2026, 1, 1), date(2026, 6, 30)
        )
        self.assertEqual(level, "month")

    def test_no_small_count_can_be_narrowed_in_random_tables(self):
        rng = random.Random(5)
        hidden_seen = merged_seen = 0
        for _ in range(30):
            rows = [f"r{i}" for i in range(rng.randint(2, 5))]
            columns = [f"c{j}" for j in range(rng.randint(2, 5))]
            table = attack(self, random_counts(rng, rows, columns), rows, columns)
            hidden_seen += table.hidden_any
            merged_seen += bool(table.merged_rows or table.merged_columns)
            if table.total.value >= 5:
                self.assertEqual(table.total.status, "shown")  # a table shows its total
        self.assertGreater(hidden_seen, 5)
        self.assertGreater(merged_seen, 5)

    def test_no_small_count_can_be_narrowed_without_merging(self):
        rng = random.Random(8)
        for _ in range(20):
            rows, columns = ["a", "b", "c", "d"], ["x", "y", "z"]
            counts = random_counts(rng, rows, columns)
            attack(self, counts, rows, columns, merge_rows=False, merge_columns=False)

    def test_cells_hidden_across_rows_do_not_narrow_each_other(self):
        counts = {("a", "x"): 2, ("a", "y"): 10, ("b", "x"): 3, ("b", "y"): 11, ("c", "y"): 9}
        attack(self, counts, ["a", "b", "c"], ["x", "y"], merge_rows=False, merge_columns=False)

    def test_the_attacker_does_find_a_leak(self):
        # The attacker is not blind: publish one small cell with its row total shown.
        counts = {("a", "x"): 2, ("a", "y"): 10, ("b", "x"): 8, ("b", "y"): 11}
        table = publish_table(counts, ["a", "b"], ["x", "y"], merge_rows=False, merge_columns=False)
        leaky = suppression.Cell(12, "", 5)
        cells = {
            key: suppression.Cell(n, "primary" if n < 5 else "", 5) for key, n in counts.items()
        }
        table.cells = cells
        table.row_totals = {**table.row_totals, "a": leaky}
        reader = Attacker([(table, grid)], ["a", "b"], ["x", "y"])
        found = narrowed(
            reader, counts, ["a", "b"], ["x", "y"], 5, labelled(table, ["a", "b"], ["x", "y"])
        )
        self.assertEqual(found[0][0], [("a", "x")])

    def test_a_table_says_how_much_it_shows(self):
        counts = {("a", "x"): 20, ("a", "y"): 10, ("b", "x"): 30, ("b", "y"): 40}
        table = publish_table(counts, ["a", "b"], ["x", "y"])
        self.assertEqual(table.shown_share(), 1.0)


class KeptTableTests(TestCase):
    """A table is worked out once; a changed count is another table."""

    counts = {("GM0363", "vervoer"): 12, ("GM0363", "wonen"): 2, ("GM0344", "vervoer"): 7}
    rows, columns = ["GM0363", "GM0344"], ["vervoer", "wonen"]

    def setUp(self):
        cache.clear()

    def test_the_same_counts_are_worked_out_once(self):
        with mock.patch.object(suppression, "_publish", wraps=suppression._publish) as work:
            first = publish_table(self.counts, self.rows, self.columns, k=5)
            again = publish_table(dict(self.counts), list(self.rows), list(self.columns), k=5)
        self.assertEqual(work.call_count, 1)
        self.assertEqual(first, again)

    def test_a_changed_count_or_k_is_worked_out_anew(self):
        first = publish_table(self.counts, self.rows, self.columns, k=5)
        changed = publish_table(
            {**self.counts, ("GM0344", "wonen"): 9}, self.rows, self.columns, k=5
        )
        self.assertNotEqual(first, changed)
        stricter = publish_table(self.counts, self.rows, self.columns, k=13)
        self.assertNotEqual(first, stricter)
        self.assertEqual(stricter.k, 13)
