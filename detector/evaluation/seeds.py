"""seeds: the labelled training corpus, leave-one-page-out (a page never helps grade itself).

Uses the training's own ``build_dataset``, ``cross_validate`` and ``metrics_table``
(:mod:`detector.training.train`: the same figures ``python train.py`` prints), so it needs the
seed corpus of a checkout of the repository, and it trains one
model per page with the training parameters: it does not use ``--model`` and takes minutes.
``--limit`` does not apply. Apart from those, the seed pages are scored with ``--model`` to count its
credible paragraphs that show a flag (:mod:`.flags`).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from sklearn.metrics import f1_score

from ..choices import CHECKOUT
from ..labels import SPAM_LABELS
from ._common import Run, example, worst
from .flags import credible_flag_row, seed_figures

NAME = "seeds"
#: The repository checkout (the seed corpus is its ``seeds/`` folder).
ROOT = CHECKOUT


def check(folder: Path) -> str | None:
    if not folder.is_dir():
        return f"{folder} not found (seeds need a checkout of the repository)"
    if not any(folder.rglob("labels*.jsonl")):
        return f"no labels*.jsonl under {folder}"
    return None


def errors(y, predicted, sources, texts, clear) -> dict:
    """The worst out-of-fold errors: non-spam paragraphs given a spam label (clear ones first) and
    spam paragraphs not given their label (those predicted credible or boilerplate first)."""
    false_positives, misses = [], []
    for i, (gold, pred) in enumerate(zip(y, predicted, strict=True)):
        if gold == pred:
            continue
        name, index = sources[i]
        ex = example(
            f"{name} paragraph {index}",
            texts[i],
            f"gold {gold}, predicted {pred}" + ("" if clear[i] else " (unclear label)"),
        )
        if gold not in SPAM_LABELS and pred in SPAM_LABELS:
            false_positives.append((not clear[i], ex))
        elif gold in SPAM_LABELS:
            misses.append((pred in SPAM_LABELS, ex))
    return {"false_positives": worst(false_positives), "misses": worst(misses)}


def batch_of(group: str) -> str:
    """The batch a page belongs to: ``pages/<batch>`` for the pages written for the project, ``original``
    for the five seed pages the project started from."""
    parts = Path(group).parts
    return f"pages/{parts[parts.index('pages') + 1]}" if "pages" in parts[:-1] else "original"


def by_batch(y, predicted, groups) -> dict:
    """Per batch of pages: paragraphs, accuracy, macro F1 over the spam labels the batch holds (None when
    it holds none) and its non-spam paragraphs given a spam label, all out of fold."""
    y, predicted, groups = (
        np.asarray(y, dtype=object),
        np.asarray(predicted, dtype=object),
        np.asarray(groups),
    )
    batches = np.array([batch_of(str(g)) for g in groups])
    out = {}
    for batch in sorted(set(batches)):
        mask = batches == batch
        gold, pred = y[mask], predicted[mask]
        present = [label for label in SPAM_LABELS if label in set(gold)]
        out[batch] = {
            "pages": len(set(groups[mask])),
            "paragraphs": int(mask.sum()),
            "accuracy": round(float(np.mean(gold == pred)), 3),
            "macro_f1_spam": round(
                float(np.mean(f1_score(gold, pred, labels=present, average=None, zero_division=0))), 3
            )
            if present
            else None,
            "non_spam_flagged": int(
                sum(g not in SPAM_LABELS and p in SPAM_LABELS for g, p in zip(gold, pred))
            ),
        }
    return out


def evaluate(run: Run, folder: Path) -> dict:
    from ..training import train
    from ..training.corpus import label_files

    if run.quick:
        return {
            "items": 0,
            "scheme": "none (--quick: no cross-validation)",
            **seed_figures(run, folder),
            "note": "--quick: the seed pages scored with --model only; the cross-validated figures are not measured",
        }
    data = train.build_dataset(label_files(folder))
    X, y, groups, clear, sources = data.X, data.y, data.groups, data.clear, data.sources
    weights = train.sample_weights(groups)
    # one count over both steps: the context's folds, then one fold per page
    context_folds, pages = train.context_fold_count(data), len(set(groups))
    context = train.out_of_fold_context(
        data, run.jobs, weights=weights, on_fold=lambda done, _: run.tick(done, context_folds + pages)
    )
    predicted = train.cross_validate(
        X,
        y,
        groups,
        n_jobs=run.jobs,
        weights=weights,
        data=data,
        context=context,
        on_fold=lambda done, _: run.tick(context_folds + done, context_folds + pages),
    )
    metrics = train.metrics_table(y, predicted)
    flagged = len(train.credible_captures_flagged(y, predicted, groups, clear))
    return {
        "items": len(y),
        "pages": len(set(groups)),
        "scheme": "leave-one-page-out",
        **metrics,
        "clear_credible_seed_paragraphs_flagged": flagged,
        "by_batch": by_batch(y, predicted, groups),
        # the seed pages scored with --model: how often its credible paragraphs show a flag
        **seed_figures(run, folder),
        "note": "trains its own models with train.py's parameters (independent of --model); the credible "
        "paragraphs with a displayed flag are those of --model on the seed pages",
        "examples": errors(y, predicted, sources, [row[0] for row in X], clear),
    }


def rows(result: dict) -> list[tuple]:
    if "macro_f1_spam" not in result:  # --quick: the seed pages scored, no cross-validation
        return [(None, "cross-validation", "not run (--quick)"), credible_flag_row(result)]
    out = [
        ("macro_f1_spam", "macro F1 over spam labels", f"{result['macro_f1_spam']:.3f}"),
        (None, "accuracy", f"{result['accuracy']:.3f}"),
    ]
    for label, m in result["per_label"].items():
        value = f"{m['precision']:.3f} / {m['recall']:.3f} / {m['f1']:.3f} (n={m['support']})"
        out.append((None, f"  {label} P / R / F1", value))
    out.append(
        (
            None,
            "clear credible seed paragraphs flagged",
            str(result["clear_credible_seed_paragraphs_flagged"]),
        )
    )
    if "credible_flagged_rate" in result:
        out.append(credible_flag_row(result))
    for batch, b in result.get("by_batch", {}).items():
        f1 = "n/a" if b["macro_f1_spam"] is None else f"{b['macro_f1_spam']:.3f}"
        value = f"{f1} / {b['accuracy']:.3f} ({b['pages']} pages, {b['non_spam_flagged']} non-spam flagged)"
        out.append((None, f"  {batch}: macro F1 / accuracy", value))
    return out


def items(result: dict) -> str:
    if "pages" not in result:
        return f"{result['seed_pages']} seed pages"
    return f"{result['items']} paragraphs, {result['pages']} pages"
