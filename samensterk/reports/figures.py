"""Dashboard figures, counted straight from the signals. Callers check access (selectors.py).

Every figure carries its base (n) and its period, so that a page can say what it counts.
Themes are confirmed themes; signals without one are counted as "nog geen thema". Months are
calendar months in the installation's time zone (Europe/Amsterdam): `local_month` and
`month_begins` are the one month rule of every figure. Withdrawn signals do not count.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samensterk.intake.models import Signal, Status
from samensterk.lib.months import local_month, month_begins, month_start
from samensterk.places.models import Municipality, Province
from samensterk.themes.models import Theme

from .filters import NO_THEME_CODE, DashboardFilters

NO_THEME = _("Nog geen thema")
NO_MUNICIPALITY = _("Gemeente onbekend")
TREND_MONTHS = 24
# The dashboards' charts and tables are rendered at most once a minute per group or
# organisation (and language); what a person has to act on (counts of new signals, patterns,
# dossiers) stays live. The page says when the figures were made.
DASHBOARD_FIGURES_SECONDS = 60
PERIOD_MONTHS = 12


def counted(since: date, **filters):
    """The signals that count in figures from `since`'s month on: not withdrawn ones."""
    return (
        Signal.objects.filter(received_at__gte=month_begins(since), **filters)
        .exclude(status=Status.WITHDRAWN)
        .order_by()
    )


@dataclass
class Period:
    start: date  # first day of the first month
    end: date  # the day the figures were read (today)
    months: int

    @property
    def label(self) -> str:
        return f"{self.start:%m-%Y} – {self.end:%m-%Y}"


def period(months: int, today: date | None = None) -> Period:
    today = today or timezone.localdate()
    return Period(start=month_start(today, months - 1), end=today, months=months)


def filtered_period(filters: DashboardFilters | None, months: int, today=None) -> Period:
    """The filters' period, or the last `months` months when they choose none."""
    if filters is None:
        return period(months, today)
    start, end, length = filters.span(months)
    return Period(start=start, end=end, months=length)


def in_period(span: Period, filters: DashboardFilters | None, **fields):
    """The counted signals of the period's months that pass the filters."""
    queryset = counted(span.start, **fields).filter(
        received_at__lt=month_begins(month_start(span.end, -1))
    )
    return queryset.filter(filters.signal_q()) if filters is not None else queryset


@dataclass
class Series:
    """Labelled counts, largest first (or in month order for a trend)."""

    title: str
    period: Period
    items: list[tuple[str, int]] = field(default_factory=list)
    # What each item stands for (a theme code, a municipality code, a month), for the links to
    # the signals behind it; "" where there is none ("gemeente onbekend").
    keys: list = field(default_factory=list)

    @property
    def n(self) -> int:
        return sum(value for _label, value in self.items)

    @property
    def keyed_items(self) -> list[tuple[str, int, object]]:
        keys = self.keys or [""] * len(self.items)
        return [(label, value, key) for (label, value), key in zip(self.items, keys, strict=True)]


def _names(model, ids) -> dict[int, str]:
    return dict(model.objects.filter(pk__in=[i for i in ids if i]).values_list("pk", "name"))


def _ranked_keyed(counts, names, none_label, codes=None) -> list[tuple[str, int, str]]:
    """(label, n, code) largest first; `codes` maps an id to its code for the links (a missing
    id, 0, is "nog geen thema" or "gemeente onbekend": code `none_code`)."""
    codes = codes or {}
    items = [
        (names.get(key, str(none_label)) if key else str(none_label), n, codes.get(key, ""))
        for key, n in counts.items()
    ]
    return sorted((item for item in items if item[1] > 0), key=lambda item: (-item[1], item[0]))


def _series(title, span, counts, model, none_label, none_code="") -> Series:
    """A ranked series of themes or municipalities, with their codes as keys."""
    codes = dict(model.objects.filter(pk__in=[i for i in counts if i]).values_list("pk", "code"))
    codes[0] = none_code
    ranked = _ranked_keyed(counts, _names(model, counts), none_label, codes)
    return Series(
        title, span, [(label, n) for label, n, _c in ranked], [code for _l, _n, code in ranked]
    )


def month_list(span: Period) -> list[date]:
    return [month_start(span.end, back) for back in range(span.months - 1, -1, -1)]


def _months(rows: dict[date, int], span: Period) -> list[tuple[str, int]]:
    return [(f"{month:%m-%Y}", rows.get(month, 0)) for month in month_list(span)]


def _month_series(title, span: Period, rows: dict[date, int]) -> Series:
    return Series(title, span, _months(rows, span), month_list(span))


@dataclass
class GroupFigures:
    by_theme: Series
    by_municipality: Series
    trend: Series
    theme_trend: ThemeTrend


def group_figures(
    group, today: date | None = None, filters: DashboardFilters | None = None
) -> GroupFigures:
    """A group's signals by theme and municipality (last 12 months) and by month, also per
    theme (24); with `filters`, of their signals and (when they choose one) their period."""
    trend_period = filtered_period(filters, TREND_MONTHS, today)
    recent = filtered_period(filters, PERIOD_MONTHS, today)
    rows = (
        in_period(trend_period, filters, group_id=group.pk)
        .annotate(month=local_month(trend_period.start, trend_period.end))
        .values_list("municipality_id", "theme_id", "month")
        .annotate(n=Count("*"))
    )
    themes, places, months = defaultdict(int), defaultdict(int), defaultdict(int)
    theme_months = defaultdict(int)
    for municipality, theme, month, n in rows:
        months[month] += n
        theme_months[(theme or 0, month)] += n
        if month >= recent.start:
            themes[theme or 0] += n
            places[municipality or 0] += n
    return GroupFigures(
        by_theme=_series(_("Signalen per thema"), recent, themes, Theme, NO_THEME, NO_THEME_CODE),
        by_municipality=_series(
            _("Signalen per gemeente"), recent, places, Municipality, NO_MUNICIPALITY
        ),
        trend=_month_series(_("Signalen per maand"), trend_period, months),
        theme_trend=theme_trend(trend_period, theme_months),
    )


@dataclass
class ThemeTrend:
    """Signals per theme and month: one row per theme, a small chart and the counts."""

    title: str
    period: Period
    months: list[date]
    rows: list[tuple[str, str, list[int], int]]  # (theme code, name, counts per month, total)

    @property
    def n(self) -> int:
        return sum(total for _code, _name, _counts, total in self.rows)

    @cached_property
    def month_totals(self) -> list[int]:
        return [sum(row[2][i] for row in self.rows) for i in range(len(self.months))]


def theme_trend(span: Period, cells: dict[tuple[int, date], int]) -> ThemeTrend:
    """The rows of themes that had signals in the period, largest total first."""
    months = month_list(span)
    theme_ids = {theme for theme, _month in cells}
    themes = {t.pk: t for t in Theme.objects.filter(pk__in=[t for t in theme_ids if t])}
    rows = []
    for theme_id in theme_ids:
        counts = [cells.get((theme_id, month), 0) for month in months]
        theme = themes.get(theme_id)
        code, name = (theme.code, theme.name) if theme else (NO_THEME_CODE, str(NO_THEME))
        if sum(counts):
            rows.append((code, name, counts, sum(counts)))
    rows.sort(key=lambda row: (-row[3], row[1]))
    return ThemeTrend(_("Signalen per thema en maand"), span, months, rows)


@dataclass
class HeatTable:
    """Counts of rows (provinces or municipalities) × themes, with totals."""

    title: str
    period: Period
    columns: list[tuple[int, str]]  # (theme id, name)
    rows: list[tuple[str, list[int], int]]  # (name, counts per column, row total)
    # The codes behind columns and rows, for the links to the signals behind a cell: theme
    # codes ("geen" for no theme); municipality codes or province slugs ("" when unknown).
    column_keys: list[str] = field(default_factory=list)
    row_keys: list[str] = field(default_factory=list)

    @property
    def n(self) -> int:
        return sum(total for _name, _counts, total in self.rows)

    @property
    def keyed_columns(self) -> list[tuple[str, str]]:
        """(theme name, theme code) per column."""
        keys = self.column_keys or [""] * len(self.columns)
        return [(name, key) for (_id, name), key in zip(self.columns, keys, strict=True)]

    @cached_property
    def maximum(self) -> int:
        return max((max(counts, default=0) for _n, counts, _t in self.rows), default=0)

    @cached_property
    def shaded_rows(self) -> list[tuple[str, list[tuple[int, str]], int]]:
        """The rows with a CSS class per cell, from heat-0 (none) to heat-4 (the maximum)."""
        top = self.maximum
        return [
            (name, [(n, heat_class(n, top)) for n in counts], total)
            for name, counts, total in self.rows
        ]

    @cached_property
    def column_totals(self) -> list[int]:
        return [sum(counts[i] for _n, counts, _t in self.rows) for i in range(len(self.columns))]


def heat_class(value: int, maximum: int) -> str:
    if not value or not maximum:
        return "heat-0"
    return f"heat-{min(4, 1 + (4 * value - 1) // maximum)}"


def _heat(
    title, span, cells: dict[tuple[int, int], int], names: dict[int, str], keys: dict[int, str]
) -> HeatTable:
    theme_ids = sorted({theme for _row, theme in cells}, key=lambda t: (t == 0, t))
    themes = {t.pk: t for t in Theme.objects.filter(pk__in=[t for t in theme_ids if t])}
    columns = [(t, themes[t].name if t in themes else str(NO_THEME)) for t in theme_ids]
    by_row = defaultdict(dict)
    for (row, theme), n in cells.items():
        by_row[row][theme] = n
    rows = []
    for row, counts in by_row.items():
        values = [counts.get(t, 0) for t, _name in columns]
        name = names.get(row, str(NO_MUNICIPALITY)) if row else str(NO_MUNICIPALITY)
        rows.append((keys.get(row, ""), name, values, sum(values)))
    rows.sort(key=lambda r: (-r[3], r[1]))
    return HeatTable(
        title,
        span,
        columns,
        [(name, values, total) for _key, name, values, total in rows],
        column_keys=[themes[t].code if t in themes else NO_THEME_CODE for t in theme_ids],
        row_keys=[key for key, _name, _values, _total in rows],
    )


@dataclass
class NationalFigures:
    by_province: HeatTable
    by_municipality: HeatTable
    trend: Series
    theme_trend: ThemeTrend


def national_figures(
    organisation, today: date | None = None, filters: DashboardFilters | None = None
) -> NationalFigures:
    """All the organisation's signals (groups and national office): themes × province and
    × municipality over the last 12 months, and the trend by month, also per theme, over 24;
    with `filters`, of their signals and (when they choose one) their period."""
    trend_period = filtered_period(filters, TREND_MONTHS, today)
    recent = filtered_period(filters, PERIOD_MONTHS, today)
    cells = {
        (municipality or 0, theme or 0): n
        for municipality, theme, n in in_period(recent, filters, organisation_id=organisation.pk)
        .values_list("municipality_id", "theme_id")
        .annotate(n=Count("*"))
    }
    theme_months = {
        (theme or 0, month): n
        for theme, month, n in in_period(trend_period, filters, organisation_id=organisation.pk)
        .annotate(month=local_month(trend_period.start, trend_period.end))
        .values_list("theme_id", "month")
        .annotate(n=Count("*"))
    }
    months = defaultdict(int)
    for (_theme, month), n in theme_months.items():
        months[month] += n
    municipalities = {
        pk: (name, code, province)
        for pk, name, code, province in Municipality.objects.filter(
            pk__in=[m for m, _t in cells if m]
        ).values_list("pk", "name", "code", "province_id")
    }
    provinces = defaultdict(int)
    for (municipality, theme), n in cells.items():
        provinces[(municipalities.get(municipality, ("", "", 0))[2], theme)] += n
    province_rows = Province.objects.filter(pk__in=[p for p, _t in provinces if p])
    return NationalFigures(
        by_province=_heat(
            _("Signalen per provincie en thema"),
            recent,
            provinces,
            {p.pk: p.name for p in province_rows},
            {p.pk: p.slug for p in province_rows},
        ),
        by_municipality=_heat(
            _("Signalen per gemeente en thema"),
            recent,
            cells,
            {pk: name for pk, (name, _code, _p) in municipalities.items()},
            {pk: code for pk, (_name, code, _p) in municipalities.items()},
        ),
        trend=_month_series(_("Signalen per maand"), trend_period, months),
        theme_trend=theme_trend(trend_period, theme_months),
    )


@dataclass
class RegionFigures:
    from_groups: Series
    from_office: Series

    @property
    def n(self) -> int:
        return self.from_groups.n + self.from_office.n


def region_figures(
    organisation, municipality_ids, today=None, filters: DashboardFilters | None = None
) -> RegionFigures:
    """Which themes come in from an area (a staff member's region): told to the groups, and
    to the national office (the advice centre's phone calls and e-mails), last 12 months (or
    the filters' period)."""
    recent = filtered_period(filters, PERIOD_MONTHS, today)
    rows = (
        in_period(
            recent, filters, organisation_id=organisation.pk, municipality_id__in=municipality_ids
        )
        .values_list("group_id", "theme_id")
        .annotate(n=Count("*"))
    )
    groups, office = defaultdict(int), defaultdict(int)
    for group, theme, n in rows:
        (office if group is None else groups)[theme or 0] += n
    return RegionFigures(
        from_groups=_series(
            _("Bij de ledengroepen"), recent, groups, Theme, NO_THEME, NO_THEME_CODE
        ),
        from_office=_series(
            _("Bij het landelijk bureau (telefoon en e-mail)"),
            recent,
            office,
            Theme,
            NO_THEME,
            NO_THEME_CODE,
        ),
    )
