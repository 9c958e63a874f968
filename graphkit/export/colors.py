"""Colours for entity types and communities, shared by the HTML page, SVG and GEXF.

Both palettes are colour-blind safe: types use Okabe and Ito's palette, communities Paul
Tol's "muted" scheme; communities past the palette's nine (the smallest: they are numbered
by size) share OTHER_COLOR, so every colour on the map names one group."""

from __future__ import annotations

TYPE_COLORS = {"PERSON": "#d55e00", "ORG": "#0072b2", "GPE": "#009e73", "LOC": "#56b4e9",
               "EVENT": "#e69f00", "PRODUCT": "#cc79a7", "MISC": "#999933"}
OTHER_COLOR = "#bbbbbb"
COMMUNITY_COLORS = ("#cc6677", "#332288", "#ddcc77", "#117733", "#88ccee", "#882255",
                    "#44aa99", "#999933", "#aa4499")


def community_color(community: object) -> str:
    """The colour of community number `community` (0 = largest).

    >>> community_color(0), community_color(42)
    ('#cc6677', '#bbbbbb')
    """
    if isinstance(community, int) and 0 <= community < len(COMMUNITY_COLORS):
        return COMMUNITY_COLORS[community]
    return OTHER_COLOR


def rgb(color: str) -> tuple[int, int, int]:
    """'#rrggbb' as three ints.

    >>> rgb("#d55e00")
    (213, 94, 0)
    """
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)
