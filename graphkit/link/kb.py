"""The knowledge base: entities with multilingual names, loaded from CSV files."""

from __future__ import annotations

import csv
import hashlib
import io
import logging
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..errors import KnowledgeBaseError
from ..types import ENTITY_TYPES
from ..words import CONNECTORS, NATIONAL_NAMES
from .names import is_acronym, normalize_name, strip_accents

log = logging.getLogger("graphkit")

COLUMNS = ("id", "type", "label", "names_id", "names_en", "abbrev", "weak", "context", "note")
REQUIRED = ("id", "type", "label")


# Words any two names may share without being names of one entity ('dan', 'Indonesia').
_SHARED_WORDS = CONNECTORS | NATIONAL_NAMES | frozenset({"dan", "serta"})

@dataclass(frozen=True, slots=True)
class KBEntity:
    """One knowledge-base row: a canonical entity and every name it goes by."""

    id: str
    type: str
    label: str
    names: tuple[str, ...]
    weak: tuple[str, ...]
    context: tuple[str, ...]
    source: str


@dataclass(frozen=True, slots=True)
class KnowledgeBase:
    """Entities by id plus the alias index used for linking.

    `strong` maps a normalised name to the one entity it denotes; `weak` maps short or
    shared names (`Kim`, `Georgia`) to every entity they may denote."""

    entities: dict[str, KBEntity]
    strong: dict[str, str]
    weak: dict[str, tuple[str, ...]]
    version: str

    def candidates(self, name: str) -> tuple[str, ...]:
        """Entity ids a name may denote: its strong owner, else its weak candidates."""
        key = normalize_name(name)
        if key in self.strong:
            return (self.strong[key],)
        return self.weak.get(key, ())

    def may_be_named(self, entity_id: str, name: str) -> bool:
        """True when `name` shares a word with one of the entity's names, joining words and
        'Indonesia' aside: it may be a longer or older name of it ('Komisi Pemberantasan
        Tindak Pidana Korupsi' of KPK), while 'Perjanjian Kerja Bersama', spelled out as
        PKB, is not the party PKB."""
        entity = self.entities[entity_id]
        words = set(normalize_name(name).split()) - _SHARED_WORDS
        return any(words & set(normalize_name(n).split()) for n in (entity.label, *entity.names))

    def surface_forms(self) -> Iterator[tuple[str, str, str]]:
        """(text, type, owner) of every name as it may appear in text, for the entity ruler:
        `owner` is the id of the one entity a sure name denotes, '' for a weak name (one
        that may also denote another entity)."""
        for entity in self.entities.values():
            for name in dict.fromkeys(entity.names + entity.weak):
                owner = self.strong.get(normalize_name(name), "")
                for variant in _surface_variants(name):
                    yield variant, entity.type, owner


def bundled_kb_files() -> list[Path]:
    """The knowledge-base CSV files shipped inside the package, in a stable order."""
    folder = resources.files("graphkit") / "data" / "kb"
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".csv"))


def load_kb(extra_files: Iterable[str | Path] = (), bundled: bool = True) -> KnowledgeBase:
    """Load the bundled knowledge base plus user files (same CSV format).

    A user file may redefine a bundled id (the user's row wins); an id defined twice
    among the bundled files or among the user's files is an error naming both places."""
    rows: dict[str, KBEntity] = {}
    digest = hashlib.sha256()
    for group in ([bundled_kb_files()] if bundled else []) + [[Path(f) for f in extra_files]]:
        defined_here: dict[str, str] = {}
        for path in group:
            text = _read(path)
            digest.update(path.name.encode() + b"\0" + text.encode())
            for entity in parse_kb_csv(text, str(path)):
                if entity.id in defined_here:
                    raise KnowledgeBaseError(
                        f"{entity.source}: duplicate id {entity.id!r} "
                        f"(first defined at {defined_here[entity.id]})")
                defined_here[entity.id] = entity.source
                rows[entity.id] = entity
    strong, weak = _alias_index(rows.values())
    return KnowledgeBase(rows, strong, weak, digest.hexdigest()[:16])


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise KnowledgeBaseError(f"{path}: knowledge-base file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise KnowledgeBaseError(f"{path}: cannot read knowledge-base file: {exc}") from None


def parse_kb_csv(text: str, name: str) -> Iterator[KBEntity]:
    """Parse one knowledge-base CSV; errors name the file and line."""
    # strict: an unclosed quote is an error, not a field that swallows the following rows
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    header = reader.fieldnames or []
    missing = [c for c in REQUIRED if c not in header]
    unknown = [c for c in header if c not in COLUMNS]
    if missing or unknown:
        problem = f"missing columns {missing}" if missing else f"unknown columns {unknown}"
        raise KnowledgeBaseError(f"{name}:1: {problem}; expected {', '.join(COLUMNS)}")
    try:
        for row in reader:
            yield _entity(row, f"{name}:{reader.line_num}")
    except csv.Error as exc:
        raise KnowledgeBaseError(f"{name}:{reader.line_num}: {exc}") from None


def _entity(row: dict[str, str | None], where: str) -> KBEntity:
    if None in row:
        raise KnowledgeBaseError(f"{where}: more fields than columns")
    values = {k: (v or "").strip() for k, v in row.items() if k is not None}
    for column in REQUIRED:
        if not values.get(column):
            raise KnowledgeBaseError(f"{where}: empty {column!r}")
    if values["type"] not in ENTITY_TYPES:
        raise KnowledgeBaseError(
            f"{where}: unknown type {values['type']!r} (one of {', '.join(ENTITY_TYPES)})")
    names = [values["label"]]
    for column in ("names_id", "names_en", "abbrev"):
        names += _split(values.get(column, ""))
    return KBEntity(
        id=values["id"],
        type=values["type"],
        label=values["label"],
        names=tuple(dict.fromkeys(names)),
        weak=tuple(_split(values.get("weak", ""))),
        context=tuple(_split(values.get("context", ""))),
        source=where,
    )


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def _alias_index(
    entities: Iterable[KBEntity],
) -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    """Strong names have exactly one owner and are nobody's weak name; names claimed twice
    become weak (and are reported at debug level)."""
    owners: dict[str, list[KBEntity]] = defaultdict(list)
    weak: dict[str, list[str]] = defaultdict(list)
    for entity in entities:
        for name in entity.names:
            key = normalize_name(name)
            if key and entity not in owners[key]:
                owners[key].append(entity)
        for name in entity.weak:
            weak[normalize_name(name)].append(entity.id)
    strong: dict[str, str] = {}
    for key, claimants in owners.items():
        if len(claimants) == 1 and key not in weak:
            strong[key] = claimants[0].id
            continue
        log.debug("name %r is claimed by %s; treated as ambiguous", key,
                  ", ".join(e.source for e in claimants))
        weak[key].extend(e.id for e in claimants)
    return strong, {k: tuple(dict.fromkeys(v)) for k, v in sorted(weak.items())}


def _surface_variants(name: str) -> list[str]:
    """The name as written, in capitals (headlines) and without accents."""
    variants = [name, strip_accents(name)]
    if not is_acronym(name) and len(name) > 4:
        variants.append(name.upper())
    return list(dict.fromkeys(variants))
