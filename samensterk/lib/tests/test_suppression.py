"""Small-cell suppression, attacked: an adversary who sees every shown cell and total, knows
that a cell shown as "< k" holds 1..k-1 signals and that counts are whole and not negative,
tries every completion of the hidden cells. No hidden cell may come out with one value."""

import random
from unittest import mock

from django.core.cache import cache
from django.test import SimpleTestCase, TestCase, override_settings

from samensterk.lib import suppression
from samensterk.lib.suppression import (
    COLUMN_TOTAL,
    ROW_TOTAL,
    minimum,
    suppress_list,
    suppress_table,
)


def published(table):
    """What a reader sees: key -> shown value, or the hidden cell's kind."""
    seen = {}
    for (r, c), cell in table.cells.items():
        seen[(r, c)] = cell
    for r, cell in table.row_totals.items():
        seen[(r, COLUMN_TOTAL)] = cell
    for c, cell in table.column_totals.items():
        seen[(ROW_TOTAL, c)] = cell
    seen[(ROW_TOTAL, COLUMN_TOTAL)] = table.total
    return seen


def completions(table):
    """Every assignment of the hidden inner cells that fits all shown figures (the hidden
    totals follow from the cells), by a search that fills one hidden cell at a time within
    what its row and column still leave. Yields dicts of inner cell -> value."""
    seen = published(table)
    k = table.k
    inner = [(r, c) for r in table.rows for c in table.columns]
    hidden = [key for key in inner if seen[key].hidden]
    ceiling = sum(cell.value for cell in table.cells.values())  # more than a reader knows

    def line_ok(values, keys, total_key):
        total = sum(values[key] for key in keys)
        cell = seen[total_key]
        if cell.hidden == "primary":
            return 1 <= total < k
        return cell.hidden == "secondary" or total == cell.value

    def fits(values):
        return (
            all(
                line_ok(values, [(r, c) for c in table.columns], (r, COLUMN_TOTAL))
                for r in table.rows
            )
            and all(
                line_ok(values, [(r, c) for r in table.rows], (ROW_TOTAL, c)) for c in table.columns
            )
            and line_ok(values, inner, (ROW_TOTAL, COLUMN_TOTAL))
        )

    def room(values, keys, total_key):
        """What a line with a shown total still leaves for its unfilled cells."""
        cell = seen[total_key]
        if cell.hidden:
            return ceiling
        return cell.value - sum(values.get(key, 0) for key in keys)

    values = {key: seen[key].value for key in inner if not seen[key].hidden}

    def search(i):
        if i == len(hidden):
            if fits(values):
                yield dict(values)
            return
        r, c = hidden[i]
        low = 1 if seen[(r, c)].hidden == "primary" else 0
        high = k - 1 if low else ceiling
        high = min(
            high,
            room(values, [(r, x) for x in table.columns], (r, COLUMN_TOTAL)),
            room(values, [(y, c) for y in table.rows], (ROW_TOTAL, c)),
        )
        for value in range(low, high + 1):
            values[(r, c)] = value
            yield from search(i + 1)
        values.pop((r, c), None)

    yield from search(0)


# The rules themselves, worked out every time (no cache, no database).
@override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}})
class SuppressionTestCase(SimpleTestCase):
    def test_small_counts_are_hidden_and_shown_as_less_than_k(self):
        table = suppress_list({"vervoer": 12, "wonen": 3, "zorg": 9, "werk": 7})
        self.assertEqual(str(table.cell("wonen", "n")), "< 5")
        self.assertEqual(table.cell("vervoer", "n").shown, 12)
        # The total would give 'wonen' away: another cell is hidden too, the smallest.
        self.assertEqual(str(table.cell("werk", "n")), "x")
        self.assertEqual(table.total.shown, 31)

    def test_zero_is_shown(self):
        table = suppress_list({"vervoer": 12, "wonen": 0, "zorg": 9})
        self.assertFalse(table.hidden_any)
        self.assertEqual(str(table.cell("wonen", "n")), "0")

    def test_k_can_be_set_but_never_below_three(self):
        self.assertEqual(minimum(3), 3)
        with self.assertRaises(ValueError):
            minimum(2)
        with self.settings(SUPPRESSION_K=7):
            table = suppress_list({"a": 6, "b": 20, "c": 30})
            self.assertEqual(str(table.cell("a", "n")), "< 7")

    def test_a_small_total_is_hidden_with_its_cells(self):
        table = suppress_table(
            {("Utrecht", "vervoer"): 2, ("Utrecht", "wonen"): 1, ("Zeist", "vervoer"): 20},
            ["Utrecht", "Zeist"],
            ["vervoer", "wonen"],
        )
        self.assertTrue(table.row_totals["Utrecht"].hidden)
        for cell in table.all_cells():
            self.assertNotEqual(str(cell), "3")

    def test_no_hidden_cell_can_be_recovered_from_the_totals(self):
        rng = random.Random(5)
        tried = 0
        for _ in range(25):
            rows, columns = ["a", "b", "c"][: rng.randint(2, 3)], ["x", "y", "z"]
            counts = {
                (r, c): rng.choice([0, 1, 2, 3, 4, 6, 8])
                for r in rows
                for c in columns
                if rng.random() < 0.85
            }
            table = suppress_table(counts, rows, columns)
            hidden = [key for key, cell in table.cells.items() if cell.hidden]
            if not hidden:
                continue
            seen_values = {key: set() for key in hidden}
            for values in completions(table):
                for key in hidden:
                    seen_values[key].add(values[key])
            for key in hidden:
                true = counts.get(key, 0)
                self.assertIn(true, seen_values[key], (counts, key))
                self.assertGreater(len(seen_values[key]), 1, f"{key} recovered in {counts}")
            tried += 1
        self.assertGreater(tried, 12)

    def test_cells_hidden_across_rows_do_not_give_each_other_away(self):
        # Two small cells in one column: each row and the column need cover.
        counts = {("a", "x"): 2, ("a", "y"): 10, ("b", "x"): 3, ("b", "y"): 11, ("c", "y"): 9}
        table = suppress_table(counts, ["a", "b", "c"], ["x", "y"])
        for values in completions(table):
            if values[("a", "x")] != 2:
                break
        else:
            self.fail("('a', 'x') can be recovered")


class KeptTableTests(TestCase):
    """A table is worked out once; a changed count is another table."""

    counts = {("GM0363", "vervoer"): 12, ("GM0363", "wonen"): 2, ("GM0344", "vervoer"): 7}
    rows, columns = ["GM0363", "GM0344"], ["vervoer", "wonen"]

    def setUp(self):
        cache.clear()

    def test_the_same_counts_are_worked_out_once(self):
        with mock.patch.object(
            suppression, "_secondary", wraps=suppression._secondary
        ) as secondary:
            first = suppress_table(self.counts, self.rows, self.columns, k=5)
            again = suppress_table(dict(self.counts), list(self.rows), list(self.columns), k=5)
        self.assertEqual(secondary.call_count, 1)
        self.assertEqual(published(first), published(again))

    def test_a_changed_count_or_k_is_worked_out_anew(self):
        first = suppress_table(self.counts, self.rows, self.columns, k=5)
        changed = suppress_table(
            {**self.counts, ("GM0344", "wonen"): 9}, self.rows, self.columns, k=5
        )
        self.assertNotEqual(published(first), published(changed))
        self.assertEqual(changed.cell("GM0344", "wonen").value, 9)
        stricter = suppress_table(self.counts, self.rows, self.columns, k=8)
        self.assertTrue(stricter.cell("GM0344", "vervoer").hidden)
