"""The signal report's bar chart: every row of a published table gets a bar, also the merged
("overige", drawn lighter and named with its n) and the suppressed ones (an outlined, hatched
bar marked "x: niet getoond"), so that a reader sees that a category is there but not shown,
rather than missing it. Drawn as SVG (lib.charts), for the page and the PDF."""

from __future__ import annotations

import hashlib

from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from samensterk.lib.charts import BAR, TEXT, svg_frame

OTHER_BAR = "#7fb3c3"
HIDDEN = "#6b6b6b"
LABEL_WIDTH, BAR_WIDTH, ROW = 200, 230, 22
LABEL_CHARACTERS = 28  # what fits in LABEL_WIDTH at 12 px; the table beside has them whole
# A suppressed bar has no length of its own: drawn at this share of the longest, outlined.
HIDDEN_SHARE = 0.15


def chart_items(chart: list) -> list[tuple[str, int | None, str]]:
    """(label, value or None, kind) from a snapshot's chart; older snapshots kept only the
    shown bars as (label, value)."""
    return [
        (item[0], item[1], item[2]) if len(item) > 2 else (item[0], item[1], "shown")
        for item in chart
    ]


def _label(label: str, value, kind: str) -> str:
    if kind == "other":
        label = f"{label} (n = {value})"
    if len(label) <= LABEL_CHARACTERS:
        return label
    return label[: LABEL_CHARACTERS - 1] + "…"


def report_bar_chart(items, *, title: str, description: str) -> SafeString:
    width = LABEL_WIDTH + BAR_WIDTH + 110  # room for "x: niet getoond" after a bar
    height = max(1, len(items)) * ROW + 8
    top = max((value or 0 for _label, value, _kind in items), default=0) or 1
    # Ids are unique in a page: several charts share it.
    hatch = "hatch-" + hashlib.sha256(f"{title}{description}".encode()).hexdigest()[:10]
    body = [
        format_html(
            '<defs><pattern id="{id}" width="6" height="6" patternUnits="userSpaceOnUse" '
            'patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" stroke="{c}" '
            'stroke-width="2"></line></pattern></defs>',
            id=hatch,
            c=HIDDEN,
        )
    ]
    for index, (label, value, kind) in enumerate(items):
        y = 4 + index * ROW
        text_y = y + 14
        if kind == "suppressed":
            length = round(BAR_WIDTH * HIDDEN_SHARE)
            bar = format_html(
                '<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="url(#{id})" '
                'stroke="{c}" stroke-dasharray="3 2"></rect>',
                id=hatch,
                x=LABEL_WIDTH,
                y=y + 2,
                w=length,
                h=ROW - 6,
                c=HIDDEN,
            )
            shown = _("x: niet getoond")
        else:
            length = round(BAR_WIDTH * value / top)
            bar = format_html(
                '<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="{fill}"></rect>',
                x=LABEL_WIDTH,
                y=y + 2,
                w=length,
                h=ROW - 6,
                fill=OTHER_BAR if kind == "other" else BAR,
            )
            shown = str(value)
        body.append(
            format_html(
                '<text x="{lx}" y="{ty}" text-anchor="end" fill="{text}">{label}</text>{bar}'
                '<text x="{vx}" y="{ty}" fill="{text}">{value}</text>',
                lx=LABEL_WIDTH - 6,
                ty=text_y,
                text=TEXT,
                label=_label(label, value, kind),
                bar=bar,
                vx=LABEL_WIDTH + length + 5,
                value=shown,
            )
        )
    return svg_frame(width, height, title, description, body)
