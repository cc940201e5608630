"""The JSON report of every seed page and every evaluation-corpus page, one line per page.

    python -m detector.evaluation.snapshot OUT.jsonl [--corpora DIR]

A restructuring that must not change behaviour is checked by writing a snapshot before and after
and comparing the two files byte for byte (``cmp``). Pages: ``seeds/*.txt`` and every file under
``seeds/pages`` of the checkout, and the ``.html`` / ``.txt`` pages of the ``news-pages``,
``extraction-pages`` and ``celebrity-news`` corpora (a corpus that is absent is skipped with the
reason printed). Lines are sorted by the page's path; the model is loaded once. The report's
``source`` is the path relative to the checkout (seeds) or to the corpora folder.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..choices import CHECKOUT, DEFAULT_CORPORA
from ..scoring import Detector

ROOT = CHECKOUT
#: The corpora whose pages are reported (weasel-sentences holds sentences, not pages).
CORPORA = ("news-pages", "extraction-pages", "celebrity-news")
PAGE_SUFFIXES = (".html", ".htm", ".txt")


def seed_pages(root: Path = ROOT) -> list[tuple[Path, str]]:
    """``(path, name)`` of the seed pages: ``seeds/*.txt`` and every file under ``seeds/pages``."""
    seeds = root / "seeds"
    files = sorted(seeds.glob("*.txt")) + sorted(p for p in (seeds / "pages").rglob("*") if p.is_file())
    return [(path, path.relative_to(root).as_posix()) for path in files]


def corpus_pages(corpora: Path, name: str) -> tuple[list[tuple[Path, str]], str | None]:
    """``(path, name)`` of a corpus's pages, or no pages and why."""
    folder = corpora / name
    if not folder.is_dir():
        return [], f"{folder} not found"
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in PAGE_SUFFIXES)
    return [(path, path.relative_to(corpora).as_posix()) for path in files], None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m detector.evaluation.snapshot", description=__doc__.split("\n")[0]
    )
    parser.add_argument("out", type=Path, help="the JSONL file to write")
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA, help="the evaluation corpora folder")
    args = parser.parse_args(argv)

    pages: list[tuple[Path, str]] = []
    if (ROOT / "seeds").is_dir():
        pages += seed_pages()
    else:
        print(f"seeds: skipped ({ROOT / 'seeds'} not found: needs a checkout)", file=sys.stderr)
    for name in CORPORA:
        found, reason = corpus_pages(args.corpora, name)
        if reason is not None:
            print(f"{name}: skipped ({reason})", file=sys.stderr)
        pages += found

    detector = Detector.load()
    lines = sorted(
        (name, detector.score(path.read_bytes(), source=name).model_dump_json()) for path, name in pages
    )
    with args.out.open("w", encoding="utf-8", newline="\n") as out:
        for _, line in lines:
            out.write(line + "\n")
    print(f"{len(lines)} pages written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
