"""Retraining from the repository reproduces the committed model's data hash and metrics."""

import json
import sys

from .conftest import ROOT


def test_corpus_is_big_enough_and_consistent():
    meta = json.loads((ROOT / "models" / "detector.json").read_text())
    counts = meta["label_counts"]
    assert sum(counts.values()) >= 1000
    assert meta["pages"] >= 45
    assert all(counts[label] >= 30 for label in
               ("promotional", "scraped_faq", "off_topic", "unsourced_rumour", "fabricated_author_bio"))


def test_committed_model_meets_the_acceptance_bar():
    cv = json.loads((ROOT / "models" / "detector.json").read_text())["cv"]
    assert cv["macro_f1_spam"] >= 0.85
    assert cv["clear_credible_seed_paragraphs_flagged"] == 0


def test_retraining_matches_the_committed_model(capsys):
    sys.path.insert(0, str(ROOT))
    try:
        import train
    finally:
        sys.path.pop(0)
    status = train.main(["--check"])
    output = capsys.readouterr().out
    assert status == 0, output
