"""The power/interest grid (the classic 2×2) as SVG drawn on the server: it works without
JavaScript and prints; the page lists the same entries in a table."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from samensterk.lib.charts import TEXT, svg_frame

from .models import Person

# (high power, high interest) -> what to do with someone there
QUADRANTS = {
    (True, True): _("Nauw betrekken"),
    (True, False): _("Tevreden houden"),
    (False, True): _("Op de hoogte houden"),
    (False, False): _("In de gaten houden"),
}
FILL = {
    (True, True): "#dbeef4",
    (True, False): "#f3ecd9",
    (False, True): "#e4f0dc",
    (False, False): "#efefef",
}
SIZE, MARGIN, STEP = 560, 56, 14
PER_CELL = 5  # names drawn in one cell of the 5 × 5; the table lists them all


@dataclass(frozen=True)
class GridEntry:
    name: str
    is_person: bool
    power: int  # 1–5
    interest: int  # 1–5
    url: str = ""

    @classmethod
    def of(cls, entry) -> GridEntry:
        """For a person or organisation of the register."""
        return cls(entry.name, isinstance(entry, Person), entry.power, entry.interest,
                   entry.get_absolute_url())  # fmt: skip

    @property
    def quadrant(self) -> tuple[bool, bool]:
        """Above the middle (3) counts as high."""
        return (self.power > 3, self.interest > 3)

    @property
    def advice(self) -> str:
        return str(QUADRANTS[self.quadrant])


def _position(value: int) -> float:
    """1–5 on the inner square (1 at the low edge, 5 at the high edge)."""
    inner = SIZE - 2 * MARGIN
    return MARGIN + inner * (value - 0.5) / 5


def grid_svg(entries: list[GridEntry], *, title: str, description: str) -> str:
    inner = SIZE - 2 * MARGIN
    half = inner / 2
    body = []
    for (high_power, high_interest), label in QUADRANTS.items():
        x = MARGIN + (half if high_interest else 0)
        y = MARGIN + (0 if high_power else half)
        body.append(
            format_html(
                '<rect x="{x}" y="{y}" width="{w}" height="{w}" fill="{fill}" stroke="#999">'
                '</rect><text x="{tx}" y="{ty}" fill="{text}" font-weight="bold">{label}</text>',
                x=x,
                y=y,
                w=half,
                fill=FILL[(high_power, high_interest)],
                tx=x + 6,
                ty=y + 16,
                text=TEXT,
                label=label,
            )
        )
    body.append(
        format_html(
            '<text x="{cx}" y="{by}" text-anchor="middle" fill="{text}">{interest} →</text>'
            '<text x="16" y="{cy}" text-anchor="middle" fill="{text}" '
            'transform="rotate(-90 16 {cy})">{power} →</text>',
            cx=SIZE / 2,
            by=SIZE - 14,
            cy=SIZE / 2,
            text=TEXT,
            interest=_("Belang bij ons onderwerp"),
            power=_("Invloed op het beleid"),
        )
    )
    taken: dict[tuple[int, int], int] = {}
    for entry in sorted(entries, key=lambda e: (e.is_person, e.name)):
        cell = (entry.power, entry.interest)
        offset = taken.get(cell, 0)
        taken[cell] = offset + 1
        if offset >= PER_CELL:
            continue  # the rest of a crowded cell: counted below, listed in the table
        x = _position(entry.interest)
        y = SIZE - _position(entry.power) + offset * STEP - 10
        name = entry.name if len(entry.name) <= 26 else entry.name[:25] + "…"
        shape = (
            format_html('<circle cx="{x}" cy="{y}" r="5" fill="#1f6f8b"></circle>', x=x - 14, y=y)
            if entry.is_person
            else format_html(
                '<rect x="{x}" y="{y}" width="10" height="10" fill="#8b4a1f"></rect>',
                x=x - 19,
                y=y - 5,
            )
        )
        body.append(
            format_html(
                '{shape}<text x="{x}" y="{ty}" fill="{text}" font-size="11">{name}</text>',
                shape=shape,
                x=x - 6,
                ty=y + 4,
                text=TEXT,
                name=name,
            )
        )
    for (power, interest), count in taken.items():
        if count > PER_CELL:
            body.append(
                format_html(
                    '<text x="{x}" y="{y}" fill="{text}" font-size="11">+{more}</text>',
                    x=_position(interest) - 6,
                    y=SIZE - _position(power) + PER_CELL * STEP - 6,
                    text=TEXT,
                    more=count - PER_CELL,
                )
            )
    return svg_frame(SIZE, SIZE, title, description, body)


def grid_context(entries: list[GridEntry], *, title: str, description: str) -> dict:
    """What a grid page shows: the drawing and the same entries as a list, strongest first."""
    return {
        "title": title,
        "entries": sorted(entries, key=lambda e: (-e.power, -e.interest, e.name)),
        "svg": grid_svg(entries, title=title, description=description) if entries else "",
    }
