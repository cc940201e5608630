"""How many real pages get each page-level signal (hidden text, keyword stuffing): false alarms.

Every page here is a real, ordinary page, so every signal is a false alarm to look at. No model is
needed: the signals read the parsed page only (about 30 s on one core)::

    python -m detector.evaluation.page_signals [--corpora DIR] [--seeds DIR] [--json]

- news-pages and extraction-pages (``../shared/corpora``; each skipped, with the reason, when absent);
- the seed pages (``seeds/*.txt`` and every HTML and text page under ``seeds/pages``): the training
  corpus's pages, spam paragraphs among them but no SEO-spam technique.

It prints, per corpus, the pages and how many get each signal, then every page that gets one, with what
was found.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from ..choices import CHECKOUT, DEFAULT_CORPORA
from ..exceptions import InputError
from ..page.extract import extract_page
from ..report.display import clean
from ..signals.page_signals import SIGNAL_NAMES, Finding, find_signals

#: The corpora of ``../shared/corpora`` read, and the pages of each.
CORPORA = {"news-pages": "*.html", "extraction-pages": "*.html"}


def corpus_pages(corpora: Path, seeds: Path) -> tuple[dict[str, list[Path]], list[str]]:
    """The pages of each corpus, and why a corpus was skipped."""
    found: dict[str, list[Path]] = {}
    skipped: list[str] = []
    for name, pattern in CORPORA.items():
        folder = corpora / name
        if folder.is_dir():
            found[name] = sorted(folder.glob(pattern))
        else:
            skipped.append(f"skipped {name}: {folder} not found")
    if seeds.is_dir():
        found["seeds"] = sorted(seeds.glob("*.txt")) + sorted(
            path for path in (seeds / "pages").rglob("*") if path.suffix in (".html", ".txt")
        )
    else:
        skipped.append(f"skipped the seed pages: {seeds} not found")
    return found, skipped


def page_findings(path: Path) -> list[Finding]:
    """The signals of one page file (none for a page that cannot be read)."""
    try:
        return find_signals(extract_page(path.read_bytes(), source=str(path)))
    except InputError:
        return []


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m detector.evaluation.page_signals",
        description="How many real pages get each page-level signal (every one is a false alarm).",
    )
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA, help="the shared corpora folder")
    parser.add_argument("--seeds", type=Path, default=CHECKOUT / "seeds", help="the labelled corpus folder")
    parser.add_argument("--json", action="store_true", help="print the counts and hits as JSON")
    options = parser.parse_args(argv)
    pages, skipped = corpus_pages(options.corpora, options.seeds)
    for reason in skipped:
        print(reason, file=sys.stderr)
    results: dict[str, dict] = {}
    for name, paths in pages.items():
        hits = {str(path): page_findings(path) for path in paths}
        hits = {path: found for path, found in hits.items() if found}
        results[name] = {
            "pages": len(paths),
            **{
                signal: sum(any(f.name == signal for f in found) for found in hits.values())
                for signal in SIGNAL_NAMES
            },
            "hits": {path: [[f.name, f.finding, f.evidence] for f in found] for path, found in hits.items()},
        }
    if options.json:
        print(json.dumps(results, indent=2, ensure_ascii=False))
        return 0
    for name, result in results.items():
        counts = ", ".join(
            f"{signal} {result[signal]} ({result[signal] / max(result['pages'], 1):.1%})"
            for signal in SIGNAL_NAMES
        )
        print(f"{name}: {result['pages']} pages; {counts}")
        for path, found in result["hits"].items():
            for signal, finding, evidence in found:
                print(f"  {clean(Path(path).name)}: {signal}: {clean(finding)}\n     {clean(evidence)[:200]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
