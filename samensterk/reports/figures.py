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


@dataclass
class Series:
    """Labelled counts, largest first (or in month order for a trend)."""

    title: str
    period: Period
    items: list[tuple[str, int]] = field(default_factory=list)

    @property
    def n(self) -> int:
        return sum(value for _label, value in self.items)


def _names(model, ids) -> dict[int, str]:
    return dict(model.objects.filter(pk__in=[i for i in ids if i]).values_list("pk", "name"))


def _ranked(counts: dict[int, int], names: dict[int, str], none_label) -> list[tuple[str, int]]:
    items = [
        (names.get(key, str(none_label)) if key else str(none_label), n)
        for key, n in counts.items()
    ]
    return sorted((item for item in items if item[1] > 0), key=lambda item: (-item[1], item[0]))


def _months(rows: dict[date, int], span: Period) -> list[tuple[str, int]]:
    return [
        (f"{month_start(span.end, back):%m-%Y}", rows.get(month_start(span.end, back), 0))
        for back in range(span.months - 1, -1, -1)
    ]


@dataclass
class GroupFigures:
    by_theme: Series
    by_municipality: Series
    trend: Series


def group_figures(group, today: date | None = None) -> GroupFigures:
    """A group's signals by theme and municipality (last 12 months) and by month (24)."""
    trend_period = period(TREND_MONTHS, today)
    recent = period(PERIOD_MONTHS, today)
    rows = (
        counted(trend_period.start, group_id=group.pk)
        .annotate(month=local_month(trend_period.start, trend_period.end))
        .values_list("municipality_id", "theme_id", "month")
        .annotate(n=Count("*"))
    )
    themes, places, months = defaultdict(int), defaultdict(int), defaultdict(int)
    for municipality, theme, month, n in rows:
        months[month] += n
        if month >= recent.start:
            themes[theme or 0] += n
            places[municipality or 0] += n
    return GroupFigures(
        by_theme=Series(
            _("Signalen per thema"), recent, _ranked(themes, _names(Theme, themes), NO_THEME)
        ),
        by_municipality=Series(
            _("Signalen per gemeente"),
            recent,
            _ranked(places, _names(Municipality, places), NO_MUNICIPALITY),
        ),
        trend=Series(_("Signalen per maand"), trend_period, _months(months, trend_period)),
    )


@dataclass
class HeatTable:
    """Counts of rows (provinces or municipalities) × themes, with totals."""

    title: str
    period: Period
    columns: list[tuple[int, str]]  # (theme id, name)
    rows: list[tuple[str, list[int], int]]  # (name, counts per column, row total)

    @property
    def n(self) -> int:
        return sum(total for _name, _counts, total in self.rows)

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


def _heat(title, span, cells: dict[tuple[int, int], int], names: dict[int, str]) -> HeatTable:
    theme_ids = sorted({theme for _row, theme in cells}, key=lambda t: (t == 0, t))
    theme_names = _names(Theme, theme_ids)
    columns = [(t, theme_names.get(t, str(NO_THEME)) if t else str(NO_THEME)) for t in theme_ids]
    by_row = defaultdict(dict)
    for (row, theme), n in cells.items():
        by_row[row][theme] = n
    rows = []
    for row, counts in by_row.items():
        values = [counts.get(t, 0) for t, _name in columns]
        rows.append(
            (
                names.get(row, str(NO_MUNICIPALITY)) if row else str(NO_MUNICIPALITY),
                values,
                sum(values),
            )
        )
    rows.sort(key=lambda r: (-r[2], r[0]))
    return HeatTable(title, span, columns, rows)


@dataclass
class NationalFigures:
    by_province: HeatTable
    by_municipality: HeatTable
    trend: Series


def national_figures(organisation, today: date | None = None) -> NationalFigures:
    """All the organisation's signals (groups and national office): themes × province and
    × municipality over the last 12 months, and the trend by month over 24."""
    trend_period = period(TREND_MONTHS, today)
    recent = period(PERIOD_MONTHS, today)
    cells = {
        (municipality or 0, theme or 0): n
        for municipality, theme, n in counted(recent.start, organisation_id=organisation.pk)
        .values_list("municipality_id", "theme_id")
        .annotate(n=Count("*"))
    }
    months = dict(
        counted(trend_period.start, organisation_id=organisation.pk)
        .annotate(month=local_month(trend_period.start, trend_period.end))
        .values_list("month")
        .annotate(n=Count("*"))
    )
    municipality_names = _names(Municipality, {m for m, _t in cells})
    province_of = dict(
        Municipality.objects.filter(pk__in=[m for m, _t in cells if m]).values_list(
            "pk", "province_id"
        )
    )
    provinces = defaultdict(int)
    for (municipality, theme), n in cells.items():
        provinces[(province_of.get(municipality, 0), theme)] += n
    return NationalFigures(
        by_province=_heat(
            _("Signalen per provincie en thema"),
            recent,
            provinces,
            _names(Province, {p for p, _t in provinces}),
        ),
        by_municipality=_heat(
            _("Signalen per gemeente en thema"), recent, cells, municipality_names
        ),
        trend=Series(_("Signalen per maand"), trend_period, _months(months, trend_period)),
    )


@dataclass
class RegionFigures:
    from_groups: Series
    from_office: Series

    @property
    def n(self) -> int:
        return self.from_groups.n + self.from_office.n


def region_figures(organisation, municipality_ids: list[int], today=None) -> RegionFigures:
    """Which themes come in from an area (a group's municipalities): told to the groups, and
    to the national office (the advice centre's phone calls and e-mails), last 12 months."""
    recent = period(PERIOD_MONTHS, today)
    rows = (
        counted(recent.start, organisation_id=organisation.pk, municipality_id__in=municipality_ids)
        .values_list("group_id", "theme_id")
        .annotate(n=Count("*"))
    )
    groups, office = defaultdict(int), defaultdict(int)
    for group, theme, n in rows:
        (office if group is None else groups)[theme or 0] += n
    names = _names(Theme, set(groups) | set(office))
    return RegionFigures(
        from_groups=Series(_("Bij de ledengroepen"), recent, _ranked(groups, names, NO_THEME)),
        from_office=Series(
            _("Bij het landelijk bureau (telefoon en e-mail)"),
            recent,
            _ranked(office, names, NO_THEME),
        ),
    )
