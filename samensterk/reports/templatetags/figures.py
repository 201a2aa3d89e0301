from datetime import timedelta
from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from samensterk.lib import charts
from samensterk.lib.months import month_start

register = template.Library()


@register.simple_tag
def bar_chart(series):
    return charts.bar_chart(
        series.items,
        title=str(series.title),
        description=charts.describe(series, unit_singular="signaal", unit_plural="signalen"),
    )


@register.simple_tag
def column_chart(series):
    return charts.column_chart(
        series.items,
        title=str(series.title),
        description=charts.describe(series, unit_singular="signaal", unit_plural="signalen"),
    )


class SignalLinks:
    """Links from a figure to the signals behind it: the signal list with the dashboard's
    filters, the figure's period and the cell's own theme, municipality, province or month.
    Internal dashboards only: the list shows what the reader may open."""

    def __init__(self, filters, span, group_slug: str = ""):
        self.url = reverse("intake:signal_list")
        self.base = filters.signal_list_params(span.start, span.end) if filters else {}
        if group_slug:
            self.base["groep"] = group_slug

    def __call__(self, **cell) -> str:
        params = dict(self.base)
        month = cell.pop("month", None)
        if month:
            params["received_from"] = f"{month:%Y-%m-%d}"
            params["received_until"] = f"{month_start(month, -1) - timedelta(days=1):%Y-%m-%d}"
        params.update({key: value for key, value in cell.items() if value})
        return f"{self.url}?{urlencode(params)}"


@register.simple_tag
def signals_url(filters, span, group_slug="", param="", value=""):
    """The signal list for one cell: `param` (theme, municipality, province or month) is
    `value`; a cell without a key ("gemeente onbekend") gives "" (no link)."""
    if param and not value:
        return ""
    return SignalLinks(filters, span, group_slug)(**({param: value} if param else {}))


@register.simple_tag
def filter_query(filters, param, value=""):
    """This dashboard's query with one filter changed ("" removes it)."""
    return filters.query(**{param: value})


@register.simple_tag
def heat_rows(table, filters=None, group_slug="", row_param="municipality"):
    """The body rows of a heat table (hundreds of municipalities × themes): built here rather
    than in a template loop, which takes most of the national dashboard's time. Escaped.

    Each row's name filters the dashboard by that row; each count links to its signals."""
    links = SignalLinks(filters, table.period, group_slug)
    columns = table.column_keys or [""] * len(table.columns)
    keys = table.row_keys or [""] * len(table.rows)

    def row_head(name, key):
        if filters is None or not key:
            return format_html('<th scope="row">{}</th>', name)
        query = filters.query(**{row_param: key})
        return format_html('<th scope="row"><a href="?{0}" hx-get="?{0}">{1}</a></th>', query, name)

    def cell(n, shade, column, key):
        if not n or filters is None or not key:
            return format_html('<td class="{}">{}</td>', shade, n)
        return format_html(
            '<td class="{}"><a href="{}">{}</a></td>',
            shade,
            links(theme=column, **{row_param: key}),
            n,
        )

    return format_html_join(
        "\n",
        "<tr>{}{}<td><strong>{}</strong></td></tr>",
        (
            (
                row_head(name, key),
                mark_safe(  # noqa: S308 (every cell escaped by format_html)
                    "".join(
                        cell(n, shade, column, key)
                        for (n, shade), column in zip(cells, columns, strict=True)
                    )
                ),
                total,
            )
            for (name, cells, total), key in zip(table.shaded_rows, keys, strict=True)
        ),
    )


@register.simple_tag
def trend_rows(trend, filters=None, group_slug=""):
    """The body rows of the trend per theme: the theme (filters the dashboard), a small chart
    of its months, and each month's count linked to its signals."""
    links = SignalLinks(filters, trend.period, group_slug)
    top = max((max(counts, default=0) for _c, _n, counts, _t in trend.rows), default=0) or 1
    rows = []
    for code, name, counts, total in trend.rows:
        head = (
            format_html(
                '<th scope="row"><a href="?{0}" hx-get="?{0}">{1}</a></th>',
                filters.query(theme=code),
                name,
            )
            if filters is not None
            else format_html('<th scope="row">{}</th>', name)
        )
        cells = format_html_join(
            "",
            "<td>{}</td>",
            (
                (format_html('<a href="{}">{}</a>', links(theme=code, month=month), n) if n else 0,)
                for month, n in zip(trend.months, counts, strict=True)
            ),
        )
        rows.append(
            format_html(
                '<tr>{}<td class="spark-cell">{}</td>{}'
                '<td><strong><a href="{}">{}</a></strong></td></tr>',
                head,
                sparkline(counts, top),
                cells,
                links(theme=code),
                total,
            )
        )
    return mark_safe("\n".join(rows))  # noqa: S308 (every row escaped by format_html)


def sparkline(values: list[int], top: int) -> str:
    """A small column chart of a row, on the same scale for every row (small multiples). The
    counts are in the row itself, so it is hidden from screen readers."""
    width, height = 3 * len(values), 24
    bars = format_html_join(
        "",
        '<rect x="{}" y="{}" width="2" height="{}" fill="{}"></rect>',
        (
            (
                3 * index,
                height - round(height * value / top),
                round(height * value / top),
                charts.BAR,
            )
            for index, value in enumerate(values)
            if value
        ),
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="sparkline" viewBox="0 0 {w} {h}" '
        'width="{w}" height="{h}" aria-hidden="true" focusable="false">'
        '<line x1="0" y1="{h}" x2="{w}" y2="{h}" stroke="{grid}"></line>{bars}</svg>',
        w=max(width, 3),
        h=height,
        grid=charts.GRID,
        bars=bars,
    )
