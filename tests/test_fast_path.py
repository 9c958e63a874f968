"""The one switch between graphkit's faster inference (graphkit.ner.fast) and plain spaCy:
the same mentions either way, so a spaCy upgrade can be checked with the
fast path off."""

from __future__ import annotations

import logging

import pytest
from conftest import SEEDS

import graphkit
from graphkit.ner.config import PLAIN_SPACY_VARIABLE, NerConfig
from graphkit.ner.fast.inference import fast_path, fast_path_on


def graphkit_layers(nlp) -> list[str]:
    """Components and layers of `nlp` that graphkit's fast path put in place."""
    found = [name for name, component in nlp.pipeline
             if type(component).__module__.startswith("graphkit.ner.fast.decode")]
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        for node in model.walk() if hasattr(model, "walk") else ():
            if node._func.__module__.startswith("graphkit."):
                found.append(node.name)
    return found


def test_the_environment_variable_turns_the_fast_path_off(monkeypatch):
    monkeypatch.delenv(PLAIN_SPACY_VARIABLE, raising=False)
    assert fast_path_on() and NerConfig().fast_path
    monkeypatch.setenv(PLAIN_SPACY_VARIABLE, "1")
    assert not fast_path_on() and not NerConfig().fast_path
    assert not graphkit.Settings().ner_config(None).fast_path
    with fast_path(True):  # an explicit choice wins over the environment
        assert fast_path_on()
    monkeypatch.setenv(PLAIN_SPACY_VARIABLE, "0")
    assert fast_path_on()


def test_plain_spacy_has_its_own_ner_fingerprint(kb):
    fast, plain = NerConfig(kb=kb, fast_path=True), NerConfig(kb=kb, fast_path=False)
    assert fast.fingerprint() != plain.fingerprint()


@pytest.mark.slow
def test_the_switch_decides_what_the_pipeline_runs():
    for on in (True, False):
        with fast_path(on):
            nlp = graphkit.load_pipeline(with_kb=False, propose=False)
        assert bool(graphkit_layers(nlp)) is on


@pytest.mark.slow
def test_the_seeds_give_the_same_mentions_with_the_fast_path_off(seed_build, monkeypatch,
                                                                 caplog):
    monkeypatch.setenv(PLAIN_SPACY_VARIABLE, "1")
    with caplog.at_level(logging.INFO, logger="graphkit"):
        plain = graphkit.build(SEEDS, store=False)
    assert "plain spaCy inference" in caplog.text
    assert [(e.doc.id, e.mentions) for e in plain.extractions] == [
        (e.doc.id, e.mentions) for e in seed_build.extractions]
    assert [(lk.mention, lk.entity) for lk in plain.mentions] == [
        (lk.mention, lk.entity) for lk in seed_build.mentions]
    assert len(plain.mentions) > 300
