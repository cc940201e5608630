"""Output formats of an audit: JSONL (one page report per line) and CSV (one row per paragraph).

Each format writes the rows of one report as a single string (written and flushed at once) and reads
back the complete records of an earlier run, so ``--resume`` can keep them. A record cut short by a
killed audit is not complete and is not returned.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..exceptions import AuditError
from .schema import PageReport


@dataclass(frozen=True, slots=True)
class PageFacts:
    """The few facts of a page report an audit summary needs."""

    source: str
    verdict: str | None
    credibility: float | None
    counts: dict = field(default_factory=dict)
    error: str | None = None
    #: the page's language when it was not assessed (a language the model was not trained for)
    not_assessed: str | None = None

    def __post_init__(self):
        if self.error is not None or self.not_assessed is not None:
            # not scored (also in a row written when errors were called suspicious), or not assessed
            object.__setattr__(self, "verdict", None)
            object.__setattr__(self, "credibility", None)

    @classmethod
    def of(cls, report: PageReport) -> PageFacts:
        return cls(
            source=report.source,
            verdict=report.verdict,
            credibility=report.credibility,
            counts={k: v for k, v in report.counts.items() if v},
            error=report.error.type if report.error else None,
            not_assessed=str(report.language) if report.not_assessed is not None else None,
        )


def _number(value) -> float | None:
    """A credibility as read back from a row: null (JSON) or an empty cell (CSV) is a page not scored."""
    return None if value is None or value == "" else float(value)


@dataclass(frozen=True, slots=True)
class Record:
    """One page's complete record in an existing output file, exactly as written."""

    source: str
    sha256: str | None
    facts: PageFacts
    text: str


class JsonlFormat:
    """One page report per line, as its JSON."""

    name = "jsonl"

    def header(self) -> str:
        return ""

    def rows(self, report: PageReport) -> str:
        return report.model_dump_json() + "\n"

    def read_records(self, path: Path) -> Iterator[Record]:
        # bytes that are not UTF-8 (a damaged file) are kept as they are, never a crash
        with open(path, encoding="utf-8", errors="surrogateescape", newline="") as fh:
            for line in fh:
                if not line.endswith("\n"):
                    return  # cut short
                try:
                    row = json.loads(line)
                    facts = PageFacts(
                        source=row["source"],
                        verdict=row["verdict"],
                        credibility=_number(row["credibility"]),
                        counts={k: v for k, v in row.get("counts", {}).items() if v},
                        error=(row.get("error") or {}).get("type"),
                        not_assessed=row.get("language") if row.get("not_assessed") else None,
                    )
                except (ValueError, KeyError, TypeError, AttributeError):
                    continue
                yield Record(source=facts.source, sha256=row.get("sha256"), facts=facts, text=line)


CSV_COLUMNS = (
    "source",
    "sha256",
    "title",
    "page_verdict",
    "page_credibility",
    "paragraphs",
    "index",
    "kind",
    "in_main_text",
    "label",
    "decided_by",
    "credibility",
    "rules",
    "reasons",
    "evidence",
    "text",
    "error_type",
    "error_message",
    "model_version",
    "language",
    "not_assessed",
    "section",
    "section_kind",
    "section_label",
    "page_signals",
)
#: The columns of audit CSVs of earlier shapes, and what they lacked (``--resume`` says so).
_OLDER_CSV_COLUMNS = (
    (CSV_COLUMNS[:-6], "the language columns"),
    (CSV_COLUMNS[:-4], "the section and page signal columns"),
)

# A spreadsheet runs a cell starting with one of these as a formula; page text is hostile.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _uncell(text: str) -> str:
    return text[1:] if text.startswith("'") and text[1:].startswith(_FORMULA_START) else text


class CsvFormat:
    """One row per paragraph (a page without paragraphs, e.g. one that failed, gets one row).

    A page that could not be scored has empty ``page_verdict`` and ``page_credibility`` cells (the CSV's
    null, as in its JSON report) and its ``error_type`` and ``error_message`` set.

    Text cells that a spreadsheet would run as a formula are prefixed with ``'``.
    """

    name = "csv"

    def header(self) -> str:
        return self._line(CSV_COLUMNS)

    def rows(self, report: PageReport) -> str:
        page = {
            "source": report.source,
            "sha256": report.sha256,
            "title": report.title,
            "page_verdict": report.verdict,
            "page_credibility": report.credibility,
            "paragraphs": len(report.paragraphs),
            "model_version": report.model.display_version(),
            "error_type": report.error.type if report.error else None,
            "error_message": report.error.message if report.error else None,
            "language": report.language,
            "not_assessed": report.not_assessed,
            "page_signals": "; ".join(signal.name for signal in report.signals),
        }
        section_of = {i: section for section in report.sections for i in section.paragraphs}
        if not report.paragraphs:
            return self._line(_cell(page.get(c)) for c in CSV_COLUMNS)
        lines = []
        for p in report.paragraphs:
            section = section_of.get(p.index)
            row = {
                **page,
                "section": section.index if section else None,
                "section_kind": section.kind if section else None,
                "section_label": section.label if section else None,
                "index": p.index,
                "kind": p.kind,
                "in_main_text": p.in_main_text,
                "label": p.label,
                "decided_by": p.decided_by,
                "credibility": p.credibility,
                "text": p.text,
                "rules": "; ".join(f.rule or "classifier" for f in p.flags),
                "reasons": " | ".join(f.reason for f in p.flags),
                "evidence": " | ".join(f.evidence for f in p.flags if f.evidence),
            }
            lines.append(self._line(_cell(row.get(c)) for c in CSV_COLUMNS))
        return "".join(lines)

    def read_records(self, path: Path) -> Iterator[Record]:
        with open(path, encoding="utf-8", errors="surrogateescape", newline="") as fh:
            data = fh.read()
        if self.header().startswith(data):
            return  # empty, or the header cut short: an audit killed before its first row
        for columns, lacked in _OLDER_CSV_COLUMNS:
            if data.startswith(self._line(columns)):
                raise AuditError(
                    f"{path} was written before audit CSVs had {lacked}; resume cannot add rows of the new "
                    "shape to it: audit again without --resume (or into another file)"
                )
        if not data.startswith(self.header()):
            raise AuditError(
                f"{path} is not an audit CSV (its header differs); resume needs the same --format"
            )
        reader = csv.DictReader(io.StringIO(data[len(self.header()) :]), fieldnames=CSV_COLUMNS, strict=False)
        group: list[dict] = []
        for row in reader:
            if group and (row["source"], row["sha256"]) != (group[0]["source"], group[0]["sha256"]):
                yield from self._record(group)
                group = []
            group.append(row)
        if group and data.endswith("\n"):
            yield from self._record(group)

    def _record(self, rows: list[dict]) -> Iterator[Record]:
        first = rows[0]
        try:
            expected = max(int(first["paragraphs"]), 1)
            credibility = _number(first["page_credibility"])
        except (TypeError, ValueError):
            return
        if len(rows) != expected or any(None in row or row.get("model_version") is None for row in rows):
            return  # cut short
        counts = Counter(row["label"] for row in rows if row["label"])
        facts = PageFacts(
            source=_uncell(first["source"]),
            verdict=first["page_verdict"] or None,
            credibility=credibility,
            counts=dict(counts),
            error=first["error_type"] or None,
            not_assessed=(first.get("language") or None) if first.get("not_assessed") else None,
        )
        yield Record(
            source=facts.source,
            sha256=first["sha256"] or None,
            facts=facts,
            text="".join(self._line(row[c] for c in CSV_COLUMNS) for row in rows),
        )

    @staticmethod
    def _line(values) -> str:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerow(list(values))
        return buffer.getvalue()


OutputFormat = JsonlFormat | CsvFormat
FORMATS: dict[str, type[OutputFormat]] = {"jsonl": JsonlFormat, "csv": CsvFormat}


def output_format(name: str) -> OutputFormat:
    """The output format called ``name`` (``jsonl`` or ``csv``)."""
    try:
        return FORMATS[name]()
    except KeyError:
        raise AuditError(f"unknown output format {name!r}; choose one of {', '.join(FORMATS)}") from None
