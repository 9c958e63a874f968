"""`graphkit entities`, `explain` and `doubts`: review the linking of a corpus from its store."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..choices import ENTITY_SORT_KEYS, LINK_HOW
from .options import build_options, check_corpus, corpus_options

if TYPE_CHECKING:
    from ..result import Build


def _stored_result(corpus: tuple[Path, ...], out: Path, **options: Any) -> Build:
    """The result of CORPUS through the store in OUT (after a first build, no NER runs)."""
    from ..pipeline import STORE_PATH
    from ..pipeline import build as build_graph

    check_corpus(corpus)
    return build_graph(list(corpus), store=out / STORE_PATH, **build_options(**options))


def _write_csv(columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> None:
    """`rows` as CSV on stdout, in the order of `columns`."""
    from ..export.tables import csv_chunks

    for chunk in csv_chunks(columns, ([row[c] for c in columns] for row in rows)):
        sys.stdout.write(chunk)


@click.command()
@corpus_options
@click.option("--sort", type=click.Choice(ENTITY_SORT_KEYS),
              default="mentions", show_default=True, help="Order of the rows.")
@click.option("--type", "types", multiple=True, help="Only this type (repeatable).")
@click.option("--how", "linked_by", multiple=True,
              type=click.Choice(LINK_HOW),
              help="Only nodes with mentions linked this way (repeatable).")
@click.option("--match", default="", help="Only nodes whose label or an alias contains this.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most N rows.")
@click.option("--csv", "as_csv", is_flag=True, help="CSV on stdout instead of a table.")
def entities(corpus: tuple[Path, ...], out: Path, sort: str, types: tuple[str, ...],
             linked_by: tuple[str, ...], match: str, limit: int | None, as_csv: bool,
             **options: Any) -> None:
    """List the nodes of CORPUS with type, label, aliases, counts and how they were linked.

    Uses the store in OUT, so after a first build it does not re-run NER.

    \b
    Examples:
      graphkit entities seeds --type PERSON
      graphkit entities seeds --how new --sort label --csv > new_entities.csv
    """
    from ..link.review import ENTITY_COLUMNS, entity_rows, format_table

    result = _stored_result(corpus, out, **options)
    rows = entity_rows(result, sort, types, linked_by, match, limit)
    if as_csv:
        _write_csv(ENTITY_COLUMNS, rows)
    else:
        click.echo(format_table(rows, ENTITY_COLUMNS))


@click.command()
@click.argument("name")
@corpus_options
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True,
              help="Show at most N mentions.")
def explain(name: str, corpus: tuple[Path, ...], out: Path, limit: int, **options: Any) -> None:
    """Show which node NAME links to in CORPUS, and why, with the sentences.

    \b
    Examples:
      graphkit explain Kim seeds
      graphkit explain "Presiden Putin" seeds
    """
    from ..link.review import explain as explain_name
    from ..link.review import format_explanation

    result = _stored_result(corpus, out, **options)
    click.echo(format_explanation(result, explain_name(result, name), limit))


@click.command()
@corpus_options
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True,
              help="Show the N riskiest doubtful links.")
@click.option("--csv", "as_csv", is_flag=True, help="CSV on stdout (every doubtful link).")
def doubts(corpus: tuple[Path, ...], out: Path, limit: int, as_csv: bool,
           **options: Any) -> None:
    """List the links of CORPUS the linker guessed (corpus-wide short forms, misspellings,
    ambiguous names resolved by context, acronyms defined in another document), riskiest
    first, each with the alternative it was chosen over and a sentence it occurs in:
    review these instead of every node, and fix them in graphkit.yaml.

    \b
    Examples:
      graphkit doubts seeds
      graphkit doubts news/ --csv > doubts.csv
    """
    from ..link.doubts import DOUBT_COLUMNS, doubt_rows, doubtful_links, format_doubts

    result = _stored_result(corpus, out, **options)
    if as_csv:
        _write_csv(DOUBT_COLUMNS, doubt_rows(result))
    else:
        total = len(doubtful_links(result.mentions))
        click.echo(format_doubts(doubt_rows(result, limit), total))
