"""Open data: an organisation's signals per theme × municipality × quarter, suppressed.

For partners and the organisation's website, as CSV or JSON, and through the API. Each quarter
is one table of municipalities × themes with its totals, suppressed on its own (lib.suppression):
a count under k is shown as "< k", cells that would give it away as "x". Totals over several
quarters are not published, so quarters cannot be combined to recover a hidden cell. Withdrawn
signals do not count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count
from django.utils import timezone

from samensterk.lib.months import local_month, month_begins
from samensterk.lib.suppression import Table, minimum, suppress_table
from samensterk.places.models import Municipality
from samensterk.themes.models import Theme

from .models import Signal, Status

QUARTERS = 8  # two years, in the files
UNKNOWN_MUNICIPALITY = ""  # shown as "onbekend"
NO_THEME = ""  # shown as "zonder thema"
HEADER = ["kwartaal", "gemeente_code", "gemeente", "thema_code", "thema", "aantal"]


@dataclass
class Quarter:
    label: str  # 2026-K3
    start: date
    table: Table


def open_data_organisation(scope, slug: str | None):
    """(organisation, choices): the organisation whose open data the user asks for, or None
    and the organisations to choose from. An organisation the user does not belong to: 404."""
    from django.http import Http404

    from samensterk.accounts.models import Organisation

    mine = Organisation.objects.order_by("name")
    if not scope.is_superuser:
        mine = mine.filter(pk__in=scope.organisation_ids)
    if slug:
        organisation = mine.filter(slug=slug).first()
        if organisation is None:
            raise Http404
        return organisation, []
    first_two = list(mine[:2])
    if not first_two:
        raise Http404
    if len(first_two) == 1:
        return first_two[0], []
    return None, list(mine)


def quarter_start(day: date, back: int = 0) -> date:
    """The first day of day's quarter, `back` quarters earlier."""
    index = day.year * 4 + (day.month - 1) // 3 - back
    return date(index // 4, index % 4 * 3 + 1, 1)


def quarter_label(start: date) -> str:
    return f"{start.year}-K{(start.month - 1) // 3 + 1}"


def open_data(organisation, *, quarters: int = QUARTERS, k: int | None = None) -> list[Quarter]:
    """The last `quarters` quarters (the current one included), newest first."""
    k = minimum(k)
    today = timezone.localdate()
    first = quarter_start(today, quarters - 1)
    # Counted per month (the one month rule, compared in SQL), added up per quarter here.
    counts = (
        Signal.objects.filter(organisation=organisation, received_at__gte=month_begins(first))
        .exclude(status=Status.WITHDRAWN)
        .annotate(month=local_month(first, today))
        .values_list("month", "municipality__code", "theme__code")
        .annotate(n=Count("*"))
        .order_by()
    )
    by_quarter: dict[date, dict] = {}
    for month, municipality, theme, n in counts:
        cells = by_quarter.setdefault(quarter_start(month), {})
        key = (municipality or UNKNOWN_MUNICIPALITY, theme or NO_THEME)
        cells[key] = cells.get(key, 0) + n
    themes = list(Theme.objects.order_by("code").values_list("code", flat=True))
    result = []
    for back in range(quarters):
        start = quarter_start(today, back)
        cells = by_quarter.get(start, {})
        rows = sorted({m for m, _t in cells}, key=lambda code: (code == "", code))
        columns = themes + ([NO_THEME] if any(t == NO_THEME for _m, t in cells) else [])
        table = suppress_table(cells, rows, columns, k=k)
        result.append(Quarter(quarter_label(start), start, table))
    return result


def open_data_names() -> tuple[dict, dict]:
    """Names by code: (municipalities, themes), with those of "unknown" and "no theme"."""
    municipalities = dict(Municipality.objects.values_list("code", "name"))
    themes = dict(Theme.objects.values_list("code", "name"))
    municipalities[UNKNOWN_MUNICIPALITY] = "onbekend"
    themes[NO_THEME] = "zonder thema"
    return municipalities, themes


def open_data_rows(quarters: list[Quarter]):
    """CSV rows: per quarter, each municipality × theme, each municipality's and theme's total
    ("totaal") and the quarter's total."""
    municipalities, themes = open_data_names()
    yield HEADER
    for quarter in quarters:
        table = quarter.table
        for row in table.rows:
            name = municipalities.get(row, row)
            for column in table.columns:
                cell = table.cell(row, column)
                yield [quarter.label, row, name, column, themes.get(column, column), str(cell)]
            yield [quarter.label, row, name, "", "totaal", str(table.row_totals[row])]
        for column in table.columns:
            total = table.column_totals[column]
            yield [quarter.label, "", "totaal", column, themes.get(column, column), str(total)]
        yield [quarter.label, "", "totaal", "", "totaal", str(table.total)]


def open_data_json(organisation, quarters: list[Quarter]) -> dict:
    """The same as a JSON document: a count, or null with why ("< 5" or "x")."""
    municipalities, themes = open_data_names()
    k = quarters[0].table.k if quarters else minimum()

    def figure(cell) -> dict:
        return {"count": cell.shown, "shown_as": str(cell)}

    return {
        "organisation": organisation.slug,
        "k": k,
        "explanation": (
            f"Aantallen onder {k} staan er als '< {k}'; 'x' is verborgen zodat een klein "
            "aantal niet uit de totalen terug te rekenen is."
        ),
        "quarters": [
            {
                "quarter": quarter.label,
                "total": figure(quarter.table.total),
                "municipalities": [
                    {
                        "code": row,
                        "name": municipalities.get(row, row),
                        "total": figure(quarter.table.row_totals[row]),
                        "themes": {
                            column: figure(quarter.table.cell(row, column))
                            for column in quarter.table.columns
                        },
                    }
                    for row in quarter.table.rows
                ],
                "themes": {
                    column: {
                        "name": themes.get(column, column),
                        **figure(quarter.table.column_totals[column]),
                    }
                    for column in quarter.table.columns
                },
            }
            for quarter in quarters
        ],
    }
