"""Curation overlays: a user's merges, splits, aliases, labels, types and ignored names."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..corpus.files import OVERLAY_NAME
from ..errors import KnowledgeBaseError
from ..types import ENTITY_TYPES
from .names import name_key

log = logging.getLogger("graphkit")
SECTIONS = ("merge", "split", "alias", "label", "type", "ignore")
EXAMPLE = """\
# graphkit curation overlay: edit, then rebuild (NER is not re-run).
merge:                 # each entry: nodes (ids, labels or names) that are one entity
  - [Easley, Leif-Eric Easley]
split:                 # names that must get their own node (optionally only in some docs)
  - name: Kim
    docs: [003_4b67c06523eba79c.txt]
alias:                 # extra name -> entity (id, label or name)
  Pengadilan Kriminal Dunia: org:icc
label:                 # node -> new display label
  new:leif-eric-easley: Leif-Eric Easley (Ewha)
type:                  # node -> type
  new:rodong-sinmun: ORG
ignore:                # names that make no node
  - Citra
"""


@dataclass(frozen=True)
class Override:
    """Mentions named `name` (in `docs`, or everywhere) link to `target` ('new' = own node)."""

    name: str
    target: str
    docs: frozenset[str]
    where: str


@dataclass
class Curation:
    """Everything the overlay files say, keyed by normalised name where names are involved."""

    overrides: dict[str, list[Override]] = field(default_factory=dict)
    ignore: dict[str, str] = field(default_factory=dict)
    merges: list[tuple[list[str], str]] = field(default_factory=list)
    labels: dict[str, tuple[str, str]] = field(default_factory=dict)
    types: dict[str, tuple[str, str]] = field(default_factory=dict)
    files: tuple[str, ...] = ()

    def override_for(self, key: str, doc: str) -> Override | None:
        for override in self.overrides.get(key, []):
            if not override.docs or doc in override.docs:
                return override
        return None


def discover_overlays(corpus_paths: Iterable[str | Path]) -> list[Path]:
    """`graphkit.yaml` files next to the corpus (in a corpus folder, or beside a file)."""
    found = []
    for path in (Path(p) for p in corpus_paths):
        folder = path if path.is_dir() else path.parent
        if (folder / OVERLAY_NAME).is_file():
            found.append(folder / OVERLAY_NAME)
    return sorted(set(found))


def overlay_changes(curation: Curation) -> str:
    """What an overlay changes, counted: '2 merges, 1 ignored name, 1 label'."""
    aliases = sum(1 for found in curation.overrides.values() for o in found if o.target != "new")
    splits = sum(len(found) for found in curation.overrides.values()) - aliases
    counts = [(len(curation.merges), "merge"), (splits, "split"), (aliases, "alias"),
              (len(curation.labels), "label"), (len(curation.types), "type"),
              (len(curation.ignore), "ignored name")]
    parts = [f"{n} {what}{'es' if what == 'alias' else 's'}" if n != 1 else f"1 {what}"
             for n, what in counts if n]
    return ", ".join(parts) or "nothing"


def announce_overlays(found: Sequence[Path]) -> None:
    """Say on stderr which overlays found next to the corpus are applied, and what they
    change: a graphkit.yaml inside a corpus someone sent can merge, relabel and hide
    entities, so it is never applied silently (`--no-curation` leaves it out)."""
    for path in found:
        log.warning("applying %s found in the corpus (%s); --no-curation to leave it out",
                    path, overlay_changes(load_curation([path])))


def load_curation(paths: Iterable[str | Path]) -> Curation:
    """Parse overlay files (YAML, safe loader); any problem names its file and line."""
    curation = Curation()
    files = []
    for path in (Path(p) for p in paths):
        files.append(str(path))
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise KnowledgeBaseError(f"{path}: cannot read curation file: {exc}") from None
        try:
            root = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 1 if mark else 1
            raise KnowledgeBaseError(
                f"{path}:{line}: invalid YAML: {getattr(exc, 'problem', exc)}") from None
        except RecursionError:
            raise KnowledgeBaseError(f"{path}: invalid curation file: nested too "
                                     "deeply") from None
        if root is not None:
            _Parser(str(path), curation).document(root)
    curation.files = tuple(files)
    return curation


@dataclass
class _Parser:
    path: str
    curation: Curation

    def fail(self, node: yaml.Node, problem: str) -> KnowledgeBaseError:
        return KnowledgeBaseError(f"{self.path}:{node.start_mark.line + 1}: {problem}")

    def where(self, node: yaml.Node) -> str:
        return f"{self.path}:{node.start_mark.line + 1}"

    def scalar(self, node: yaml.Node, what: str) -> str:
        if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
            raise self.fail(node, f"{what} must be a non-empty string")
        return str(node.value).strip()

    def sequence(self, node: yaml.Node, what: str) -> list[yaml.Node]:
        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(node, f"{what} must be a list")
        return list(node.value)

    def mapping(self, node: yaml.Node, what: str) -> list[tuple[yaml.Node, yaml.Node]]:
        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, f"{what} must be a mapping")
        return list(node.value)

    def document(self, root: yaml.Node) -> None:
        for key_node, value in self.mapping(root, "a curation file"):
            key = self.scalar(key_node, "a section name")
            if key not in SECTIONS:
                raise self.fail(key_node, f"unknown section {key!r} (one of {', '.join(SECTIONS)})")
            getattr(self, "section_" + key)(value)

    def section_merge(self, node: yaml.Node) -> None:
        for entry in self.sequence(node, "merge"):
            refs = [self.scalar(n, "a merged node") for n in self.sequence(entry, "a merge")]
            if len(refs) < 2:
                raise self.fail(entry, "a merge needs at least two nodes")
            self.curation.merges.append((refs, self.where(entry)))

    def section_split(self, node: yaml.Node) -> None:
        for entry in self.sequence(node, "split"):
            if isinstance(entry, yaml.ScalarNode):
                self.add_override(self.scalar(entry, "a name"), "new", [], entry)
                continue
            fields = {self.scalar(k, "a key"): v for k, v in self.mapping(entry, "a split")}
            unknown = set(fields) - {"name", "docs", "to"}
            if unknown or "name" not in fields:
                raise self.fail(entry, "a split takes name, and optionally docs and to")
            docs = [self.scalar(d, "a document id")
                    for d in self.sequence(fields["docs"], "docs")] if "docs" in fields else []
            target = self.scalar(fields["to"], "to") if "to" in fields else "new"
            self.add_override(self.scalar(fields["name"], "name"), target, docs, entry)

    def section_alias(self, node: yaml.Node) -> None:
        for name_node, target_node in self.mapping(node, "alias"):
            self.add_override(self.scalar(name_node, "an alias"),
                              self.scalar(target_node, "an alias target"), [], name_node)

    def add_override(self, name: str, target: str, docs: list[str], node: yaml.Node) -> None:
        key = name_key(name)
        for other in self.curation.overrides.get(key, []):
            if other.target != target and (not docs or not other.docs
                                           or other.docs & frozenset(docs)):
                raise self.fail(node, f"{name!r} already points to {other.target!r} "
                                      f"(at {other.where}); one name, one entity")
        self.curation.overrides.setdefault(key, []).append(
            Override(name, target, frozenset(docs), self.where(node)))

    def section_label(self, node: yaml.Node) -> None:
        for ref, value in self.mapping(node, "label"):
            self.curation.labels[self.scalar(ref, "a node")] = (
                self.scalar(value, "a label"), self.where(ref))

    def section_type(self, node: yaml.Node) -> None:
        for ref, value in self.mapping(node, "type"):
            kind = self.scalar(value, "a type")
            if kind not in ENTITY_TYPES:
                raise self.fail(value, f"unknown type {kind!r} (one of {', '.join(ENTITY_TYPES)})")
            self.curation.types[self.scalar(ref, "a node")] = (kind, self.where(ref))

    def section_ignore(self, node: yaml.Node) -> None:
        for entry in self.sequence(node, "ignore"):
            self.curation.ignore[name_key(self.scalar(entry, "an ignored name"))] = \
                self.where(entry)
