"""Review linking for the curation loop: entity tables and why a name links where it does."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..result import Build
from ..terminal import printable as _printable
from ..types import LinkedMention
from .names import name_key, normalize_name
from .rules import BY_HOW, HOW

ENTITY_COLUMNS = ("id", "label", "type", "mentions", "documents", "linked_by", "aliases")


def entity_rows(build: Build, sort: str = "mentions", types: Iterable[str] = (),
                linked_by: Iterable[str] = (), match: str = "",
                limit: int | None = None) -> list[dict[str, object]]:
    """One row per node, filtered and sorted, for `graphkit entities`.

    `match` keeps nodes whose label or an alias contains it (case- and accent-insensitive)."""
    wanted_types, wanted_how = set(types), set(linked_by)
    needle = normalize_name(match)
    rows = []
    for node, data in build.graph.nodes(data=True):
        if wanted_types and data["type"] not in wanted_types:
            continue
        if wanted_how and not wanted_how & set(data["linked_by"]):
            continue
        names = [data["label"], *data["aliases"]]
        if needle and not any(needle in normalize_name(n) for n in names):
            continue
        rows.append({"id": node, "label": data["label"], "type": data["type"],
                     "mentions": data["mentions"], "documents": data["documents"],
                     "linked_by": ",".join(data["linked_by"]),
                     "aliases": " | ".join(data["aliases"])})
    numeric = sort in ("mentions", "documents")
    rows.sort(key=lambda r: ((-int(str(r[sort])), str(r["id"])) if numeric
                             else (str(r[sort]).casefold(), str(r["id"]))))
    return rows[:limit] if limit else rows


@dataclass(frozen=True)
class Explanation:
    """Which nodes a name reaches, and each mention's link with its reason and sentence."""

    name: str
    nodes: dict[str, Counter[str]]
    mentions: tuple[tuple[LinkedMention, str], ...]


def explain(build: Build, name: str) -> Explanation:
    """Every mention whose text is `name` (normalised, titles stripped), or that links to a
    node labelled `name`, with how and why it was linked and the sentence it is in."""
    key = name_key(name)
    labelled = {n for n, d in build.graph.nodes(data=True)
                if normalize_name(d["label"]) == key or n == name}
    sentences = {(e.doc.id, s.index): s.text for e in build.extractions for s in e.sentences}
    found = []
    nodes: dict[str, Counter[str]] = {}
    for link in build.mentions:
        if name_key(link.mention.text) == key or link.entity in labelled:
            found.append((link, sentences.get((link.mention.doc, link.mention.sentence), "")))
            nodes.setdefault(link.entity, Counter())[link.how] += 1
    return Explanation(name, nodes, tuple(found))


def format_table(rows: Sequence[dict[str, object]], columns: Sequence[str],
                 width: int = 48) -> str:
    """A plain-text table with columns cut to `width` characters."""
    cells = [[cut_text(_printable(str(row[c])), width) for c in columns] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip()
              for r in cells]
    return "\n".join(lines)


def format_explanation(build: Build, explanation: Explanation, limit: int = 20) -> str:
    """What `graphkit explain` prints."""
    if not explanation.mentions:
        return f"{explanation.name!r}: no mention or node of that name"
    lines = []
    for node, hows in sorted(explanation.nodes.items(), key=lambda kv: -sum(kv[1].values())):
        data = build.graph.nodes[node]
        how = ", ".join(f"{h} x{n}" for h, n in sorted(hows.items()))
        lines.append(f"{explanation.name!r} -> {node} ({data['label']}, {data['type']}): {how}")
    used = sorted({h for hows in explanation.nodes.values() for h in hows}, key=HOW.index)
    lines += [f"  {how} ({BY_HOW[how].certainty}): {BY_HOW[how].links}" for how in used]
    lines.append("")
    for link, sentence in explanation.mentions[:limit]:
        mention = link.mention
        lines.append(f"{mention.doc}:{mention.start}-{mention.end} {mention.text!r} -> "
                     f"{link.entity} [{link.how}] {link.why}")
        lines.append(f"    {cut_text(sentence, 160)}")
    if len(explanation.mentions) > limit:
        lines.append(f"... and {len(explanation.mentions) - limit} more mentions")
    return "\n".join(map(_printable, lines))


def cut_text(text: str, width: int) -> str:
    """`text` cut to `width` characters, with an ellipsis when cut."""
    return text if len(text) <= width else text[: width - 1] + "…"
