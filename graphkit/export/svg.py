"""graph.svg: the page's first view drawn without a browser (same layout, colours, labels)."""

from __future__ import annotations

import math
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import networkx as nx

from .colors import COMMUNITY_COLORS, community_color
from .html import strongest_edges, visible_subgraph
from .layout import layout

WIDTH, HEIGHT, MARGIN = 1600, 1000, 40  # the picture, in CSS pixels
NODE_MIN_PX, NODE_MAX_PX = 3.0, 18.0  # as on the page's first view
LABEL_MIN_PX, LABEL_MAX_PX = 11, 18
CELL_W, CELL_H, PER_CELL = 160, 80, 3  # the label grid: a few labels per screen cell
CHAR_WIDTH = 0.56  # a label's width per character, in font sizes (system sans-serif)


def _box(positions: dict[str, tuple[float, float]]) -> tuple[float, float, float]:
    """Scale and offsets that fit the layout into the picture."""
    xs = [x for x, _ in positions.values()] or [0.0]
    ys = [y for _, y in positions.values()] or [0.0]
    scale = min((WIDTH - 2 * MARGIN) / max(max(xs) - min(xs), 1.0),
                (HEIGHT - 2 * MARGIN) / max(max(ys) - min(ys), 1.0), 1.0)
    left = (WIDTH - scale * (max(xs) - min(xs))) / 2 - scale * min(xs)
    top = (HEIGHT - scale * (max(ys) - min(ys))) / 2 - scale * min(ys)
    return scale, left, top


def _mentions(data: dict[str, Any]) -> float:
    value = data.get("mentions", 0)
    return float(value) if isinstance(value, int | float) and math.isfinite(value) else 0.0


def _labels(graph: nx.Graph, at: dict[str, tuple[float, float, float]]) -> list[tuple[str, int]]:
    """(node, font px) of the labels the page would draw: biggest nodes first, never
    overlapping, at most PER_CELL per grid cell."""
    most = max((_mentions(d) for _, d in graph.nodes(data=True)), default=1.0) or 1.0
    ranked = sorted(graph.nodes, key=lambda n: (-_mentions(graph.nodes[n]), n))
    cells: dict[tuple[int, int], int] = {}
    boxes: list[tuple[float, float, float, float]] = []
    placed = []
    for node in ranked:
        x, y, r = at[node]
        px = round(LABEL_MIN_PX + (LABEL_MAX_PX - LABEL_MIN_PX)
                   * math.sqrt(_mentions(graph.nodes[node]) / most))
        width = CHAR_WIDTH * px * len(str(graph.nodes[node].get("label", node))) + 4
        box = (x - width / 2, y + r + 1, width, px + 3.0)
        cell = (int(x // CELL_W), int(y // CELL_H))
        if cells.get(cell, 0) >= PER_CELL or any(
                box[0] < o[0] + o[2] and o[0] < box[0] + box[2] and
                box[1] < o[1] + o[3] and o[1] < box[1] + box[3] for o in boxes):
            continue
        cells[cell] = cells.get(cell, 0) + 1
        boxes.append(box)
        placed.append((node, px))
    return placed


def svg_text(graph: nx.Graph, summary: str = "") -> str:
    """The graph as a plain SVG picture: the page's nodes, strongest edges and layout,
    coloured by community, labelled by the page's density rule, with caption and legend."""
    shown = visible_subgraph(graph)
    positions = layout(shown)
    scale, left, top = _box(positions)
    values = [_mentions(d) for _, d in shown.nodes(data=True)] or [0.0]
    low, high = min(values), max(values)
    at = {n: (left + scale * x, top + scale * y,
              NODE_MIN_PX + (NODE_MAX_PX - NODE_MIN_PX) *
              ((_mentions(shown.nodes[n]) - low) / (high - low) if high > low else 0.5))
          for n, (x, y) in positions.items()}
    legend = _legend(shown)
    foot = 24 + 18 * math.ceil(len(legend) / 4)
    lines = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT + foot}"'
             f' viewBox="0 0 {WIDTH} {HEIGHT + foot}" font-family="system-ui, sans-serif">',
             '<rect width="100%" height="100%" fill="#ffffff"/>',
             '<g stroke="#b4b4b4" stroke-opacity="0.6">']
    for a, b, _ in strongest_edges(shown):
        lines.append(f'<line x1="{at[a][0]:.1f}" y1="{at[a][1]:.1f}" x2="{at[b][0]:.1f}" '
                     f'y2="{at[b][1]:.1f}" stroke-width="0.5"/>')
    lines.append("</g><g>")
    for node in sorted(shown):
        x, y, r = at[node]
        lines.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" '
                     f'fill="{community_color(shown.nodes[node].get("community"))}"/>')
    lines.append('</g><g text-anchor="middle" fill="#1a1a1a" stroke="#ffffff" '
                 'stroke-width="3" paint-order="stroke">')
    for node, px in _labels(shown, at):
        x, y, r = at[node]
        lines.append(f'<text x="{x:.1f}" y="{y + r + 1 + px:.1f}" font-size="{px}">'
                     f'{escape(str(shown.nodes[node].get("label", node)))}</text>')
    lines.append("</g>")
    caption = summary or f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges"
    if shown.number_of_nodes() < graph.number_of_nodes():
        caption += f" · the {shown.number_of_nodes()} most mentioned entities"
    lines.append(f'<text x="8" y="{HEIGHT + 16}" font-size="12" fill="#333">'
                 f"{escape(caption)}</text>")
    for k, (color, name) in enumerate(legend):
        x, y = 8 + (k % 4) * ((WIDTH - 16) // 4), HEIGHT + 34 + 18 * (k // 4)
        lines.append(f'<circle cx="{x + 5}" cy="{y - 4}" r="5" fill={quoteattr(color)}/>'
                     f'<text x="{x + 14}" y="{y}" font-size="12" fill="#333">'
                     f"{escape(name)}</text>")
    lines.append("</svg>")
    return "\n".join(lines) + "\n"


def _legend(graph: nx.Graph) -> list[tuple[str, str]]:
    """(colour, name) of each coloured community, named after its most mentioned node."""
    names: dict[int, str] = {}
    for node in sorted(graph.nodes, key=lambda n: (-_mentions(graph.nodes[n]), n)):
        community = graph.nodes[node].get("community")
        if isinstance(community, int) and 0 <= community < len(COMMUNITY_COLORS):
            names.setdefault(community, str(graph.nodes[node].get("label", node)))
    return [(COMMUNITY_COLORS[c], f"{names[c]}’s") for c in sorted(names)]
