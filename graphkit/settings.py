"""Build settings: everything that shapes a build, checked when made."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING, Any

import networkx as nx

from .choices import ENGINES, WINDOWS
from .corpus import RecordFields
from .dates import check_bound
from .errors import GraphkitError
from .filters import check_filters, filter_graph
from .ner.config import NerConfig

if TYPE_CHECKING:
    from .link.kb import KnowledgeBase


@dataclass(frozen=True)
class Settings:
    """Everything that shapes a build; same corpus + same settings = same output bytes."""

    window: str = "sentence"
    min_weight: int = 1
    kb_files: tuple[str, ...] = ()
    curation_files: tuple[str, ...] = ()
    discover_curation: bool = True
    model: str | None = None
    clean: bool = True
    propose: bool | None = None
    text_field: str = "text"  # which fields of .jsonl/.csv records hold what
    title_field: str = "title"
    date_field: str = "date"
    url_field: str = "url"
    batch_size: int = 64
    jobs: int | None = None  # NER processes; None: all cores for large corpora
    engine: str = "local"  # or "dask"
    scheduler: str | None = None  # Dask scheduler address, e.g. tcp://10.0.0.5:8786
    since: str | None = None  # documents dated before/after go (undated ones too, if set)
    until: str | None = None
    top: int | None = None  # graph filters (graphkit.filters), applied after building
    top_by: str = "mentions"
    types: tuple[str, ...] = ()
    drop_isolates: bool = False
    backbone: float | None = None
    gexf: bool = False  # also write graph.gexf

    def __post_init__(self) -> None:
        if self.window not in WINDOWS:
            raise GraphkitError(f"--window must be one of {', '.join(WINDOWS)}")
        if self.min_weight < 1:
            raise GraphkitError("--min-weight must be at least 1")
        if self.jobs is not None and self.jobs < 1:
            raise GraphkitError("--jobs must be at least 1")
        if self.engine not in ENGINES:
            raise GraphkitError(f"--engine must be one of {', '.join(ENGINES)}")
        if self.engine == "dask" and not self.scheduler:
            raise GraphkitError("--engine dask needs --scheduler ADDRESS")
        check_filters(self.top, self.top_by, self.types, self.backbone)
        check_bound(self.since, "--since")
        check_bound(self.until, "--until")

    def record_fields(self) -> RecordFields:
        """The record fields to read (graphkit.corpus.read_corpus's `fields`)."""
        return RecordFields(text=self.text_field, title=self.title_field,
                            date=self.date_field, url=self.url_field)

    def ner_config(self, kb: KnowledgeBase | None) -> NerConfig:
        """What NER runs with under these settings, matching the names of `kb`."""
        return NerConfig(model=self.model, kb=kb, clean=self.clean, propose=self.propose,
                         batch_size=self.batch_size)


def make_settings(settings: Settings | None = None, **options: Any) -> Settings:
    """Settings from keyword options (unknown names are an error)."""
    known = {f.name for f in fields(Settings)}
    unknown = sorted(set(options) - known)
    if unknown:
        raise GraphkitError(f"unknown build option(s): {', '.join(unknown)}")
    for name in ("kb_files", "curation_files"):
        if name in options:
            options[name] = tuple(str(f) for f in options[name])
    return replace(settings or Settings(), **options)


def apply_settings(graph: nx.Graph, settings: Settings) -> nx.Graph:
    """The graph filtered by the build settings' top/types/isolates/backbone options (the
    graph itself when none is set; min_weight is applied while building)."""
    if not (settings.top or settings.types or settings.drop_isolates or settings.backbone):
        return graph
    return filter_graph(graph, top=settings.top, by=settings.top_by, types=settings.types,
                        drop_isolates=settings.drop_isolates, backbone=settings.backbone)
