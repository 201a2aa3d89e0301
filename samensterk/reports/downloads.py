"""A dashboard's table as a file, as the page shows it (with its filters): CSV and XLSX.

Internal, like the dashboards: exact counts. Written through lib.spreadsheet (formulas
neutralised). The CSV is UTF-8 with a byte order mark and semicolons, so that Excel set to
Dutch opens it in columns with the accents intact; in the XLSX numbers are numbers.
"""

from __future__ import annotations

import io

from django.http import Http404, HttpResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from samensterk.lib import spreadsheet

from .figures import HeatTable, Series, ThemeTrend

FORMATS = ("csv", "xlsx")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BOM = "\ufeff"

# The tables a dashboard offers: URL name -> (attribute of the figures, first column's heading)
GROUP_TABLES = {
    "thema": ("by_theme", gettext_lazy("Thema")),
    "gemeente": ("by_municipality", gettext_lazy("Gemeente")),
    "maand": ("trend", gettext_lazy("Maand")),
    "thema-per-maand": ("theme_trend", gettext_lazy("Thema")),
}
NATIONAL_TABLES = {
    "provincie": ("by_province", gettext_lazy("Provincie")),
    "gemeente": ("by_municipality", gettext_lazy("Gemeente")),
    "maand": ("trend", gettext_lazy("Maand")),
    "thema-per-maand": ("theme_trend", gettext_lazy("Thema")),
}


def table_rows(table, heading: str, filters) -> list[list]:
    """A heading block (title; base and period; filters), an empty line, then the table with
    its totals, as on the page."""
    active = "; ".join(label for label, _query in filters.active()) or _("geen")
    rows: list[list] = [
        [str(table.title)],
        [
            ngettext("n = %(n)s signaal, %(period)s", "n = %(n)s signalen, %(period)s", table.n)
            % {"n": table.n, "period": table.period.label}
        ],
        [_("Filters: %(filters)s") % {"filters": active}],
        [],
    ]
    total = _("Totaal")
    if isinstance(table, Series):
        rows.append([heading, _("Aantal")])
        rows += [[label, value] for label, value in table.items]
        rows.append([total, table.n])
    elif isinstance(table, HeatTable):
        rows.append([heading, *[name for _id, name in table.columns], total])
        rows += [[name, *counts, row_total] for name, counts, row_total in table.rows]
        rows.append([total, *table.column_totals, table.n])
    elif isinstance(table, ThemeTrend):
        rows.append([heading, *[f"{month:%m-%Y}" for month in table.months], total])
        rows += [[name, *counts, row_total] for _code, name, counts, row_total in table.rows]
        rows.append([total, *table.month_totals, table.n])
    return rows


def response(figures, tables: dict, name: str, fmt: str, filters, prefix: str) -> HttpResponse:
    if name not in tables or fmt not in FORMATS:
        raise Http404
    attribute, heading = tables[name]
    table = getattr(figures, attribute)
    rows = table_rows(table, str(heading), filters)
    filename = slugify(f"{prefix}-{name}-{table.period.start:%Y-%m}-{table.period.end:%Y-%m}")
    if fmt == "xlsx":
        answer = HttpResponse(
            spreadsheet.write_xlsx(rows, title=str(heading)[:31]), content_type=XLSX_TYPE
        )
    else:
        text = io.StringIO()
        text.write(BOM)
        spreadsheet.write_csv(rows, text, delimiter=";", lineterminator="\r\n")
        answer = HttpResponse(
            text.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8"
        )
    answer["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return answer
