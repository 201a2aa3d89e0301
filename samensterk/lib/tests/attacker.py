"""An adversary of published tables, written apart from lib.suppression (scipy's linprog).

Its unknowns are the ORIGINAL cells, before any merging: what it knows is every published
figure (a shown count, "< k" as 1..k-1, "x" as at least the floor), which categories were
merged into "overige" (each at least one), that counts are whole and not negative, and, for a
coalition partner, its own cells. For each figure it asks the least and the most it can hold.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import linprog

from samensterk.lib.suppression import OTHER


class Attacker:
    def __init__(self, tables, rows, columns, known=None):
        """tables: (Table, place) pairs published about the same cells, where place maps an
        original cell to its row and column in the table before merging (or None if the table
        does not cover it). known: original cell -> value the reader knows."""
        self.keys = [(r, c) for r in rows for c in columns]
        self.index = {key: i for i, key in enumerate(self.keys)}
        self.eq, self.eq_b, self.ub, self.ub_b = [], [], [], []
        self.bounds = [(0, None)] * len(self.keys)
        for key, value in (known or {}).items():
            self.bounds[self.index[key]] = (value, value)
        for table, place in tables:
            self._publish(table, place)

    def _vector(self, keys):
        vector = np.zeros(len(self.keys))
        for key in keys:
            vector[self.index[key]] = 1
        return vector

    def _figure(self, keys, cell, floor):
        vector = self._vector(keys)
        if not cell.hidden:
            self.eq.append(vector)
            self.eq_b.append(cell.value)
            return
        high = cell.k - 1 if cell.hidden == "primary" else None
        low = 1 if cell.hidden == "primary" else floor
        self.ub.append(-vector)
        self.ub_b.append(-low)
        if high is not None:
            self.ub.append(vector)
            self.ub_b.append(high)

    def _publish(self, table, place):
        floor = 0 if any(c.hidden and c.value == 0 for c in table.all_cells()) else 1
        rows, columns = set(table.merged_rows), set(table.merged_columns)
        spot = {}  # original cell -> (row, column) as published, and before merging
        for key in self.keys:
            where = place(key)
            if where is not None:
                r, c = where
                spot[key] = (OTHER if r in rows else r, OTHER if c in columns else c, r, c)

        def under(row=None, column=None):
            return [
                key
                for key, (r, c, _r, _c) in spot.items()
                if (row is None or r == row) and (column is None or c == column)
            ]

        for (row, column), cell in table.cells.items():
            self._figure(under(row, column), cell, floor)
        for row, cell in table.row_totals.items():
            self._figure(under(row=row), cell, floor)
        for column, cell in table.column_totals.items():
            self._figure(under(column=column), cell, floor)
        self._figure(list(spot), table.total, floor)
        # A category named as merged holds at least one.
        for member in rows:
            self.ub.append(-self._vector([key for key, s in spot.items() if s[2] == member]))
            self.ub_b.append(-1)
        for member in columns:
            self.ub.append(-self._vector([key for key, s in spot.items() if s[3] == member]))
            self.ub_b.append(-1)

    def range(self, keys) -> tuple[float, float]:
        """The least and the most the sum of these original cells can hold."""
        vector = self._vector(keys)
        ends = []
        for sign in (1, -1):
            result = linprog(
                sign * vector,
                A_ub=np.array(self.ub) if self.ub else None,
                b_ub=np.array(self.ub_b) if self.ub else None,
                A_eq=np.array(self.eq) if self.eq else None,
                b_eq=np.array(self.eq_b) if self.eq else None,
                bounds=self.bounds,
                method="highs",
            )
            if result.status == 3:  # unbounded
                ends.append(float("inf"))
                continue
            assert result.status == 0, result.message
            ends.append(sign * result.fun)
        return ends[0], ends[1]


def labelled(table, rows, columns) -> set:
    """The original cells and category totals published one to one as "< k"."""
    result = set()
    plain_rows = [r for r in rows if r not in table.merged_rows]
    plain_columns = [c for c in columns if c not in table.merged_columns]
    for r in plain_rows:
        for c in plain_columns:
            if table.cell(r, c).hidden == "primary":
                result.add(frozenset([(r, c)]))
        if table.row_totals[r].hidden == "primary":
            result.add(frozenset((r, c) for c in columns))
    for c in plain_columns:
        if table.column_totals[c].hidden == "primary":
            result.add(frozenset((r, c) for r in rows))
    return result


def narrowed(attacker, counts, rows, columns, k, labelled=(), skip=()):
    """The small counts the attacker narrows down. An original cell or category total of
    1..k-1 published as "< k" may not be pinned down to one value; any other may not be shown
    to lie inside 1..k-1 at all (pinned, or bounded away from both 0 and k)."""
    found = []
    targets = [[(r, c)] for r in rows for c in columns]
    targets += [[(r, c) for c in columns] for r in rows]
    targets += [[(r, c) for r in rows] for c in columns]
    for keys in targets:
        if any(key in skip for key in keys):
            continue
        true = sum(counts.get(key, 0) for key in keys)
        if not 0 < true < k:
            continue
        low, high = attacker.range(keys)
        assert low - 1e-6 <= true <= high + 1e-6, (keys, true, low, high)
        inside = low >= 1 - 1e-6 and high <= k - 1 + 1e-6
        if frozenset(keys) in labelled:
            if high - low < 1 - 1e-6:
                found.append((keys, true, low, high))
        elif inside:
            found.append((keys, true, low, high))
    return found


def grid(key):
    """The table has the original rows and columns."""
    return key
