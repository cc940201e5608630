"""How often a credible paragraph shows a flag: the flags a moderator sees must explain the decision.

A paragraph's ``flags`` are the evidence for its label (:mod:`detector.report.explain`): a paragraph the
model calls credible shows none unless it is in doubt (credibility below
:data:`~detector.labels.DOUBTFUL_CREDIBILITY`). The figure is the share of the model's credible
paragraphs with a displayed flag (target: under 5%), on the seed pages (every page a ``labels*.jsonl``
under ``seeds/pages`` names, scored with the model: the model's labels, not the gold ones) and on
news-pages (every page of ``ground-truth.json``). ``detector evaluate`` reports it for both corpora;
alone, cheaply (no training; about 20 s for both on one core)::

    python -m detector.evaluation.flags [--seeds DIR] [--news DIR] [--jobs N]

For comparison it also counts the credible paragraphs on which any rule fired (in ``flags`` or
``other_evidence``): those showed a flag before the flags were the evidence for the label only.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from ..choices import CHECKOUT, DEFAULT_CORPORA
from ..report.schema import PageReport
from ._common import Run, rate

#: The share of the model's credible paragraphs that may show a flag.
TARGET = 0.05
#: The most frequent displayed flags listed.
TOP = 10


def flag_name(flag) -> str:
    """A flag as the list of most frequent flags names it: its rule, or the classifier and its label."""
    return flag.rule or f"classifier ({flag.category})"


def credible_flag_figures(reports: Sequence[PageReport], top: int = TOP) -> dict:
    """Of the paragraphs labelled credible in ``reports``: how many show a flag (and the share), the
    ``top`` most frequent displayed flags, and how many had any rule fire (shown before issue 23)."""
    credible = flagged = fired = 0
    names: Counter = Counter()
    for report in reports:
        for p in report.paragraphs:
            if p.label != "credible":
                continue
            credible += 1
            flagged += bool(p.flags)
            fired += any(flag.rule for flag in (*p.flags, *p.other_evidence))
            names.update(flag_name(flag) for flag in p.flags)
    return {
        "credible_paragraphs": credible,
        "credible_flagged": flagged,
        "credible_flagged_rate": rate(flagged, credible),
        "credible_flagged_top": names.most_common(top),
        "credible_any_rule": fired,
        "credible_any_rule_rate": rate(fired, credible),
    }


def credible_flag_row(result: dict) -> tuple:
    """The summary table's row of the figure (its target is ``credible_flagged_rate``)."""
    value = (
        f"{result['credible_flagged_rate']:.2%} ({result['credible_flagged']} of "
        f"{result['credible_paragraphs']})"
    )
    return ("credible_flagged_rate", "credible paragraphs with a displayed flag", value)


# -- the corpora ----------------------------------------------------------------------------------


def seed_pages(seeds: Path) -> list[Path]:
    """Every page a ``labels*.jsonl`` under ``seeds/pages`` names, once, in a stable order."""
    pages: dict[Path, None] = {}
    for labels in sorted((seeds / "pages").rglob("labels*.jsonl")):
        for line in labels.read_text(encoding="utf-8").splitlines():
            if line.strip():
                path = labels.parent / json.loads(line)["file"]
                if path.is_file():
                    pages.setdefault(path, None)
    return list(pages)


def check_seeds(seeds: Path) -> str | None:
    """Why the seed pages cannot be measured, or None."""
    if not (seeds / "pages").is_dir():
        return f"{seeds / 'pages'} not found (the seed pages need a checkout of the repository)"
    if not seed_pages(seeds):
        return f"no labelled page under {seeds / 'pages'}"
    return None


def seed_figures(run: Run, seeds: Path) -> dict:
    """The figure on the seed pages, scored with ``run``'s model."""
    pages = run.limited(seed_pages(seeds))
    reports = run.score_files([(path, str(path.relative_to(seeds))) for path in pages])
    return {"seed_pages": len(pages), **credible_flag_figures(reports)}


def check_news(news: Path) -> str | None:
    """Why news-pages cannot be measured, or None."""
    from .news_pages import check

    return f"{news} not found" if not news.is_dir() else check(news)


def news_figures(run: Run, news: Path) -> dict:
    """The figure on news-pages."""
    _, reports = run.score_index(news, "ground-truth.json")
    return {"pages": len(reports), **credible_flag_figures(reports)}


# -- alone ----------------------------------------------------------------------------------------


def render(name: str, figures: dict) -> list[str]:
    """One corpus's lines: credible paragraphs, with a displayed flag, share (PASS / FAIL), top flags."""
    share = figures["credible_flagged_rate"]
    lines = [
        f"{name}: {figures['credible_paragraphs']} credible paragraphs, {figures['credible_flagged']} with a "
        f"displayed flag: {share:.2%} (target < {TARGET:.0%}: {'PASS' if share < TARGET else 'FAIL'})",
        f"  with any rule that fired (every rule shown, before issue 23): {figures['credible_any_rule']} "
        f"({figures['credible_any_rule_rate']:.2%})",
    ]
    if figures["credible_flagged_top"]:
        lines.append(f"  most frequent displayed flags on credible paragraphs (top {TOP}):")
        lines += [f"    {n:6d}  {name}" for name, n in figures["credible_flagged_top"]]
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m detector.evaluation.flags",
        description="Share of the model's credible paragraphs with a displayed flag, on the seed pages and "
        f"news-pages (target: under {TARGET:.0%}).",
    )
    parser.add_argument("--seeds", type=Path, default=CHECKOUT / "seeds", help="the seed corpus folder")
    parser.add_argument(
        "--news", type=Path, default=DEFAULT_CORPORA / "news-pages", help="the news-pages corpus folder"
    )
    parser.add_argument("--jobs", "-j", type=int, default=1, help="worker processes")
    parser.add_argument("--limit", type=int, default=None, help="at most N pages per corpus (a quick look)")
    args = parser.parse_args(argv)
    from ..report.display import clean
    from ..scoring import Detector

    run = Run(detector=Detector.load(), jobs=max(1, args.jobs), limit=args.limit)
    for name, folder, check, measure in (
        ("seeds", args.seeds, check_seeds, seed_figures),
        ("news-pages", args.news, check_news, news_figures),
    ):
        reason = check(folder)
        if reason:
            print(clean(f"{name}: skipped, {reason}"))
            continue
        print("\n".join(clean(line) for line in render(name, measure(run, folder))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
