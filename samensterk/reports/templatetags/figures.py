from django import template

from samensterk.reports import charts

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
