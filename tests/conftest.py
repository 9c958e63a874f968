"""Shared fixtures: the seed corpus built once per session, a rules-only pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = Path(__file__).resolve().parent / "data" / "gold"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def kb():
    from graphkit.link.kb import load_kb

    return load_kb()


@pytest.fixture(scope="session")
def rules_nlp(kb):
    """spaCy's blank Indonesian tokenizer + knowledge-base ruler + name rules; no model."""
    from graphkit.ner.pipeline import load_pipeline

    return load_pipeline("blank", kb=kb)


@pytest.fixture(scope="session")
def seed_build():
    import graphkit

    return graphkit.build(SEEDS)


@pytest.fixture(scope="session")
def seed_out(tmp_path_factory, seed_build):
    out = tmp_path_factory.mktemp("seed-out")
    seed_build.write(out, gexf=True)
    return out


def seed_text(doc_id: str) -> str:
    return (SEEDS / doc_id).read_text(encoding="utf-8")


def entities_of(build, text: str, doc: str | None = None) -> set[str]:
    """Node ids that mentions with exactly this surface text link to."""
    return {link.entity for link in build.mentions
            if link.mention.text == text and (doc is None or link.mention.doc == doc)}


@pytest.fixture(scope="session")
def bundled_links(rules_nlp, kb):
    """Link inline documents (doc id -> text) with the rules pipeline and the bundled
    knowledge base: {(doc, mention text): node}."""
    from graphkit.link.linker import link_mentions
    from graphkit.ner.pipeline import extract
    from graphkit.types import Document

    def run(**texts):
        extractions = list(extract([Document(k, v) for k, v in texts.items()], rules_nlp))
        return {(lk.mention.doc, lk.mention.text): lk.entity
                for lk in link_mentions(extractions, kb).mentions}
    return run


def run_cli(*args: str):
    """The CLI in-process; returns (exit code, stdout, stderr). An exception other than the
    CLI's own exit is raised, so a traceback fails the test."""
    from click.testing import CliRunner

    from graphkit.cli import cli

    result = CliRunner().invoke(cli, list(args), catch_exceptions=True)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def pytest_addoption(parser):
    parser.addoption("--regen-golden", action="store_true",
                     help="Rewrite tests/golden/ from the current output instead of comparing.")


@pytest.fixture
def regen_golden(request):
    return request.config.getoption("--regen-golden")
