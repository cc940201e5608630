"""Measure the shipped model on real third-party pages it was never trained on.

    python -m detector.evaluate                 # every available corpus
    python -m detector.evaluate --json          # the same figures as JSON

Corpora live in ``../shared/corpora`` (or ``--corpora DIR``); an absent corpus is skipped with
the reason printed.

news-pages: the share of gold article paragraphs that the detector labels as any spam label
(false positives), and the share labelled boilerplate or not found at all (lost content).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

from .labels import SPAM_LABELS
from .page import fold
from .scoring import Detector

DEFAULT_CORPORA = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora"
_WORD = re.compile(r"\w+")


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


def _match(gold: str, paragraphs: list[tuple]) -> list:
    """Report paragraphs that hold the gold paragraph (or most of its words).

    ``paragraphs`` are ``(paragraph, folded text, word set)`` triples, prepared once per report.
    """
    g = fold(gold)
    exact = [p for p, text, _ in paragraphs if g in text or (len(p.text) >= 40 and text in g)]
    if exact:
        return exact
    gw = _words(g)
    if not gw or not paragraphs:
        return []
    overlap, best = max(((len(gw & words), p) for p, _, words in paragraphs), key=lambda pair: pair[0])
    return [best] if overlap / len(gw) >= 0.7 else []


def evaluate_news_pages(detector: Detector, folder: Path, verbose: bool = False) -> dict:
    """False positives and lost content on gold article paragraphs."""
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    total = flagged = lost = missing = pages = errors = 0
    by_label: Counter = Counter()
    examples = []
    for item in truth:
        path = folder / item["file"]
        if not path.exists():
            continue
        report = detector.score(path.read_bytes(), source=item["file"])
        pages += 1
        if report.error:
            errors += 1
        gold = [line for line in item["articleBody"].split("\n") if len(line.split()) >= 3]
        prepared = [(p, fold(p.text), _words(p.text)) for p in report.paragraphs]
        for line in gold:
            total += 1
            matches = _match(line, prepared)
            if not matches:
                missing += 1
                continue
            spam = [p for p in matches if p.label in SPAM_LABELS]
            if spam:
                flagged += 1
                by_label[spam[0].label] += 1
                examples.append((item["file"][:16], spam[0].label, spam[0].text[:100]))
            elif all(p.label == "boilerplate" for p in matches):
                lost += 1
    if verbose:
        for ex in examples:
            print("  FP", *ex)
    return {
        "pages": pages, "errors": errors, "gold_paragraphs": total,
        "flagged_as_spam": flagged, "false_positive_rate": round(flagged / max(total, 1), 4),
        "flagged_by_label": dict(by_label),
        "labelled_boilerplate": lost, "not_found": missing,
        "lost_rate": round((lost + missing) / max(total, 1), 4),
    }


CORPORA = {"news-pages": evaluate_news_pages}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m detector.evaluate", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA, help="folder holding the corpora")
    parser.add_argument("--model", type=Path, default=None, help="model file (default: the shipped model)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--verbose", action="store_true", help="list every false positive")
    args = parser.parse_args(argv)
    detector = Detector.load(args.model)
    results = {"model": detector.info.model_dump()}
    for name, evaluate in CORPORA.items():
        folder = args.corpora / name
        if not folder.is_dir():
            results[name] = {"skipped": f"{folder} not found (the corpora are not part of the repository)"}
            continue
        results[name] = evaluate(detector, folder, verbose=args.verbose)
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print(f"model {detector.info.name} {detector.info.version}")
        for name, figures in results.items():
            if name == "model":
                continue
            print(f"\n{name}")
            for key, value in figures.items():
                print(f"  {key:24} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
