"""What every corpus evaluation shares: the run (detector, parallel scoring, limit), metrics, examples."""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..page.extract import fold
from ..report.schema import PageReport
from ..scoring import Detector

#: Errors shown per kind (false positives, misses) and corpus with ``--verbose``.
MAX_EXAMPLES = 10
#: Example text is cut to this many characters.
EXAMPLE_CHARS = 160


@dataclass
class Run:
    """One evaluation run: the loaded detector and how to score.

    ``model_path`` is what worker processes load (None: the shipped model), with
    ``allow_custom_model`` (see :meth:`Detector.load`); ``limit`` caps the items of each corpus (a
    quick run, not the official figures).
    """

    detector: Detector
    model_path: Path | None = None
    allow_custom_model: bool = False
    jobs: int = 1
    limit: int | None = None
    #: leave-one-page-out cross-validation of the seed corpus is skipped (``--quick``)
    quick: bool = False
    #: every page scored as written in this language instead of the detected one (``--language``)
    language: str | None = None
    #: ``progress(done, total)`` as the items of the corpus being evaluated are done (chunks or folds)
    progress: Callable[[int, int], None] | None = None

    def tick(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(done, total)

    def limited(self, items: list) -> list:
        return items if self.limit is None else items[: self.limit]

    def map(self, fn: Callable[[Detector, list], list], items: Sequence) -> list:
        """``fn(detector, chunk)`` over chunks of ``items``, in order; in ``jobs`` processes when worth it.

        Each worker process loads the model once and keeps it for the following chunks and corpora.
        """
        items = list(items)
        size = max(1, math.ceil(len(items) / (max(self.jobs, 1) * 8)))
        chunks = [items[i : i + size] for i in range(0, len(items), size)]
        out: list = []
        if self.jobs <= 1 or len(items) < 2 * self.jobs:
            for chunk in chunks:
                out.extend(fn(self.detector, chunk))
                self.tick(len(out), len(items))
            return out
        import joblib

        path = str(self.model_path) if self.model_path is not None else None
        parts = joblib.Parallel(n_jobs=self.jobs, return_as="generator")(
            joblib.delayed(_run_chunk)(fn, path, self.allow_custom_model, chunk) for chunk in chunks
        )
        for part in parts:
            out.extend(part)
            self.tick(len(out), len(items))
        return out

    def score_index(self, folder: Path, index: str) -> tuple[list[dict], list[PageReport]]:
        """The entries of the JSON list ``folder / index`` whose ``file`` is in ``folder`` (limited), and
        the report of each entry's file."""
        entries = json.loads((folder / index).read_text(encoding="utf-8"))
        entries = self.limited([entry for entry in entries if (folder / entry["file"]).is_file()])
        return entries, self.score_files([(folder / entry["file"], entry["file"]) for entry in entries])

    def score_files(self, files: list[tuple[Path, str]], content_type: str = "auto") -> list[PageReport]:
        """The report of each ``(path, source)`` file, in order."""
        return self.map(
            score_files, [(str(path), source, content_type, self.language) for path, source in files]
        )


def _run_chunk(fn, model_path: str | None, allow_custom_model: bool, chunk: list) -> list:
    return fn(Detector.shared(model_path, allow_custom_model=allow_custom_model), chunk)


def score_files(detector: Detector, items: list[tuple[str, str, str, str | None]]) -> list[PageReport]:
    """Score ``(path, source, content_type, language)`` files (a :meth:`Run.map` function)."""
    return [
        detector.score(Path(path).read_bytes(), source=source, content_type=content_type, language=language)
        for path, source, content_type, language in items
    ]


def not_assessed_row(result: dict) -> tuple:
    """The summary row of the pages left out as written in another language."""
    counts = result.get("not_assessed") or {}
    shown = ", ".join(f"{language} {n}" for language, n in counts.items())
    return (
        None,
        "pages not assessed (another language)",
        f"{sum(counts.values())} ({shown})" if counts else "0",
    )


def not_assessed(reports: list[PageReport]) -> dict[str, int]:
    """Pages not assessed (in a language the model was not trained for), by language."""
    return dict(Counter(str(r.language) for r in reports if r.not_assessed is not None).most_common())


# -- metrics -------------------------------------------------------------------------------------


def rate(count: int, total: int) -> float:
    """``count / total`` rounded to 4 places (0 when there is nothing to count)."""
    return round(count / total, 4) if total else 0.0


def binary_prf(truth: Sequence[bool], predicted: Sequence[bool]) -> dict:
    """Precision, recall and F1 of the positive class, with the counts behind them."""
    tp = sum(1 for t, p in zip(truth, predicted, strict=True) if t and p)
    fp = sum(1 for t, p in zip(truth, predicted, strict=True) if p and not t)
    fn = sum(1 for t, p in zip(truth, predicted, strict=True) if t and not p)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "true_positives": tp,
        "false_positives": fp,
        "false_negatives": fn,
    }


def roc_auc(truth: Sequence[bool], scores: Sequence[float]) -> float | None:
    """ROC AUC of ``scores`` for the positive class (1.0: every positive outscores every negative);
    None when only one class is present."""
    from sklearn.metrics import roc_auc_score

    if len({bool(t) for t in truth}) < 2:
        return None
    return round(float(roc_auc_score([int(bool(t)) for t in truth], list(scores))), 4)


def decided_by_rules(reports: list[PageReport]) -> dict:
    """Paragraphs whose label a deciding rule (``decides = true``) gave (``decided_by``), and on how many pages."""
    paragraphs = pages = 0
    for report in reports:
        n = sum(1 for p in report.paragraphs if p.decided_by is not None)
        paragraphs, pages = paragraphs + n, pages + bool(n)
    return {"paragraphs": paragraphs, "pages": pages}


def decided_row(result: dict) -> tuple:
    d = result["decided_by_rules"]
    return (None, "labels decided by a rule", f"{d['paragraphs']} paragraphs on {d['pages']} pages")


# -- examples ------------------------------------------------------------------------------------


def example(source: str, text: str, detail: str) -> dict:
    """One error to show a developer: where it is, its text (folded, cut to 160 characters), and why."""
    text = fold(text)
    if len(text) > EXAMPLE_CHARS:
        text = text[: EXAMPLE_CHARS - 1] + "…"
    return {"source": source, "text": text, "detail": detail}


def worst(candidates: list[tuple], n: int = MAX_EXAMPLES) -> list[dict]:
    """The examples of the ``n`` worst ``(sort key, example)`` pairs, lowest key first (stable)."""
    return [ex for _, ex in sorted(candidates, key=lambda pair: pair[0])[:n]]
