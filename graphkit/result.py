"""The result of a build: the graph, its mentions and entities, and ways to look at them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx

from .export import write_outputs
from .types import Entity, Extraction, LinkedMention

if TYPE_CHECKING:
    from .pipeline import Settings


@dataclass(frozen=True)
class Build:
    """The result of a build: the graph plus the mentions and entities behind it."""

    graph: nx.Graph
    entities: dict[str, Entity]
    mentions: tuple[LinkedMention, ...]
    extractions: tuple[Extraction, ...]
    settings: Settings

    @property
    def documents(self) -> int:
        return len(self.extractions)

    def summary(self) -> str:
        """One line: documents, mentions, nodes, edges."""
        return (f"{self.documents} documents, {len(self.mentions)} mentions, "
                f"{self.graph.number_of_nodes()} nodes, {self.graph.number_of_edges()} edges")

    def write(self, out: str | Path) -> list[Path]:
        """Write every output-contract file into `out` (atomically, file by file)."""
        return write_outputs(self.graph, self.mentions, Path(out), self.summary())
