"""Held-out batches written blind: how the shipped model does on pages nobody here wrote.

    python -m detector.evaluation.blind [seeds/blind] [--batch k] [--model PATH --trust-model] [--verbose] [--json]

Each batch folder below ``seeds/blind`` holds its pages and a ``held-out.jsonl`` in the label format of
``seeds/`` (training reads only ``labels*.jsonl``, so a held-out batch never trains the model it grades).
Every page is scored as a user would score it, and every label row is matched to the report's paragraphs
(``contains``, white space folded). A row that matches no paragraph was lost by the segmentation (text a
browser shows but the report does not): it counts as predicted ``lost``, a miss of its label.

Printed per batch, as the README's generalisation table records them: pages, labelled paragraphs,
macro F1 of the exact label over the five spam labels, F1 of spam versus not spam, recall of each spam
label, the share of credible paragraphs given a spam label, and the lost rows; ``--verbose`` lists the
worst misses and false alarms.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from sklearn.metrics import f1_score

from ..choices import CHECKOUT
from ..labels import SPAM_LABELS
from ..page.extract import fold
from ..scoring import Detector
from ..training.corpus import read_rows

ROOT = CHECKOUT
DEFAULT_FOLDER = ROOT / "seeds" / "blind"
LABEL_FILE = "held-out.jsonl"
LOST = "lost"


def batches(folder: Path) -> list[Path]:
    """The batch folders below ``folder`` that hold a ``held-out.jsonl``, by name."""
    return sorted(path.parent for path in Path(folder).glob(f"*/{LABEL_FILE}"))


def score_batch(detector: Detector, batch: Path) -> dict:
    """Gold and predicted label of every labelled paragraph of ``batch``, and the batch's figures."""
    rows = read_rows(batch / LABEL_FILE)
    reports = {}
    gold: list[str] = []
    predicted: list[str] = []
    where: list[tuple[str, int | None, str]] = []
    # a paragraph several rows match (the segmentation merged them) counts once, by its first row
    seen: set[tuple[str, int]] = set()
    for row in rows:
        name = row["file"]
        if name not in reports:
            reports[name] = detector.score((batch / name).read_bytes(), source=f"{batch.name}/{name}")
        needle = fold(row["contains"])
        found = [p for p in reports[name].paragraphs if needle in fold(p.text)]
        if not found:
            gold.append(row["label"])
            predicted.append(LOST)
            where.append((name, None, row["contains"]))
        for paragraph in found:
            if (name, paragraph.index) not in seen:
                seen.add((name, paragraph.index))
                gold.append(row["label"])
                predicted.append(paragraph.label)
                where.append((name, paragraph.index, paragraph.text))
    return {
        "batch": batch.name,
        "pages": len(reports),
        "paragraphs": len(gold),
        "errors": sum(1 for r in reports.values() if r.error),
        **figures(gold, predicted),
        "examples": examples(gold, predicted, where),
    }


def figures(gold: list[str], predicted: list[str]) -> dict:
    """The generalisation table's figures for one batch."""
    spam = list(SPAM_LABELS)
    present = [label for label in spam if label in gold]
    is_spam = [g in SPAM_LABELS for g in gold]
    said_spam = [p in SPAM_LABELS for p in predicted]
    credible = [p for g, p in zip(gold, predicted, strict=True) if g == "credible"]
    recall = {}
    for label in spam:
        mine = [p for g, p in zip(gold, predicted, strict=True) if g == label]
        recall[label] = round(sum(p == label for p in mine) / len(mine), 3) if mine else None
    return {
        "macro_f1_spam": round(
            float(f1_score(gold, predicted, labels=present, average="macro", zero_division=0)), 3
        ),
        "spam_f1": round(float(f1_score(is_spam, said_spam, zero_division=0)), 3),
        "recall": recall,
        "credible_flagged": round(sum(p in SPAM_LABELS for p in credible) / len(credible), 4)
        if credible
        else None,
        "lost": sum(p == LOST for p in predicted),
        "confusion": {
            f"{g} -> {p}": n
            for (g, p), n in Counter(zip(gold, predicted, strict=True)).most_common()
            if g != p
        },
    }


def examples(gold, predicted, where, n: int = 12) -> dict:
    """The misses (spam paragraphs not given their label; those called credible, boilerplate or lost
    first) and the false alarms (non-spam paragraphs given a spam label)."""
    misses, alarms = [], []
    for g, p, (name, index, text) in zip(gold, predicted, where, strict=True):
        item = {"page": name, "paragraph": index, "gold": g, "predicted": p, "text": text[:160]}
        if g in SPAM_LABELS and p != g:
            misses.append((p in SPAM_LABELS, item))
        elif g not in SPAM_LABELS and p in SPAM_LABELS:
            alarms.append((g != "credible", item))
    return {
        "misses": [item for _, item in sorted(misses, key=lambda m: m[0])[:n]],
        "false_alarms": [item for _, item in sorted(alarms, key=lambda m: m[0])[:n]],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m detector.evaluation.blind", description=__doc__.split("\n")[0]
    )
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--batch", action="append", help="only these batches (folder names)")
    parser.add_argument("--model", type=Path, default=None)
    parser.add_argument(
        "--trust-model", action="store_true", help="allow a model that is not the shipped one"
    )
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    found = [b for b in batches(args.folder) if not args.batch or b.name in args.batch]
    if not found:
        print(f"no batch with a {LABEL_FILE} under {args.folder}", file=sys.stderr)
        return 2
    detector = Detector.load(args.model, allow_custom_model=args.trust_model)
    results = [score_batch(detector, batch) for batch in found]
    if args.json:
        print(json.dumps({"model": detector.info.model_dump(), "batches": results}, indent=2))
        return 0
    print(f"model {detector.info.display_version()}")
    print(
        f"{'batch':<8}{'pages':>6}{'paras':>7}{'macroF1':>9}{'spamF1':>8}  "
        + "".join(f"{label[:12]:>13}" for label in SPAM_LABELS)
        + f"{'cred.flag':>11}{'lost':>6}"
    )
    for r in results:
        recalls = "".join(
            f"{'n/a' if r['recall'][label] is None else format(r['recall'][label], '.3f'):>13}"
            for label in SPAM_LABELS
        )
        print(
            f"{r['batch']:<8}{r['pages']:>6}{r['paragraphs']:>7}{r['macro_f1_spam']:>9.3f}{r['spam_f1']:>8.3f}  "
            f"{recalls}{r['credible_flagged']:>11.2%}{r['lost']:>6}"
        )
        if args.verbose:
            print("  confusion: " + ", ".join(f"{k} {v}" for k, v in r["confusion"].items()))
            for kind in ("misses", "false_alarms"):
                print(f"  worst {kind.replace('_', ' ')}:")
                for item in r["examples"][kind]:
                    print(
                        f"    {item['page']} ¶{item['paragraph']}: gold {item['gold']}, predicted {item['predicted']}: "
                        f"{item['text']!r}"
                    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
