"""Review report benchmark: size, DOM and time to interactive of a synthetic audit's report in Chromium.

    python -m detector.benchmarks.review_report [--pages 1000] [--paragraphs 30] [--runs 3] [--keep DIR]
                                                [--results results.jsonl]

Builds a synthetic results JSONL (``--pages`` pages of about ``--paragraphs`` paragraphs each, verdicts
mixed like the seed audit: a quarter spam, a third suspicious, the rest credible, and a few pages not
scored; flags and "Other evidence" on most paragraphs, as in the seed audit), or takes a real audit's (``--results``), writes its review report with :func:`~detector.report.review.build_review` (no model needed),
and opens it ``--runs`` times in headless Chromium (``/usr/bin/chromium`` through Playwright, never
``playwright install``). Prints the file size, the time to build it, and the median over the runs of the
time to DOMContentLoaded, the time to interactive (until the report's script sets
``document.body.dataset.ready``, by ``performance.now()``), the DOM node count once interactive, and the
``<select>`` elements in the DOM. Target (printed PASS/FAIL): interactive in under 2 s for 1,000 pages.
Timings are only as good as the machine is quiet.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from ..labels import LABELS, Verdict
from ..report.review import build_review
from ..report.schema import ErrorInfo, Flag, ModelInfo, PageReport, Paragraph, Section

CHROMIUM = Path("/usr/bin/chromium")
TARGET_SECONDS = 2.0
_WORDS = [
    "council",
    "ferry",
    "budget",
    "harbour",
    "mayor",
    "approved",
    "tuesday",
    "said",
    "report",
    "season",
    "tickets",
    "discount",
    "code",
    "best",
    "offer",
    "doctors",
    "celebrity",
    "diets",
    "rumour",
    "sources",
    "claim",
    "insiders",
    "reveal",
    "shocking",
    "today",
    "free",
    "shipping",
]
_SPAM = [label for label in LABELS if label not in ("credible", "boilerplate")]


def synthetic_report(i: int, rng: random.Random, paragraphs: int, model: ModelInfo) -> PageReport:
    """One page report: its verdict, paragraph labels and flags drawn like a real audit's."""
    roll = rng.random()
    if roll < 0.02:
        error = ErrorInfo(type="BinaryInputError", message="the input is a binary file")
        return PageReport(
            source=f"pages/{i:05d}.pdf", sha256=None, title=None, credibility=None, verdict=None,
            counts=dict.fromkeys(LABELS, 0), paragraphs=[], model=model, error=error,
        )  # fmt: skip
    verdict: Verdict = "spam" if roll < 0.25 else "suspicious" if roll < 0.58 else "credible"
    spam_share = {"spam": 0.6, "suspicious": 0.25, "credible": 0.03}[verdict]
    n = max(1, int(rng.gauss(paragraphs, paragraphs / 3)))
    paras = []
    for index in range(n):
        text = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(12, 60))).capitalize() + "."
        if rng.random() < spam_share:
            label, cred = rng.choice(_SPAM), rng.uniform(0.02, 0.45)
        else:
            label, cred = rng.choice(("credible", "credible", "credible", "boilerplate")), rng.uniform(0.3, 1)
        flags = []
        if label not in ("credible", "boilerplate") or cred < 0.5:
            category = label if label in _SPAM else rng.choice(_SPAM)
            flags = [
                Flag(category=category, rule="PROMO_OFFER", score=1.4, reason="An offer.", evidence="code"),
                Flag(
                    category=category, rule=None, score=0.61, reason="The classifier says so.", evidence="x"
                ),
            ]
        # like the seed audit: most paragraphs have rules that fired without giving the label
        other = [
            Flag(category=rng.choice(LABELS), rule=f"RULE_{rng.randint(1, 40)}", score=rng.uniform(-1, 2),
                 reason="What the rule looks for, in a sentence a moderator can read.", evidence="said")
            for _ in range(rng.choice((0, 1, 2, 2, 3, 4)))
        ]  # fmt: skip
        paras.append(
            Paragraph(
                index=index, text=text, kind="paragraph", in_main_text=rng.random() < 0.8,
                credibility=round(cred, 3), label=label, flags=flags, other_evidence=other,
            )
        )  # fmt: skip
    counts = dict.fromkeys(LABELS, 0)
    for p in paras:
        counts[p.label] += 1
    ranges = {"spam": (0.0, 0.45), "suspicious": (0.4, 0.8), "credible": (0.7, 1.0)}
    half = n // 2
    sections = [
        Section(index=0, kind="article", label="credible", credibility=0.8, paragraphs=list(range(half)),
                reasons=["the article body"]),
        Section(index=1, kind="aside", label=paras[-1].label, credibility=0.3, paragraphs=list(range(half, n)),
                reasons=["a sidebar"]),
    ] if half else []  # fmt: skip
    return PageReport(
        source=f"pages/{i:05d}.html", sha256=None, title=f"Page {i}: {' '.join(rng.sample(_WORDS, 5))}",
        credibility=round(rng.uniform(*ranges[verdict]), 4), verdict=verdict, counts=counts, paragraphs=paras,
        sections=sections, model=model,
    )  # fmt: skip


def write_results(path: Path, pages: int, paragraphs: int, seed: int = 23) -> None:
    """The synthetic results JSONL."""
    rng = random.Random(seed)
    model = ModelInfo(name="detector", version="0.0.0-bench", sha256="0" * 64, official=True)
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(pages):
            fh.write(synthetic_report(i, rng, paragraphs, model).model_dump_json() + "\n")


_MEASURE = """() => {
  const nav = performance.getEntriesByType("navigation")[0];
  return {
    dcl: nav.domContentLoadedEventEnd,
    ready: Number(document.body.dataset.ready),
    nodes: document.getElementsByTagName("*").length,
    selects: document.getElementsByTagName("select").length,
  };
}"""


def measure(html: Path, runs: int) -> dict:
    """Median time to DOMContentLoaded and to interactive (ms), and the DOM once interactive."""
    from playwright import sync_api

    results = []
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            for _ in range(runs):
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                page = context.new_page()
                page.goto(html.as_uri(), timeout=120_000)
                page.wait_for_function("() => document.body.dataset.ready", timeout=120_000)
                results.append(page.evaluate(_MEASURE))
                context.close()
        finally:
            browser.close()
    return {key: statistics.median(r[key] for r in results) for key in results[0]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--paragraphs", type=int, default=30, help="mean paragraphs per page")
    parser.add_argument("--runs", type=int, default=3, help="page loads to take the median of")
    parser.add_argument("--keep", type=Path, help="write the JSONL and the report into this folder")
    parser.add_argument("--results", type=Path, help="an audit's results JSONL instead of synthetic pages")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        results, html = folder / "results.jsonl", folder / "review.html"
        if args.results:
            results = args.results
        else:
            write_results(results, args.pages, args.paragraphs)
        start = time.perf_counter()
        pages = build_review(results, html, max_pages=None).pages
        built = time.perf_counter() - start
        size = html.stat().st_size
        got = measure(html, args.runs)
    ready = got["ready"] / 1000
    about = f" from {args.results.name}" if args.results else f" (about {args.paragraphs} paragraphs each)"
    print(f"pages:               {pages}{about}")
    print(f"report size:         {size / 1e6:.2f} MB (built in {built:.1f} s)")
    print(f"DOMContentLoaded:    {got['dcl'] / 1000:.2f} s (median of {args.runs})")
    print(f"interactive:         {ready:.2f} s")
    print(f"DOM nodes:           {int(got['nodes'])} ({int(got['selects'])} <select>)")
    verdict = "PASS" if ready < TARGET_SECONDS else "FAIL"
    print(f"target:              interactive < {TARGET_SECONDS:.0f} s: {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
