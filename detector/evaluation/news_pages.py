"""news-pages: real news articles (HTML) with their gold article text.

Every gold paragraph (a line of ``articleBody`` with at least 3 words) is looked up among the
report's paragraphs (see :func:`match_gold`) and counted once as

* ``spam``: a matching paragraph has a spam label (a false positive: real article text flagged);
* ``boilerplate``: every matching paragraph is labelled boilerplate (content lost);
* ``not_found``: no paragraph matches (content lost: extraction dropped or mangled it);
* ``kept`` otherwise.

A page in a language the model was not trained for is not assessed (no paragraphs): its gold paragraphs
are left out of the figures and the page is counted apart, by language (``--language en`` scores every
page as English).

It also counts the paragraphs the model calls credible that show a flag (:mod:`.flags`).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from ..labels import SPAM_LABELS
from ..page.extract import fold
from ..report.schema import Paragraph
from ..signals.hedges import weasel_word
from ._common import Run, decided_by_rules, decided_row, example, not_assessed, not_assessed_row, rate, worst
from .flags import credible_flag_figures, credible_flag_row

NAME = "news-pages"
_WORD = re.compile(r"\w+")


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


def check(folder: Path) -> str | None:
    """Why the corpus cannot be evaluated, or None."""
    if not (folder / "ground-truth.json").is_file():
        return f"{folder / 'ground-truth.json'} not found"
    return None


def match_gold(gold: str, paragraphs: list[tuple]) -> list:
    """The report paragraphs that hold the gold paragraph.

    After white-space folding: paragraphs that contain the gold text, or (for paragraphs of 40+
    characters) that the gold text contains; failing those, the paragraph sharing the most words
    with it if it holds at least 70% of the gold paragraph's words. ``paragraphs`` are
    ``(paragraph, folded text, word set)`` triples, prepared once per report.
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


def gold_outcomes(
    gold_lines: list[str], paragraphs: list[Paragraph]
) -> list[tuple[str, str, Paragraph | None]]:
    """``(gold line, outcome, paragraph)`` for each gold line: outcome ``spam``, ``boilerplate``,
    ``not_found`` or ``kept``; the paragraph is the spam-labelled match for ``spam``, else the first match."""
    prepared = [(p, fold(p.text), _words(p.text)) for p in paragraphs]
    outcomes: list[tuple[str, str, Paragraph | None]] = []
    for line in gold_lines:
        matches = match_gold(line, prepared)
        if not matches:
            outcomes.append((line, "not_found", None))
            continue
        spam = [p for p in matches if p.label in SPAM_LABELS]
        if spam:
            outcomes.append((line, "spam", spam[0]))
        elif all(p.label == "boilerplate" for p in matches):
            outcomes.append((line, "boilerplate", matches[0]))
        else:
            outcomes.append((line, "kept", matches[0]))
    return outcomes


def evaluate(run: Run, folder: Path) -> dict:
    truth, reports = run.score_index(folder, "ground-truth.json")
    counts: Counter = Counter()
    by_label: Counter = Counter()
    errors = weasel = 0
    false_positives, misses = [], []
    for item, report in zip(truth, reports, strict=True):
        errors += report.error is not None
        if report.not_assessed is not None:  # another language: no verdict, nothing to count for or against
            continue
        gold = [line for line in item["articleBody"].split("\n") if len(line.split()) >= 3]
        weasel += sum(weasel_word(line) is not None for line in gold)
        for line, outcome, paragraph in gold_outcomes(gold, report.paragraphs):
            counts[outcome] += 1
            if outcome == "spam":
                assert paragraph is not None  # a spam outcome names its paragraph
                by_label[paragraph.label] += 1
                false_positives.append(
                    (
                        paragraph.credibility,
                        example(
                            item["file"],
                            paragraph.text,
                            f"{paragraph.label}, credibility {paragraph.credibility:.2f}",
                        ),
                    )
                )
            elif outcome != "kept":
                detail = (
                    "not found"
                    if paragraph is None
                    else f"labelled boilerplate (paragraph {paragraph.index})"
                )
                misses.append((-len(line), example(item["file"], line, detail)))
    total = sum(counts.values())
    return {
        "items": len(truth),
        "pages": len(truth),
        "errors": errors,
        "not_assessed": not_assessed(reports),
        "gold_paragraphs": total,
        "flagged_as_spam": counts["spam"],
        "false_positive_rate": rate(counts["spam"], total),
        "flagged_by_label": dict(by_label),
        # calls to action are judgement calls on a real page ("Visit our homepage for more stories"); the
        # other spam labels on a real article are plain errors
        "non_promotional_rate": rate(counts["spam"] - by_label.get("promotional", 0), total),
        "labelled_boilerplate": counts["boilerplate"],
        "not_found": counts["not_found"],
        "lost_rate": rate(counts["boilerplate"] + counts["not_found"], total),
        "decided_by_rules": decided_by_rules(reports),
        **credible_flag_figures(reports),
        "with_weasel_words": weasel,
        "with_weasel_words_rate": rate(weasel, total),
        "examples": {"false_positives": worst(false_positives), "misses": worst(misses)},
    }


def rows(result: dict) -> list[tuple]:
    """``(metric key, label, value)`` rows of the summary table."""
    r = result
    labels = ", ".join(f"{k} {v}" for k, v in sorted(r["flagged_by_label"].items())) or "-"
    flagged = f"{r['false_positive_rate']:.2%} ({r['flagged_as_spam']})"
    lost = f"{r['lost_rate']:.2%} ({r['labelled_boilerplate']} boilerplate, {r['not_found']} not found)"
    return [
        ("false_positive_rate", "gold paragraphs flagged as spam", flagged),
        (None, "  by label", labels),
        ("non_promotional_rate", "  flagged other than promotional", f"{r['non_promotional_rate']:.2%}"),
        ("lost_rate", "gold paragraphs lost", lost),
        decided_row(r),
        credible_flag_row(r),
        not_assessed_row(r),
        (
            None,
            "gold paragraphs holding a weasel word",
            f"{r['with_weasel_words_rate']:.1%} ({r['with_weasel_words']})",
        ),
    ]


def items(result: dict) -> str:
    return f"{result['pages']} pages, {result['gold_paragraphs']} gold paragraphs"
