from django import template
from django.utils.html import format_html_join

from samensterk.lib import charts

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


@register.simple_tag
def heat_rows(table):
    """The body rows of a heat table (hundreds of municipalities × themes): built here rather
    than in a template loop, which takes most of the national dashboard's time. Escaped."""
    return format_html_join(
        "\n",
        '<tr><th scope="row">{}</th>{}<td><strong>{}</strong></td></tr>',
        (
            (
                name,
                format_html_join("", '<td class="{1}">{0}</td>', cells),  # (n, shade)
                total,
            )
            for name, cells, total in table.shaded_rows
        ),
    )
