"""Signal counts by theme, municipality or quarter, as they leave the organisation.

The figures of a report, of open data and of the `export_figures` command are tables of an
organisation's (or a group's) signals over one or two of these dimensions in a period. Here
they are counted and passed through disclosure control (lib.suppression); `exact` gives the
same table as the organisation's own staff see it. Withdrawn signals do not count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils.translation import gettext as _

from samensterk.intake.models import Signal, Status
from samensterk.lib.months import local_month, month_begins
from samensterk.lib.suppression import (
    MERGED,
    OTHER,
    QUARTER,
    Table,
    period_label,
    period_start,
    publish_table,
)
from samensterk.themes.models import Theme

DIMENSIONS = ("theme", "municipality", "quarter")
TOTAL = "totaal"
ONE = "n"  # the other side of a table of one dimension


@dataclass(frozen=True)
class Period:
    first: date  # the first day of the first month
    last: date  # the last day of the last month


def parse_period(text: str) -> Period:
    """2026, 2026-Q3 or 2025-11..2026-04."""
    text = text.strip()
    if re.fullmatch(r"\d{4}", text):
        return Period(date(int(text), 1, 1), date(int(text), 12, 31))
    found = re.fullmatch(r"(\d{4})-[QqKk]([1-4])", text)
    if found:
        start = date(int(found[1]), 3 * int(found[2]) - 2, 1)
        return Period(start, _month_end(start, 3))
    found = re.fullmatch(r"(\d{4})-(\d{2})\.\.(\d{4})-(\d{2})", text)
    if found and 1 <= int(found[2]) <= 12 and 1 <= int(found[4]) <= 12:
        first, last = date(int(found[1]), int(found[2]), 1), date(int(found[3]), int(found[4]), 1)
        if last >= first:
            return Period(first, _month_end(last, 1))
    raise ValidationError(
        _("Geef een jaar (2026), een kwartaal (2026-Q3) of maanden (2025-11..2026-04).")
    )


def parse_dimensions(text: str) -> list[str]:
    dims = [part.strip() for part in text.split(",") if part.strip()]
    if not 1 <= len(dims) <= 2 or len(set(dims)) != len(dims):
        raise ValidationError(_("Kies één of twee van: theme, municipality, quarter."))
    for dim in dims:
        if dim not in DIMENSIONS:
            raise ValidationError(
                _("Onbekend: %(dim)s. Kies uit theme, municipality, quarter.") % {"dim": dim}
            )
    return dims


def _month_end(first: date, months: int) -> date:
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1) - timedelta(days=1)


def counts(organisation, period: Period, dims: list[str], group=None) -> dict[tuple, int]:
    """{(value of each dimension): n}; theme as its code, municipality as its CBS code (""
    when not known), quarter as its first day."""
    signals = Signal.objects.filter(
        organisation=organisation,
        received_at__gte=month_begins(period.first),
        received_at__lt=month_begins(period.last + timedelta(days=1)),
    ).exclude(status=Status.WITHDRAWN)
    if group is not None:
        signals = signals.filter(group=group)
    fields = {"theme": "theme__code", "municipality": "municipality__code"}
    values = [fields.get(d, "month") for d in dims]
    if "quarter" in dims:
        signals = signals.annotate(month=local_month(period.first, period.last))
    result: dict[tuple, int] = {}
    for *keys, n in signals.values_list(*values).annotate(n=Count("*")).order_by():
        keys = [
            period_start(key, QUARTER) if dim == "quarter" else (key or "")
            for dim, key in zip(dims, keys, strict=True)
        ]
        result[tuple(keys)] = result.get(tuple(keys), 0) + n
    return result


def categories(dim: str, period: Period, found: set) -> list:
    """The categories of a dimension: every theme and every quarter of the period (whatever
    the counts), the municipalities that have signals."""
    if dim == "theme":
        codes = list(Theme.objects.order_by("code").values_list("code", flat=True))
        return codes + ([""] if "" in found else [])
    if dim == "quarter":
        quarters, day = [], period_start(period.first, QUARTER)
        while day <= period.last:
            quarters.append(day)
            day = _month_end(day, 3) + timedelta(days=1)
        return quarters
    return sorted(found, key=lambda code: (code == "", code))


def figures_table(organisation, period: Period, dims: list[str], *, group=None, exact=False):
    """The table of the dimensions (rows: the first, columns: the second or ONE)."""
    found = counts(organisation, period, dims, group=group)
    rows = categories(dims[0], period, {key[0] for key in found})
    if len(dims) == 2:
        columns = categories(dims[1], period, {key[1] for key in found})
        cells = found
    else:
        columns, cells = [ONE], {(key[0], ONE): n for key, n in found.items()}
    if exact:
        return exact_table(cells, rows, columns)
    return publish_table(
        cells,
        rows,
        columns,
        merge_rows=dims[0] != "quarter",
        merge_columns=len(dims) == 2 and dims[1] != "quarter",
    )


def exact_table(cells, rows, columns) -> Table:
    """The same table without disclosure control, for the organisation's own staff."""
    from samensterk.lib.suppression import Cell

    value = {(r, c): int(cells.get((r, c), 0)) for r in rows for c in columns}
    return Table(
        rows=list(rows),
        columns=list(columns),
        cells={key: Cell(n) for key, n in value.items()},
        row_totals={r: Cell(sum(value[(r, c)] for c in columns)) for r in rows},
        column_totals={c: Cell(sum(value[(r, c)] for r in rows)) for c in columns},
        total=Cell(sum(value.values())),
    )


def csv_rows(table: Table, dims: list[str]):
    """One row per published cell: the dimensions, count (empty where suppressed), status.
    Categories merged into "overige" are listed as merged; totals as "totaal"."""
    yield [*dims, "count", "status"]

    def label(key):
        if key in (OTHER, TOTAL):
            return key
        return period_label(key, QUARTER) if isinstance(key, date) else key

    def line(keys, cell, status=None):
        keys = [label(key) for key in keys]
        if status == MERGED:
            return [*keys, "", MERGED]
        return [*keys, "" if cell.hidden else str(cell.value), cell.status]

    two = len(dims) == 2
    for r in table.rows:
        if two:
            for c in table.columns:
                yield line([r, c], table.cell(r, c))
            yield line([r, TOTAL], table.row_totals[r])
        else:
            yield line([r], table.cell(r, ONE))
    for member in table.merged_rows:
        for c in table.columns if two else []:
            yield line([member, c], None, MERGED)
        yield line([member, TOTAL] if two else [member], None, MERGED)
    if two:
        for c in table.columns:
            yield line([TOTAL, c], table.column_totals[c])
        for member in table.merged_columns:
            for r in table.rows:
                yield line([r, member], None, MERGED)
            yield line([TOTAL, member], None, MERGED)
        yield line([TOTAL, TOTAL], table.total)
    else:
        yield line([TOTAL], table.total)
