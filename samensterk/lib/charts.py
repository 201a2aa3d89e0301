"""Charts drawn on the server as SVG: they work without JavaScript, print, and go into PDFs.

Each chart has a <title> and a description with its base and period; pages put the same
figures in a table next to it for screen readers and for copying.
"""

from __future__ import annotations

import hashlib

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

BAR = "#1f6f8b"
TEXT = "#1b1b1b"
GRID = "#c8c8c8"


def svg_frame(width: int, height: int, title: str, description: str, body: list[str]) -> SafeString:
    # From the content, not a counter: the same figures give the same HTML (and so the same
    # fingerprint of a PDF, lib.pdfs); two charts on one page differ in title or bars.
    number = hashlib.sha256("".join([title, description, *body]).encode()).hexdigest()[:12]
    head = format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="100%" '
        'class="chart" role="img" aria-labelledby="chart-{i}-t chart-{i}-d" '
        'font-family="DejaVu Sans, Arial, sans-serif" font-size="12">'
        '<title id="chart-{i}-t">{title}</title><desc id="chart-{i}-d">{desc}</desc>',
        w=width,
        h=height,
        i=number,
        title=title,
        desc=description,
    )
    return mark_safe(head + "".join(body) + "</svg>")  # noqa: S308 (every part escaped above)


def bar_chart(items: list[tuple[str, int]], *, title: str, description: str) -> SafeString:
    """Horizontal bars, one per label, the value written at the end of each bar."""
    label_width, bar_width, row = 240, 300, 22
    width = label_width + bar_width + 50
    height = max(1, len(items)) * row + 8
    top = max((value for _label, value in items), default=0) or 1
    body = []
    for index, (label, value) in enumerate(items):
        y = 4 + index * row
        length = round(bar_width * value / top)
        short = label if len(label) <= 34 else label[:33] + "…"
        body.append(
            format_html(
                '<text x="{lx}" y="{ty}" text-anchor="end" fill="{text}">{label}</text>'
                '<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="{bar}"></rect>'
                '<text x="{vx}" y="{ty}" fill="{text}">{value}</text>',
                lx=label_width - 6,
                ty=y + 14,
                text=TEXT,
                label=short,
                x=label_width,
                y=y + 2,
                w=length,
                h=row - 6,
                bar=BAR,
                vx=label_width + length + 5,
                value=value,
            )
        )
    return svg_frame(width, height, title, description, body)


def column_chart(items: list[tuple[str, int]], *, title: str, description: str) -> SafeString:
    """Columns in order (months), with the scale's top and every third label."""
    left, plot_height, bottom, column = 40, 160, 34, 22
    width = left + max(1, len(items)) * column + 10
    height = plot_height + bottom + 10
    top = max((value for _label, value in items), default=0) or 1
    body = [
        format_html(
            '<line x1="{l}" y1="{y}" x2="{r}" y2="{y}" stroke="{grid}"></line>'
            '<text x="{tx}" y="{ty}" text-anchor="end" fill="{text}">{top}</text>'
            '<text x="{tx}" y="{by}" text-anchor="end" fill="{text}">0</text>',
            l=left,
            r=width - 10,
            y=10,
            grid=GRID,
            tx=left - 4,
            ty=14,
            by=plot_height + 10,
            text=TEXT,
            top=top,
        )
    ]
    for index, (label, value) in enumerate(items):
        x = left + index * column
        length = round(plot_height * value / top)
        body.append(
            format_html(
                '<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="{bar}">'
                "<title>{label}: {value}</title></rect>",
                x=x + 2,
                y=plot_height + 10 - length,
                w=column - 4,
                h=length,
                bar=BAR,
                label=label,
                value=value,
            )
        )
        if index % 3 == 0 or index == len(items) - 1:
            body.append(
                format_html(
                    '<text x="{x}" y="{y}" text-anchor="middle" font-size="10" fill="{text}">'
                    "{label}</text>",
                    x=x + column // 2,
                    y=plot_height + 26,
                    text=TEXT,
                    label=label,
                )
            )
    return svg_frame(width, height, title, description, body)


def describe(series, *, unit_singular: str, unit_plural: str) -> str:
    """'n = 412 signalen, 01-2026 – 12-2026': the base and period of a series."""
    unit = unit_singular if series.n == 1 else unit_plural
    return f"n = {series.n} {unit}, {series.period.label}"
