"""What the package's `>>>` examples need when pytest runs them (`--doctest-modules`): the
seed build as `g`, and a scratch folder holding `seeds` as the working folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
# Modules whose examples use `g`, the build of the seed corpus.
_USE_SEED_BUILD = ("graphkit.result",)
# Modules whose examples build "seeds" themselves (into "out"), in a scratch folder.
_BUILD_SEEDS = ("graphkit.pipeline.build", "graphkit.pipeline.unchanged_build")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Examples that build the seeds with the NER model take seconds: marked slow."""
    for item in items:
        if item.name in _USE_SEED_BUILD + _BUILD_SEEDS:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def seed_build() -> Any:
    import graphkit

    return graphkit.build(_seeds())


@pytest.fixture(autouse=True)
def _example_names(request: pytest.FixtureRequest, doctest_namespace: dict[str, Any]) -> None:
    if request.node.name in _USE_SEED_BUILD:
        doctest_namespace["g"] = request.getfixturevalue("seed_build")
    if request.node.name in _BUILD_SEEDS:
        folder = request.getfixturevalue("tmp_path")
        (folder / "seeds").symlink_to(_seeds(), target_is_directory=True)
        request.getfixturevalue("monkeypatch").chdir(folder)


def _seeds() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("no seeds/ folder: an installed package, not a checkout")
    return SEEDS
