"""The labelled corpus: pages and the ``labels*.jsonl`` rows that label their paragraphs."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..exceptions import CorpusError, DetectorError
from ..labels import LABELS
from ..page.extract import Page, extract_page, fold
from ..report.schema import text_sha256


@dataclass
class LabelledPage:
    """A page with the label of each labelled block (``{block index: (label, clear)}``)."""

    path: Path
    page: Page
    labels: dict[int, tuple[str, bool]] = field(default_factory=dict)


def label_files(root: Path) -> list[Path]:
    """Every ``labels*.jsonl`` below ``root``, in a stable order."""
    return sorted(Path(root).rglob("labels*.jsonl"))


def _json_lines(path: Path):
    """``(line number, parsed object)`` of each non-blank line of a JSONL file.

    Raises
    ------
    CorpusError
        A line is not valid JSON (with the file and line number).
    """
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            yield n, json.loads(line)
        except json.JSONDecodeError as exc:
            raise CorpusError(f"{path}:{n}: not valid JSON: {exc}") from exc


def read_rows(path: Path) -> list[dict]:
    """The rows of one label file, validated."""
    rows = []
    for n, row in _json_lines(path):
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
                    raise CorpusError(
                        f"{where}: paragraph {index} of {row['file']} is labelled both "
                        f"{previous[0]!r} and {row['label']!r}"
                    )
                labelled.labels[index] = (row["label"], row["clear"] and (previous is None or previous[1]))
    return list(pages.values())


def corpus_sha256(paths: list[Path], root: Path, extra: Sequence[Path] = ()) -> str:
    """sha256 over the label files, every page they name and the ``extra`` files (paths relative to ``root``)."""
    digest = hashlib.sha256()
    files = {Path(path).resolve() for path in extra}
    for label_path in paths:
        files.add(Path(label_path).resolve())
        for row in read_rows(label_path):
            files.add((Path(label_path).parent / row["file"]).resolve())
    root = Path(root).resolve()
    for path in sorted(files):
        name = str(path.relative_to(root)) if path.is_relative_to(root) else path.name
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


#: Keys of one moderator decision, as the review report exports them.
DECISION_KEYS = ("source", "index", "text_sha256", "text", "label")


@dataclass
class FeedbackStats:
    """How the moderators' decisions were applied."""

    decisions: int = 0
    in_page: int = 0
    standalone: int = 0
    overrides: int = 0


def read_decisions(path: Path) -> list[dict]:
    """The decisions of a review report's ``decisions.jsonl``, validated; the last decision per paragraph wins."""
    latest: dict[tuple, dict] = {}
    for n, row in _json_lines(path):
        if not isinstance(row, dict) or set(DECISION_KEYS) - set(row):
            raise CorpusError(f"{path}:{n}: a decision needs the keys {list(DECISION_KEYS)}")
        if row["label"] not in LABELS:
            raise CorpusError(f"{path}:{n}: unknown label {row['label']!r}")
        if text_sha256(str(row["text"])) != row["text_sha256"]:
            raise CorpusError(f"{path}:{n}: text_sha256 does not match the decision's text")
        latest[(row["source"], row["index"], row["text_sha256"])] = row
    return list(latest.values())


def apply_feedback(pages: list[LabelledPage], decisions: list[dict], base: Path) -> FeedbackStats:
    """Add moderators' decisions to ``pages`` as labels; a decision overrides a label the corpus gave.

    A decision is placed in its page (``source``, relative to ``base`` unless absolute) when the page
    is still there and holds the same paragraph text; the page's context then trains too. Otherwise its
    text becomes a page of its own, so no decision is lost.
    """
    from ..page.reading import read_page  # the audit's reader: gzip and size limit
    from ..scoring import ScoreOptions

    by_path = {labelled.path: labelled for labelled in pages}
    stats = FeedbackStats()
    for decision in decisions:
        stats.decisions += 1
        path = Path(decision["source"])
        path = (path if path.is_absolute() else Path(base) / path).resolve()
        labelled = by_path.get(path)
        if labelled is None and path.is_file():
            try:
                labelled = LabelledPage(
                    path=path, page=extract_page(read_page(path, ScoreOptions().max_bytes), source=str(path))
                )
            except (OSError, DetectorError):
                labelled = None
            else:
                by_path[path] = labelled
                pages.append(labelled)
        index = _find_block(labelled.page, decision) if labelled else None
        if labelled is None or index is None:
            key = hashlib.sha256(f"{decision['source']}#{decision['index']}".encode()).hexdigest()[:16]
            labelled = LabelledPage(
                path=Path(base) / "feedback" / key,
                page=extract_page(decision["text"], source=f"feedback:{key}", content_type="text"),
            )
            labelled.labels = {b.index: (decision["label"], True) for b in labelled.page.blocks}
            pages.append(labelled)
            stats.standalone += 1
            continue
        previous = labelled.labels.get(index)
        stats.overrides += previous is not None and previous[0] != decision["label"]
        labelled.labels[index] = (decision["label"], True)
        stats.in_page += 1
    return stats


def _find_block(page: Page, decision: dict) -> int | None:
    """The index of the decision's paragraph in ``page``: at its index if the text matches, else by text."""
    want = decision["text_sha256"]
    blocks = page.blocks
    index = decision["index"]
    if isinstance(index, int) and 0 <= index < len(blocks) and text_sha256(blocks[index].text) == want:
        return blocks[index].index
    return next((b.index for b in blocks if text_sha256(b.text) == want), None)
