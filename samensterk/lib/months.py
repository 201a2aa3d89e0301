"""Calendar months in the installation's time zone (Europe/Amsterdam): the one month rule of
every figure, in Python and, for counting, in SQL."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Case, DateField, Value, When


def month_start(day: date, back: int = 0) -> date:
    """The first day of the month `back` months before `day`'s month."""
    index = day.year * 12 + day.month - 1 - back
    return date(index // 12, index % 12 + 1, 1)


def month_begins(day: date) -> datetime:
    """The moment `day`'s month begins in the installation's time zone."""
    return datetime.combine(day.replace(day=1), time.min, tzinfo=ZoneInfo(settings.TIME_ZONE))


def local_month(first: date, last: date, field: str = "received_at") -> Case:
    """The first day of a moment's calendar month in the installation's time zone, for moments
    in the months from `first` to `last`. Compared in SQL with each month's beginning
    (month_begins): SQLite does that itself, where TruncMonth with a time zone calls Python
    for every row (3-5 times slower on a dashboard's 24 months)."""
    months = [first.replace(day=1)]
    while (following := month_start(months[-1], -1)) <= last:
        months.append(following)
    return Case(
        *(When(**{f"{field}__gte": month_begins(m)}, then=Value(m)) for m in reversed(months)),
        output_field=DateField(),
    )
