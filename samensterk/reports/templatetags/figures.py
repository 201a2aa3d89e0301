from django import template

from samensterk.reports import charts

register = template.Library()


@register.filter
def heat(value: int, maximum: int) -> str:
    """A CSS class from heat-0 (nothing) to heat-4 (the largest count in the table)."""
    if not value or not maximum:
        return "heat-0"
    return f"heat-{min(4, 1 + (4 * value - 1) // maximum)}"


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
