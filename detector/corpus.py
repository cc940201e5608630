"""The labelled corpus: pages and the ``labels*.jsonl`` rows that label their paragraphs."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from .exceptions import CorpusError
from .labels import LABELS
from .page import Page, extract_page, fold


@dataclass
class LabelledPage:
    """A page with the label of each labelled block (``{block index: (label, clear)}``)."""

    path: Path
    page: Page
    labels: dict[int, tuple[str, bool]] = field(default_factory=dict)


def label_files(root: Path) -> list[Path]:
    """Every ``labels*.jsonl`` below ``root``, in a stable order."""
    return sorted(Path(root).rglob("labels*.jsonl"))


def read_rows(path: Path) -> list[dict]:
    """The rows of one label file, validated."""
    rows = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CorpusError(f"{path}:{n}: not valid JSON: {exc}") from exc
        missing = {"file", "contains", "label"} - set(row)
        if missing:
            raise CorpusError(f"{path}:{n}: missing keys {sorted(missing)}")
        if row["label"] not in LABELS:
            raise CorpusError(f"{path}:{n}: unknown label {row['label']!r}")
        rows.append({**row, "clear": bool(row.get("clear", True)), "_line": n})
    return rows


def load_corpus(paths: list[Path]) -> list[LabelledPage]:
    """Load every page the label files name and attach the labels to its blocks.

    Raises
    ------
    CorpusError
        A row names a missing page, matches no paragraph, or contradicts another row.
    """
    pages: dict[Path, LabelledPage] = {}
    for label_path in paths:
        for row in read_rows(label_path):
            where = f"{label_path}:{row['_line']}"
            page_path = (label_path.parent / row["file"]).resolve()
            if page_path not in pages:
                if not page_path.exists():
                    raise CorpusError(f"{where}: page {row['file']} does not exist")
                page = extract_page(page_path.read_bytes(), source=str(page_path))
                pages[page_path] = LabelledPage(path=page_path, page=page)
            labelled = pages[page_path]
            needle = fold(row["contains"])
            hits = [b.index for b in labelled.page.blocks if needle in fold(b.text)]
            if not hits:
                raise CorpusError(f"{where}: {row['contains']!r} matches no paragraph of {row['file']}")
            for index in hits:
                previous = labelled.labels.get(index)
                if previous and previous[0] != row["label"]:
                    raise CorpusError(f"{where}: paragraph {index} of {row['file']} is labelled both "
                                      f"{previous[0]!r} and {row['label']!r}")
                labelled.labels[index] = (row["label"], row["clear"] and (previous is None or previous[1]))
    return list(pages.values())


def corpus_sha256(paths: list[Path], root: Path) -> str:
    """sha256 over the label files and every page they name (paths relative to ``root``), in a stable order."""
    digest = hashlib.sha256()
    files = set()
    for label_path in paths:
        files.add(Path(label_path).resolve())
        for row in read_rows(label_path):
            files.add((Path(label_path).parent / row["file"]).resolve())
    root = Path(root).resolve()
    for path in sorted(files):
        name = str(path.relative_to(root)) if path.is_relative_to(root) else path.name
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()
