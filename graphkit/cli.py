"""The `graphkit` command line: a thin client of the public API."""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

import click

from . import __version__
from .choices import ENGINES, ENTITY_SORT_KEYS, EXPORT_FORMATS, LINK_HOW, NODE_METRICS, WINDOWS
from .errors import GraphkitError

_PROGRESS_MIN_DOCUMENTS = 20
# Loggers of the libraries that read web pages and PDFs: their notes on a page are noise.
_READER_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext", "pypdfium2")
_RECORD_FIELDS = ("text", "title", "date", "url")  # --text-field ... --url-field
_FIELD_NAMES = tuple(f"{name}_field" for name in _RECORD_FIELDS)


class _Group(click.Group):
    """Turn GraphkitError into a one-line message and a non-zero exit, no traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            from .corpus import reported_once  # inside: Ctrl-C may land in this import

            with reported_once():  # a command may read the corpus twice: warn once
                return super().invoke(ctx)
        except GraphkitError as exc:
            click.echo(f"graphkit: error: {exc}", err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            interrupted(ctx.obj)

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        """Ctrl-C while the command line is read ends as it does later (click would say
        'Aborted!' and exit 1)."""
        try:
            return super().make_context(*args, **kwargs)
        except KeyboardInterrupt:
            interrupted(kwargs.get("obj"))


_interrupts: list[int] = []  # Ctrl-Cs the program received (see _on_ctrl_c)


def _on_ctrl_c(signum: int, frame: Any) -> None:
    """Ctrl-C in the `graphkit` program: remember it, then raise KeyboardInterrupt as Python
    does. Remembered because a library may swallow the exception (a bare `except:` around
    one of its imports): the build then stops at its next document or before it reports
    success, instead of ending with exit status 0 as if no one had asked it to stop."""
    _interrupts.append(signum)
    raise KeyboardInterrupt


def _stop_if_interrupted(obj: dict[str, Any] | None) -> None:
    """End as `interrupted` when a Ctrl-C was received, even one a library swallowed."""
    if _interrupts:
        interrupted(obj)


def interrupted(obj: dict[str, Any] | None) -> NoReturn:
    """After Ctrl-C: say so and exit with 130. A second Ctrl-C (or the first reaching late)
    no longer cuts the exit short with a traceback of its own."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    click.echo("graphkit: interrupted", err=True)
    if (obj or {}).get("exit_when_done"):
        _exit_at_once(130)
    sys.exit(130)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="graphkit")
@click.option("-v", "--verbose", count=True, help="More log output on stderr (-vv: debug).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors on stderr.")
@click.pass_context
def cli(ctx: click.Context, verbose: int, quiet: bool) -> None:
    """Turn a folder of news articles into an entity co-occurrence knowledge graph."""
    ctx.obj = {**(ctx.obj or {}), "quiet": quiet}
    level = logging.ERROR if quiet else (logging.WARNING, logging.INFO, logging.DEBUG)[
        min(verbose, 2)]
    logging.basicConfig(stream=sys.stderr, level=level, format="graphkit: %(levelname)s: "
                        "%(message)s", force=True)
    logging.getLogger("graphkit").setLevel(level)
    for reader in _READER_LOGGERS:  # graphkit names every file it skips, and why
        logging.getLogger(reader).setLevel(max(level, logging.ERROR))


def _with_options(options: list[Any]) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """One decorator applying click `options` in the order listed."""
    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        for option in reversed(options):
            command = option(command)
        return command
    return decorate


def corpus_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Options shared by every command that reads a corpus."""
    options: list[Any] = [
        click.argument("corpus", nargs=-1, required=True, type=click.Path(path_type=Path)),
        click.option("-o", "--out", type=click.Path(path_type=Path), default=Path("out"),
                     show_default=True, help="Output folder (its .graphkit/ keeps the store "
                                             "of NER results that makes rebuilds fast)."),
        click.option("--kb", "kb_files", multiple=True, type=click.Path(path_type=Path),
                     help="Extra knowledge-base CSV file (repeatable)."),
        click.option("--curation", "curation_files", multiple=True,
                     type=click.Path(path_type=Path),
                     help="Curation overlay YAML (repeatable; graphkit.yaml next to the "
                          "corpus is read too, and announced)."),
        click.option("--no-curation", is_flag=True,
                     help="Leave out graphkit.yaml files found next to the corpus (files "
                          "given with --curation are still applied)."),
        click.option("--model", default=None,
                     help="spaCy pipeline name or path for NER (default: the shipped "
                          "Indonesian model; 'blank' for rules and knowledge base only)."),
        click.option("--no-clean", is_flag=True,
                     help="Keep site chrome (no boilerplate removal)."),
        *record_field_options(),
    ]
    return _with_options(options)(command)


def record_field_options() -> list[Any]:
    """--text-field, --title-field, --date-field, --url-field (the `fields` of records)."""
    return [click.option(f"--{name}-field", f"{name}_field", default=name,
                         show_default=True, help=f"Field holding the {name} in .jsonl/.csv "
                                                 "records.")
            for name in _RECORD_FIELDS]


def _build_options(kb_files: tuple[Path, ...], curation_files: tuple[Path, ...],
                   no_curation: bool, model: str | None, no_clean: bool,
                   **fields: str) -> dict[str, Any]:
    return dict(kb_files=tuple(str(f) for f in kb_files),
                curation_files=tuple(str(f) for f in curation_files),
                discover_curation=not no_curation, model=model, clean=not no_clean, **fields)


def _check_corpus(corpus: tuple[Path, ...]) -> None:
    for path in corpus:
        if not path.exists():
            raise GraphkitError(f"corpus not found: {path}")


def _split_types(_: click.Context, __: click.Parameter, value: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(t.strip().upper() for v in value for t in v.split(",") if t.strip())


def filter_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Graph filters shared by `build` and `export` (see graphkit.filters.filter_graph)."""
    options: list[Any] = [
        click.option("--min-weight", type=click.IntRange(min=1), default=1, show_default=True,
                     help="Drop edges seen in fewer windows."),
        click.option("--top", type=click.IntRange(min=1), default=None,
                     help="Keep only the N highest-ranked nodes (by --top-by)."),
        click.option("--top-by", type=click.Choice(NODE_METRICS), default="mentions",
                     show_default=True, help="Node metric that --top ranks by."),
        click.option("--types", multiple=True, callback=_split_types,
                     help="Only these entity types, e.g. PERSON,ORG (repeatable)."),
        click.option("--drop-isolates", is_flag=True, help="Drop nodes left without edges."),
        click.option("--backbone", type=click.FloatRange(0, 1, min_open=True, max_open=True),
                     default=None, help="Keep only edges the disparity filter finds "
                                        "significant at this level (e.g. 0.05)."),
    ]
    return _with_options(options)(command)


@cli.command()
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
    from .corpus import count_documents
    from .pipeline import build as build_graph

    fields = {name: filters.pop(name) for name in _FIELD_NAMES}
    options = _build_options(kb_files, curation_files, no_curation, model, no_clean, **fields)
    options.update(window=window, min_weight=min_weight, jobs=jobs, engine=engine,
                   scheduler=scheduler, gexf=gexf, **filters)
    _check_corpus(corpus)
    if not force:
        from .pipeline import unchanged_build

        summary = unchanged_build(list(corpus), out, **options)
        if summary:
            click.echo(f"{summary} -> {out} (up to date: nothing changed)")
            return
    expected = count_documents(corpus)
    if expected >= _PROGRESS_MIN_DOCUMENTS and not obj["quiet"]:
        progress = _Progress()
        with click.progressbar(length=expected, label="documents", file=sys.stderr,
                               show_pos=True, item_show_func=progress.rate) as bar:
            result = build_graph(list(corpus), out=out,
                                 on_document=lambda e: bar.update(1, progress.add(_go_on(e))),
                                 **options)
    else:
        result = build_graph(list(corpus), out=out, on_document=_go_on, **options)
    _stop_if_interrupted(obj)
    click.echo(f"{result.summary()} -> {out}")
    if obj.get("exit_when_done"):
        _exit_at_once()


def _go_on(extraction: Any) -> Any:
    """After each document: stop if a Ctrl-C was received and swallowed on the way."""
    if _interrupts:
        raise KeyboardInterrupt
    return extraction


def _exit_at_once(code: int = 0) -> NoReturn:
    """End the program now with exit status `code`, without the interpreter's shutdown:
    after a finished build, freeing its objects one by one is tens of millions of objects
    for a large corpus, which the operating system does at once; after Ctrl-C, the shutdown
    of a stopped process pool races with its manager thread in CPython's
    concurrent.futures (an `OSError: [Errno 9] Bad file descriptor` traceback from
    `threading._shutdown`, cpython bpo-39995 / gh-125451). Everything is written (files
    are atomic and synced, the store is closed, child processes have ended or been
    stopped); only stdio and logging need a flush."""
    import os

    logging.shutdown()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # e.g. stdout was a pipe closed early
        os._exit(1)
    os._exit(code)


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


@cli.command()
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
def entities(corpus: tuple[Path, ...], out: Path, kb_files: tuple[Path, ...],
             curation_files: tuple[Path, ...], no_curation: bool, model: str | None, no_clean: bool,
             sort: str, types: tuple[str, ...], linked_by: tuple[str, ...],
             match: str, limit: int | None, as_csv: bool, **fields: str) -> None:
    """List the nodes of CORPUS with type, label, aliases, counts and how they were linked.

    Uses the store in OUT, so after a first build it does not re-run NER.

    \b
    Examples:
      graphkit entities seeds --type PERSON
      graphkit entities seeds --how new --sort label --csv > new_entities.csv
    """
    from .link.review import ENTITY_COLUMNS, entity_rows, format_table
    from .pipeline import STORE_PATH
    from .pipeline import build as build_graph

    _check_corpus(corpus)
    result = build_graph(list(corpus), store=out / STORE_PATH,
                         **_build_options(kb_files, curation_files, no_curation, model,
                                          no_clean, **fields))
    rows = entity_rows(result, sort, types, linked_by, match, limit)
    if as_csv:
        from .export.tables import csv_chunks

        for chunk in csv_chunks(ENTITY_COLUMNS, ([row[c] for c in ENTITY_COLUMNS]
                                                 for row in rows)):
            sys.stdout.write(chunk)
    else:
        click.echo(format_table(rows, ENTITY_COLUMNS))


@cli.command()
@click.argument("name")
@corpus_options
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True,
              help="Show at most N mentions.")
def explain(name: str, corpus: tuple[Path, ...], out: Path, kb_files: tuple[Path, ...],
            curation_files: tuple[Path, ...], no_curation: bool, model: str | None, no_clean: bool,
            limit: int, **fields: str) -> None:
    """Show which node NAME links to in CORPUS, and why, with the sentences.

    \b
    Examples:
      graphkit explain Kim seeds
      graphkit explain "Presiden Putin" seeds
    """
    from .link.review import explain as explain_name
    from .link.review import format_explanation
    from .pipeline import STORE_PATH
    from .pipeline import build as build_graph

    _check_corpus(corpus)
    result = build_graph(list(corpus), store=out / STORE_PATH,
                         **_build_options(kb_files, curation_files, no_curation, model,
                                          no_clean, **fields))
    click.echo(format_explanation(result, explain_name(result, name), limit))


@cli.command()
@corpus_options
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True,
              help="Show the N riskiest doubtful links.")
@click.option("--csv", "as_csv", is_flag=True, help="CSV on stdout (every doubtful link).")
def doubts(corpus: tuple[Path, ...], out: Path, kb_files: tuple[Path, ...],
           curation_files: tuple[Path, ...], no_curation: bool, model: str | None,
           no_clean: bool, limit: int, as_csv: bool, **fields: str) -> None:
    """List the links of CORPUS the linker guessed (corpus-wide short forms, misspellings,
    ambiguous names resolved by context, acronyms defined in another document), riskiest
    first, each with the alternative it was chosen over and a sentence it occurs in:
    review these instead of every node, and fix them in graphkit.yaml.

    \b
    Examples:
      graphkit doubts seeds
      graphkit doubts news/ --csv > doubts.csv
    """
    from .link.doubts import DOUBT_COLUMNS, doubt_rows, doubtful_links, format_doubts
    from .pipeline import STORE_PATH
    from .pipeline import build as build_graph

    _check_corpus(corpus)
    result = build_graph(list(corpus), store=out / STORE_PATH,
                         **_build_options(kb_files, curation_files, no_curation, model,
                                          no_clean, **fields))
    if as_csv:
        from .export.tables import csv_chunks

        rows = doubt_rows(result)
        for chunk in csv_chunks(DOUBT_COLUMNS, ([row[c] for c in DOUBT_COLUMNS]
                                                for row in rows)):
            sys.stdout.write(chunk)
    else:
        total = len(doubtful_links(result.mentions))
        click.echo(format_doubts(doubt_rows(result, limit), total))


@cli.command("text")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@_with_options(record_field_options())
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

    from .corpus import read_corpus
    from .dates import document_date
    from .settings import make_settings
    from .terminal import printable

    _check_corpus(files)
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


@cli.command("export")
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
    from .export import read_graph, write_format
    from .filters import filter_graph

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


def main() -> None:
    """Console-script entry point (a finished `build` exits at once; see _exit_at_once;
    Ctrl-C is remembered; see _on_ctrl_c)."""
    import signal

    signal.signal(signal.SIGINT, _on_ctrl_c)
    cli(prog_name="graphkit", obj={"exit_when_done": True})
