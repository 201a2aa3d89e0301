"""Open data: an organisation's signals per municipality × theme, per closed quarter, public.

For partners, the organisation's website and anyone else, without a log-in: a page, files (CSV,
CSV with semicolons, XLSX, JSON) and the API. Only closed quarters are published: the current
one still changes. Each quarter is one table with its totals, published through the disclosure
function (lib.suppression) on its own; totals over several quarters are not published, so
quarters cannot be combined to recover a hidden cell. Withdrawn signals do not count.

Working a table out takes seconds, so it is done once per quarter by a task and stored
(OpenDataQuarter) as published: a request only reads. A missing quarter is requested from the
page ("wordt berekend"); `samensterk open_data_refresh` (hourly) makes again every quarter whose
counts changed; withdrawing a signal of a closed quarter makes that quarter again at once.
"""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core.cache import cache
from django.db.models import Count
from django.utils import timezone
from django_tasks import task

from samensterk.lib import spreadsheet, suppression
from samensterk.lib.months import month_begins
from samensterk.places.models import Municipality
from samensterk.themes.models import Theme

from .models import OpenDataQuarter, Signal, Status

QUARTERS = 8  # the closed quarters published: two years
RULES = 1  # raise when what a stored table holds or how it is made changes: all are made again
REQUEST_AGAIN_AFTER = timedelta(minutes=10)  # a requested quarter not made by then: lost task
FILE_CACHE_SECONDS = 7 * 24 * 60 * 60

# Codes in the files besides CBS codes and theme codes.
UNKNOWN_MUNICIPALITY = "onbekend"
NO_THEME = "zonder_thema"
OTHER = suppression.OTHER  # "overige": the small categories merged
TOTAL = "totaal"
SHOWN, HIDDEN = "getoond", "verborgen"
HEADER = ["kwartaal", "gemeente_code", "gemeente", "thema_code", "thema", "aantal", "status"]


# --- Quarters -------------------------------------------------------------------------------


def quarter_start(day: date, back: int = 0) -> date:
    """The first day of day's quarter, `back` quarters earlier (negative: later)."""
    index = day.year * 4 + (day.month - 1) // 3 - back
    return date(index // 4, index % 4 * 3 + 1, 1)


def quarter_label(start: date) -> str:
    return f"{start.year}-K{(start.month - 1) // 3 + 1}"


def closed_quarters(today: date | None = None) -> list[date]:
    """The first days of the published quarters, newest first: the current one is not."""
    today = today or timezone.localdate()
    return [quarter_start(today, back) for back in range(1, QUARTERS + 1)]


def signal_quarter(received_at: datetime) -> date:
    return quarter_start(timezone.localtime(received_at).date())


# --- Working a quarter out (the task) -------------------------------------------------------


def quarter_counts(organisation, start: date) -> dict[tuple[str, str], int]:
    """(municipality code, theme code) -> signals received in the quarter, withdrawn ones not."""
    counts = (
        Signal.objects.filter(
            organisation=organisation,
            received_at__gte=month_begins(start),
            received_at__lt=month_begins(quarter_start(start, -1)),
        )
        .exclude(status=Status.WITHDRAWN)
        .values_list("municipality__code", "theme__code")
        .annotate(n=Count("*"))
        .order_by()
    )
    return {(m or UNKNOWN_MUNICIPALITY, t or NO_THEME): n for m, t, n in counts}


def _columns(counts, themes: list[str]) -> list[str]:
    return themes + ([NO_THEME] if any(t == NO_THEME for _m, t in counts) else [])


def _themes() -> list[str]:
    return list(Theme.objects.order_by("code").values_list("code", flat=True))


def _digest(counts, columns: list[str], k: int) -> str:
    made = repr((RULES, suppression.CACHE_VERSION, sorted(counts.items()), columns, k))
    return hashlib.sha256(made.encode()).hexdigest()


def _stored(table) -> dict:
    """What is published of a lib.suppression Table: a figure, or None where it is hidden. The
    exact value behind a hidden figure is not kept."""
    total = table.total.shown if table.total is not None else None
    return {
        "k": table.k,
        "rows": table.rows,
        "columns": table.columns,
        "cells": [[table.cell(r, c).shown for c in table.columns] for r in table.rows],
        "row_totals": [table.row_totals[r].shown for r in table.rows],
        "column_totals": [table.column_totals[c].shown for c in table.columns],
        "total": total,
        "merged_rows": sorted(table.merged_rows),
        "merged_columns": sorted(table.merged_columns),
    }


def quarter_make(organisation, start: date, *, themes: list[str] | None = None):
    """Work the quarter out and store it. Only for a closed quarter."""
    if start >= quarter_start(timezone.localdate()):
        raise ValueError(f"{start} is not a closed quarter")
    counts = quarter_counts(organisation, start)
    columns = _columns(counts, _themes() if themes is None else themes)
    k = suppression.minimum()
    rows = sorted({m for m, _t in counts}, key=lambda code: (code == UNKNOWN_MUNICIPALITY, code))
    # Coarsened first (small municipalities and themes into "overige"), then suppressed.
    table = suppression.publish_table(counts, rows, columns, k=k)
    record, _created = OpenDataQuarter.objects.update_or_create(
        organisation=organisation,
        quarter=start,
        defaults={
            "table": _stored(table),
            "digest": _digest(counts, columns, k),
            "made_at": timezone.now(),
        },
    )
    return record


@task()
def open_data_quarter_make(organisation_id: int, quarter: str) -> bool:
    """Work one closed quarter out (`quarter`: its first day, ISO) and store it."""
    from samensterk.accounts.models import Organisation

    organisation = Organisation.objects.filter(pk=organisation_id).first()
    start = date.fromisoformat(quarter)
    if organisation is None or start >= quarter_start(timezone.localdate()):
        return False
    quarter_make(organisation, start)
    _write_files_when_ready(organisation)
    return True


def _write_files_when_ready(organisation) -> None:
    """Once every published quarter is made (the last task of a round), write the files into
    the cache, so that no visitor waits for them."""
    quarters = published(organisation, request=False)
    if all(q.ready for q in quarters):
        for file_name in FILES:
            file_content(organisation, quarters, file_name)


def _enqueue(organisation_id: int, start: date) -> None:
    from .tasks import enqueue_on_commit

    enqueue_on_commit(open_data_quarter_make, organisation_id, start.isoformat())


def refresh(organisations=None, *, now: bool = False) -> int:
    """Make again every published quarter that is missing or whose counts changed (a signal
    moved to another theme, an import into an old quarter, a new k): enqueued for the worker, or
    with `now` in this process. Counting is quick; only the changed quarters are suppressed
    again. Quarters no longer published are removed. Returns how many quarters are made."""
    from samensterk.accounts.models import Organisation

    starts = closed_quarters()
    themes = _themes()
    k = suppression.minimum()
    OpenDataQuarter.objects.filter(quarter__lt=starts[-1]).delete()
    due = 0
    for organisation in organisations if organisations is not None else Organisation.objects.all():
        digests = dict(
            OpenDataQuarter.objects.filter(organisation=organisation, table__isnull=False)
            .filter(quarter__in=starts)
            .values_list("quarter", "digest")
        )
        made = 0
        for start in starts:
            counts = quarter_counts(organisation, start)
            if digests.get(start) == _digest(counts, _columns(counts, themes), k):
                continue
            made += 1
            if now:
                quarter_make(organisation, start, themes=themes)
            else:
                _request(organisation, [start])
        if now and made:
            _write_files_when_ready(organisation)
        due += made
    return due


def _request(organisation, starts: list[date]) -> None:
    """Mark the quarters requested (so that the next visitor does not enqueue them again) and
    enqueue their making once the transaction commits."""
    moment = timezone.now()
    for start in starts:
        OpenDataQuarter.objects.update_or_create(
            organisation=organisation, quarter=start, defaults={"requested_at": moment}
        )
        _enqueue(organisation.pk, start)


def signal_withdrawn(signal) -> None:
    """A withdrawn signal leaves the published figures: its quarter is made again (if it is a
    published closed quarter; the current one is not published yet)."""
    start = signal_quarter(signal.received_at)
    if start in closed_quarters():
        _enqueue(signal.organisation_id, start)


# --- Reading what is published (every request) ----------------------------------------------


@dataclass
class PublishedQuarter:
    start: date
    table: dict | None  # None: still being worked out
    made_at: datetime | None

    @property
    def label(self) -> str:
        return quarter_label(self.start)

    @property
    def ready(self) -> bool:
        return self.table is not None


def published(organisation, *, request: bool = True) -> list[PublishedQuarter]:
    """The published quarters, newest first, as stored. A quarter not stored yet is requested
    from the worker (again if the last request got lost; not with request=False) and comes
    back without a table."""
    starts = closed_quarters()
    stored = {
        q.quarter: q
        for q in OpenDataQuarter.objects.filter(organisation=organisation, quarter__in=starts)
    }
    lost = timezone.now() - REQUEST_AGAIN_AFTER
    missing = [
        start
        for start in starts
        if (q := stored.get(start)) is None
        or (q.table is None and (q.requested_at is None or q.requested_at < lost))
    ]
    if missing and request:
        _request(organisation, missing)
    return [
        PublishedQuarter(
            start,
            stored[start].table if start in stored else None,
            stored[start].made_at if start in stored else None,
        )
        for start in starts
    ]


def names() -> tuple[dict, dict]:
    """Names by code: (municipalities, themes), with those of the file's own codes."""
    municipalities = dict(Municipality.objects.values_list("code", "name"))
    themes = dict(Theme.objects.values_list("code", "name"))
    municipalities.update(
        {UNKNOWN_MUNICIPALITY: "onbekend", OTHER: "overige gemeenten", TOTAL: "totaal"}
    )
    themes.update({NO_THEME: "zonder thema", OTHER: "overige thema's", TOTAL: "totaal"})
    return municipalities, themes


def _figure(value) -> list:
    return [value, SHOWN] if value is not None else [None, HIDDEN]


def file_rows(quarters: list[PublishedQuarter], named: tuple[dict, dict] | None = None):
    """The header and, per quarter worked out, each municipality × theme, each municipality's
    and theme's total and the quarter's total; a hidden figure is empty with status
    "verborgen". The same rows for CSV and XLSX."""
    municipalities, themes = named or names()
    yield HEADER
    for quarter in quarters:
        table = quarter.table
        if table is None:
            continue
        label = quarter.label
        for row, cells, row_total in zip(
            table["rows"], table["cells"], table["row_totals"], strict=True
        ):
            name = municipalities.get(row, row)
            for column, value in zip(table["columns"], cells, strict=True):
                yield [label, row, name, column, themes.get(column, column), *_figure(value)]
            yield [label, row, name, TOTAL, "totaal", *_figure(row_total)]
        for column, value in zip(table["columns"], table["column_totals"], strict=True):
            yield [label, TOTAL, "totaal", column, themes.get(column, column), *_figure(value)]
        yield [label, TOTAL, "totaal", TOTAL, "totaal", *_figure(table["total"])]


def document(organisation, quarters: list[PublishedQuarter], named=None) -> dict:
    """The JSON file and the API's answer: a figure, or null where it is hidden."""
    municipalities, themes = named or names()
    k = suppression.minimum()

    def quarter_document(quarter: PublishedQuarter) -> dict:
        table = quarter.table or {}
        rows = zip(
            table.get("rows", []), table.get("cells", []), table.get("row_totals", []), strict=True
        )
        columns = list(zip(table.get("columns", []), table.get("column_totals", []), strict=True))
        return {
            "quarter": quarter.label,
            "ready": quarter.ready,
            "made_at": quarter.made_at.isoformat(timespec="seconds") if quarter.made_at else None,
            "total": table.get("total"),
            "municipalities": [
                {
                    "code": row,
                    "name": municipalities.get(row, row),
                    "total": total,
                    "themes": {c: v for (c, _t), v in zip(columns, cells, strict=True)},
                }
                for row, cells, total in rows
            ],
            "themes": [
                {"code": column, "name": themes.get(column, column), "total": total}
                for column, total in columns
            ],
            "merged_municipalities": [
                {"code": c, "name": municipalities.get(c, c)} for c in table.get("merged_rows", [])
            ],
            "merged_themes": [
                {"code": c, "name": themes.get(c, c)} for c in table.get("merged_columns", [])
            ],
        }

    return {
        "organisation": organisation.slug,
        "name": organisation.name,
        "k": k,
        "explanation": (
            "Aantal signalen per kwartaal, gemeente en thema; alleen afgesloten kwartalen. "
            "null: verborgen, zodat niemand te herkennen is. Gemeenten en thema's met weinig "
            "signalen staan samen onder 'overige'."
        ),
        "quarters": [quarter_document(q) for q in quarters],
    }


# --- Files ----------------------------------------------------------------------------------

# File name -> content type.
FILES = {
    "signalen.csv": "text/csv; charset=utf-8",
    "signalen-puntkomma.csv": "text/csv; charset=utf-8",
    "signalen.xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "signalen.json": "application/json; charset=utf-8",
}


def file_content(organisation, quarters: list[PublishedQuarter], file_name: str) -> bytes:
    """A file as bytes. Writing a large XLSX takes seconds, so each file is kept in the cache
    under what it is made of (the quarters as made, the names): a quarter made again or a
    renamed theme makes another key."""
    named = names()
    made = repr(
        (
            RULES,
            file_name,
            organisation.slug,
            organisation.name,
            [(q.label, q.made_at and q.made_at.isoformat()) for q in quarters],
            sorted(named[0].items()),
            sorted(named[1].items()),
        )
    )
    key = "open-data-file:" + hashlib.sha256(made.encode()).hexdigest()
    content = cache.get(key)
    if content is None:
        content = _write(organisation, quarters, file_name, named)
        cache.set(key, content, timeout=FILE_CACHE_SECONDS)
    return content


def _write(organisation, quarters, file_name: str, named) -> bytes:
    if file_name == "signalen.json":
        text = json.dumps(document(organisation, quarters, named), ensure_ascii=False, indent=1)
        return text.encode()
    rows = file_rows(quarters, named)
    if file_name == "signalen.xlsx":
        return spreadsheet.write_xlsx(rows, title="signalen")
    buffer = io.StringIO()
    # Excel reads UTF-8 only with a byte order mark; Excel set to Dutch splits on ";".
    buffer.write("\ufeff")
    delimiter = ";" if file_name == "signalen-puntkomma.csv" else ","
    spreadsheet.write_csv(rows, buffer, delimiter=delimiter)
    return buffer.getvalue().encode()
