"""The `graphkit` command line: a thin client of the public API."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

import click

from . import __version__
from .errors import GraphkitError

WINDOW_CHOICES = ("sentence", "paragraph", "document")
_PROGRESS_MIN_DOCUMENTS = 20


class _Group(click.Group):
    """Turn GraphkitError into a one-line message and a non-zero exit, no traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except GraphkitError as exc:
            click.echo(f"graphkit: error: {exc}", err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            click.echo("graphkit: interrupted", err=True)
            sys.exit(130)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="graphkit")
@click.option("-v", "--verbose", count=True, help="More log output on stderr (-vv: debug).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors on stderr.")
@click.pass_context
def cli(ctx: click.Context, verbose: int, quiet: bool) -> None:
    """Turn a folder of news articles into an entity co-occurrence knowledge graph."""
    ctx.obj = {"quiet": quiet}
    level = logging.ERROR if quiet else (logging.WARNING, logging.INFO, logging.DEBUG)[
        min(verbose, 2)]
    logging.basicConfig(stream=sys.stderr, level=level, format="graphkit: %(levelname)s: "
                        "%(message)s", force=True)
    logging.getLogger("graphkit").setLevel(level)


@cli.command()
@click.argument("corpus", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--out", type=click.Path(path_type=Path), default=Path("out"),
              show_default=True, help="Folder for the output files.")
@click.option("--window", type=click.Choice(WINDOW_CHOICES), default="sentence",
              show_default=True, help="What counts as a co-mention.")
@click.option("--min-weight", type=click.IntRange(min=1), default=1, show_default=True,
              help="Drop edges seen in fewer windows.")
@click.option("--kb", "kb_files", multiple=True, type=click.Path(path_type=Path),
              help="Extra knowledge-base CSV file (repeatable).")
@click.option("--model", default=None,
              help="spaCy pipeline name or path for NER (default: the shipped Indonesian "
                   "model; 'blank' for rules and knowledge base only).")
@click.option("--no-clean", is_flag=True, help="Keep site chrome (no boilerplate removal).")
@click.option("--text-field", default="text", show_default=True,
              help="Field holding the text in .jsonl/.csv records.")
@click.pass_obj
def build(obj: dict[str, Any], corpus: tuple[Path, ...], out: Path, window: str, min_weight: int,
          kb_files: tuple[Path, ...], model: str | None, no_clean: bool,
          text_field: str) -> None:
    """Build the graph of CORPUS (folders, .txt/.md files, .jsonl/.csv records) into OUT.

    \b
    Examples:
      graphkit build seeds --out out
      graphkit build articles.jsonl --text-field body --window paragraph
      graphkit build news/ --kb my_people.csv --min-weight 2
    """
    from .corpus import count_documents
    from .pipeline import build as build_graph

    options: dict[str, Any] = dict(window=window, min_weight=min_weight,
                                   kb_files=tuple(str(f) for f in kb_files), model=model,
                                   clean=not no_clean, text_field=text_field)
    for path in corpus:
        if not path.exists():
            raise GraphkitError(f"corpus not found: {path}")
    expected = count_documents(corpus)
    if expected >= _PROGRESS_MIN_DOCUMENTS and not obj["quiet"]:
        with click.progressbar(length=expected, label="documents", file=sys.stderr) as bar:
            result = build_graph(list(corpus), out=out, on_document=lambda _: bar.update(1),
                                 **options)
    else:
        result = build_graph(list(corpus), out=out, **options)
    click.echo(f"{result.summary()} -> {out}")


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="graphkit")
