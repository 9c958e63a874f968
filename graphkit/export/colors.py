"""Colours for entity types and communities, shared by the HTML page and GEXF."""

from __future__ import annotations

TYPE_COLORS = {"PERSON": "#e15759", "ORG": "#4e79a7", "GPE": "#59a14f", "LOC": "#76b7b2",
               "EVENT": "#edc948", "PRODUCT": "#b07aa1", "MISC": "#9c755f"}
OTHER_COLOR = "#999999"
COMMUNITY_COLORS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
                    "#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#637939")


def rgb(color: str) -> tuple[int, int, int]:
    """'#rrggbb' as three ints.

    >>> rgb("#e15759")
    (225, 87, 89)
    """
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)
