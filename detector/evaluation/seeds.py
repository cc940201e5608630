"""seeds: the labelled training corpus, leave-one-page-out (a page never helps grade itself).

Uses ``train.py``'s own ``build_dataset``, ``cross_validate`` and ``metrics_table`` (the same
figures ``python train.py`` prints), so it needs a checkout of the repository, and it trains one
model per page with the training parameters: it does not use ``--model`` and takes minutes.
``--limit`` does not apply.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import numpy as np

from ..labels import SPAM_LABELS
from .common import Run, example, worst

NAME = "seeds"
ROOT = Path(__file__).resolve().parent.parent.parent


def check(folder: Path) -> str | None:
    if not (ROOT / "train.py").is_file():
        return f"{ROOT / 'train.py'} not found (seeds need a checkout of the repository)"
    if not any(folder.rglob("labels*.jsonl")):
        return f"no labels*.jsonl under {folder}"
    return None


def _train():
    sys.path.insert(0, str(ROOT))
    try:
        return importlib.import_module("train")
    finally:
        sys.path.remove(str(ROOT))


def errors(y, predicted, sources, texts, clear) -> dict:
    """The worst out-of-fold errors: non-spam paragraphs given a spam label (clear ones first) and
    spam paragraphs not given their label (those predicted credible or boilerplate first)."""
    false_positives, misses = [], []
    for i, (gold, pred) in enumerate(zip(y, predicted, strict=True)):
        if gold == pred:
            continue
        name, index = sources[i]
        ex = example(f"{name} paragraph {index}", texts[i], f"gold {gold}, predicted {pred}"
                                                            + ("" if clear[i] else " (unclear label)"))
        if gold not in SPAM_LABELS and pred in SPAM_LABELS:
            false_positives.append((not clear[i], ex))
        elif gold in SPAM_LABELS:
            misses.append((pred in SPAM_LABELS, ex))
    return {"false_positives": worst(false_positives), "misses": worst(misses)}


def evaluate(run: Run, folder: Path) -> dict:
    train = _train()
    from ..corpus import label_files

    X, y, groups, clear, sources, _ = train.build_dataset(label_files(folder))
    predicted = train.cross_validate(X, y, groups, n_jobs=run.jobs)
    metrics = train.metrics_table(y, predicted)
    seed_mask = np.array([g.startswith("seeds/") and not g.startswith("seeds/pages/") for g in groups])
    flagged = sum(1 for i in range(len(y))
                  if seed_mask[i] and clear[i] and y[i] == "credible" and predicted[i] in SPAM_LABELS)
    return {
        "items": len(y), "pages": len(set(groups)), "scheme": "leave-one-page-out", **metrics,
        "clear_credible_seed_paragraphs_flagged": flagged,
        "note": "trains its own models with train.py's parameters; independent of --model",
        "examples": errors(y, predicted, sources, [row[0] for row in X], clear),
    }


def rows(result: dict) -> list[tuple]:
    out = [("macro_f1_spam", "macro F1 over spam labels", f"{result['macro_f1_spam']:.3f}"),
           (None, "accuracy", f"{result['accuracy']:.3f}")]
    for label, m in result["per_label"].items():
        value = f"{m['precision']:.3f} / {m['recall']:.3f} / {m['f1']:.3f} (n={m['support']})"
        out.append((None, f"  {label} P / R / F1", value))
    out.append((None, "clear credible seed paragraphs flagged", str(result["clear_credible_seed_paragraphs_flagged"])))
    return out


def items(result: dict) -> str:
    return f"{result['items']} paragraphs, {result['pages']} pages"
