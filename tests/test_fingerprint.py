"""The NER fingerprint covers every file that shapes NER results: changing any of them makes
the NER results kept in a store stale."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from graphkit.ner import config as models

PACKAGE = Path(models.__file__).resolve().parents[1]
# What the NER pipeline runs and reads; kb.py decides the ruler's patterns (issue 31: it was
# left out of the hand-kept list, so a change to it left stale NER results in the store).
SHAPING = ("ner/__init__.py", "ner/pipeline.py", "ner/spans.py", "ner/bounds.py",
           "ner/propose.py", "ner/config.py", "ner/fast/inference.py", "ner/fast/decode.py",
           "link/kb.py", "link/names.py", "words.py", "clean.py", "dates.py", "types.py",
           "data/common_words_id.txt", "data/kb/people.csv", "data/kb/organizations.csv",
           "data/kb/countries.csv")


def _fingerprint(kb) -> str:
    return models.pipeline_fingerprint("blank", kb, True, None)


@pytest.mark.parametrize("name", SHAPING)
def test_changing_any_file_that_shapes_ner_changes_the_fingerprint(name, kb, monkeypatch):
    before = _fingerprint(kb)
    target = PACKAGE / name
    assert target.is_file()
    read_bytes = Path.read_bytes

    def edited(path: Path) -> bytes:
        content = read_bytes(path)
        return content + b"\n# edited\n" if Path(path).resolve() == target else content

    monkeypatch.setattr(Path, "read_bytes", edited)
    assert _fingerprint(kb) != before


def test_every_file_found_changes_the_fingerprint(kb, monkeypatch):
    files = models.ner_source_files()
    assert {PACKAGE / name for name in SHAPING} <= set(files)
    before = _fingerprint(kb)
    read_bytes = Path.read_bytes
    for target in files:
        with monkeypatch.context() as patch:
            patch.setattr(Path, "read_bytes", lambda path, target=target:
                          read_bytes(path) + (b"#" if path == target else b""))
            assert _fingerprint(kb) != before, target
    assert _fingerprint(kb) == before


def test_the_files_found_hold_every_module_importing_the_ner_module_loads():
    # The source walk against what Python really imports (a fresh process: this one has
    # imported much more); the walk may find more (imports inside functions), never less.
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, graphkit.ner.pipeline; print('\\n'.join(m.__file__ "
         "for m in list(sys.modules.values()) if m.__name__.startswith('graphkit')))"],
        capture_output=True, text=True, check=True).stdout.split()
    assert loaded
    assert {Path(f).resolve() for f in loaded} <= set(models.ner_source_files())


def test_the_output_graph_code_does_not_shape_ner():
    # Over-invalidating is safe but costly: a change to export or linking keeps NER results.
    names = {path.relative_to(PACKAGE).as_posix() for path in models.ner_source_files()}
    assert not names & {"link/linker.py", "graph.py", "pipeline.py", "cli/__init__.py",
                        "export/__init__.py"}


def test_every_module_of_the_ner_package_shapes_ner_even_one_nothing_imports(tmp_path):
    # The whole package, not only what its entry imports: a module added to graphkit/ner/
    # (a new rule set, say) is covered from the moment it exists.
    package = tmp_path / "graphkit"
    (package / "ner").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "ner" / "__init__.py").write_text("")
    (package / "ner" / "new_rules.py").write_text("from ..helper import x\n")
    (package / "helper.py").write_text("x = 1\n")
    (package / "data").mkdir()
    found = {p.relative_to(package).as_posix() for p in models._ner_source_files(package)}
    assert found == {"__init__.py", "ner/__init__.py", "ner/new_rules.py", "helper.py"}
