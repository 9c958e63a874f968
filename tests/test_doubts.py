"""Doubtful links (issue 26 item 4): every link says how sure it is; the guesses are listed
riskiest first with their evidence and the alternative they were chosen over."""

from conftest import SEEDS, run_cli

from graphkit.link.doubts import doubtful_links
from graphkit.link.kb import load_kb
from graphkit.link.linker import link_mentions
from graphkit.link.rules import CERTAINTIES, certainty
from graphkit.ner.pipeline import extract, load_pipeline
from graphkit.types import Document

KB_CSV = """id,type,label,names_id,names_en,abbrev,weak,context,note
country:ge,GPE,Georgia,,,,Georgia,Tbilisi,
state:us-ga,GPE,Georgia (AS),,,,Georgia,Atlanta,
place:vostochny,LOC,Kosmodrom Vostochny,Kosmodrom Vostochny,,,,,
"""


def _linking(tmp_path, **texts):
    path = tmp_path / "kb.csv"
    path.write_text(KB_CSV, encoding="utf-8")
    kb = load_kb([path], bundled=False)
    nlp = load_pipeline("blank", kb=kb)
    return link_mentions(list(extract([Document(k, v) for k, v in texts.items()], nlp)), kb)


def test_every_link_records_how_sure_it_is_and_the_guesses_are_ranked(tmp_path):
    linking = _linking(
        tmp_path,
        a="Badan Energi Atom Internasional (IAEA) memeriksa. Georgia dan Rusia dekat Tbilisi.",
        b="Laporan IAEA terbit. Kim mengunjungi Kosmodrom Vostochy.")
    assert all(link.certainty in CERTAINTIES and link.certainty == certainty(link.how)
               for link in linking.mentions)
    doubts = {(d.text, d.how): d for d in doubtful_links(linking.mentions)}
    assert set(doubts) == {("IAEA", "acronym-elsewhere"), ("Kosmodrom Vostochy", "fuzzy"),
                           ("Georgia", "kb-weak")}
    assert doubts[("Georgia", "kb-weak")].alternative == "state:us-ga"
    # riskiest first: a weak name, then (equal risk, equal mentions: by text) an acronym
    # defined elsewhere and a misspelling
    assert [d.how for d in doubtful_links(linking.mentions)] == [
        "kb-weak", "acronym-elsewhere", "fuzzy"]


def test_doubts_command_lists_guesses_with_evidence(tmp_path):
    code, out, _ = run_cli("doubts", str(SEEDS), "--out", str(tmp_path / "out"), "--model",
                           "blank", "--limit", "3")
    assert code == 0, out
    assert "3 of " in out and "doubtful links, riskiest first" in out
    assert "instead of:" in out and ".txt: " in out
    code, out, _ = run_cli("doubts", str(SEEDS), "--out", str(tmp_path / "out"), "--model",
                           "blank", "--csv")
    assert out.splitlines()[0] == "risk,mentions,text,how,node,label,alternative,why,doc,sentence"
