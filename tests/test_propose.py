"""The capitalised-name rules, on spaCy's blank Indonesian tokenizer."""

import spacy

from graphkit.propose import WordFacts, propose_names


def sentences(text):
    nlp = spacy.blank("id")
    nlp.add_pipe("sentencizer")
    return nlp(text)


def proposed(doc, taken=frozenset()):
    return [(doc[s:e].text, label) for s, e, label in propose_names(doc, set(taken))]


def test_word_facts_are_the_tokens_facts():
    doc = sentences("Presiden Putin bertemu Leif-Eric di Seoul pada Senin , kata Mereka .")
    words = WordFacts().of_doc(doc)
    assert [w.text for w in words] == [t.text for t in doc]
    assert [(w.lower, w.alpha, w.digit) for w in words] == [
        (t.lower_, t.is_alpha, t.is_digit) for t in doc]
    facts = {w.text: w for w in words}
    assert facts["Putin"].capitalised and facts["Putin"].name_word
    assert not facts["Senin"].capitalised  # a day
    assert not facts["Mereka"].name_word  # a function word
    assert facts["Presiden"].title and not facts["Putin"].title


def test_word_facts_are_worked_out_once_per_word_and_the_cache_is_bounded():
    facts = WordFacts(size=3)
    doc = sentences("Kim Kim Kim bertemu Putin")
    assert len({id(w) for w in facts.of_doc(doc)[:3]}) == 1
    facts.of_doc(sentences("satu dua tiga empat lima"))
    assert len(facts.words) <= 3 + 5  # emptied once over the size, then refilled
    facts.of_doc(doc)
    assert len(facts.words) == 3


def test_names_are_proposed_outside_taken_tokens_with_a_shared_cache():
    doc = sentences("Profesor Mason Richey dari Hankuk University of Foreign Studies berbicara.")
    facts = WordFacts()
    found = [(doc[s:e].text, t) for s, e, t in propose_names(doc, set(), facts)]
    assert found == [("Mason Richey", "PERSON"), ("Hankuk University of Foreign Studies", "ORG")]
    assert [(doc[s:e].text, t) for s, e, t in propose_names(doc, set(), facts)] == found
    assert proposed(doc, taken={1, 2}) == [("Hankuk University of Foreign Studies", "ORG")]


def test_title_case_headlines_propose_nothing_but_sentences_do():
    assert proposed(sentences("4 Bukan Hanya Menggertak Musuh Lama")) == []
    assert proposed(sentences("Menurut Mason Richey, Kim Jong Un datang.")) == [
        ("Mason Richey", "PERSON"), ("Kim Jong Un", "PERSON")]
