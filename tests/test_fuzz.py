"""Property-based tests: decoding, cleaning, NER-to-mentions and linking never crash, offsets
always point into the text, every mention links to a node, and the counts add up."""

from __future__ import annotations

from collections import Counter
from itertools import combinations
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from graphkit.clean import content_blocks, original_span, split_long, visible_text
from graphkit.cooccur import count_cooccurrences, window_key
from graphkit.corpus import decode_text
from graphkit.graph import build_graph
from graphkit.link.curation import Curation
from graphkit.link.intake import records_to_link
from graphkit.link.linker import link_mentions
from graphkit.link.names import normalize_name
from graphkit.ner.pipeline import extract
from graphkit.types import Document

FAST = settings(max_examples=80, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
PIPELINE = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow,
                                           HealthCheck.function_scoped_fixture])
# Pieces that make the pipeline do something: known names, titles, acronyms, chrome, odd
# characters (invisible, bidi, controls, combining marks, surrogate-free astral symbols).
PIECES = [
    "Vladimir Putin", "Putin", "Kim Jong Un", "Kim", "Presiden ", "Korea Utara", "Rusia",
    "Pyongyang", "Seoul", "AS", "PBB", "Perserikatan Bangsa-Bangsa (PBB)", "Lapangan Kim Il Sung",
    "Sergei Lavrov", "Xi Jinping", "Baca juga: ", "Foto/AP", "TEMPO.CO, Jakarta - ", " | Berita",
    ". ", ", ", " ", "  ", "\n", "\n\n", "\r\n", "\t", "-", "“", "”", "'", "(", ")", "\u200b",
    "\u202e", "\u2066", "\u00ad", "\ufeff", "\x00", "\x0b", "\u0301", "\U0001f600", "ß", "İ",
    "Erdoğan", "<script>", "&amp;", "=cmd", "@", "1", "2024",
]
texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=40).map(
    "".join)


@FAST
@given(st.binary(max_size=400))
def test_decoding_any_bytes_never_crashes(raw):
    text = decode_text(raw, Path("fuzz.txt"))
    if text is not None:
        assert "\r" not in text
        text.encode("utf-8")  # no lone surrogates: every output is writable


@FAST
@given(st.text(max_size=300).map(lambda t: t.encode("utf-8")))
def test_valid_utf8_decodes_like_python_text_mode(raw):
    import io

    expected = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8", newline=None).read()
    text = decode_text(raw, Path("fuzz.txt"))
    assert text is None or text == expected


@FAST
@given(texts, st.booleans())
def test_blocks_point_into_the_text(text, enabled):
    blocks = content_blocks(text, enabled)
    previous_end = 0
    for block in blocks:
        assert previous_end <= block.start < block.end <= len(text)
        assert "\n" not in text[block.start:block.end]
        assert text[block.start:block.end].strip() == text[block.start:block.end]
        previous_end = block.end
    assert [b.paragraph for b in blocks] == sorted(b.paragraph for b in blocks)


@FAST
@given(texts, st.integers(min_value=1, max_value=30))
def test_long_lines_split_into_bounded_non_overlapping_pieces(text, limit):
    line = text.replace("\n", " ").strip()
    pieces = list(split_long(line, 0, len(line), limit))
    assert all(0 <= s < e <= len(line) and e - s <= limit for s, e in pieces)
    assert all(a[1] <= b[0] for a, b in zip(pieces, pieces[1:], strict=False))
    kept = "".join(line[s:e] for s, e in pieces)
    assert "".join(kept.split()) == "".join(line.split())  # only whitespace is dropped


@FAST
@given(texts)
def test_visible_text_maps_back(text):
    visible, where = visible_text(text)
    for start in range(len(visible)):
        for end in range(start + 1, min(len(visible), start + 4) + 1):
            s, e = original_span(where, start, end)
            assert visible_text(text[s:e])[0] == visible[start:end]


@FAST
@given(texts)
def test_normalize_name_never_crashes_and_is_stable(text):
    key = normalize_name(text)
    assert normalize_name(key) == normalize_name(normalize_name(key))


@PIPELINE
@given(st.lists(texts, min_size=1, max_size=4))
@example(["Vladimir PutinVladimir Putin\u200b Kim Jong Un. Putin\nKorea Utara dan Rusia."])
@example(["TEMPO.CO, Jakarta - "])  # a dateline's site name: no node
def test_mentions_link_and_counts_add_up(rules_nlp, kb, bodies):
    documents = [Document(id=f"d{i}", text=body.replace("\r\n", "\n").replace("\r", "\n"))
                 for i, body in enumerate(bodies)]
    extractions = list(extract(documents, rules_nlp))
    assert [e.doc.id for e in extractions] == [d.id for d in documents]
    for extraction, document in zip(extractions, documents, strict=True):
        text = document.text
        for sentence in extraction.sentences:
            assert 0 <= sentence.start < sentence.end <= len(text)
        for mention in extraction.mentions:
            assert 0 <= mention.start < mention.end <= len(text)
            assert text[mention.start:mention.end] == mention.text
            assert 0 <= mention.sentence < len(extraction.sentences)
    linking = link_mentions(extractions, kb)
    # every mention worth linking is linked once; intake leaves out what is no name (site
    # chrome such as 'TEMPO.CO, Jakarta -', generic heads, ordinary words)
    _, worth_linking = records_to_link(extractions, kb, Curation())
    assert len(linking.mentions) == len(worth_linking)
    assert {(lk.mention.doc, lk.mention.start) for lk in linking.mentions} <= {
        (e.doc.id, m.start) for e in extractions for m in e.mentions}
    assert all(link.entity in linking.entities for link in linking.mentions)
    for window in ("sentence", "paragraph", "document"):
        counted = count_cooccurrences(extractions, linking.mentions, window)
        by_doc = {e.doc.id: e for e in extractions}
        members: dict[tuple[str, int], set[str]] = {}
        for link in linking.mentions:
            key = (link.mention.doc, window_key(by_doc[link.mention.doc], link.mention.sentence,
                                                window))
            members.setdefault(key, set()).add(link.entity)
        expected = Counter(pair for entities in members.values()
                           for pair in combinations(sorted(entities), 2))
        assert {pair: count.weight for pair, count in counted.pairs.items()} == dict(expected)
        graph = build_graph(linking.entities, linking.mentions, counted, extractions)
        assert sum(d["weight"] for _, _, d in graph.edges(data=True)) == sum(expected.values())
        assert set(graph.nodes) == set(linking.entities)
        assert all(-1.0 <= d["npmi"] <= 1.0 for _, _, d in graph.edges(data=True))
