"""Writing CSV and XLSX files that a spreadsheet opens safely, and reading them back.

A text cell that starts with "=", "+", "-", "@", a tab or a carriage return is taken for a
formula by Excel and LibreOffice: a story such as `=HYPERLINK("http://…"&K2,"Klik hier")` next to
the contact columns would send them away when clicked (OWASP, "CSV Injection"). Every export
writes its rows through `write_csv` or `write_xlsx`, which put a single quote before such a text,
so that it shows as text. Numbers, dates and empty cells are left as they are.

An import gives the original text back with `restore`, so that export -> import changes nothing.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


# Excel set to Dutch opens a .csv split on semicolons, not commas: a cell starts after every
# semicolon too, and a quoted field does not stop it.
CELL_STARTS = ";"


def neutralise(value):
    """The value as a spreadsheet should show it: a text (or a part after a semicolon) that
    could start a formula gets a leading quote. One that already starts with quotes before such
    a character gets one more, so that `restore` can tell the two apart and the round trip
    loses nothing."""
    if not isinstance(value, str):
        return value
    return CELL_STARTS.join(_neutralise_part(part) for part in value.split(CELL_STARTS))


def _neutralise_part(part: str) -> str:
    return QUOTE + part if part.lstrip(QUOTE).startswith(TRIGGERS) else part


def restore(value: str) -> str:
    """The text `neutralise` was given: one quote less wherever it added one."""
    return CELL_STARTS.join(_restore_part(part) for part in value.split(CELL_STARTS))


def _restore_part(part: str) -> str:
    if part.startswith(QUOTE) and part.lstrip(QUOTE).startswith(TRIGGERS):
        return part[1:]
    return part


def safe_row(row: Iterable) -> list:
    return [neutralise(value) for value in row]


def write_csv(rows: Iterable[Iterable], stream, **fmtparams) -> None:
    """Rows to a text stream (a file, an HttpResponse) with csv.writer's `fmtparams`."""
    writer = csv.writer(stream, **fmtparams)
    for row in rows:
        writer.writerow(safe_row(row))


def write_xlsx(
    rows: Iterable[Iterable],
    *,
    title: str,
    widths: list[int] | None = None,
    freeze_header: bool = False,
    autofilter: bool = False,
) -> bytes:
    """Rows as a workbook with one sheet. openpyxl stores a text that starts with "=" as a
    formula; after `neutralise` none does, so every text is stored as text.

    widths: of the columns, in characters. freeze_header keeps the first row in view while
    scrolling; autofilter puts the filter buttons on it (over every row written)."""
    from openpyxl import Workbook  # only the exports need it
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title)
    # A write-only sheet takes these before its first row.
    for number, width in enumerate(widths or [], start=1):
        sheet.column_dimensions[get_column_letter(number)].width = width
    if freeze_header:
        sheet.freeze_panes = "A2"
    count, columns = 0, 0
    for row in rows:
        row = list(row)
        count, columns = count + 1, max(columns, len(row))
        # XML cannot hold most control characters (a pasted story may): they show as nothing
        # in a spreadsheet anyway, so they are left out rather than failing the whole export.
        sheet.append(
            [
                ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value
                for value in safe_row(row)
            ]
        )
    if autofilter and count:
        sheet.auto_filter.ref = f"A1:{get_column_letter(max(columns, 1))}{count}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
