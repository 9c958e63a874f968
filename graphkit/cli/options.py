"""Click options shared by several commands, and turning them into the API's arguments."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from ..choices import NODE_METRICS
from ..errors import GraphkitError

_RECORD_FIELDS = ("text", "title", "date", "url")  # --text-field ... --url-field
FIELD_NAMES = tuple(f"{name}_field" for name in _RECORD_FIELDS)


def with_options(options: list[Any]) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
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
    return with_options(options)(command)


def record_field_options() -> list[Any]:
    """--text-field, --title-field, --date-field, --url-field (the `fields` of records)."""
    return [click.option(f"--{name}-field", f"{name}_field", default=name,
                         show_default=True, help=f"Field holding the {name} in .jsonl/.csv "
                                                 "records.")
            for name in _RECORD_FIELDS]


def build_options(kb_files: tuple[Path, ...], curation_files: tuple[Path, ...],
                  no_curation: bool, model: str | None, no_clean: bool,
                  **fields: str) -> dict[str, Any]:
    """The corpus options as keyword arguments of graphkit.pipeline.build."""
    return dict(kb_files=tuple(str(f) for f in kb_files),
                curation_files=tuple(str(f) for f in curation_files),
                discover_curation=not no_curation, model=model, clean=not no_clean, **fields)


def check_corpus(corpus: tuple[Path, ...]) -> None:
    """A one-line error for a corpus path that does not exist."""
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
    return with_options(options)(command)
