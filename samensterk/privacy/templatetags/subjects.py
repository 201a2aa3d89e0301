"""How a held value reads in the export of a data-subject request (the PDF)."""

from datetime import date, datetime

from django import template
from django.utils import formats, timezone
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def subject_value(value) -> str:
    """Yes/no for a boolean, a Dutch date, a list as a list, a dash for nothing."""
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if isinstance(value, datetime):
        return formats.date_format(timezone.localtime(value), "j F Y, H:i")
    if isinstance(value, date):
        return formats.date_format(value, "j F Y")
    if isinstance(value, dict):
        return "; ".join(f"{k}: {subject_value(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(subject_value(v) for v in value)
    return str(value)
