"""The power/interest grid (the classic 2×2) as SVG drawn on the server: it works without
JavaScript and prints; the page lists the same entries in a table."""

from __future__ import annotations

import math
from collections import Counter
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
        """Above the middle (3) counts as high; 3 itself is low."""
        return (self.power > 3, self.interest > 3)

    @property
    def advice(self) -> str:
        return str(QUADRANTS[self.quadrant])


# A score of 3 is the middle of 1–5; the advice needs a side, and the grid puts it with the
# low half ("above the middle counts as high", GridEntry.quadrant). So the low half of each axis
# has three columns (1, 2, 3) and the high half two wider ones (4, 5): both halves equally wide,
# the quadrant lines between 3 and 4, never through a score.
LOW, HIGH = (1, 2, 3), (4, 5)
DOT, GAP, PAD = 22, 4, 6  # a numbered dot, the space between dots, the space to a cell's edge
PITCH = DOT + GAP
BASE_CELL, HEADER = 72, 24  # smallest cell; the band above a quadrant with its advice
LEFT, TOP, RIGHT, BOTTOM = 58, 8, 8, 50


@dataclass(frozen=True)
class Geometry:
    """Where every score sits: cells grow with the most crowded one so every dot fits."""

    cell: float

    @property
    def half(self) -> float:
        return 3 * self.cell

    @property
    def width(self) -> float:
        return LEFT + 2 * self.half + RIGHT

    @property
    def height(self) -> float:
        return TOP + 2 * (HEADER + self.half) + BOTTOM

    def column(self, interest: int) -> tuple[float, float]:
        """Left edge and width of the cells of one interest score."""
        if interest in LOW:
            return LEFT + (interest - 1) * self.cell, self.cell
        wide = self.half / len(HIGH)
        return LEFT + self.half + (interest - HIGH[0]) * wide, wide

    def row(self, power: int) -> tuple[float, float]:
        """Top edge and height of the cells of one power score (high power at the top)."""
        if power in HIGH:
            tall = self.half / len(HIGH)
            return TOP + HEADER + (HIGH[-1] - power) * tall, tall
        return TOP + 2 * HEADER + self.half + (LOW[-1] - power) * self.cell, self.cell


def geometry_for(entries: list[GridEntry]) -> Geometry:
    crowded = max(Counter((e.power, e.interest) for e in entries).values(), default=1)
    across = math.ceil(math.sqrt(crowded))  # dots in a row of the narrowest cell
    return Geometry(cell=max(BASE_CELL, 2 * PAD + across * PITCH))


def numbered(entries: list[GridEntry]) -> list[tuple[int, GridEntry]]:
    """The entries strongest first, numbered: the number in the dot and in the table."""
    ordered = sorted(entries, key=lambda e: (-e.power, -e.interest, e.name))
    return list(enumerate(ordered, start=1))


def _dot_centres(left, top, width, height, count) -> list[tuple[float, float]]:
    """Dots in rows inside a cell, the block centred and PAD away from the edges (and so away
    from the quadrant lines)."""
    across = max(1, int((width - 2 * PAD + GAP) // PITCH))
    rows = math.ceil(count / across)
    used = min(count, across)
    x0 = left + (width - (used * PITCH - GAP)) / 2 + DOT / 2
    y0 = top + (height - (rows * PITCH - GAP)) / 2 + DOT / 2
    return [
        (round(x0 + (i % across) * PITCH, 1), round(y0 + (i // across) * PITCH, 1))
        for i in range(count)
    ]


def grid_svg(entries: list[GridEntry], *, title: str, description: str) -> str:
    geo = geometry_for(entries)
    body = []
    for (high_power, high_interest), label in QUADRANTS.items():
        x = LEFT + (geo.half if high_interest else 0)
        y = TOP + (0 if high_power else HEADER + geo.half)
        body.append(
            format_html(
                '<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="{fill}" stroke="#999">'
                '</rect><text x="{tx}" y="{ty}" fill="{text}" font-weight="bold" '
                'class="grid-quadrant">{label}</text>',
                x=x,
                y=y,
                w=geo.half,
                h=HEADER + geo.half,
                fill=FILL[(high_power, high_interest)],
                tx=x + 6,
                ty=y + 16,
                text=TEXT,
                label=label,
            )
        )
    bottom = TOP + 2 * (HEADER + geo.half)
    for score in (*LOW, *HIGH):  # the scale along both axes
        left, width = geo.column(score)
        top, height = geo.row(score)
        body.append(
            format_html(
                '<text x="{x}" y="{y}" text-anchor="middle" fill="{text}" class="grid-tick">'
                "{n}</text>"
                '<text x="{lx}" y="{ly}" text-anchor="end" fill="{text}" class="grid-tick">'
                "{n}</text>",
                x=round(left + width / 2, 1),
                y=bottom + 16,
                lx=LEFT - 6,
                ly=round(top + height / 2 + 4, 1),
                text=TEXT,
                n=score,
            )
        )
    body.append(
        format_html(
            '<text x="{cx}" y="{by}" text-anchor="middle" fill="{text}">{interest} →</text>'
            '<text x="16" y="{cy}" text-anchor="middle" fill="{text}" '
            'transform="rotate(-90 16 {cy})">{power} →</text>',
            cx=round(LEFT + geo.half, 1),
            by=round(geo.height - 12, 1),
            cy=round(TOP + HEADER + geo.half, 1),
            text=TEXT,
            interest=_("Belang bij ons onderwerp"),
            power=_("Invloed op het beleid"),
        )
    )
    cells: dict[tuple[int, int], list[tuple[int, GridEntry]]] = {}
    for number, entry in numbered(entries):
        cells.setdefault((entry.power, entry.interest), []).append((number, entry))
    for (power, interest), members in cells.items():
        left, width = geo.column(interest)
        top, height = geo.row(power)
        for (x, y), (number, entry) in zip(
            _dot_centres(left, top, width, height, len(members)), members, strict=True
        ):
            shape = (
                format_html(
                    '<circle cx="{x}" cy="{y}" r="{r}" fill="#1f6f8b"></circle>',
                    x=x,
                    y=y,
                    r=DOT / 2,
                )
                if entry.is_person
                else format_html(
                    '<rect x="{x}" y="{y}" width="{d}" height="{d}" fill="#8b4a1f"></rect>',
                    x=round(x - DOT / 2, 1),
                    y=round(y - DOT / 2, 1),
                    d=DOT,
                )
            )
            body.append(
                format_html(
                    '<g><title>{name}</title>{shape}<text x="{x}" y="{ty}" text-anchor="middle" '
                    'fill="#ffffff" font-size="11" font-weight="bold" class="grid-nr">{n}</text>'
                    "</g>",
                    name=entry.name,
                    shape=shape,
                    x=x,
                    ty=round(y + 4, 1),
                    n=number,
                )
            )
    return svg_frame(round(geo.width), round(geo.height), title, description, body)


def grid_context(entries: list[GridEntry], *, title: str, description: str) -> dict:
    """What a grid page shows: the drawing and the same entries as a list, strongest first."""
    return {
        "title": title,
        "entries": numbered(entries),
        "svg": grid_svg(entries, title=title, description=description) if entries else "",
    }
