"""The `graphkit` command group: logging set-up, one-line errors, Ctrl-C as exit 130."""

from __future__ import annotations

import logging
import sys
from typing import Any

import click

from .. import __version__
from ..errors import GraphkitError
from . import interrupts

# Loggers of the libraries that read web pages and PDFs: their notes on a page are noise.
_READER_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext", "pypdfium2")


class _Group(click.Group):
    """Turn GraphkitError into a one-line message and a non-zero exit, no traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            from ..corpus import reported_once  # inside: Ctrl-C may land in this import

            with reported_once():  # a command may read the corpus twice: warn once
                return super().invoke(ctx)
        except GraphkitError as exc:
            click.echo(f"graphkit: error: {exc}", err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            interrupts.interrupted(ctx.obj)

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        """Ctrl-C while the command line is read ends as it does later (click would say
        'Aborted!' and exit 1)."""
        try:
            return super().make_context(*args, **kwargs)
        except KeyboardInterrupt:
            interrupts.interrupted(kwargs.get("obj"))


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
