"""The NER stage: find typed name spans in each document's text.

- `config`: what NER runs with (`NerConfig`), where the model lives, the fingerprint of
  every file that shapes NER results (no spaCy import);
- `pipeline`: load the spaCy pipeline (`load_pipeline`) and run it over documents
  (`extract`);
- `spans`: the `graphkit_entities` component combining model, knowledge-base and rule
  spans;
- `propose`: the name rules that propose capitalised names;
- `fast`: faster inference for spaCy's tok2vec + NER, switched off by
  `GRAPHKIT_PLAIN_SPACY=1` (the only code touching spaCy and thinc internals).

Import from the modules; this file imports nothing, so `graphkit.ner.config` stays light.
"""
