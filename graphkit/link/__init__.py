"""Linking: resolve mentions to canonical entities (knowledge base, rules, curation).

Modules: `rules` (the order of rules, as data), `linker` (`link_mentions`, which tries them:
`intake` picks the mentions, `state` holds the work, `document` and `corpus` apply the
per-document and corpus-wide rules, `spelling` the spelling ones, `nodes` assembles the
nodes), `shortforms`, `variants` and `fuzzy` (what a short form, a spelling variant and a
misspelling may be), `records`, `kb` (the
knowledge base, also read by NER's ruler), `names` (name keys), `curation` (reading
overlays) and `curated` (applying them), `review` (entity tables and `explain`), `doubts`
(the links worth a check; graph.html's per-node view of them is export/doubts.py).

This file imports nothing, so NER, which reads `kb` and `names`, does not depend on the
linker (graphkit.ner.config's NER fingerprint follows imports)."""
