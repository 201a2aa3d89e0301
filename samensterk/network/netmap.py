"""The network map: organisations and people as nodes, relations and contacts as edges, laid
out on the server (networkx's force-directed layout, fixed seed: the same network gives the same
picture) and drawn as SVG that works without JavaScript and prints."""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.utils.html import format_html
from django.utils.translation import gettext as _

from samensterk.lib.charts import TEXT, svg_frame

WIDTH, HEIGHT, PAD = 760, 560, 70
COLOURS = {"us": "#2e7d32", "organisation": "#8b4a1f", "person": "#1f6f8b"}
LEGEND_ROW = 20

# One colour and dash pattern per kind of line, so the picture (and its download, and a print
# in black and white) shows the kind without hovering; the legend under the map explains them.
LINE_STYLES = {
    "werkt_bij": ("#5b5b5b", ""),
    "lid_van": ("#1f6f8b", "8 3"),
    "voorzitter_van": ("#6a3d9a", "2 3"),
    "onderdeel_van": ("#8b4a1f", "12 3 2 3"),
    "financiert": ("#b8860b", "1 5"),
    "adviseert": ("#2b6cb0", "10 5"),
    "werkt_samen_met": ("#c0392b", "4 2 1 2"),
    "contact": ("#2e7d32", "5 4"),
}


@dataclass(frozen=True)
class Node:
    key: str  # "o:1", "p:2", "us"
    name: str
    kind: str  # "organisation", "person" or "us"
    url: str = ""


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    label: str
    weight: int = 1  # contacts: how many
    kind: str = "contact"  # a RelationKind value, or "contact" for ours


def layout(nodes: list[Node], edges: list[Edge]) -> dict[str, tuple[float, float]]:
    """Positions in the drawing area for every node."""
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(node.key for node in nodes)
    graph.add_edges_from((edge.source, edge.target) for edge in edges)
    if len(nodes) == 1:
        return {nodes[0].key: (WIDTH / 2, HEIGHT / 2)}
    positions = nx.spring_layout(graph, seed=7, k=1.6 / max(1, len(nodes)) ** 0.5)
    xs = [p[0] for p in positions.values()]
    ys = [p[1] for p in positions.values()]
    span_x, span_y = (max(xs) - min(xs)) or 1, (max(ys) - min(ys)) or 1
    return {
        key: (
            round(PAD + (x - min(xs)) / span_x * (WIDTH - 2 * PAD), 1),
            round(PAD / 2 + (y - min(ys)) / span_y * (HEIGHT - 1.5 * PAD), 1),
        )
        for key, (x, y) in positions.items()
    }


def _legend(edges: list[Edge], top: float, names: dict[str, str]) -> list[str]:
    """A sample line and the name of every kind of line that is in the picture."""
    kinds = [kind for kind in LINE_STYLES if any(edge.kind == kind for edge in edges)]
    body = [
        format_html(
            '<text x="{x}" y="{y}" fill="{text}" font-weight="bold">{title}</text>',
            x=PAD / 2,
            y=top + 14,
            text=TEXT,
            title=_("Soorten verbinding"),
        )
    ]
    for index, kind in enumerate(kinds):
        column, row = index % 3, index // 3
        x, y = PAD / 2 + column * 230, top + 22 + row * LEGEND_ROW
        colour, dash = LINE_STYLES[kind]
        body.append(
            format_html(
                '<line x1="{x}" y1="{ly}" x2="{x2}" y2="{ly}" stroke="{colour}" '
                'stroke-width="2.5"{dash}></line>'
                '<text x="{tx}" y="{ty}" fill="{text}" class="map-legend">{name}</text>',
                x=x,
                x2=x + 40,
                ly=y + 10,
                colour=colour,
                dash=format_html(' stroke-dasharray="{}"', dash) if dash else "",
                tx=x + 48,
                ty=y + 14,
                text=TEXT,
                name=names.get(kind, kind),
            )
        )
    return body


def legend_height(edges: list[Edge]) -> int:
    kinds = {edge.kind for edge in edges} & set(LINE_STYLES)
    return 30 + math.ceil(len(kinds) / 3) * LEGEND_ROW if kinds else 0


def map_svg(
    nodes: list[Node],
    edges: list[Edge],
    *,
    title: str,
    description: str,
    kind_names: dict[str, str] | None = None,
) -> str:
    where = layout(nodes, edges)
    body = []
    for edge in edges:
        (x1, y1), (x2, y2) = where[edge.source], where[edge.target]
        colour, dash = LINE_STYLES.get(edge.kind, ("#7a7a7a", ""))
        body.append(
            format_html(
                '<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="{colour}" '
                'stroke-width="{width}"{dash} data-kind="{kind}"><title>{label}</title></line>',
                x1=x1,
                y1=y1,
                x2=x2,
                y2=y2,
                colour=colour,
                width=min(6, edge.weight + 1),
                dash=format_html(' stroke-dasharray="{}"', dash) if dash else "",
                kind=edge.kind,
                label=edge.label,
            )
        )
    for node in nodes:
        x, y = where[node.key]
        colour = COLOURS[node.kind]
        if node.kind == "person":
            shape = format_html('<circle cx="{x}" cy="{y}" r="8" fill="{c}"></circle>',
                                x=x, y=y, c=colour)  # fmt: skip
        elif node.kind == "organisation":
            shape = format_html(
                '<rect x="{x}" y="{y}" width="16" height="16" fill="{c}"></rect>',
                x=round(x - 8, 1), y=round(y - 8, 1), c=colour,
            )  # fmt: skip
        else:
            shape = format_html(
                '<polygon points="{a} {b} {c} {d}" fill="{colour}"></polygon>',
                a=f"{x},{y - 11:.1f}", b=f"{x + 11:.1f},{y}",
                c=f"{x},{y + 11:.1f}", d=f"{x - 11:.1f},{y}", colour=colour,
            )  # fmt: skip
        name = node.name if len(node.name) <= 28 else node.name[:27] + "…"
        body.append(
            format_html(
                '{shape}<text x="{x}" y="{y}" text-anchor="middle" fill="{text}" '
                'font-size="11">{name}</text>',
                shape=shape,
                x=x,
                y=round(y + 22, 1),
                text=TEXT,
                name=name,
            )
        )
    body += _legend(edges, HEIGHT, kind_names or {})
    return svg_frame(WIDTH, HEIGHT + legend_height(edges), title, description, body)
