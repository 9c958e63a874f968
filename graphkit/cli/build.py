"""`graphkit build`: a corpus into the graph's output files, with a progress bar."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

import click

from ..choices import ENGINES, WINDOWS
from . import interrupts
from .options import FIELD_NAMES, build_options, check_corpus, corpus_options, filter_options

_PROGRESS_MIN_DOCUMENTS = 20


@click.command()
@corpus_options
@click.option("--window", type=click.Choice(WINDOWS), default="sentence",
              show_default=True, help="What counts as a co-mention.")
@filter_options
@click.option("--since", default=None, help="Only documents published on or after this "
                                            "date (YYYY-MM-DD); undated ones are left out.")
@click.option("--until", default=None, help="Only documents published on or before this date.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="NER processes [default: all cores for 2 MB of text or more, else 1].")
@click.option("--engine", type=click.Choice(ENGINES), default="local",
              show_default=True, help="Where NER runs: this machine or a Dask cluster.")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Dask scheduler address for --engine dask, e.g. tcp://10.0.0.5:8786.")
@click.option("--force", is_flag=True,
              help="Rebuild even when the outputs in OUT are up to date.")
@click.option("--gexf", is_flag=True,
              help="Also write graph.gexf (Gephi opens graph.graphml as well).")
@click.pass_obj
def build(obj: dict[str, Any], /, corpus: tuple[Path, ...], out: Path, kb_files: tuple[Path, ...],
          curation_files: tuple[Path, ...], no_curation: bool, model: str | None, no_clean: bool,
          window: str, min_weight: int, jobs: int | None, engine: str,
          scheduler: str | None, force: bool, gexf: bool, **filters: Any) -> None:
    """Build the graph of CORPUS (folders and files: .txt/.md, .jsonl/.csv records, saved
    web pages, PDF, .docx/.odt, RSS/Atom feeds) into OUT.

    \b
    Examples:
      graphkit build seeds --out out
      graphkit build articles.jsonl --text-field body --title-field headline
      graphkit build saved_pages/ reports/ --window paragraph
      graphkit build news/ --kb my_people.csv --curation fixes.yaml --min-weight 2
      graphkit build news/ --since 2024-06-01 --top 300 --top-by pagerank --drop-isolates
      graphkit build news/ --jobs 2
      graphkit build news/ --engine dask --scheduler tcp://10.0.0.5:8786
    """
    from ..corpus import count_documents
    from ..pipeline import build as build_graph

    fields = {name: filters.pop(name) for name in FIELD_NAMES}
    options = build_options(kb_files, curation_files, no_curation, model, no_clean, **fields)
    options.update(window=window, min_weight=min_weight, jobs=jobs, engine=engine,
                   scheduler=scheduler, gexf=gexf, **filters)
    check_corpus(corpus)
    if not force:
        from ..pipeline import unchanged_build

        summary = unchanged_build(list(corpus), out, **options)
        if summary:
            click.echo(f"{summary} -> {out} (up to date: nothing changed)")
            return
    expected = count_documents(corpus)
    if expected >= _PROGRESS_MIN_DOCUMENTS and not obj["quiet"]:
        progress = _Progress()
        with click.progressbar(length=expected, label="documents", file=sys.stderr,
                               show_pos=True, item_show_func=progress.rate) as bar:
            result = build_graph(
                list(corpus), out=out,
                on_document=lambda e: bar.update(1, progress.add(interrupts.go_on(e))),
                **options)
    else:
        result = build_graph(list(corpus), out=out, on_document=interrupts.go_on, **options)
    interrupts.stop_if_interrupted(obj)
    click.echo(f"{result.summary()} -> {out}")
    if obj.get("exit_when_done"):
        interrupts.exit_at_once()


class _Progress:
    """Words per second for the progress bar (the bar itself shows documents and ETA)."""

    def __init__(self) -> None:
        self.started = time.perf_counter()
        self.words = 0

    def add(self, extraction: Any) -> Any:
        self.words += extraction.words
        return extraction

    def rate(self, _: Any) -> str:
        elapsed = max(time.perf_counter() - self.started, 1e-6)
        return f"{self.words / elapsed:,.0f} words/s"
