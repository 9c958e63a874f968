"""`graphkit text` and `graphkit export`: what graphkit reads from files, and a built graph
in another format; neither runs NER."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from ..choices import EXPORT_FORMATS
from ..errors import GraphkitError
from .options import check_corpus, filter_options, record_field_options, with_options


@click.command("text")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@with_options(record_field_options())
@click.option("--json", "as_json", is_flag=True,
              help="One JSON object per document: id, title, date, url, source, format, text.")
def text(files: tuple[Path, ...], as_json: bool, **fields: str) -> None:
    """Print the text graphkit reads from FILES: the text whose character offsets
    mentions.csv gives (start, end), and what a web page's extractor kept. A file holding
    several documents (records, feeds) prints each, under a '==> id <==' line. On a
    terminal, control characters are shown as escapes; piped or redirected, the text is
    exact.

    \b
    Examples:
      graphkit text saved/page.html
      graphkit text report.pdf --json
    """
    import json

    from ..corpus import read_corpus
    from ..dates import document_date
    from ..settings import make_settings
    from ..terminal import printable

    check_corpus(files)
    documents = list(read_corpus(files, fields=make_settings(None, **fields).record_fields()))
    shown = printable if sys.stdout.isatty() else str
    for doc in documents:
        if as_json:
            click.echo(json.dumps({"id": doc.id, "title": doc.title, "date": document_date(doc),
                                   "url": doc.url, "source": doc.source, "format": doc.format,
                                   "text": doc.text}, ensure_ascii=False))
            continue
        if len(documents) > 1:
            click.echo(f"==> {shown(doc.id)} <==")
        click.echo(shown(doc.text))


@click.command("export")
@click.argument("graph_file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--to", "to", type=click.Choice(EXPORT_FORMATS), required=True,
              help="Output format (csv writes nodes.csv and edges.csv).")
@click.option("-o", "--out", type=click.Path(path_type=Path), default=None,
              help="Output file, or folder for csv [default: graph.<format> next to "
                   "GRAPH_FILE].")
@filter_options
def export(graph_file: Path, to: str, out: Path | None, **filters: Any) -> None:
    """Convert a built GRAPH_FILE (graph.json, .graphml or .gexf) to another format,
    optionally filtered; no NER is run.

    \b
    Examples:
      graphkit export out/graph.json --to gexf
      graphkit export out/graph.graphml --to html --top 200 -o top200.html
      graphkit export out/graph.json --to svg --min-weight 2
      graphkit export out/graph.json --to csv --types PERSON,ORG -o people/
    """
    from ..export import read_graph, write_format
    from ..filters import filter_graph

    filters["by"] = filters.pop("top_by")
    graph = read_graph(graph_file)
    if out is None:
        out = graph_file.parent if to == "csv" else graph_file.with_name(f"graph.{to}")
        if to == "json":
            out = graph_file.with_name(f"{graph_file.stem}.{to}")
    if out.resolve() == graph_file.resolve():
        raise GraphkitError(f"{graph_file} would be overwritten; choose another --out")
    try:
        graph = filter_graph(graph, **filters)
        paths = write_format(graph, to, out)
    except (TypeError, ValueError, OverflowError) as exc:  # a foreign file's odd values
        raise GraphkitError(f"cannot export {graph_file} as {to}: {exc}") from None
    except RecursionError:
        raise GraphkitError(f"cannot export {graph_file} as {to}: values nested too "
                            "deeply") from None
    click.echo(f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges -> "
               + ", ".join(str(p) for p in paths))
