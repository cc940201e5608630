"""extraction-pages: real web pages with snippets that belong to the main text (``with``) or not (``without``).

Matching a snippet (:func:`locate`): the snippet and every report paragraph are white-space folded
(:func:`detector.page.extract.fold`; case and punctuation are left alone). The page text is the folded
paragraphs joined by one space; each place where the folded snippet occurs in it is an
occurrence, covering the paragraphs from the one where it starts to the one where it ends. So a
snippet may be part of one paragraph or run on across consecutive paragraphs.

* a ``with`` snippet is **kept** when some occurrence covers only non-boilerplate paragraphs
  (whatever their label); otherwise it is ``boilerplate`` (found, but every occurrence touches a
  boilerplate paragraph) or ``not_found``. Kept ones covering a spam-labelled paragraph are also
  counted as ``flagged as spam``.
* a ``without`` snippet is **removed** when it is not found or every occurrence covers only
  boilerplate paragraphs; otherwise it was left in the content.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from pathlib import Path

from ..labels import SPAM_LABELS
from ..page.extract import fold
from ._common import Run, decided_by_rules, decided_row, example, not_assessed, not_assessed_row, rate, worst

NAME = "extraction-pages"


def check(folder: Path) -> str | None:
    if not (folder / "snippets.json").is_file():
        return f"{folder / 'snippets.json'} not found"
    return None


def locate(snippet: str, folded: list[str]) -> list[tuple[int, int]]:
    """``(first, last)`` paragraph positions covered by each occurrence of ``snippet`` in the folded
    paragraphs ``folded`` (see the module docstring)."""
    needle = fold(snippet)
    if not needle:
        return []
    offsets, position = [], 0
    for text in folded:
        offsets.append(position)
        position += len(text) + 1
    joined = " ".join(folded)
    occurrences = []
    start = joined.find(needle)
    while start != -1:
        occurrences.append(
            (bisect_right(offsets, start) - 1, bisect_right(offsets, start + len(needle) - 1) - 1)
        )
        start = joined.find(needle, start + 1)
    return occurrences


def snippet_outcome(snippet: str, paragraphs: list, folded: list[str] | None = None) -> tuple[str, list]:
    """``(outcome, paragraphs)``: ``kept`` with the paragraphs of the first all-non-boilerplate occurrence,
    ``boilerplate`` with those of the first occurrence, or ``not_found`` with none."""
    folded = folded if folded is not None else [fold(p.text) for p in paragraphs]
    occurrences = [paragraphs[first : last + 1] for first, last in locate(snippet, folded)]
    if not occurrences:
        return "not_found", []
    for covered in occurrences:
        if all(p.label != "boilerplate" for p in covered):
            return "kept", covered
    return "boilerplate", occurrences[0]


def _labels(covered: list) -> str:
    return ", ".join(f"{p.label} (paragraph {p.index})" for p in covered)


def evaluate(run: Run, folder: Path) -> dict:
    entries, reports = run.score_index(folder, "snippets.json")
    with_counts: Counter = Counter()
    without_counts: Counter = Counter()
    spam = errors = 0
    false_positives, misses = [], []
    for entry, report in zip(entries, reports, strict=True):
        errors += report.error is not None
        if report.not_assessed is not None:  # another language: left out, counted apart
            continue
        paragraphs = report.paragraphs
        folded = [fold(p.text) for p in paragraphs]
        for snippet in entry["with"]:
            outcome, covered = snippet_outcome(snippet, paragraphs, folded)
            with_counts[outcome] += 1
            flagged = [p for p in covered if p.label in SPAM_LABELS]
            if outcome == "kept" and flagged:
                spam += 1
                false_positives.append(
                    (
                        (0, flagged[0].credibility),
                        example(
                            entry["file"],
                            snippet,
                            f"main text flagged {flagged[0].label}, credibility {flagged[0].credibility:.2f}",
                        ),
                    )
                )
            elif outcome != "kept":
                detail = "not found" if outcome == "not_found" else f"labelled {_labels(covered)}"
                misses.append((-len(snippet), example(entry["file"], snippet, "main text " + detail)))
        for snippet in entry["without"]:
            outcome, covered = snippet_outcome(snippet, paragraphs, folded)
            removed = outcome != "kept"
            without_counts["removed" if removed else "kept"] += 1
            if not removed:
                false_positives.append(
                    (
                        (1, -len(snippet)),
                        example(entry["file"], snippet, f"boilerplate kept as {_labels(covered)}"),
                    )
                )
    n_with, n_without = sum(with_counts.values()), sum(without_counts.values())
    return {
        "items": len(entries),
        "pages": len(entries),
        "errors": errors,
        "not_assessed": not_assessed(reports),
        "with_snippets": n_with,
        "with_kept": with_counts["kept"],
        "with_kept_rate": rate(with_counts["kept"], n_with),
        "with_labelled_boilerplate": with_counts["boilerplate"],
        "with_not_found": with_counts["not_found"],
        "with_flagged_as_spam": spam,
        "with_flagged_as_spam_rate": rate(spam, n_with),
        "without_snippets": n_without,
        "without_removed": without_counts["removed"],
        "without_removed_rate": rate(without_counts["removed"], n_without),
        "decided_by_rules": decided_by_rules(reports),
        "examples": {"false_positives": worst(false_positives), "misses": worst(misses)},
    }


def rows(result: dict) -> list[tuple]:
    r = result
    kept = (
        f"{r['with_kept_rate']:.1%} ({r['with_kept']}/{r['with_snippets']}; "
        f"{r['with_labelled_boilerplate']} boilerplate, {r['with_not_found']} not found)"
    )
    spam = f"{r['with_flagged_as_spam_rate']:.1%} ({r['with_flagged_as_spam']})"
    removed = f"{r['without_removed_rate']:.1%} ({r['without_removed']}/{r['without_snippets']})"
    return [
        ("with_kept_rate", "main-text snippets kept", kept),
        (None, "main-text snippets flagged as spam", spam),
        (None, "boilerplate snippets removed", removed),
        decided_row(r),
        not_assessed_row(r),
    ]


def items(result: dict) -> str:
    return f"{result['pages']} pages, {result['with_snippets']} + {result['without_snippets']} snippets"
