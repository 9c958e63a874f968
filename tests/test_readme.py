"""The README's two commands are the ones CI runs."""

import re

from conftest import ROOT


def commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```bash\n(python3 -m venv .venv && [^\n]+)\n```", readme)[:2]


def test_readme_has_the_install_and_test_commands():
    install, test = commands()
    assert install.endswith("graphkit build seeds --out out")
    assert "pytest" in test and "ruff check" in test and "mypy" in test


def test_ci_runs_both_readme_commands_verbatim():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for command in commands():
        assert command in ci.splitlines()
