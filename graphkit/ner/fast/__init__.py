"""The fast path: graphkit's own inference for spaCy's tok2vec + NER (`inference`) and a
batched greedy decoder (`decode`); `GRAPHKIT_PLAIN_SPACY=1` runs plain spaCy instead, which
is how a spaCy or thinc upgrade is checked against it (tests/test_fast_path.py)."""
