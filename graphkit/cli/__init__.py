"""The `graphkit` command line: a thin client of the public API.

The group (group.py) with its shared options (options.py) and its commands: build.py,
review.py (entities, explain, doubts), files.py (text, export); Ctrl-C in interrupts.py.
"""

from __future__ import annotations

from .build import build
from .files import export, text
from .group import cli
from .interrupts import on_ctrl_c
from .review import doubts, entities, explain

__all__ = ["cli", "main"]

for _command in (build, entities, explain, doubts, text, export):  # `graphkit --help` order
    cli.add_command(_command)


def main() -> None:
    """Console-script entry point (a finished `build` exits at once; see
    interrupts.exit_at_once; Ctrl-C is remembered; see interrupts.on_ctrl_c)."""
    import signal

    signal.signal(signal.SIGINT, on_ctrl_c)
    cli(prog_name="graphkit", obj={"exit_when_done": True})
