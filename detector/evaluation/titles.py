"""How often a text page's title is its headline: the title names the page's subject for the report and
for the signals, so a masthead or a menu taken for it misleads both.

Two corpora, no model needed (about 10 s on one core)::

    python -m detector.evaluation.titles [--seeds DIR] [--corpora DIR] [--verbose]

- the text pages of the training corpus (every ``.txt`` page a ``labels*.jsonl`` under ``seeds/pages``
  names): the title should be the page's first paragraph labelled ``credible``, its headline;
- celebrity-news (``../shared/corpora``; skipped, with the reason, when absent): the title should be
  the first line, as the corpus documents.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from ..choices import CHECKOUT, DEFAULT_CORPORA
from ..page.extract import extract_page
from ..report.display import clean
from ..training.corpus import label_files, load_corpus


def seed_titles(seeds: Path) -> list[tuple[str, str | None, str]]:
    """Per text page of the training corpus: its name, the title found and its first credible paragraph."""
    found = []
    for labels in label_files(seeds / "pages"):
        for page in load_corpus([labels]):
            if page.path.suffix != ".txt":
                continue
            report = extract_page(page.path.read_bytes(), source=str(page.path), content_type="text")
            credible = [i for i, (label, *_) in sorted(page.labels.items()) if label == "credible"]
            if credible:
                found.append((page.path.name, report.title, report.blocks[credible[0]].text))
    return found


def celebrity_titles(corpora: Path) -> list[tuple[str, str | None, str]]:
    """Per page of celebrity-news: its name, the title found and its first line."""
    found = []
    for path in sorted((corpora / "celebrity-news").rglob("*.txt")):
        raw = path.read_bytes()
        lines = [line.strip() for line in raw.decode("utf-8", "replace").splitlines() if line.strip()]
        if lines:
            title = extract_page(raw, source=str(path), content_type="text").title
            found.append((path.name, title and title.strip(), lines[0]))
    return found


def render(name: str, found: list[tuple[str, str | None, str]], verbose: bool) -> list[str]:
    right = sum(title == wanted for _, title, wanted in found)
    lines = [f"{name}: the title is the headline on {right} of {len(found)} text pages"]
    if verbose:
        for page, title, wanted in found:
            if title != wanted:
                lines.append(f"  {page}: {clean(title)[:70]!r}, not {clean(wanted)[:70]!r}")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m detector.evaluation.titles",
        description="How often a text page's title is its headline, on the training corpus's text pages and "
        "on celebrity-news.",
    )
    parser.add_argument("--seeds", type=Path, default=CHECKOUT / "seeds", help="the labelled corpus folder")
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA, help="the shared corpora folder")
    parser.add_argument(
        "--verbose", action="store_true", help="list every page whose title is not its headline"
    )
    parser.add_argument("--json", action="store_true", help="print the counts as JSON")
    options = parser.parse_args(argv)
    results: dict[str, list] = {}
    if (options.seeds / "pages").is_dir():
        results["training text pages"] = seed_titles(options.seeds)
    else:
        print(f"skipped the training text pages: {options.seeds / 'pages'} not found", file=sys.stderr)
    if (options.corpora / "celebrity-news").is_dir():
        results["celebrity-news"] = celebrity_titles(options.corpora)
    else:
        print(f"skipped celebrity-news: {options.corpora / 'celebrity-news'} not found", file=sys.stderr)
    if options.json:
        counts = {
            name: {"pages": len(found), "headline": sum(t == w for _, t, w in found)}
            for name, found in results.items()
        }
        print(json.dumps(counts, indent=2))
    else:
        for name, found in results.items():
            print("\n".join(render(name, found, options.verbose)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
