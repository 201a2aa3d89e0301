"""The dashboards' filters: theme, municipality, province, the staff member's own region,
channel, status and period, read from a GET query.

A value that cannot be read is left out with a Dutch notice on the page, never an error: a
dashboard link pasted into an e-mail and cut short still opens. The filters give the signals'
query (`signal_q`), the dashboard's own links (`query`), the click-through to the signal list
(`signal_list_query`) and a part of the figures' cache key.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Q
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samensterk.intake.models import Channel, Status
from samensterk.lib.months import month_start
from samensterk.places.models import Municipality, Province
from samensterk.places.selectors import municipality_lookup
from samensterk.themes.models import Theme

NO_THEME_CODE = "geen"
OPEN = "open"
MINE = "mijn"
PRESETS = {"3": 3, "12": 12, "24": 24}
# A longer period is cut to this many months: a trend table of more months is no longer read.
MAX_MONTHS = 60
FIRST_YEAR = 2000
PARAMS = ("theme", "municipality", "province", "region", "channel", "status", "period")
PERIOD_PARAMS = ("period", "from", "until")
# The statuses a dashboard can count (a withdrawn signal never counts), "open" first.
STATUS_CHOICES = [(OPEN, gettext_lazy("Open (nieuw en in behandeling)"))] + [
    (value, label) for value, label in Status.choices if value != Status.WITHDRAWN
]
# What the signal list calls "everything the figures count".
COUNTED_STATUS = "geteld"

_MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$|^\s*(\d{1,2})-(\d{4})\s*$")


def parse_month(value: str) -> date | None:
    """'2026-03' (the form's month field) or '03-2026' (as the page writes months)."""
    match = _MONTH.match(value or "")
    if not match:
        return None
    year, month = (match.group(1), match.group(2)) if match.group(1) else match.group(4, 3)
    year, month = int(year), int(month)
    if not 1 <= month <= 12 or year < FIRST_YEAR:
        return None
    return date(year, month, 1)


@dataclass
class DashboardFilters:
    today: date
    theme: Theme | None = None
    no_theme: bool = False  # "nog geen thema"
    municipality: Municipality | None = None
    province: Province | None = None
    region: bool = False  # the staff member's own region
    region_ids: set[int] = field(default_factory=set)
    channel: str = ""
    status: str = ""
    preset: str = ""  # "3", "12", "24" or a year
    first_month: date | None = None  # an explicit period (from a preset or from–until)
    last_month: date | None = None
    notices: list[str] = field(default_factory=list)

    # --- the period ---------------------------------------------------------------------
    @property
    def has_period(self) -> bool:
        return self.first_month is not None

    def span(self, default_months: int) -> tuple[date, date, int]:
        """(first month, last day counted, months): the chosen period, or the last
        `default_months` months up to today."""
        if not self.has_period:
            return month_start(self.today, default_months - 1), self.today, default_months
        last = self.last_month
        end = self.today if last == month_start(self.today) else month_start(last, -1) - _DAY
        months = (last.year - self.first_month.year) * 12 + last.month - self.first_month.month
        return self.first_month, end, months + 1

    # --- the signals --------------------------------------------------------------------
    def signal_q(self) -> Q:
        """Everything but the period (each figure has its own months)."""
        q = Q()
        if self.no_theme:
            q &= Q(theme__isnull=True)
        elif self.theme:
            q &= Q(theme=self.theme)
        if self.municipality:
            q &= Q(municipality=self.municipality)
        if self.province:
            q &= Q(municipality__province=self.province)
        if self.region:
            q &= Q(municipality__in=self.region_ids)
        if self.channel:
            q &= Q(channel=self.channel)
        if self.status == OPEN:
            q &= Q(status__in=[Status.NEW, Status.IN_PROGRESS])
        elif self.status:
            q &= Q(status=self.status)
        return q

    # --- links --------------------------------------------------------------------------
    def params(self) -> dict[str, str]:
        """The filters as the dashboard's query parameters, in a fixed order."""
        values = {
            "theme": NO_THEME_CODE if self.no_theme else (self.theme.code if self.theme else ""),
            "municipality": self.municipality.code if self.municipality else "",
            "province": self.province.slug if self.province else "",
            "region": MINE if self.region else "",
            "channel": self.channel,
            "status": self.status,
            "period": self.preset,
        }
        if self.has_period and not self.preset:
            values["from"] = f"{self.first_month:%Y-%m}"
            values["until"] = f"{self.last_month:%Y-%m}"
        return {key: value for key, value in values.items() if value}

    def query(self, **changes) -> str:
        """The query string with some parameters changed ('' or None removes one; the period
        parameters go together)."""
        values = self.params()
        if any(key in changes for key in PERIOD_PARAMS):
            for key in PERIOD_PARAMS:
                values.pop(key, None)
        for key, value in changes.items():
            if value:
                values[key] = str(value)
            else:
                values.pop(key, None)
        query = QueryDict(mutable=True)
        query.update(values)
        return query.urlencode()

    def signal_list_params(self, first: date, end: date) -> dict[str, str]:
        """The signal list's parameters for the signals behind a figure of these filters over
        first–end (days); a cell adds its own theme, municipality, province or month."""
        values = {
            "theme": NO_THEME_CODE if self.no_theme else (self.theme.code if self.theme else ""),
            "municipality": self.municipality.code if self.municipality else "",
            "province": self.province.slug if self.province else "",
            "regio": MINE if self.region else "",
            "channel": self.channel,
            "status": self.status or COUNTED_STATUS,
            "received_from": f"{first:%Y-%m-%d}",
            "received_until": f"{end:%Y-%m-%d}",
        }
        return {key: value for key, value in values.items() if value}

    def active(self) -> list[tuple[str, str]]:
        """(what the filter says, the query without it) for each active filter."""
        items = []
        if self.no_theme:
            items.append((_("Thema: nog geen thema"), self.query(theme=None)))
        elif self.theme:
            items.append((_("Thema: %(name)s") % {"name": self.theme.name}, self.query(theme=None)))
        if self.municipality:
            items.append(
                (
                    _("Gemeente: %(name)s") % {"name": self.municipality.name},
                    self.query(municipality=None),
                )
            )
        if self.province:
            items.append(
                (_("Provincie: %(name)s") % {"name": self.province.name}, self.query(province=None))
            )
        if self.region:
            items.append((_("Mijn regio"), self.query(region=None)))
        if self.channel:
            items.append(
                (
                    _("Kanaal: %(name)s") % {"name": Channel(self.channel).label},
                    self.query(channel=None),
                )
            )
        if self.status:
            items.append(
                (
                    _("Status: %(name)s") % {"name": dict(STATUS_CHOICES)[self.status]},
                    self.query(status=None),
                )
            )
        if self.has_period:
            items.append(
                (_("Periode: %(label)s") % {"label": self.period_label}, self.query(period=None))
            )
        return items

    @property
    def period_label(self) -> str:
        if not self.has_period:
            return ""
        return f"{self.first_month:%m-%Y} – {self.last_month:%m-%Y}"

    def cache_key(self) -> str:
        """A part of the figures' cache key: the filters, today (the periods move with it) and
        the region's municipalities (a staff member may change their region)."""
        region = ",".join(map(str, sorted(self.region_ids))) if self.region else ""
        text = f"{self.today}|{sorted(self.params().items())}|{region}"
        return hashlib.sha256(text.encode()).hexdigest()[:16]


_DAY = timedelta(days=1)


def _text(query, key: str) -> str:
    # A bounded, single value: a repeated parameter counts once (the last), as in a form.
    return (query.get(key) or "").replace("\x00", "").strip()[:100]


def parse(query, *, today: date | None = None, region_ids: set[int] | None = None):
    """The filters in `query` (request.GET). `region_ids`: the reader's own region (national
    staff), None where "my region" cannot be used."""
    today = today or timezone.localdate()
    filters = DashboardFilters(today=today)
    notices = filters.notices

    if value := _text(query, "theme"):
        if value == NO_THEME_CODE:
            filters.no_theme = True
        elif theme := Theme.objects.filter(code=value).first():
            filters.theme = theme
        else:
            notices.append(
                _("Het thema “%(value)s” kennen we niet; dat filter is weggelaten.")
                % {"value": value}
            )
    if value := _text(query, "municipality"):
        if municipality := municipality_lookup(value):
            filters.municipality = municipality
        else:
            notices.append(
                _("De gemeente “%(value)s” kennen we niet; dat filter is weggelaten.")
                % {"value": value}
            )
    if value := _text(query, "province"):
        province = Province.objects.filter(Q(slug=value) | Q(name__iexact=value)).first()
        if province:
            filters.province = province
        else:
            notices.append(
                _("De provincie “%(value)s” kennen we niet; dat filter is weggelaten.")
                % {"value": value}
            )
    if value := _text(query, "region"):
        if value != MINE:
            notices.append(
                _("De regio “%(value)s” kennen we niet; dat filter is weggelaten.")
                % {"value": value}
            )
        elif region_ids is None:
            notices.append(_("Het filter ‘mijn regio’ kan pas als u een regio kiest."))
        else:
            filters.region, filters.region_ids = True, set(region_ids)
    if value := _text(query, "channel"):
        if value in Channel.values:
            filters.channel = value
        else:
            notices.append(
                _("Het kanaal “%(value)s” kennen we niet; dat filter is weggelaten.")
                % {"value": value}
            )
    if value := _text(query, "status"):
        if value in dict(STATUS_CHOICES):
            filters.status = value
        else:
            notices.append(
                _(
                    "De status “%(value)s” kan niet als filter (ingetrokken signalen tellen niet "
                    "mee); dat filter is weggelaten."
                )
                % {"value": value}
            )
    _parse_period(query, filters, today)
    return filters


def _parse_period(query, filters: DashboardFilters, today: date) -> None:
    this_month = month_start(today)
    notices = filters.notices
    start_text, until_text = _text(query, "from"), _text(query, "until")
    preset = _text(query, "period")
    if start_text or until_text:
        first, last = parse_month(start_text), parse_month(until_text)
        if (start_text and first is None) or (until_text and last is None):
            notices.append(
                _(
                    "De periode kunnen we niet lezen (schrijf maanden als 2026-03); die is "
                    "weggelaten."
                )
            )
            return
        last = min(last or this_month, this_month)
        first = first or month_start(last, 11)
        if first > last:
            notices.append(_("De periode begint na het einde; die is weggelaten."))
            return
        _set_period(filters, first, last)
        return
    if not preset:
        return
    if preset in PRESETS:
        filters.preset = preset
        _set_period(filters, month_start(today, PRESETS[preset] - 1), this_month)
    elif preset.isdigit() and len(preset) == 4 and FIRST_YEAR <= int(preset) <= today.year:
        filters.preset = preset
        year = int(preset)
        _set_period(filters, date(year, 1, 1), min(date(year, 12, 1), this_month))
    else:
        notices.append(
            _("De periode “%(value)s” kennen we niet; die is weggelaten.") % {"value": preset}
        )


def _set_period(filters: DashboardFilters, first: date, last: date) -> None:
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    if months > MAX_MONTHS:
        first = month_start(last, MAX_MONTHS - 1)
        filters.notices.append(
            _("De periode is ingekort tot de laatste %(months)s maanden ervan.")
            % {"months": MAX_MONTHS}
        )
    filters.first_month, filters.last_month = first, last


def year_choices(today: date | None = None, years: int = 5) -> list[str]:
    """The years offered as plain links and in the form: this year and the ones before."""
    today = today or timezone.localdate()
    return [str(today.year - back) for back in range(years)]
