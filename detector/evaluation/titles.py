"""How often a text page's title is its headline: the title names the page's subject for the report and
for the signals, so a masthead or a menu taken for it misleads both.

Three sets of pages, no model needed (about 20 s on one core)::

    python -m detector.evaluation.titles [--seeds DIR] [--corpora DIR] [--verbose]

- the text pages of the training corpus (every ``.txt`` page a ``labels*.jsonl`` under ``seeds/pages``
  names): the title should be the page's first paragraph labelled ``credible``, its headline;
- its HTML pages: the title should name the headline's story (half its words or more in the page's
  first paragraph labelled ``credible``; an SEO title may word it otherwise, a site's name does not);
- celebrity-news (``../shared/corpora``; skipped, with the reason, when absent): the title should be
  the first line, as the corpus documents.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from ..choices import CHECKOUT, DEFAULT_CORPORA
from ..page.extract import extract_page
from ..report.display import clean
from ..training.corpus import label_files, load_corpus

_WORD = re.compile(r"[^\W\d_]{4,}")


def seed_titles(seeds: Path, html: bool = False) -> list[tuple[str, str | None, str]]:
    """Per text page (HTML page, ``html``) of the training corpus: its name, the title found and its first
    credible paragraph."""
    found = []
    for labels in label_files(seeds / "pages"):
        for page in load_corpus([labels]):
            if (page.path.suffix == ".txt") == html:
                continue
            report = extract_page(page.path.read_bytes(), source=str(page.path))
            credible = [i for i, (label, *_) in sorted(page.labels.items()) if label == "credible"]
            if credible:
                found.append((page.path.name, report.title, report.blocks[credible[0]].text))
    return found


def names_the_story(title: str | None, headline: str) -> bool:
    """Whether half of ``title``'s words or more are words of ``headline``."""
    words = set(_WORD.findall((title or "").lower()))
    return bool(words) and len(words & set(_WORD.findall(headline.lower()))) >= len(words) / 2


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


def right(name: str, title: str | None, wanted: str) -> bool:
    """Whether ``title`` is right for a page of the corpus ``name`` (see the module's description)."""
    return names_the_story(title, wanted) if name == HTML else title == wanted


HTML = "training HTML pages"


def render(name: str, found: list[tuple[str, str | None, str]], verbose: bool) -> list[str]:
    good = sum(right(name, title, wanted) for _, title, wanted in found)
    what = "names the headline's story" if name == HTML else "is the headline"
    lines = [f"{name}: the title {what} on {good} of {len(found)} pages"]
    if verbose:
        for page, title, wanted in found:
            if not right(name, title, wanted):
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
        results[HTML] = seed_titles(options.seeds, html=True)
    else:
        print(f"skipped the training text pages: {options.seeds / 'pages'} not found", file=sys.stderr)
    if (options.corpora / "celebrity-news").is_dir():
        results["celebrity-news"] = celebrity_titles(options.corpora)
    else:
        print(f"skipped celebrity-news: {options.corpora / 'celebrity-news'} not found", file=sys.stderr)
    if options.json:
        counts = {
            name: {"pages": len(found), "right": sum(right(name, t, w) for _, t, w in found)}
            for name, found in results.items()
        }
        print(json.dumps(counts, indent=2))
    else:
        for name, found in results.items():
            print("\n".join(render(name, found, options.verbose)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
