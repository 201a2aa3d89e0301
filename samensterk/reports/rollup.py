"""Counting signals per organisation, group, municipality, confirmed theme and month.

`counted()` is the direct aggregate over the signals table: what SignalRollup replaces, used to
rebuild it and, in tests and the benchmark, to check and time it against the rollup.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connections, transaction
from django.db.models import Count, DateField, Func, Q, Value
from django.db.models.functions import Coalesce, TruncMonth

WITHDRAWN = "ingetrokken"


class _SqliteAmsterdamMonth(Func):
    """On SQLite, the month in Europe/Amsterdam by string arithmetic in SQL — the rule of the
    rollup triggers (migration 0002): UTC+2 from April to October, else UTC+1; only the first
    two hours of a month depend on it — instead of Django's per-row Python function."""

    arity = 1
    output_field = DateField()
    template = (
        "CASE WHEN substr(datetime(%(expressions)s, '+2 hours'), 6, 2) BETWEEN '04' AND '10' "
        "THEN date(%(expressions)s, '+2 hours', 'start of month') "
        "ELSE date(%(expressions)s, '+1 hours', 'start of month') END"
    )


def amsterdam_month(field: str, using: str = "default"):
    """The first day of a timestamp's calendar month in Europe/Amsterdam."""
    if connections[using].vendor == "sqlite":
        return _SqliteAmsterdamMonth(field)
    return TruncMonth(field, tzinfo=ZoneInfo(settings.TIME_ZONE), output_field=DateField())


def counted(signal_model=None, *, using: str = "default", filters: Q | None = None):
    """(organisation_id, group_id, municipality_id, theme_id, month, n) straight from signals."""
    if signal_model is None:
        from samensterk.intake.models import Signal as signal_model
    return (
        signal_model.objects.using(using)
        .filter(filters or Q())
        .exclude(status=WITHDRAWN)
        .annotate(
            g=Coalesce("group_id", Value(0)),
            m=Coalesce("municipality_id", Value(0)),
            t=Coalesce("theme_id", Value(0)),
            month=amsterdam_month("received_at", using),
        )
        .values_list("organisation_id", "g", "m", "t", "month")
        .annotate(n=Count("pk"))
        .order_by()
    )


ROLLUP_FIELDS = ["organisation_id", "group_id", "municipality_id", "theme_id", "month", "n"]
PATTERN_FIELDS = [
    "organisation_id",
    "group_id",
    "municipality_id",
    "theme_code",
    "day",
    "shared",
    "n",
]


def _replace(rollup_model, fields: list[str], rows, using: str) -> int:
    """Empty a rollup and fill it with `rows` (tuples in the order of `fields`), atomically."""
    with transaction.atomic(using=using):
        rollup_model.objects.using(using).all().delete()
        objects = [rollup_model(**dict(zip(fields, row, strict=True))) for row in rows]
        rollup_model.objects.using(using).bulk_create(objects, batch_size=2000)
    return len(objects)


def rebuild(*, using: str = "default", signal_model=None, rollup_model=None) -> int:
    """Recount everything (after a restore, or to check the triggers); returns the rows."""
    if rollup_model is None:
        from .models import SignalRollup as rollup_model
    rows = (
        (*key, month.date() if hasattr(month, "date") else month, n)
        for *key, month, n in counted(signal_model, using=using)
    )
    return _replace(rollup_model, ROLLUP_FIELDS, rows, using)


def pattern_counted(signal_model=None, *, using: str = "default", filters: Q | None = None):
    """(organisation_id, group_id, municipality_id, theme code, day, shared, n) straight from
    signals, with the pattern theme of insight.patterns."""
    from datetime import UTC

    from django.db.models import BooleanField, Case, When
    from django.db.models.functions import TruncDate

    from samensterk.insight.patterns import pattern_theme

    if signal_model is None:
        from samensterk.intake.models import Signal as signal_model
    return (
        signal_model.objects.using(using)
        .filter(filters or Q())
        .exclude(status=WITHDRAWN)
        .annotate(code=pattern_theme())
        .exclude(code="")
        .annotate(
            g=Coalesce("group_id", Value(0)),
            m=Coalesce("municipality_id", Value(0)),
            day=TruncDate("received_at", tzinfo=UTC),
            shared=Case(
                When(Q(group__isnull=True) | Q(shared_with_national=True), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
        )
        .values_list("organisation_id", "g", "m", "code", "day", "shared")
        .annotate(n=Count("pk"))
        .order_by()
    )


def pattern_rows(signal_model=None, *, using: str = "default") -> list[tuple]:
    """Every row of the pattern rollup, counted directly: each signal's own, and the
    organisation's national rows (group -1, municipality 0) for what the office may see."""
    own = list(pattern_counted(signal_model, using=using))
    national = {}
    for organisation, _group, _municipality, code, day, shared, n in own:
        if shared:
            key = (organisation, -1, 0, code, day, True)
            national[key] = national.get(key, 0) + n
    return own + [(*key, n) for key, n in national.items()]


def rebuild_patterns(*, using: str = "default", signal_model=None, rollup_model=None) -> int:
    if rollup_model is None:
        from .models import PatternRollup as rollup_model
    return _replace(rollup_model, PATTERN_FIELDS, pattern_counted(signal_model, using=using), using)


STATUS_FIELDS = ["organisation_id", "group_id", "status", "n"]


def status_counted(signal_model=None, *, using: str = "default"):
    """(organisation_id, group_id, status, n) straight from signals."""
    if signal_model is None:
        from samensterk.intake.models import Signal as signal_model
    return (
        signal_model.objects.using(using)
        .annotate(g=Coalesce("group_id", Value(0)))
        .values_list("organisation_id", "g", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )


def rebuild_statuses(*, using: str = "default", signal_model=None, rollup_model=None) -> int:
    if rollup_model is None:
        from .models import StatusRollup as rollup_model
    return _replace(rollup_model, STATUS_FIELDS, status_counted(signal_model, using=using), using)
