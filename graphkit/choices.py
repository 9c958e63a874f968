"""The values of every option with a fixed set of choices: one source for the library and
the command line (which imports this light module, not the stages, so `--help` stays
instant)."""

from __future__ import annotations

from .link.rules import HOW

# What counts as a co-mention (graphkit.cooccur).
WINDOWS = ("sentence", "paragraph", "document")
# Node metrics graphkit.graph computes, by which `top` ranks nodes (graphkit.filters).
NODE_METRICS = ("mentions", "documents", "degree", "weighted_degree", "pagerank",
                "betweenness")
# Formats graphkit.export converts a built graph to (`graphkit export --to`).
EXPORT_FORMATS = ("html", "graphml", "gexf", "json", "csv", "svg")
# Where NER runs (graphkit.engines).
ENGINES = ("local", "dask")
# How a mention was linked: the rules of graphkit.link.rules, in the order they are tried.
LINK_HOW = HOW
# Orders of the entity table (graphkit.link.review).
ENTITY_SORT_KEYS = ("mentions", "documents", "label", "type", "id")
