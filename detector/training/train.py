"""Train the paragraph classifier on the labelled seed corpus and write models/<name>.joblib + sidecar.

    python train.py                      # leave-one-page-out CV, then fit on everything and save
    python train.py extra/labels.jsonl   # add more labelled files (rows name pages relative to the file)
    python train.py --check              # retrain in memory and compare with the committed model's sidecar
    python train.py --check --no-cv      # quicker: compare the retrained model's labels with the committed model's
    python train.py --feedback decisions.jsonl   # add moderators' decisions exported from the review report

The committed model is exactly what this script rebuilds from the repository: nothing here depends
on the clock, the machine or data outside the repository.

Writing the shipped model (``--out`` left at ``models/``) also pins its digest in the package
(``detector/model/model_pin.json``): only a pinned model loads without ``--trust-model``. A model written
elsewhere is a custom model and the pin is left alone.
"""

from __future__ import annotations

import argparse
import platform
import sys
import tempfile
from collections import Counter
from pathlib import Path

import joblib
import numpy as np
import sklearn
import trafilatura
from sklearn.metrics import precision_recall_fscore_support
from sklearn.model_selection import LeaveOneGroupOut

from .. import __version__
from ..labels import LABELS, SPAM_LABELS
from ..model.artifact import load_model, pin_model, save_model
from ..model.estimator import ParagraphClassifier, missing_labels
from ..model.features import fired_rules
from ..report.verdict import DEFAULT_VERDICT_THRESHOLDS
from ..scoring import extract_rows
from ..signals.rules import default_rules
from .corpus import apply_feedback, corpus_sha256, label_files, load_corpus, read_decisions

#: The repository checkout: the seed corpus, ``models/`` and the paths the data hash names are relative to it.
ROOT = Path(__file__).resolve().parents[2]
#: Where the shipped model lives; writing a model here also pins its digest in the package.
MODELS = ROOT / "models"
PARAMS = {
    "C": 30.0,
    "context_weight": 1.0,
    "calibration_folds": 3,
    "random_state": 0,
    "char_ngram_range": (3, 4),
    "tree_weight": 0.5,
    "tree_iterations": 40,
    "tree_depth": 3,
}
SPAM_THRESHOLDS: dict[str, float] = dict.fromkeys(SPAM_LABELS, 0.5)
#: Weight of a paragraph of a captured page (``seeds/*.txt``) against one of a written page (``seeds/pages/``):
#: the captures are the only pages content farms wrote; the written pages must not outvote them.
CAPTURE_WEIGHT = 3.0


def sample_weights(groups, capture_weight: float = CAPTURE_WEIGHT) -> np.ndarray:
    """Weight of each row: ``capture_weight`` for the captured seed pages, 1 for the written ones."""
    return np.array([capture_weight if is_capture(g) else 1.0 for g in groups])


def is_capture(group: str) -> bool:
    """Whether a page group names one of the captured seed pages (not a written page under ``seeds/pages/``)."""
    return group.startswith("seeds/") and not group.startswith("seeds/pages/")


def build_dataset(label_paths: list[Path], feedback: list[Path] = (), base: Path | None = None):
    """Rows, labels, page groups and clear flags of every labelled paragraph, and the pages they come from.

    ``feedback``: moderators' ``decisions.jsonl`` files; their ``source`` paths are relative to ``base`` (default: the working folder).
    """
    rules = default_rules()
    rows, y, groups, clear, sources = [], [], [], [], []
    corpus = load_corpus(label_paths)
    for path in feedback:
        stats = apply_feedback(corpus, read_decisions(path), base or Path.cwd())
        print(
            f"{path}: {stats.decisions} decisions, {stats.in_page} placed in their page "
            f"({stats.overrides} overriding a corpus label), {stats.standalone} as standalone paragraphs"
        )
    for labelled in corpus:
        page_rows = extract_rows(labelled.page, rules)
        name = (
            str(labelled.path.relative_to(ROOT)) if labelled.path.is_relative_to(ROOT) else labelled.path.name
        )
        for index, (label, is_clear) in sorted(labelled.labels.items()):
            rows.append(page_rows[index])
            y.append(label)
            groups.append(name)
            clear.append(is_clear)
            sources.append((name, index))
    return (
        np.array(rows, dtype=object),
        np.array(y, dtype=object),
        np.array(groups),
        np.array(clear),
        sources,
        [labelled.path for labelled in corpus],
    )


def cross_validate(X, y, groups, n_jobs: int, params: dict = PARAMS, weights=None) -> np.ndarray:
    """Out-of-fold labels with leave-one-page-out (a page never helps grade itself), deciding rules applied."""
    splits = list(LeaveOneGroupOut().split(X, y, groups))

    rules = default_rules()

    def fold(train, test, params):  # params passed along: a worker process re-imports this module
        model = ParagraphClassifier(thresholds=SPAM_THRESHOLDS, **params).fit(
            X[train], y[train], groups[train], None if weights is None else weights[train]
        )
        labels = model.predict(X[test])
        decided = rules.decided_labels(
            labels, [fired_rules(row[1]) for row in X[test]]
        )  # as Detector.score does
        return test, [d or label for d, label in zip(decided, labels, strict=True)]

    predicted = np.empty(len(y), dtype=object)
    for test, labels in joblib.Parallel(n_jobs=n_jobs)(
        joblib.delayed(fold)(tr, te, params) for tr, te in splits
    ):
        predicted[test] = labels
    return predicted


def metrics_table(y, predicted) -> dict:
    """Precision, recall, F1 and support per label, and macro F1 over the spam labels."""
    p, r, f, s = precision_recall_fscore_support(y, predicted, labels=list(LABELS), zero_division=0)
    per_label = {
        label: {
            "precision": round(float(p[i]), 3),
            "recall": round(float(r[i]), 3),
            "f1": round(float(f[i]), 3),
            "support": int(s[i]),
        }
        for i, label in enumerate(LABELS)
    }
    spam_f1 = float(np.mean([per_label[label]["f1"] for label in SPAM_LABELS]))
    return {
        "per_label": per_label,
        "macro_f1_spam": round(spam_f1, 3),
        "accuracy": round(float(np.mean(np.asarray(y) == np.asarray(predicted))), 3),
    }


def print_table(metrics: dict, out=sys.stdout) -> None:
    print(f"{'label':24} {'precision':>9} {'recall':>7} {'f1':>6} {'support':>8}", file=out)
    for label, m in metrics["per_label"].items():
        print(
            f"{label:24} {m['precision']:9.3f} {m['recall']:7.3f} {m['f1']:6.3f} {m['support']:8d}", file=out
        )
    print(
        f"macro F1 over spam labels: {metrics['macro_f1_spam']:.3f}   accuracy: {metrics['accuracy']:.3f}",
        file=out,
    )


def credible_captures_flagged(y, predicted, groups, clear) -> list[int]:
    """The rows of clear credible paragraphs of the captured seed pages that ``predicted`` flags as spam."""
    return [
        i
        for i in range(len(y))
        if is_capture(groups[i]) and clear[i] and y[i] == "credible" and predicted[i] in SPAM_LABELS
    ]


def leave_one_page_out(
    X, y, groups, clear, sources, n_jobs: int, params: dict = PARAMS, weights=None
) -> dict:
    """Cross-validate, print the table and the clear credible seed paragraphs flagged; return the metrics."""
    predicted = cross_validate(X, y, groups, n_jobs, params, weights)
    metrics = metrics_table(y, predicted)
    print("\nLeave-one-page-out cross-validation")
    print_table(metrics)
    clear_credible_flagged = [sources[i] for i in credible_captures_flagged(y, predicted, groups, clear)]
    print(f"clear credible seed paragraphs flagged as spam (out of fold): {len(clear_credible_flagged)}")
    for name, index in clear_credible_flagged:
        print(f"  {name} paragraph {index}")
    return {
        "scheme": "leave-one-page-out",
        **metrics,
        "clear_credible_seed_paragraphs_flagged": len(clear_credible_flagged),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("extra", nargs="*", type=Path, help="extra labels*.jsonl files")
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds", help="labelled corpus folder")
    parser.add_argument("--out", type=Path, default=MODELS, help="where to write the model")
    parser.add_argument("--name", default="detector", help="model name (file stem)")
    parser.add_argument("--jobs", type=int, default=2, help="parallel CV folds")
    parser.add_argument(
        "--feedback",
        type=Path,
        action="append",
        default=[],
        metavar="DECISIONS.jsonl",
        help="moderators' decisions exported from the review report (repeatable); a decision "
        "overrides the corpus label of its paragraph",
    )
    parser.add_argument(
        "--tree-weight",
        type=float,
        default=PARAMS["tree_weight"],
        metavar="W",
        help="weight of the boosted trees in choosing the spam label of a likely spam paragraph "
        f"(default {PARAMS['tree_weight']}; 0: the logistic regression alone)",
    )
    parser.add_argument(
        "--capture-weight",
        type=float,
        default=CAPTURE_WEIGHT,
        metavar="W",
        help="weight of a paragraph of a captured seed page against one of a written page "
        f"(default {CAPTURE_WEIGHT})",
    )
    parser.add_argument("--no-cv", action="store_true", help="skip cross-validation (quick retrain)")
    parser.add_argument(
        "--check",
        action="store_true",
        help="retrain and compare with the committed model's sidecar (with --no-cv: its data "
        "hash, label counts and the label of every labelled paragraph); write nothing",
    )
    args = parser.parse_args(argv)

    params = {**PARAMS, "tree_weight": args.tree_weight}
    paths = label_files(args.seeds) + [p.resolve() for p in args.extra]
    feedback = [p.resolve() for p in args.feedback]
    X, y, groups, clear, sources, page_paths = build_dataset(paths, feedback)
    weights = sample_weights(groups, args.capture_weight)
    missing = missing_labels(y)
    if missing:
        parser.error(f"the corpus has no paragraph labelled {missing}")
    counts = Counter(y)
    print(
        f"{len(y)} labelled paragraphs from {len(set(groups))} pages: "
        + ", ".join(f"{label} {counts[label]}" for label in LABELS)
    )

    if args.no_cv:
        cv = {"scheme": "none (trained with --no-cv)"}
    else:
        cv = leave_one_page_out(X, y, groups, clear, sources, args.jobs, params, weights)

    model = ParagraphClassifier(thresholds=SPAM_THRESHOLDS, **params).fit(X, y, groups, weights)
    data_sha = corpus_sha256(
        paths, ROOT, extra=feedback + [p for p in page_paths if feedback and p.is_file()]
    )
    metadata = {
        "name": args.name,
        "version": f"{__version__}+{data_sha[:12]}",
        "package_version": __version__,
        "library_versions": {
            "scikit-learn": sklearn.__version__,
            "numpy": np.__version__,
            "joblib": joblib.__version__,
            "trafilatura": trafilatura.__version__,
            "python": platform.python_version(),
        },
        "training_data_sha256": data_sha,
        "feedback_files": [p.name for p in feedback],
        "label_counts": {label: counts[label] for label in LABELS},
        "pages": len(set(groups)),
        "params": params,
        "capture_weight": args.capture_weight,
        "thresholds": {"labels": SPAM_THRESHOLDS, "verdict": DEFAULT_VERDICT_THRESHOLDS},
        "cv": cv,
        "rule_weights": {
            rid: w.get(default_rules().by_id[rid].category, 0.0)
            for rid, w in sorted(model.rule_weights_.items())
        },
    }
    shipped = args.out.resolve() == MODELS.resolve()
    if args.check:
        # the committed model is verified (digests) and, in models/, must be the pinned one
        committed = load_model(args.out / f"{args.name}.joblib", allow_custom_model=True)
        with tempfile.TemporaryDirectory() as tmp:
            sidecar = save_model(model, Path(tmp) / f"{args.name}.joblib", metadata)
        keys = ("training_data_sha256", "label_counts") + (() if args.no_cv else ("cv",))
        same = {key: sidecar[key] == committed.metadata.get(key) for key in keys}
        if shipped:
            same["pinned"] = committed.official
        if args.no_cv:  # the labels both models give every labelled paragraph, instead of the CV figures
            labels = committed.estimator.predict(X)
            same["labels"] = bool(np.array_equal(labels, model.predict(X)))
        print(
            f"\ncheck against committed model: {same}; joblib sha256 "
            f"{'identical' if sidecar['sha256'] == committed.metadata.get('sha256') else 'differs'}"
        )
        return 0 if all(same.values()) else 1
    sidecar = save_model(model, args.out / f"{args.name}.joblib", metadata)
    print(f"\nwrote {args.out / (args.name + '.joblib')} (sha256 {sidecar['sha256'][:16]}…) and its sidecar")
    if shipped:
        pin_model(args.name, sidecar["digest"])
        print(
            f"pinned its digest {sidecar['digest'][:16]}… in detector/model/model_pin.json (commit it with the model)"
        )
    else:
        print("a custom model (not in models/): load it with --trust-model (allow_custom_model=True)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
