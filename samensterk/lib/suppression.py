"""Small-cell suppression: the one implementation for every figure that leaves an organisation.

A count of fewer than k signals (but more than none) could point at a person, so it is hidden
and shown as "< k" (primary suppression). A hidden cell must not be recoverable from what is
shown: in every row and column of a table, with its total, a hidden cell never stands alone,
and the hidden cells of a line together hold at least k signals, so that they cannot be
pinned down as small either. Where that is not so, the smallest other cell of the line is
hidden too (secondary suppression, shown as "x", since its value may be large), until every
line is safe. Totals take part as cells of their lines: a row total under k is hidden as well.

The caller passes k (settings.SUPPRESSION_K, see `minimum`); Django's shared cache keeps the
tables worked out (suppress_table).
"""

from __future__ import annotations

import hashlib
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

from django.core.cache import cache

NEVER_BELOW = 3  # k may be configured, but never lower than this
CACHE_VERSION = 1  # raise when Table, Cell or the rules change: kept tables are then not used
CACHE_SECONDS = 90 * 24 * 60 * 60
SAMPLES = 8  # solutions for random objectives tried before a cell's own programmes


def minimum(k: int | None = None) -> int:
    """k as configured (SUPPRESSION_K, default 5), checked: never below NEVER_BELOW."""
    if k is None:
        from django.conf import settings

        k = getattr(settings, "SUPPRESSION_K", 5)
    if k < NEVER_BELOW:
        raise ValueError(f"small-cell suppression needs k >= {NEVER_BELOW}, not {k}")
    return k


@dataclass(frozen=True)
class Cell:
    """One published figure: its value, or why it is hidden."""

    value: int
    hidden: str = ""  # "" (shown), "primary" (fewer than k) or "secondary" (protects another)
    k: int = 5

    @property
    def shown(self) -> int | None:
        return None if self.hidden else self.value

    def __str__(self) -> str:
        if self.hidden == "primary":
            return f"< {self.k}"
        if self.hidden == "secondary":
            return "x"
        return str(self.value)


@dataclass
class Table:
    """A suppressed table: cells[row][column], the totals per row and column, and the total."""

    rows: list
    columns: list
    cells: dict = field(default_factory=dict)  # (row, column) -> Cell
    row_totals: dict = field(default_factory=dict)  # row -> Cell
    column_totals: dict = field(default_factory=dict)  # column -> Cell
    total: Cell | None = None
    k: int = 5

    def cell(self, row, column) -> Cell:
        return self.cells[(row, column)]

    @property
    def hidden_any(self) -> bool:
        return any(c.hidden for c in self.all_cells())

    def for_display(self, row_labels=None, column_labels=None) -> dict:
        """What a template shows: column headings, (heading, cells, total) per row, the column
        totals, the total and k; headings from the given labels (row/column -> text) if any."""
        row_labels, column_labels = row_labels or {}, column_labels or {}
        return {
            "columns": [column_labels.get(c, c) for c in self.columns],
            "rows": [
                (row_labels.get(r, r), [self.cell(r, c) for c in self.columns], self.row_totals[r])
                for r in self.rows
            ],
            "totals": [self.column_totals[c] for c in self.columns],
            "total": self.total,
            "k": self.k,
        }

    def all_cells(self) -> Iterable[Cell]:
        yield from self.cells.values()
        yield from self.row_totals.values()
        yield from self.column_totals.values()
        if self.total is not None:
            yield self.total


ROW_TOTAL = ("total", "row")
COLUMN_TOTAL = ("total", "column")


def suppress_table(
    counts: dict[tuple[Hashable, Hashable], int],
    rows: list,
    columns: list,
    *,
    k: int | None = None,
) -> Table:
    """Suppress a rows × columns table of counts (missing cells count 0), with its totals.

    The result depends on the arguments only, and finding the secondary suppressions of a large
    table takes seconds: it is kept in the shared cache under a key made of the arguments
    themselves. A changed count is another key, so a kept table is never out of date (a closed
    quarter's open data is worked out once)."""
    k = minimum(k)
    key = _cache_key(counts, rows, columns, k)
    table = cache.get(key)
    if table is None:
        table = _suppress_table(counts, rows, columns, k)
        cache.set(key, table, timeout=CACHE_SECONDS)
    return table


def _cache_key(counts, rows, columns, k) -> str:
    cells = sorted(((repr(key), int(n)) for key, n in counts.items() if n), key=lambda c: c[0])
    made = repr((CACHE_VERSION, cells, [repr(r) for r in rows], [repr(c) for c in columns], k))
    return "suppressed-table:" + hashlib.sha256(made.encode()).hexdigest()


def _suppress_table(counts, rows, columns, k: int) -> Table:
    value: dict = {}
    for r in rows:
        for c in columns:
            value[(r, c)] = int(counts.get((r, c), 0))
        value[(r, COLUMN_TOTAL)] = sum(value[(r, c)] for c in columns)
    for c in columns:
        value[(ROW_TOTAL, c)] = sum(value[(r, c)] for r in rows)
    value[(ROW_TOTAL, COLUMN_TOTAL)] = sum(value[(r, COLUMN_TOTAL)] for r in rows)
    # Every line: a row or a column of the table extended with its totals.
    all_rows = [*rows, ROW_TOTAL]
    all_columns = [*columns, COLUMN_TOTAL]
    lines = [[(r, c) for c in all_columns] for r in all_rows]
    lines += [[(r, c) for r in all_rows] for c in all_columns]
    hidden = {key: "primary" for key, v in value.items() if 0 < v < k}
    _secondary(value, hidden, lines, k)

    def made(key):
        return Cell(value[key], hidden.get(key, ""), k)

    return Table(
        rows=list(rows),
        columns=list(columns),
        cells={(r, c): made((r, c)) for r in rows for c in columns},
        row_totals={r: made((r, COLUMN_TOTAL)) for r in rows},
        column_totals={c: made((ROW_TOTAL, c)) for c in columns},
        total=made((ROW_TOTAL, COLUMN_TOTAL)),
        k=k,
    )


def suppress_list(counts: dict[Hashable, int], *, k: int | None = None) -> Table:
    """A list of counts with its total (a table of one column)."""
    return suppress_table({(key, "n"): n for key, n in counts.items()}, list(counts), ["n"], k=k)


def _secondary(value: dict, hidden: dict, lines: list[list], k: int) -> None:
    """Hide more cells until nothing hidden can be worked out from what is shown.

    A line (its last member is its total) says: the sum of its cells is its total. With one
    unknown, that unknown is known; with a shown total, the hidden cells' sum is known, and
    it must be at least k and leave the "< k" cells room to move up and down. Lines combine,
    too: a linear programme finds each "< k" cell's range (_determined_line). Each step hides
    one more cell, the smallest shown one with signals of a line at fault (a total or a zero
    only when nothing else is left), so this ends."""
    verified: set = set()  # groups of hidden cells found safe
    lines_of: dict = {}
    for line in lines:
        for key in line:
            lines_of.setdefault(key, []).append(line)
    to_check = list(lines)  # lines whose hidden cells changed since they were last checked
    while True:
        fault = None
        while to_check and fault is None:
            line = to_check.pop()
            if _at_fault(value, hidden, line, k):
                fault = line
        if fault is None:
            fault = _determined_line(value, hidden, lines, k, verified)
        if fault is None:
            return
        shown = [key for key in fault if key not in hidden]
        # The smallest cell with signals, then the total: a hidden zero gives no cover (it
        # cannot go lower, so it pins its neighbours down), and is hidden only as a last resort.
        ranked = sorted(shown, key=lambda key: (value[key] == 0, key == fault[-1], value[key]))
        if not ranked:  # cannot happen: a line at fault has a shown member
            return
        hidden[ranked[0]] = "secondary"
        to_check.extend(lines_of[ranked[0]])
        to_check.append(fault)


def _at_fault(value, hidden, line, k) -> bool:
    """Whether this line alone gives a hidden cell away."""
    unknown = [key for key in line if key in hidden]
    if len(unknown) == 1:
        return True
    if unknown and line[-1] not in hidden and len(unknown) < len(line) - 1:
        # The hidden cells' sum is known. A reader also knows that a "< k" cell holds 1..k-1:
        # the sum must leave room on both sides, or the cells are pinned down.
        known_sum = sum(value[key] for key in unknown)
        primaries = sum(1 for key in unknown if hidden[key] == "primary")
        bounded = primaries == len(unknown)
        return (
            known_sum < k
            or known_sum <= primaries
            or (bounded and known_sum >= primaries * (k - 1))
        )
    return False


def _determined_line(value, hidden, lines, k, verified: set):
    """A line holding a "< k" cell that what is shown pins to one value, or None.

    The reader's view: every shown figure, every line's sum, a "< k" cell holding 1..k-1 and
    any other hidden cell 0 or more. The smallest and largest value each "< k" cell can take
    are linear programmes (HiGHS; only the objective changes between them, so each starts from
    the last one's solution); as a table with its totals is a network, their answers are whole
    numbers, so a range narrower than 1 means the cell is known. Checked per group of hidden
    cells linked by lines; groups already found safe (`verified`) are not checked again."""
    for group in _linked(hidden, lines):
        signature = frozenset(group)
        if signature in verified or not any(hidden[key] == "primary" for key in group):
            continue
        key = _pinned(group, value, hidden, lines, k)
        if key is None:
            verified.add(signature)
            continue
        own = [line for line in lines if key in line]
        linked = [line for line in lines if any(member in signature for member in line)]
        for line in own + linked:
            if any(other not in hidden for other in line):
                return line
    return None


def _pinned(group, value, hidden, lines, k):
    """A "< k" cell of the group whose range holds one value, or None."""
    import highspy
    import numpy as np

    column = {key: i for i, key in enumerate(group)}
    model = highspy.Highs()
    model.setOptionValue("output_flag", False)
    primary = np.array([hidden[key] == "primary" for key in group])
    model.addVars(
        len(group),
        np.where(primary, 1.0, 0.0),
        np.where(primary, float(k - 1), highspy.kHighsInf),
    )
    for line in lines:
        indices = [column[key] for key in line if key in column]
        if not indices:
            continue
        known = sum(value[key] for key in line[:-1] if key not in column)
        coefficients = [1.0] * len(indices)
        if line[-1] in column:
            coefficients[-1] = -1.0  # the total is the last member
            target = -known
        else:
            target = value[line[-1]] - known
        model.addRow(
            target, target, len(indices), np.array(indices, dtype=np.int32), np.array(coefficients)
        )
    # A few solutions for random objectives first: a cell that differs between two of them
    # can move, and needs no programmes of its own (most cells, and fast).
    primaries = np.flatnonzero(primary)
    taken: dict[int, set] = {i: set() for i in primaries}
    everything = np.arange(len(group), dtype=np.int32)
    rng = np.random.default_rng(0)  # the same table is always suppressed the same way
    for _trial in range(SAMPLES):
        model.changeColsCost(len(group), everything, rng.uniform(-1, 1, len(group)))
        model.run()
        if model.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            break
        solution = np.asarray(model.getSolution().col_value)
        for i in primaries:
            taken[i].add(round(float(solution[i])))
    model.changeColsCost(len(group), everything, np.zeros(len(group)))
    for i in primaries:
        if len(taken[i]) > 1:
            continue
        index = np.array([i], dtype=np.int32)
        span = []
        for sign in (1.0, -1.0):
            model.changeColsCost(1, index, np.array([sign]))
            model.run()
            if model.getModelStatus() != highspy.HighsModelStatus.kOptimal:
                span = None
                break
            span.append(sign * model.getInfo().objective_function_value)
        model.changeColsCost(1, index, np.array([0.0]))
        if span is not None and span[1] - span[0] < 1 - 1e-6:
            return group[i]
    return None


def _linked(hidden, lines) -> list[list]:
    """The hidden cells in groups: two are linked when they share a line."""
    parent = {key: key for key in hidden}

    def root(key):
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for line in lines:
        members = [key for key in line if key in hidden]
        for other in members[1:]:
            parent[root(other)] = root(members[0])
    groups: dict = {}
    for key in hidden:
        groups.setdefault(root(key), []).append(key)
    return list(groups.values())
