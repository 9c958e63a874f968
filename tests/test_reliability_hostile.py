"""Second round of hostile input (issue 30): names in any script, CSV cells with a carriage
return, merge cycles, overlays shipped inside a corpus, store faults, odd graph files.

Whole builds use the rules-only pipeline (`model="blank"`): the model is not the point."""

from __future__ import annotations

import logging
from pathlib import Path

from click.testing import CliRunner

import graphkit
from graphkit.cli import cli
from graphkit.names import slugify


def run_cli(*args: str) -> tuple[int, str, str]:
    """The CLI in-process; returns (exit code, stdout, stderr)."""
    result = CliRunner().invoke(cli, list(args), catch_exceptions=True)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def write_corpus(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


# --- D2: ids for names in any script ----------------------------------------------------------

CYRILLIC = ("Menurut laporan, Владимир Путин bertemu Сергей Лавров di Moskwa pada Rabu.\n"
            "Kemudian Ρutin dan Рutin berbicara dengan Vladimir Putin.\n")


def test_two_cyrillic_people_stay_two_nodes_through_a_build(tmp_path, caplog):
    corpus = write_corpus(tmp_path / "c", {"a.txt": CYRILLIC})
    with caplog.at_level(logging.WARNING, logger="graphkit"):
        result = graphkit.build(corpus, out=tmp_path / "out", model="blank")
    links = {link.mention.text: link.entity for link in result.mentions}
    putin, lavrov = links["Владимир Путин"], links["Сергей Лавров"]
    assert putin != lavrov
    assert putin.startswith("new:vladimir-putin-") and lavrov.startswith("new:sergei-lavrov-")
    assert result.graph.nodes[putin]["label"] == "Владимир Путин"  # labels keep the script
    # Greek Rho and Cyrillic Er look alike but are two names, and neither is Latin 'Putin'
    assert len({links["Ρutin"], links["Рutin"], links["Vladimir Putin"]}) == 3
    assert "mixes letters of different scripts" in caplog.text
    nodes = (tmp_path / "out" / "nodes.csv").read_text(encoding="utf-8")
    assert putin in nodes and lavrov in nodes


def test_slugs_are_unique_across_scripts_and_unchanged_for_latin_names():
    assert slugify("Leif-Eric Easley") == "leif-eric-easley"  # as before: ids are stable
    assert slugify("Erdoğan") == "erdogan"
    assert slugify("Apple™") == "appletm"
    names = ["Владимир Путин", "Сергей Лавров", "Ρutin", "Рutin", "习近平", "金正恩", "Łódź",
             "Odz"]
    assert len({slugify(n) for n in names}) == len(names)
    assert slugify("习近平") == slugify("习近平")  # stable
    assert slugify("Łódź").startswith("lodz-")


def test_a_look_alike_letter_is_not_a_typo_of_the_latin_name(tmp_path):
    # 'Prаbowo' with a Cyrillic 'а' is one edit from 'Prabowo' but not a misspelling of it
    corpus = write_corpus(tmp_path / "c", {
        "a.txt": "Kemarin Prabowo Subianto bertemu Joko Widodo di Jakarta.\n",
        "b.txt": "Kemarin Pr\u0430bowo Subianto bertemu Joko Widodo di Jakarta.\n"})
    result = graphkit.build(corpus, model="blank")
    latin = {lk.entity for lk in result.mentions if lk.mention.text == "Prabowo Subianto"}
    mixed = {lk.entity for lk in result.mentions if lk.mention.text == "Pr\u0430bowo Subianto"}
    assert latin and mixed and not latin & mixed
