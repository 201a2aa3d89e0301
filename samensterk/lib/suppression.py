"""Disclosure control: the one path by which counts of signals or answers leave an organisation.

The organisation's own staff, who may open the signals anyway, see exact counts. Whatever
leaves it (a report for a municipality, open data, coalition figures, the partner API) goes
through `publish_table`, `publish_list` or `publish_series`, which work as statistical offices
do: coarsen first, suppress last.

1. Coarsen. Rows (and columns) whose total is under k are merged into one row "overige" whose
   members are named under the table. A merge needs at least two members and room: members
   are known to hold at least one each, so the merged total must leave every member able to
   reach k (total >= k + members - 1), and small members may not all be at k-1; otherwise the
   next smallest row joins. A series widens
   its period (month, quarter, year) until it need not suppress.
2. Suppress what is still small. A cell of 1..k-1 is hidden and shown as "< k" (primary).
   Then, while a reader could pin a hidden small count down — from one line, or from all
   lines together (a linear programme) — the smallest other cell of a line at fault is hidden
   too, shown as "x" (secondary).

The reader we defend against knows every shown figure and every line's sum, that counts are
whole, that a "< k" cell holds 1..k-1, that a merged category holds at least one and any other
hidden count at least one (zero, if a zero had to be hidden). That reader may not pin a "< k"
cell down to one value, and may not find that a merged category or an "x" is under k. In a
coalition, where a partner knows its own counts and can add some, each organisation's figures
are published on their own (coalitions.selectors): they depend on nothing a partner controls.
Django's shared cache keeps tables worked out (the arguments are the key, so a kept table is
never out of date).
"""

from __future__ import annotations

import hashlib
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from datetime import date

from django.core.cache import cache

NEVER_BELOW = 3  # k may be configured, but never lower than this
CACHE_VERSION = 2  # raise when Table, Cell or the rules change: kept tables are then not used
CACHE_SECONDS = 90 * 24 * 60 * 60
SAMPLES = 8  # solutions for random objectives tried before a cell's own programmes
OTHER = "overige"  # the key of a merged row or column
SHOWN, SUPPRESSED, MERGED = "shown", "suppressed", "merged"


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
    """One published figure. `value` is exact and for internal use only; `shown` is what
    leaves (None when hidden)."""

    value: int
    hidden: str = ""  # "" (shown), "primary" (1..k-1) or "secondary" (protects another)
    k: int = 5

    @property
    def shown(self) -> int | None:
        return None if self.hidden else self.value

    @property
    def status(self) -> str:
        return SUPPRESSED if self.hidden else SHOWN

    def __str__(self) -> str:
        if self.hidden == "primary":
            return f"< {self.k}"
        return "x" if self.hidden else str(self.value)


@dataclass
class Table:
    """A published table: cells[row][column], the totals per row and column, and the total.
    `rows` and `columns` may end with OTHER, into which `merged_rows`/`merged_columns` went."""

    rows: list
    columns: list
    cells: dict = field(default_factory=dict)  # (row, column) -> Cell
    row_totals: dict = field(default_factory=dict)  # row -> Cell
    column_totals: dict = field(default_factory=dict)  # column -> Cell
    total: Cell | None = None
    k: int = 5
    merged_rows: list = field(default_factory=list)
    merged_columns: list = field(default_factory=list)

    def cell(self, row, column) -> Cell:
        return self.cells[(row, column)]

    @property
    def hidden_any(self) -> bool:
        return any(c.hidden for c in self.all_cells())

    def for_display(self, row_labels=None, column_labels=None) -> dict:
        """What a template shows: column headings, (heading, cells, total) per row, the column
        totals, the total, k and what was merged; headings from the given labels if any."""
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
            "merged_rows": [row_labels.get(r, r) for r in self.merged_rows],
            "merged_columns": [column_labels.get(c, c) for c in self.merged_columns],
        }

    def all_cells(self) -> Iterable[Cell]:
        yield from self.cells.values()
        yield from self.row_totals.values()
        yield from self.column_totals.values()
        if self.total is not None:
            yield self.total

    def shown_share(self) -> float:
        """The share of all counted items that sit in cells shown at the level asked for
        (not merged, not hidden): how much a table still says."""
        if not self.total or not self.total.value:
            return 0.0
        shown = sum(
            cell.value
            for (r, c), cell in self.cells.items()
            if not cell.hidden and r != OTHER and c != OTHER
        )
        return shown / self.total.value


ROW_TOTAL = ("total", "row")
COLUMN_TOTAL = ("total", "column")
GRAND_TOTAL = (ROW_TOTAL, COLUMN_TOTAL)


def publish_table(
    counts: dict[tuple[Hashable, Hashable], int],
    rows: list,
    columns: list,
    *,
    k: int | None = None,
    merge_rows: bool = True,
    merge_columns: bool = True,
) -> Table:
    """A rows × columns table of counts (missing cells count 0), with its totals, as it may
    leave the organisation. Finding the secondary suppressions of a large table takes seconds:
    the result is kept in the shared cache under a key made of the arguments themselves."""
    k = minimum(k)
    key = _cache_key(counts, rows, columns, k, merge_rows, merge_columns)
    table = cache.get(key)
    if table is None:
        table = _publish(counts, list(rows), list(columns), k, merge_rows, merge_columns)
        cache.set(key, table, timeout=CACHE_SECONDS)
    return table


def publish_list(counts: dict[Hashable, int], *, k: int | None = None, merge=True) -> Table:
    """A list of counts with its total (a table of one column "n")."""
    return publish_table(
        {(key, "n"): n for key, n in counts.items()},
        list(counts),
        ["n"],
        k=k,
        merge_rows=merge,
        merge_columns=False,
    )


def suppress_table(counts, rows, columns, *, k: int | None = None) -> Table:
    """Suppression alone, without merging: for tables whose categories must all stay."""
    return publish_table(counts, rows, columns, k=k, merge_rows=False, merge_columns=False)


def suppress_list(counts: dict[Hashable, int], *, k: int | None = None) -> Table:
    """Suppression alone, without merging (see suppress_table)."""
    return publish_list(counts, k=k, merge=False)


# --- Periods ------------------------------------------------------------------------------------

MONTH, QUARTER, YEAR = "month", "quarter", "year"


def period_start(day: date, level: str) -> date:
    if level == MONTH:
        return day.replace(day=1)
    if level == QUARTER:
        return date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    return date(day.year, 1, 1)


def period_label(start: date, level: str) -> str:
    """2026-03, 2026-Q1 or 2026: the labels of the command line and the files."""
    if level == MONTH:
        return f"{start:%Y-%m}"
    if level == QUARTER:
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    return str(start.year)


def publish_series(
    counts_by_month: dict[date, int], first: date, last: date, *, k: int | None = None
) -> tuple[str, Table]:
    """Counts per month from first's month to last's, widened to quarters or years until no
    period holds a small count (then suppressed at the widest level). Returns the level and a
    list whose rows are the periods' first days, in order."""
    k = minimum(k)
    levels = [MONTH, QUARTER, YEAR]
    for level in levels:
        starts = []
        day = period_start(first, level)
        while day <= last:
            starts.append(day)
            day = _next_month(day, {MONTH: 1, QUARTER: 3, YEAR: 12}[level])
        counts = dict.fromkeys(starts, 0)
        for month, n in counts_by_month.items():
            start = period_start(month, level)
            if start in counts:
                counts[start] += n
        if level == YEAR or not any(0 < n < k for n in counts.values()):
            return level, publish_list(counts, k=k, merge=False)
    raise AssertionError("unreachable")


def _next_month(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


# --- Working it out -------------------------------------------------------------------------------


def _cache_key(counts, rows, columns, k, merge_rows, merge_columns) -> str:
    cells = sorted(((repr(key), int(n)) for key, n in counts.items() if n), key=lambda c: c[0])
    made = repr(
        (
            CACHE_VERSION,
            cells,
            [repr(r) for r in rows],
            [repr(c) for c in columns],
            k,
            merge_rows,
            merge_columns,
        )
    )
    return "published-table:" + hashlib.sha256(made.encode()).hexdigest()


def merged_members(totals: dict, k: int) -> list:
    """The categories to merge into "overige": those under k (not the empty ones), and then the
    next smallest until the merge has two members or more and room for each to reach k."""
    small = [key for key, n in totals.items() if 0 < n < k]
    if not small:
        return []
    members = sorted(small, key=lambda key: totals[key])
    rest = sorted(
        (key for key, n in totals.items() if n >= k), key=lambda key: (totals[key], repr(key))
    )

    def roomy():
        merged = sum(totals[m] for m in members)
        # A reader who knows the rule knows small members hold 1..k-1: all at k-1 (4 + 4 merged
        # into 8) would pin every one of them down.
        full = all(totals[m] < k for m in members) and merged == len(members) * (k - 1)
        return len(members) >= 2 and merged >= k + len(members) - 1 and not full

    while not roomy() and rest:
        members.append(rest.pop(0))
    # Without room the merge would say its members are small: suppression does it instead.
    return members if roomy() else []


def _coarsen(values: dict, keys: list, members: list, along_rows: bool):
    """Fold the members (rows or columns) into OTHER, appended last."""
    if not members:
        return values, keys
    gone = set(members)
    kept = [key for key in keys if key not in gone] + [OTHER]
    result: dict = {}
    for (r, c), n in values.items():
        if along_rows:
            r = OTHER if r in gone else r
        else:
            c = OTHER if c in gone else c
        result[(r, c)] = result.get((r, c), 0) + n
    return result, kept


def _publish(counts, rows, columns, k: int, merge_rows: bool, merge_columns: bool) -> Table:
    values = {(r, c): int(counts.get((r, c), 0)) for r in rows for c in columns}
    row_members = column_members = []
    if merge_rows:
        totals = {r: sum(values[(r, c)] for c in columns) for r in rows}
        row_members = merged_members(totals, k)
    if merge_columns:
        totals = {c: sum(values[(r, c)] for r in rows) for c in columns}
        column_members = merged_members(totals, k)
    member_totals = {("row", r): sum(values[(r, c)] for c in columns) for r in row_members} | {
        ("column", c): sum(values[(r, c)] for r in rows) for c in column_members
    }
    values, rows = _coarsen(values, rows, row_members, along_rows=True)
    values, columns = _coarsen(values, columns, column_members, along_rows=False)

    value = dict(values)
    for r in rows:
        value[(r, COLUMN_TOTAL)] = sum(value[(r, c)] for c in columns)
    for c in columns:
        value[(ROW_TOTAL, c)] = sum(value[(r, c)] for r in rows)
    value[(ROW_TOTAL, COLUMN_TOTAL)] = sum(value[(r, COLUMN_TOTAL)] for r in rows)
    # Every line: a row or a column of the table extended with its totals, and what was merged
    # (its members, never shown, with the merged total).
    all_rows = [*rows, ROW_TOTAL]
    all_columns = [*columns, COLUMN_TOTAL]
    lines = [[(r, c) for c in all_columns] for r in all_rows]
    lines += [[(r, c) for r in all_rows] for c in all_columns]
    hidden = {key: "primary" for key, v in value.items() if 0 < v < k}
    if row_members:
        lines.append([("member", "row", r) for r in row_members] + [(OTHER, COLUMN_TOTAL)])
    if column_members:
        lines.append([("member", "column", c) for c in column_members] + [(ROW_TOTAL, OTHER)])
    for (side, key), n in member_totals.items():
        value[("member", side, key)] = n
        hidden[("member", side, key)] = "merged"
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
        merged_rows=list(row_members),
        merged_columns=list(column_members),
    )


def _bounds(value, hidden, key, k) -> tuple[float, float]:
    """What a reader knows of a hidden count: a "< k" cell holds 1..k-1, a merged category at
    least one, any other hidden cell at least the floor."""
    kind = hidden[key]
    if kind == "primary":
        return 1.0, float(k - 1)
    if kind == "merged":
        return 1.0, float("inf")
    return float(_floor(value, hidden)), float("inf")


def _sensitive(hidden, key, value=None, k=None) -> bool:
    """A hidden small count: shown as "< k", merged, or shown as "x" (_secondary)."""
    kind = hidden.get(key)
    return kind in ("primary", "merged") or (kind == "secondary" and 0 < value[key] < k)


def _safe(kind: str, low: float, high: float, k: int) -> bool:
    """A "< k" cell is safe when a reader cannot pin it down (two values at least remain);
    any other small count when it may have reached k: nothing says it is small."""
    if kind == "primary":
        return high - low >= 1 - 1e-6
    return high >= k - 1e-6


def _secondary(value: dict, hidden: dict, lines: list[list], k: int) -> None:
    """Hide more cells until no small count can be narrowed down.

    A line (its last member is its total) says: the sum of its cells is its total. Checked one
    line at a time first (_at_fault), then all lines together (_determined_line). Each step
    hides one more cell, the smallest shown one with a count of a line at fault (a total or a
    zero only when nothing else is left), so this ends."""
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
        # The grand total stays: every table shows its total when it is k or more.
        shown = [key for key in fault if key not in hidden and key != GRAND_TOTAL]
        ranked = sorted(shown, key=lambda key: _rank(value, key))
        if ranked:
            hidden[ranked[0]] = "secondary"
            changed = ranked[0]
        else:
            # All hidden, yet the "< k" marks narrow each other (two "< 5" cells in a row whose
            # total is "< 5"): one of them, the total first, is shown as "x" instead.
            marked = [key for key in reversed(fault) if hidden.get(key) == "primary"]
            marked = marked or [key for key in hidden if hidden[key] == "primary"]
            # Only the total is left (cannot happen for a table that merged with room).
            marked = marked or [key for key in fault if key not in hidden]
            if not marked:
                return
            hidden[marked[0]] = "secondary"
            changed = marked[0]
            verified.clear()  # the same cells, known less well: check again
        to_check.extend(lines_of[changed])
        to_check.append(fault)


def _floor(value, hidden) -> int:
    """The least a reader may take a hidden count to hold: one, while no zero is hidden."""
    return 0 if any(value[key] == 0 for key in hidden) else 1


def _at_fault(value, hidden, line, k) -> bool:
    """Whether this line alone narrows a hidden small count: with its total shown, the hidden
    cells' sum is known, and each of them lies within what a reader knows of it."""
    unknown = [key for key in line if key in hidden]
    if not unknown or line[-1] in hidden:
        return False
    if not any(_sensitive(hidden, key, value, k) for key in unknown):
        return False
    known_sum = sum(value[key] for key in unknown)
    bounds = {key: _bounds(value, hidden, key, k) for key in unknown}
    lows = sum(low for low, _high in bounds.values())
    highs = sum(high for _low, high in bounds.values())
    for key in unknown:
        if not _sensitive(hidden, key, value, k):
            continue
        low, high = bounds[key]
        reach_high = min(high, known_sum - (lows - low))
        reach_low = max(low, known_sum - (highs - high))
        if not _safe(hidden[key], reach_low, reach_high, k):
            return True
    return False


def _determined_line(value, hidden, lines, k, verified: set):
    """A line holding a small hidden count that all lines together narrow down, or None.

    The reader's view: every shown figure, every line's sum, every hidden count within what
    the reader knows of it (_bounds). The least and most each small count can hold are linear
    programmes (HiGHS; only the objective changes between them); a table with its totals is a
    network, so the answers are whole numbers. Checked per group of hidden cells linked by
    lines; groups already found safe (`verified`) are not checked again."""
    for group in _linked(hidden, lines):
        signature = frozenset(group)
        if signature in verified or not any(_sensitive(hidden, key, value, k) for key in group):
            continue
        key = _narrowed(group, value, hidden, lines, k)
        if key is None:
            verified.add(signature)
            continue
        own = [line for line in lines if key in line]
        linked = [line for line in lines if any(member in signature for member in line)]
        # The line whose best cell to hide is best: one with a count, not a total.
        best = None
        for line in own + linked:
            shown = [m for m in line if m not in hidden and m != GRAND_TOTAL]
            if shown:
                rank = min(_rank(value, member) for member in shown)
                if best is None or rank < best[0]:
                    best = (rank, line)
        return best[1] if best else own[0]
    return None


def _is_total(key) -> bool:
    return key[0] in (ROW_TOTAL, "member") or key[-1] == COLUMN_TOTAL


def _rank(value, key) -> tuple:
    """Which shown cell to hide first: one with a count, then a total, a zero last (a hidden
    zero gives no cover: it cannot go lower)."""
    return (value[key] == 0, _is_total(key), value[key])


def _narrowed(group, value, hidden, lines, k):
    """A small count of the group that a reader can narrow down, or None."""
    import highspy
    import numpy as np

    column = {key: i for i, key in enumerate(group)}
    model = highspy.Highs()
    model.setOptionValue("output_flag", False)
    bounds = [_bounds(value, hidden, key, k) for key in group]
    lows = np.array([low for low, _high in bounds])
    highs = np.array([high if high != float("inf") else highspy.kHighsInf for _l, high in bounds])
    model.addVars(len(group), lows, highs)
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
    small = [i for i, key in enumerate(group) if _sensitive(hidden, group[i], value, k)]
    # A few solutions for random objectives first: a "< k" cell seen at two values, or another
    # small count seen at k or more, needs no programmes of its own (most cells, and fast).
    taken: dict[int, set] = {i: set() for i in small}
    everything = np.arange(len(group), dtype=np.int32)
    rng = np.random.default_rng(0)  # the same table is always worked out the same way
    for _trial in range(SAMPLES):
        model.changeColsCost(len(group), everything, rng.uniform(-1, 1, len(group)))
        model.run()
        if model.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            break
        solution = np.asarray(model.getSolution().col_value)
        for i in small:
            taken[i].add(min(round(float(solution[i])), k))
    model.changeColsCost(len(group), everything, np.zeros(len(group)))
    unbounded = (
        highspy.HighsModelStatus.kUnbounded,
        highspy.HighsModelStatus.kUnboundedOrInfeasible,
    )
    for i in small:
        kind = hidden[group[i]]
        if (len(taken[i]) > 1) if kind == "primary" else (k in taken[i]):
            continue
        reach = {}
        index = np.array([i], dtype=np.int32)
        for sign in (1.0, -1.0) if kind == "primary" else (-1.0,):  # -x: the most x can hold
            model.changeColsCost(1, index, np.array([sign]))
            model.run()
            status = model.getModelStatus()
            if status in unbounded:
                reach[sign] = float("inf")
            elif status == highspy.HighsModelStatus.kOptimal:
                reach[sign] = sign * model.getInfo().objective_function_value
            else:
                reach[sign] = lows[i] if sign < 0 else highs[i]  # cannot tell: hide more
        model.changeColsCost(1, index, np.array([0.0]))
        if not _safe(kind, reach.get(1.0, lows[i]), reach[-1.0], k):
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
