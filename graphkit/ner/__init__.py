"""The NER stage: find typed name spans in each document's text.

- `config`: what NER runs with (`NerConfig`), where the model lives, the fingerprint of
  every file that shapes NER results (no spaCy import);
- `pipeline`: load the spaCy pipeline (`load_pipeline`) and run it over documents
  (`extract`);
- `spans`: the `graphkit_entities` component combining model, knowledge-base and rule
  spans; `bounds`: where a span begins and ends (titles trimmed, glued names split);
- `propose`: the name rules that propose capitalised names (their word lists are
  `graphkit.words`, which linking reads too);
- `fast`: faster inference for spaCy's tok2vec + NER, switched off by
  `GRAPHKIT_PLAIN_SPACY=1` (the only code touching spaCy and thinc internals).

Import from the modules; this file imports nothing, so `graphkit.ner.config` stays light.
"""
