"""Retraining from the repository reproduces the committed model's data hash and metrics."""

import hashlib
import json

import pytest

from detector.exceptions import CorpusError
from detector.training.corpus import apply_feedback, load_corpus, read_decisions

from .conftest import ROOT, SEEDS

#: A batch of written pages holding every label: enough to train a model whose sidecar and pin are tested.
SMALL_BATCH = SEEDS / "pages" / "ao"


def _import_train():
    from detector.training import train

    return train


def test_corpus_is_big_enough_and_consistent():
    meta = json.loads((ROOT / "models" / "detector.json").read_text())
    counts = meta["label_counts"]
    assert sum(counts.values()) >= 1000
    assert meta["pages"] >= 45
    assert all(
        counts[label] >= 30
        for label in ("promotional", "scraped_faq", "off_topic", "unsourced_rumour", "fabricated_author_bio")
    )


def test_committed_model_meets_the_acceptance_bar():
    cv = json.loads((ROOT / "models" / "detector.json").read_text())["cv"]
    assert cv["macro_f1_spam"] >= 0.85
    assert cv["clear_credible_seed_paragraphs_flagged"] == 0


def test_captured_pages_outweigh_written_ones():
    train = _import_train()
    weights = train.sample_weights(
        ["seeds/003_aafa888a740008f5.txt", "seeds/pages/i/petrel.html", "decisions.jsonl"], capture_weight=3.0
    )
    assert weights.tolist() == [3.0, 1.0, 1.0]
    meta = json.loads((ROOT / "models" / "detector.json").read_text())
    assert meta["capture_weight"] == train.CAPTURE_WEIGHT


def test_the_committed_model_reads_the_rebuilt_corpus_as_recorded(capsys):
    """The committed model follows the repository: the corpus rebuilt from it has the recorded data hash and
    label counts, and the model reads every paragraph of it as when it was trained. A refit reproducing the
    model itself is ``python train.py --check`` (with ``--no-cv``: about ten minutes), not run here."""
    train = _import_train()
    reproduced = train.run_training(train.TrainingOptions(cv=False, check=True, fit=False))
    output = capsys.readouterr().out
    assert reproduced, output


def test_a_change_to_the_features_without_retraining_is_caught(tmp_path, monkeypatch, capsys):
    train = _import_train()
    # one batch: no second reading (it needs pages of two batches)
    small = {"seeds": SMALL_BATCH, "synthetic": 0, "section_weight": 0.0, "cv": False, "out": tmp_path}
    assert train.run_training(train.TrainingOptions(**small))
    assert train.run_training(train.TrainingOptions(**small, check=True, fit=False))
    extract_rows = train.extract_rows

    def one_feature_doubled(page, rules):
        rows = extract_rows(page, rules)
        for features in rows[:, 1]:
            features["log_words"] = 2 * features.get("log_words", 0.0)
        return rows

    monkeypatch.setattr(train, "extract_rows", one_feature_doubled)
    capsys.readouterr()
    assert not train.run_training(train.TrainingOptions(**small, check=True, fit=False))
    assert "'reading_sha256': False" in capsys.readouterr().out


def _decision(source, index, text, label):
    return {
        "source": str(source),
        "index": index,
        "text_sha256": hashlib.sha256(text.encode()).hexdigest(),
        "text": text,
        "label": label,
        "original_label": "credible",
        "model_version": "test",
        "decided_at": "2026-11-21T00:00:00Z",
    }


def test_feedback_decisions_become_labels(tmp_path):
    seed = SEEDS / "000_18f39fee607d5459.txt"
    corpus = load_corpus([SEEDS / "labels.jsonl"])
    page = next(p for p in corpus if p.path == seed.resolve())
    index, (label, _) = next(iter(sorted(page.labels.items())))
    text = page.page.blocks[index].text
    other = "promotional" if label != "promotional" else "credible"
    unlabelled = next(b for b in page.page.blocks if b.index not in page.labels)
    decisions = tmp_path / "decisions.jsonl"
    rows = [
        _decision(seed.relative_to(ROOT), index, text, label),  # superseded by the next row
        _decision(seed.relative_to(ROOT), index, text, other),  # overrides the corpus label
        _decision(seed, 999, unlabelled.text, "off_topic"),  # index moved: found by its text
        _decision(tmp_path / "gone.html", 3, "A paragraph from a page deleted since.", "scraped_faq"),
    ]
    decisions.write_text("".join(json.dumps(r) + "\n" for r in rows))
    pages_before = len(corpus)
    stats = apply_feedback(corpus, read_decisions(decisions), base=ROOT)
    assert (stats.decisions, stats.in_page, stats.overrides, stats.standalone) == (3, 2, 1, 1)
    assert page.labels[index] == (other, True) and page.labels[unlabelled.index] == ("off_topic", True)
    standalone = corpus[pages_before]
    assert [(b.text, standalone.labels[b.index][0]) for b in standalone.page.blocks] == [
        ("A paragraph from a page deleted since.", "scraped_faq")
    ]


def test_invalid_decisions_are_refused_with_the_line(tmp_path):
    bad = tmp_path / "decisions.jsonl"
    row = _decision("x.html", 0, "Some text.", "credible")
    bad.write_text(json.dumps({**row, "text": "Other text."}) + "\n")
    with pytest.raises(CorpusError, match=r"decisions.jsonl:1: text_sha256 does not match"):
        read_decisions(bad)
    bad.write_text(json.dumps({**row, "label": "fake_news"}) + "\n")
    with pytest.raises(CorpusError, match="unknown label 'fake_news'"):
        read_decisions(bad)


def test_train_takes_feedback_and_records_it(tmp_path, capsys):
    train = _import_train()
    decisions = tmp_path / "decisions.jsonl"
    decisions.write_text(
        json.dumps(_decision(tmp_path / "gone.html", 0, "Buy cheap pills now at our shop.", "promotional"))
        + "\n"
    )
    # one batch, no synthetic pages and no second reading: what is tested is the corpus and the sidecar
    small = {"seeds": SMALL_BATCH, "synthetic": 0, "section_weight": 0.0, "cv": False, "out": tmp_path}
    assert train.run_training(train.TrainingOptions(**small))
    without = json.loads((tmp_path / "detector.json").read_text())
    assert train.run_training(train.TrainingOptions(**small, feedback=[decisions]))
    meta = json.loads((tmp_path / "detector.json").read_text())
    assert without["feedback_files"] == [] and meta["feedback_files"] == ["decisions.jsonl"]
    assert meta["label_counts"]["promotional"] == without["label_counts"]["promotional"] + 1
    assert meta["training_data_sha256"] != without["training_data_sha256"]
    assert (
        "1 decisions, 0 placed in their page (0 overriding a corpus label), 1 as standalone"
        in capsys.readouterr().out
    )


def test_train_pins_only_the_shipped_model(tmp_path, monkeypatch):
    """A model written to models/ is pinned (here: a stand-in folder and pin file); one written elsewhere is a
    custom model that loads only when allowed. The package's own pin is never touched by a test."""
    from detector.exceptions import UntrustedModelError
    from detector.model import artifact

    train = _import_train()
    real_pin = artifact.MODEL_PIN.read_bytes()
    shipped, pin = tmp_path / "models", tmp_path / "model_pin.json"
    monkeypatch.setattr(train, "MODELS", shipped)
    monkeypatch.setattr(artifact, "MODEL_PIN", pin)
    assert train.run_training(
        train.TrainingOptions(seeds=SMALL_BATCH, synthetic=0, cv=False, out=shipped, section_weight=0.0)
    )
    meta = json.loads((shipped / "detector.json").read_text())
    assert meta["digest"] == artifact.sidecar_digest(meta)
    assert artifact.pinned_digests() == {"detector": meta["digest"]}
    assert artifact.load_model(shipped / "detector.joblib").official
    monkeypatch.undo()
    assert artifact.MODEL_PIN.read_bytes() == real_pin
    with pytest.raises(UntrustedModelError):
        artifact.load_model(shipped / "detector.joblib")
    assert not artifact.load_model(shipped / "detector.joblib", allow_custom_model=True).official


def test_train_py_and_detector_train_are_one_command():
    import subprocess
    import sys

    from click.testing import CliRunner

    from detector.cli import main

    options = ("--seeds", "--out", "--name", "--jobs", "--feedback", "--tree-weight", "--capture-weight")
    script = subprocess.run(
        [sys.executable, "train.py", "-h"], capture_output=True, text=True, cwd=ROOT, check=True, timeout=60
    ).stdout
    command = CliRunner().invoke(main, ["train", "--help"]).output
    assert script.startswith("Usage: train.py [OPTIONS] [EXTRA]...")
    for option in (*options, "--no-cv", "--check"):
        assert option in script and option in command


def test_batches_and_captures_are_told_apart():
    train = _import_train()
    assert train.batch_of("seeds/pages/k/k01_page.html") == "k"
    assert train.batch_of("seeds/blind/p/p01.html") == "p"
    assert train.batch_of("seeds/000_18f39fee607d5459.txt") == "captures"
    assert train.is_capture("seeds/000_18f39fee607d5459.txt")
    assert not train.is_capture("seeds/pages/k/k01_page.html")
    assert not train.is_capture("seeds/blind/p/p01.html")  # a blind batch is written, not captured


def test_synthetic_pages_train_in_their_source_page_group_and_weigh_less():
    from detector.training.corpus import label_files
    from detector.training.params import SYNTHETIC_WEIGHT

    train = _import_train()
    paths = label_files(SEEDS / "pages" / "a")
    data = train.build_dataset(paths, synthetic=4, synthetic_seed=1)
    X, groups, synthetic = data.X, data.groups, data.synthetic
    assert synthetic.any() and not synthetic.all()
    written = set(groups[~synthetic])
    assert set(groups[synthetic]) <= written  # each synthetic page sits in the fold of its article's page
    weights = train.sample_weights(groups, synthetic=synthetic)
    assert (weights[synthetic] == SYNTHETIC_WEIGHT).all() and (weights[~synthetic] == 1.0).all()
    again = train.build_dataset(paths, synthetic=4, synthetic_seed=1)
    assert [row[0] for row in again.X] == [row[0] for row in X]  # deterministic
    # every row is placed in its page, whose rows the second reading reads whole
    for row, (k, block) in zip(X, data.where, strict=True):
        assert data.pages[k][block][0] == row[0]
        assert len(data.layouts[k]) == len(data.pages[k])


def test_a_higher_bar_for_spam_flags_fewer_credible_paragraphs_and_finds_less_spam(monkeypatch):
    import numpy as np

    from detector.labels import SPAM_LABELS

    train = _import_train()
    monkeypatch.setattr(train, "SPAM_THRESHOLDS", dict.fromkeys(SPAM_LABELS, 0.5))
    classes = ["boilerplate", "credible", "promotional", "unsourced_rumour"]
    # a credible paragraph that looks 55% promotional, a rumour at 62%, a promotion at 90%
    probabilities = np.array([[0.05, 0.40, 0.55, 0.0], [0.0, 0.38, 0.0, 0.62], [0.0, 0.10, 0.90, 0.0]])
    y = np.array(["credible", "unsourced_rumour", "promotional"], dtype=object)
    folds = [(np.arange(3), classes, probabilities, np.zeros(3, dtype=bool), [None, None, None])]
    low, middle, high = train.threshold_sweep(y, folds, np.ones(3, dtype=bool), minimums=(0.5, 0.6, 0.65))
    assert low["credible_flagged"] == 1.0 and middle["credible_flagged"] == 0.0
    assert middle["recall"]["unsourced_rumour"] == 1.0 and high["recall"]["unsourced_rumour"] == 0.0
    assert high["recall"]["promotional"] == 1.0
    monkeypatch.setattr(
        train, "SPAM_THRESHOLDS", dict.fromkeys(SPAM_LABELS, 0.6)
    )  # never below the shipped bar
    assert [row["minimum"] for row in train.threshold_sweep(y, folds, np.ones(3, dtype=bool))][:2] == [
        0.6,
        0.65,
    ]
    assert (
        train.threshold_sweep(y, folds, np.ones(3, dtype=bool), minimums=(0.5,))[0]["credible_flagged"] == 0.0
    )
