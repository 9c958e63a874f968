"""The docs stay true: docs/cli.md is what the click commands say, and every relative link in
README.md and docs/*.md leads to a file that exists."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
from conftest import ROOT

REGENERATE = ".venv/bin/python docs/make_cli_reference.py"
# [text](target) and ![alt](target); the target ends at whitespace or ')'
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)[^)]*\)")


def cli_reference_module():
    spec = importlib.util.spec_from_file_location("make_cli_reference",
                                                  ROOT / "docs" / "make_cli_reference.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cli_reference_is_up_to_date():
    from graphkit.cli import cli

    rendered = cli_reference_module().render(cli)
    page = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert page == rendered, f"docs/cli.md is out of date: regenerate it with `{REGENERATE}`"


def test_cli_reference_names_every_command_and_option():
    """The generator itself: nothing of the click commands is left out of the page."""
    from graphkit.cli import cli

    page = cli_reference_module().render(cli)
    for name, command in cli.commands.items():
        assert f"### `graphkit {name}`" in page
        for param in command.params:
            for opt in param.opts if param.param_type_name == "option" else ():
                assert f"`{opt}`" in page, (name, opt)
            if param.help:
                assert " ".join(param.help.split()) in page, (name, param.name)


def test_cli_reference_renders_a_changed_help_text():
    """A help text edited in graphkit/cli/ makes a different page (so the check above can fail)."""
    import click

    module = cli_reference_module()

    @click.group()
    def tool() -> None:
        """A tool."""

    @tool.command()
    @click.option("--size", type=click.IntRange(min=1), default=3, help="How many.")
    def run(size: int) -> None:
        """Run it."""

    before = module.render(tool, "tool")
    run.params[0].help = "How many, at most."
    after = module.render(tool, "tool")
    assert "| `--size` | integer, 1 ≤ x | `3` | How many. |" in before
    assert before != after


def markdown_files() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def relative_links(page: Path) -> list[str]:
    text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.DOTALL)
    targets = (m.group(1) for m in LINK.finditer(text))
    return [t for t in targets if not re.match(r"[a-z][a-z0-9+.-]*:|#", t)]


def anchors(page: Path) -> set[str]:
    """GitHub's anchors for the headings of `page`: lower case, punctuation dropped, spaces
    to hyphens."""
    text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.DOTALL)
    headings = re.findall(r"^#+ (.+)$", text, flags=re.MULTILINE)
    return {re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-") for h in headings}


def broken(page: Path, target: str) -> bool:
    path, _, anchor = target.partition("#")
    linked = page.parent / path
    if not linked.exists():
        return True
    return bool(anchor) and linked.suffix == ".md" and anchor not in anchors(linked)


@pytest.mark.parametrize("page", markdown_files(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_relative_links_point_at_files_that_exist(page):
    missing = [target for target in relative_links(page) if broken(page, target)]
    assert not missing, f"{page.relative_to(ROOT)} links to missing files or headings: {missing}"


def test_link_check_sees_a_broken_link(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("[a](docs/a.md#x) ![b](b.png \"t\") [web](https://x.org) [c](#top)\n"
                    "```\n[not a link](nowhere.md)\n```\n", encoding="utf-8")
    assert relative_links(page) == ["docs/a.md#x", "b.png"]
    (tmp_path / "other.md").write_text("# Title\n## `--jobs N`: on one machine\n",
                                       encoding="utf-8")
    assert not broken(page, "other.md#--jobs-n-on-one-machine")
    assert not broken(page, "other.md")
    assert broken(page, "other.md#no-such-heading")
    assert broken(page, "missing.md")
