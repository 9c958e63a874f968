"""The order of linking rules is data: HOW, the CLI's choices, docs/linking.md and
`graphkit explain` all come from graphkit.link.rules; the ruler's id travels on the mention."""

from pathlib import Path

from graphkit.choices import LINK_HOW
from graphkit.link.kb import load_kb
from graphkit.link.linker import link_mentions
from graphkit.link.rules import CERTAINTIES, HOW, RULES, rule_table
from graphkit.types import Document, Extraction, Mention, Sentence

DOCS = Path(__file__).resolve().parent.parent / "docs" / "linking.md"
KB_CSV = """id,type,label,names_id,names_en,abbrev,weak,context,note
person:kim-jong-un,PERSON,Kim Jong Un,Kim Jong Un,,,Kim,,
person:kim-jong-il,PERSON,Kim Jong Il,Kim Jong Il,,,Kim,,
"""


def test_the_cli_choices_are_the_rules_in_order():
    assert LINK_HOW == HOW == tuple(rule.how for rule in RULES)
    assert HOW[0] == "curation" and HOW[-1] == "new"
    assert all(rule.certainty in CERTAINTIES for rule in RULES)
    assert all((rule.risk is not None) == (rule.certainty == "doubtful") for rule in RULES)


def test_docs_rule_table_is_generated_from_the_rules():
    text = DOCS.read_text(encoding="utf-8")
    block = text.split("<!-- rules: generated from graphkit/link/rules.py -->\n")[1]
    assert block.split("\n<!-- /rules -->")[0] == rule_table()


def test_a_ruler_match_links_to_the_id_it_carries_not_a_lookup_by_name(tmp_path):
    # 'Kim' is a weak name (two entities): by name alone it could not be linked as `kb`
    path = tmp_path / "kb.csv"
    path.write_text(KB_CSV, encoding="utf-8")
    kb = load_kb([path], bundled=False)
    text = "Kim tiba di Pyongyang."
    mention = Mention("d", 0, 3, "Kim", "PERSON", 0, "kb", kb_id="person:kim-jong-il")
    extraction = Extraction(Document("d", ""), (Sentence(0, 0, len(text), 0, text),),
                            (mention,))
    (link,) = link_mentions([extraction], kb).mentions
    assert (link.entity, link.how) == ("person:kim-jong-il", "kb")
