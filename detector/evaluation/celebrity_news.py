"""celebrity-news: fake (``fake/``) and legit (``legit/``) celebrity stories, plain text, first line the title.

Each file is scored as a text page. Page credibility should rank legit stories above fake ones:
the figure is the ROC AUC with legit = positive and score = credibility (1.0 perfect, 0.5 chance,
below 0.5 backwards). Also the mean credibility and the verdicts of each class.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from ._common import Run, decided_by_rules, decided_row, example, roc_auc, worst

NAME = "celebrity-news"
CLASSES = ("legit", "fake")


def check(folder: Path) -> str | None:
    missing = [name for name in CLASSES if not (folder / name).is_dir()]
    return f"{', '.join(str(folder / m) for m in missing)} not found" if missing else None


def files(folder: Path, limit: int | None) -> list[tuple[Path, str]]:
    """``(path, class)`` of the corpus files; with ``limit``, half of it from each class."""
    per_class = None if limit is None else max(1, (limit + 1) // 2)
    found = []
    for name in CLASSES:
        paths = sorted(p for p in (folder / name).iterdir() if p.is_file() and not p.name.startswith("."))
        found += [(path, name) for path in paths[:per_class]]
    return found


def credibility_auc(classes: list[str], credibility: list[float]) -> float | None:
    """ROC AUC of credibility for telling legit (positive) from fake."""
    return roc_auc([c == "legit" for c in classes], credibility)


def ranked_credibility(report) -> float:
    """The credibility a story is ranked by: a story that could not be scored (no credibility; counted
    in ``errors``) ranks as untrusted, as it did when such reports said 0.0, so the figures keep their
    meaning."""
    return report.credibility if report.credibility is not None else 0.0


def evaluate(run: Run, folder: Path) -> dict:
    found = files(folder, run.limit)
    reports = run.score_files([(path, f"{cls}/{path.name}") for path, cls in found], content_type="text")
    classes = [cls for _, cls in found]
    per_class: dict[str, dict] = {}
    for name in CLASSES:
        values = [ranked_credibility(r) for r, c in zip(reports, classes, strict=True) if c == name]
        verdicts = Counter(r.verdict for r, c in zip(reports, classes, strict=True) if c == name)
        per_class[name] = {
            "pages": len(values),
            "mean_credibility": round(sum(values) / len(values), 4) if values else None,
            "verdicts": {v: verdicts.get(v, 0) for v in ("credible", "suspicious", "spam")},
        }
    false_positives, misses = [], []
    for report, cls, (path, _) in zip(reports, classes, found, strict=True):
        text = path.read_text(encoding="utf-8", errors="replace")
        shown = "not scored" if report.credibility is None else f"{report.credibility:.2f}"
        detail = f"{cls}, credibility {shown}, verdict {report.verdict or 'not scored'}"
        if cls == "legit":  # a real story the detector distrusts
            false_positives.append((ranked_credibility(report), example(report.source, text, detail)))
        else:  # a false story it trusts
            misses.append((-ranked_credibility(report), example(report.source, text, detail)))
    return {
        "items": len(found),
        "errors": sum(r.error is not None for r in reports),
        "auc": credibility_auc(classes, [ranked_credibility(r) for r in reports]),
        "auc_definition": "ROC AUC of page credibility, legit = positive",
        "classes": per_class,
        "decided_by_rules": decided_by_rules(reports),
        "examples": {"false_positives": worst(false_positives), "misses": worst(misses)},
    }


def rows(result: dict) -> list[tuple]:
    auc = result["auc"]
    out: list[tuple[str | None, str, str]] = [
        ("auc", "ROC AUC credibility (legit > fake)", "n/a (one class)" if auc is None else f"{auc:.3f}")
    ]
    for name, figures in result["classes"].items():
        mean = figures["mean_credibility"]
        verdicts = ", ".join(f"{v} {n}" for v, n in figures["verdicts"].items())
        out.append((None, f"  {name}: mean credibility", "-" if mean is None else f"{mean:.3f} ({verdicts})"))
    return out + [decided_row(result)]


def items(result: dict) -> str:
    counts = ", ".join(f"{figures['pages']} {name}" for name, figures in result["classes"].items())
    return f"{result['items']} pages ({counts})"
