"""Reading the values a spreadsheet really holds, for the signals import (transfer.py).

People keep signals in Excel: a theme as the product shows it ("Vervoer"), "JA" or "Papier" in
any case, dates as Excel writes them in Dutch (14-03-2026, 14/3/2026), phone numbers whose
leading 0 Excel took for a number and dropped, and CSV files separated by semicolons (Dutch
Excel's default) or saved as Windows-1252. These helpers turn them into what the exchange format
(spec section 2) means, and refuse the rest.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time

from django.utils import timezone, translation
from django.utils.dateparse import parse_date, parse_datetime

from samensterk.lib.text import fold

DELIMITERS = (",", ";", "\t")
# Windows-1252, asked for explicitly: a file that is not UTF-8 is read so only after the person
# importing it saw a few values and confirmed them (the page), or said so (--encoding).
WINDOWS = "cp1252"

_DUTCH_DATE = re.compile(
    r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$"
)
_PHONE_PUNCTUATION = re.compile(r"[\s().-]")


def sniff_delimiter(text: str) -> str:
    """The delimiter of a CSV file, from its header line: the exchange columns' names hold no
    comma, semicolon or tab, so the one that occurs most there separates the cells."""
    first = text.split("\n", 1)[0]
    counts = {delimiter: first.count(delimiter) for delimiter in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def choice(value: str, choices) -> str | None:
    """The value of a TextChoices member named by its value or its label (as shown in Dutch, or
    in the language the user has active), in any case."""
    key = fold(value)
    with translation.override("nl"):
        dutch = {member: fold(str(member.label)) for member in choices}
    for member in choices:
        if key in (fold(member.value), dutch[member], fold(str(member.label))):
            return member.value
    return None


def received_at(value: str):
    """An aware datetime from an ISO date or datetime, or a Dutch date (14-03-2026, 14/3/2026,
    optionally with a time); None when empty. Raises ValueError."""
    value = value.strip()
    if not value:
        return None
    match = _DUTCH_DATE.match(value)
    if match:
        day, month, year, hour, minute, second = match.groups()
        day_ = date(int(year), int(month), int(day))  # ValueError for 31-02-2026
        if hour is None:
            moment = datetime.combine(day_, time(12, 0))
        else:
            moment = datetime.combine(day_, time(int(hour), int(minute), int(second or 0)))
    else:
        day_ = parse_date(value) if len(value) == 10 else None
        # A bare date means that day: noon, so that no time zone moves it to another day.
        moment = datetime.combine(day_, time(12, 0)) if day_ else parse_datetime(value)
    if moment is None:
        raise ValueError(value)
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def phone(value: str) -> str:
    """A phone number as typed, with the leading 0 or + put back where Excel dropped it: a
    number cell shows 0612345678 as 612345678 and +31612345678 as 31612345678."""
    digits = _PHONE_PUNCTUATION.sub("", value.strip())
    if re.fullmatch(r"[1-9]\d{8}", digits):
        return "0" + digits
    if re.fullmatch(r"31[1-9]\d{8}", digits):
        return "+" + digits
    return value


def yes_no(value: str) -> bool | None:
    value = value.strip().lower()
    if value in {"ja", "yes", "j", "y", "1", "true", "waar", "x"}:
        return True
    if value in {"nee", "no", "n", "0", "false", "onwaar", ""}:
        return False
    return None


def preview(header: list[str], rows: list[list[str]], *, count: int = 3) -> list[str]:
    """A few values with letters beyond ASCII (where an encoding shows), for the question
    whether a file was read right; else the first few values."""
    cells = [cell for row in [header, *rows[:200]] for cell in row if cell.strip()]
    special = [cell for cell in cells if not cell.isascii()]
    chosen = (special or cells)[:count]
    return [cell if len(cell) <= 80 else cell[:79] + "…" for cell in chosen]
