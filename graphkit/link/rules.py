"""The order of linking rules, as data: each rule's `how` name, what it may link and how sure
it is. The linker tries them in this order; `HOW`, docs/linking.md's table and
`graphkit explain` are read from here."""

from __future__ import annotations

from dataclasses import dataclass

# How sure a link is, from sure to a guess; a doubtful link is worth a look (graphkit doubts).
CERTAINTIES = ("sure", "likely", "doubtful")


@dataclass(frozen=True, slots=True)
class Rule:
    """One linking rule: its name in outputs (`how`), what it may link, how sure a link it
    makes is, and how risky it is to trust unchecked (0 = riskiest; only doubtful rules)."""

    how: str
    links: str
    certainty: str
    risk: int | None = None


RULES = (
    Rule("curation", "a name the user's curation overlay points somewhere (alias or split)",
         "sure"),
    Rule("kb", "a name the knowledge base gives to exactly one entity (the ruler's match "
               "carries its id)", "sure"),
    Rule("acronym", "an acronym defined in brackets after a longer name in the same "
                    "document: 'Komisi Pemberantasan Korupsi (KPK)'; also followed by that "
                    "name's last words ('SMBC Indonesia')", "sure"),
    Rule("alias", "a name a document gives as another name of a longer one: 'Hery Susanto "
                  "Gun alias Abun' (then also 'Abun' alone), 'Stefano Cugurra atau akrab "
                  "disapa Teco', 'Jupe, sapaan akrab Achmad Jufriyanto'", "sure"),
    Rule("nickname", "a nickname a document declares without naming the person, for the "
                     "one person it names in that sentence or the one before: 'Ridwan "
                     "Kamil ... Pria yang akrab disapa Emil itu'", "likely"),
    Rule("initials", "a short all-capital word spelling the initials of exactly one "
                     "person named in the same document: 'HSG' for 'Hery Susanto Gun'",
         "likely"),
    Rule("short-form", "a shorter name in a document to the one longer name of that "
                       "document it is the first or last words of (people: also 'Kim' for "
                       "'Kim Jong Un', or a nickname cut from the end or the start of one "
                       "of its words: 'Toni' for 'Raja Juli Antoni', 'Sylvi' for 'Sylviana "
                       "Murni')", "likely"),
    Rule("acronym-elsewhere", "an acronym a document never defines, to the name another "
                              "document of the corpus defines it for (the first one)",
         "doubtful", 2),
    Rule("corpus-short-form", "a one-word or shorter name a document never spells out, to "
                              "the corpus's only longer name of a person it fits, named "
                              "at least twice, when the two documents name something else "
                              "in common (two or more such names: its own node)",
         "doubtful", 0),
    Rule("kb-weak", "a name the knowledge base gives to several entities, when the "
                    "document's context points clearly to one, or only one fits the "
                    "mention's type (a person's: and the context) or the context",
         "doubtful", 1),
    Rule("spelling", "another spelling of exactly one known name of a fitting type: old "
                     "and new spelling ('Soekarno', 'Sukarno'; oe/u, dj/j, tj/c), spacing "
                     "('Mega Wati'), middle names as initials ('Laode M Syarif')", "doubtful",
         2),
    Rule("fuzzy", "a misspelling: one word one letter away from a known name, the rest "
                  "equal; a one-word name only when long, no person's and missing or doubling "
                  "a letter ('Vostochy', 'Tanggerang'; 'Suharyo' is not 'Suharto', "
                  "'Balongan' not 'Balangan')", "doubtful", 2),
    Rule("new", "anything else: its own node, shared with the same name in other documents "
                "(a person's one-word name that is also a word of other people's names: "
                "only within its document)", "likely"),
)
BY_HOW = {rule.how: rule for rule in RULES}
HOW = tuple(rule.how for rule in RULES)
# How a doubtful rule ranks in a review: riskiest first.
RISK = {rule.how: rule.risk for rule in RULES if rule.risk is not None}


def certainty(how: str) -> str:
    """How sure a link made by rule `how` is.

    >>> certainty("kb"), certainty("fuzzy")
    ('sure', 'doubtful')
    """
    return BY_HOW[how].certainty


def rule_table() -> str:
    """The rules as a Markdown table, in the order they are tried (docs/linking.md)."""
    lines = ["| order | how | links | certainty |", "|---|---|---|---|"]
    lines += [f"| {i} | `{rule.how}` | {rule.links} | {rule.certainty} |"
              for i, rule in enumerate(RULES, 1)]
    return "\n".join(lines)
