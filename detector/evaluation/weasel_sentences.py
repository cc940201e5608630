"""weasel-sentences: Wikipedia sentences marked hedged / weasel-worded (``uncertain = 1``) or not.

Each sentence (white-space folded to one line) is scored alone as a one-line text page. Predicted
positive: its paragraph is labelled ``unsourced_rumour``. Precision, recall and F1 against
``uncertain = 1``. Empty sentences are left out and counted.

For comparison, the lexicon alone (:data:`detector.signals.hedges.WEASEL_WORDS`: every sentence that holds one
of its words) is scored the same way.

The ROC AUC ranks sentences by the classifier's probability of ``unsourced_rumour``: the exact
calibrated probability (``ParagraphClassifier.predict_proba`` on the same classifier rows the
detector builds, batched, and each page read a second time with ``reconsider``), which is the ``score`` of the report's classifier flag whenever the
label is ``unsourced_rumour`` (checked: ``probability_mismatches`` counts disagreements).
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

from ..model.section_pass import Layout
from ..page.extract import extract_page, fold
from ..scoring import Detector, extract_rows
from ..signals.hedges import weasel_word
from ._common import Run, binary_prf, example, roc_auc, worst

NAME = "weasel-sentences"
RUMOUR = "unsourced_rumour"


def check(folder: Path) -> str | None:
    if not (folder / "sentences.csv").is_file():
        return f"{folder / 'sentences.csv'} not found"
    return None


def read_sentences(path: Path) -> tuple[list[tuple[int, str, bool]], int]:
    """``(row number, folded text, uncertain)`` of the non-empty sentences, and how many were empty."""
    sentences, empty = [], 0
    with open(path, encoding="utf-8", newline="") as fh:
        for n, row in enumerate(csv.DictReader(fh), 2):
            text = fold(row["text"] or "")
            if not text:
                empty += 1
                continue
            sentences.append((n, text, str(row["uncertain"]).strip() == "1"))
    return sentences, empty


def score_sentences(detector: Detector, texts: list[str]) -> list[tuple[str, float, bool]]:
    """``(label, P(unsourced_rumour), probability mismatch)`` of each sentence (a :meth:`Run.map` function)."""
    estimator = detector.model.estimator
    column = list(estimator.classes_).index(RUMOUR)
    labels, flag_scores, rows, owner = [], [], [], []
    layouts: list[Layout] = []
    for i, text in enumerate(texts):
        report = detector.score(text, source="sentence", content_type="text")
        labels.append(
            RUMOUR
            if any(p.label == RUMOUR for p in report.paragraphs)
            else (report.paragraphs[0].label if report.paragraphs else "error")
        )
        flag_scores.append(
            max(
                (
                    f.score
                    for p in report.paragraphs
                    for f in p.flags
                    if f.category == RUMOUR and f.rule is None
                ),
                default=None,
            )
        )
        page = extract_page(text, content_type="text")
        page_rows = extract_rows(page, detector.rules)
        rows.append(page_rows)
        layouts.append(Layout.of_page(page))
        owner += [i] * len(page_rows)
    proba = np.zeros(len(texts))
    if owner:
        first = estimator.predict_proba(np.vstack(rows))
        # each page read a second time, as the detector does
        bounds = np.cumsum([0] + [len(page_rows) for page_rows in rows])
        second = np.vstack(
            [
                estimator.reconsider(first[start:stop], layout)
                for start, stop, layout in zip(bounds[:-1], bounds[1:], layouts, strict=True)
            ]
        )
        np.maximum.at(proba, owner, second[:, column])
    return [
        (label, float(p), bool(flag is not None and abs(flag - p) > 1e-3))
        for label, p, flag in zip(labels, proba, flag_scores, strict=True)
    ]


def evaluate(run: Run, folder: Path) -> dict:
    sentences, empty = read_sentences(folder / "sentences.csv")
    sentences = run.limited(sentences)
    scored = run.map(score_sentences, [text for _, text, _ in sentences])
    truth = [uncertain for _, _, uncertain in sentences]
    predicted = [label == RUMOUR for label, _, _ in scored]
    false_positives, misses = [], []
    for (n, text, uncertain), (label, p, _) in zip(sentences, scored, strict=True):
        detail = f"uncertain={int(uncertain)}, label {label}, P(rumour) {p:.2f}"
        if label == RUMOUR and not uncertain:
            false_positives.append((-p, example(f"sentences.csv:{n}", text, detail)))
        elif uncertain and label != RUMOUR:
            misses.append((p, example(f"sentences.csv:{n}", text, detail)))
    return {
        "items": len(sentences),
        "empty_sentences_left_out": empty,
        "uncertain": sum(truth),
        **binary_prf(truth, predicted),
        "lexicon_alone": binary_prf(truth, [weasel_word(text) is not None for _, text, _ in sentences]),
        "auc": roc_auc(truth, [p for _, p, _ in scored]),
        "auc_score": "P(unsourced_rumour) from the classifier",
        "probability_mismatches": sum(mismatch for _, _, mismatch in scored),
        "examples": {"false_positives": worst(false_positives), "misses": worst(misses)},
    }


def rows(result: dict) -> list[tuple]:
    r = result
    counts = f"TP {r['true_positives']}, FP {r['false_positives']}, FN {r['false_negatives']}"
    return [
        ("f1", "F1 of uncertain = unsourced_rumour", f"{r['f1']:.3f}"),
        (None, "  precision / recall", f"{r['precision']:.3f} / {r['recall']:.3f} ({counts})"),
        (
            None,
            "  weasel words alone: P / R / F1",
            "{precision:.3f} / {recall:.3f} / {f1:.3f}".format(**r["lexicon_alone"]),
        ),
        (
            None,
            "ROC AUC of P(unsourced_rumour)",
            "n/a (one class)" if r["auc"] is None else f"{r['auc']:.3f}",
        ),
    ]


def items(result: dict) -> str:
    return f"{result['items']} sentences ({result['uncertain']} uncertain)"
