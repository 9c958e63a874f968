"""Linking quality against the hand-made annotation of the seeds (tests/data/gold)."""

from conftest import GOLD

from graphkit.evaluate import load_gold, score_linking


def test_seed_linking_against_the_annotation(seed_build):
    score = score_linking(load_gold(GOLD / "seeds.json"), seed_build.mentions)
    print(f"seeds: P={score.precision:.3f} R={score.recall:.3f} F1={score.f1:.3f}")
    assert score.f1 >= 0.90, "\n".join(score.errors)
    people = {n for n in score.merged_nodes
              if seed_build.graph.nodes.get(n, {}).get("type") == "PERSON"}
    assert not people, f"distinct people merged: {people}"
