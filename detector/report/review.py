"""The moderator review report: one self-contained HTML file built from an audit's results JSONL.

::

    from detector.report.review import build_review
    stats = build_review("results.jsonl", "review.html")

The report works offline from ``file://``: its CSS and JavaScript are inlined, and a Content-Security-Policy
lets only that script and that style run. Page text is hostile, so it is only ever escaped text (Jinja2
autoescape on the server side, ``textContent`` in the browser).

Memory is bounded by one page, not by the file: pass 1 streams the JSONL and keeps a few facts per page
(byte offset, verdict, credibility) plus the summary; pass 2 seeks each page in review order (most
suspicious first), parses that one report and writes its HTML fragment to the output straight away.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import stat
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import BinaryIO

import jinja2
import markupsafe
from pydantic import ValidationError

from ..choices import DEFAULT_MAX_PAGES
from ..exceptions import InputError, ResultsFormatError
from ..labels import (
    DOUBTFUL_CREDIBILITY,
    LABEL_WORDING,
    LABELS,
    NOT_ASSESSED,
    NOT_SCORED,
    SPAM_LABELS,
    VERDICTS,
    review_rank,
)
from ..page.reading import source_name
from .display import clean
from .output import CsvFormat
from .schema import Flag, PageReport, text_sha256

__all__ = ["DEFAULT_MAX_PAGES", "LABEL_MEANINGS", "LABEL_NAMES", "ReviewStats", "build_review"]

#: Names a moderator reads, and what each label means.
LABEL_NAMES = {label: wording.title for label, wording in LABEL_WORDING.items()}
LABEL_MEANINGS = {label: wording.meaning for label, wording in LABEL_WORDING.items()}
_HISTOGRAM_BINS = 10
#: How many unreadable lines the summary lists with their reason (all are counted).
_UNREADABLE_SHOWN = 100


#: A page's sections in repeated templates: ``{section: (template number, pages, pages flagged)}``.
SectionMarks = Mapping[int, tuple[int, int, int]]
#: The sections of repeated templates, by page source (:func:`detector.audit.crosspage.template_members`).
TemplateMarks = Mapping[str, SectionMarks]


@dataclass(frozen=True, slots=True)
class ReviewStats:
    """What :func:`build_review` wrote.

    Parameters
    ----------
    pages : page reports in the report (lines that could be read).
    verdicts : pages per verdict (a page that could not be scored has none: see ``not_scored``).
    labels : paragraphs per label, over all pages.
    unreadable_lines : lines of the results file that are not a valid page report.
    not_scored : pages whose report has ``error`` set (no verdict, no credibility).
    out : the HTML file written.
    shown : pages shown in full (the most suspicious ``max_pages``).
    """

    pages: int
    verdicts: dict
    labels: dict
    unreadable_lines: int
    out: Path
    shown: int = 0
    not_scored: int = 0


@dataclass(frozen=True, slots=True, order=True)
class _PageRef:
    """Where one page report is in the results file, with its place in review order as sort key."""

    rank: int
    credibility: float
    line: int
    offset: int


@dataclass
class _Summary:
    """The aggregates of pass 1."""

    pages: int = 0
    verdicts: Counter = field(default_factory=lambda: Counter(dict.fromkeys(VERDICTS, 0)))
    labels: Counter = field(default_factory=lambda: Counter(dict.fromkeys(LABELS, 0)))
    errors: int = 0
    #: pages in a language the model was not trained for (no verdict, no error)
    not_assessed: int = 0
    #: pages per verdict in each credibility bin
    bins: list = field(default_factory=lambda: [Counter() for _ in range(_HISTOGRAM_BINS)])
    models: set = field(default_factory=set)
    unreadable: int = 0
    unreadable_lines: list = field(default_factory=list)
    report_id: str = ""


def build_review(
    results: str | Path,
    out: str | Path,
    *,
    title: str = "Detector review report",
    max_pages: int | None = DEFAULT_MAX_PAGES,
    templates: TemplateMarks | None = None,
) -> ReviewStats:
    """Write the HTML review report of a ``detector audit`` results file.

    Parameters
    ----------
    results : the JSONL file, one :class:`~detector.report.schema.PageReport` per line.
    out : the HTML file to write (a regular file is replaced only once the report is complete; a
        pipe or device, e.g. ``/dev/stdout``, is written in place).
    title : the report's heading.
    max_pages : show only the most suspicious ``max_pages`` pages in full (``None``: all); the summary
        counts every page either way.
    templates : the audit's repeated templates by member: for a page source, ``{section index: (template
        number, pages, pages flagged)}`` (:func:`detector.audit.crosspage.template_members`). Their sections are marked,
        and a decision on one can be applied to every section of its template in the report.

    Returns
    -------
    ReviewStats
        The counts shown in the report's summary, and where it was written.

    Raises
    ------
    FileNotFoundError
        ``results`` does not exist.
    ResultsFormatError
        ``results`` has lines but none is a page report (an audit's CSV, another file): nothing is written.
    """
    results, out = Path(results), Path(out)
    if not results.exists():
        raise FileNotFoundError(f"results file not found: {results}")
    with open(results, "rb") as fh:
        refs, summary = scan_results(fh)
        if not summary.pages and summary.unreadable:
            # a report of 0 pages and thousands of unreadable lines helps nobody: say what it needs
            fh.seek(0)
            raise ResultsFormatError(not_results_message(results, fh.readline(), summary))
        refs.sort()
        shown = refs if max_pages is None else refs[:max_pages]
        template, css, js = load_assets()
        context = {
            "title": title,
            "results_name": source_name(results.name),
            "summary": summary,
            "csp": build_csp(css, js),
            "css": css,
            "js": js,
            "built_at": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "histogram": plot_histogram(summary.bins),
            "label_chart": plot_label_counts(summary.labels),
            "pages": iter_pages(fh, shown, templates or {}),
            "shown": len(shown),
        }
        write_atomically(out, template.generate(context))
    return ReviewStats(
        pages=summary.pages,
        verdicts=dict(summary.verdicts),
        labels=dict(summary.labels),
        unreadable_lines=summary.unreadable,
        out=out,
        shown=len(shown),
        not_scored=summary.errors,
    )


def scan_results(fh: BinaryIO) -> tuple[list[_PageRef], _Summary]:
    """Pass 1: read every line once, keeping where each page is and the summary aggregates.

    Blank lines are skipped; any other line that is not a valid page report is counted as unreadable. The
    report id (which namespaces the moderator's decisions in the browser) is the SHA-256 of the file.
    """
    refs, summary, digest, offset = [], _Summary(), hashlib.sha256(), 0
    for line_no, raw in enumerate(fh, start=1):
        digest.update(raw)
        if raw.strip():
            try:
                report = parse_report(raw)
            except ValueError as exc:
                summary.unreadable += 1
                if len(summary.unreadable_lines) < _UNREADABLE_SHOWN:
                    summary.unreadable_lines.append((line_no, describe_unreadable(raw, exc)))
            else:
                # review order: spam, suspicious, the pages that could not be scored, then credible
                rank, credibility = review_rank(
                    report.verdict if report.scored else None, report.credibility if report.scored else None
                )
                refs.append(_PageRef(rank=rank, credibility=credibility, line=line_no, offset=offset))
                count_page(summary, report)
        offset += len(raw)
    summary.report_id = digest.hexdigest()
    return refs, summary


def not_results_message(results: Path, first_line: bytes, summary: _Summary) -> str:
    """Why ``results`` is not an audit's JSONL, and what the review report needs instead."""
    needs = "the review report needs the JSONL of `detector audit` (--format jsonl, the default)"
    if first_line.startswith(CsvFormat().header().encode("utf-8").rstrip(b"\n")):
        return f"{source_name(results)} is an audit's CSV: {needs}"
    line_no, why = summary.unreadable_lines[0]
    return (
        f"no line of {source_name(results)} is a page report ({summary.unreadable} unreadable, "
        f"line {line_no}: {why}): {needs}"
    )


def parse_report(raw: bytes) -> PageReport:
    """One JSONL line as a page report; ``ValueError`` (a pydantic ``ValidationError``) if it is not one."""
    return PageReport.model_validate_json(raw)


def describe_unreadable(raw: bytes, exc: ValueError) -> str:
    """Why a line is not a page report, in a few words."""
    if not raw.endswith(b"\n"):
        return "cut short (the audit may have been interrupted)"
    if isinstance(exc, ValidationError):
        error = exc.errors()[0]
        if error["type"] == "json_invalid":
            return "not valid JSON"
        where = ".".join(str(part) for part in error["loc"]) or "the line"
        more = exc.error_count() - 1
        also = f" (and {more} more {'problem' if more == 1 else 'problems'})" if more else ""
        return f"not a page report: {where}: {error['msg']}{also}"
    return str(exc)


def count_page(summary: _Summary, report: PageReport) -> None:
    """Add one page to the summary."""
    summary.pages += 1
    summary.labels.update(report.counts)
    summary.models.add((report.model.name, report.model.display_version()))
    if report.not_assessed is not None:
        summary.not_assessed += 1  # another language: no verdict, and no error either
    elif not report.scored or report.verdict is None or report.credibility is None:
        summary.errors += 1  # not scored: in no verdict's count and not in the histogram
    else:
        summary.verdicts[report.verdict] += 1
        summary.bins[min(int(report.credibility * _HISTOGRAM_BINS + 1e-9), _HISTOGRAM_BINS - 1)][
            report.verdict
        ] += 1


def iter_pages(fh: BinaryIO, refs: list[_PageRef], templates: TemplateMarks) -> Iterator[dict]:
    """Pass 2: the template's view of each page, in review order, parsed one at a time."""
    for ref in refs:
        fh.seek(ref.offset)
        try:
            report = parse_report(fh.readline())
        except ValueError as exc:
            raise InputError(
                f"line {ref.line} of the results file changed while the report was built"
            ) from exc
        yield view_page(report, ref.line, templates.get(report.source, {}))


def view_page(report: PageReport, line: int, templates: SectionMarks | None = None) -> dict:
    """What the template needs of one page beyond the report itself (``templates``: its sections that
    belong to a repeated template, as ``{section index: (template number, pages, pages flagged)}``)."""
    decidable = {p.index: text_sha256(p.text) for p in report.paragraphs if p.needs_review}
    sections = {s.index for s in report.sections}
    templates = {index: found for index, found in (templates or {}).items() if index in sections}
    return {
        "report": report,
        "line": line,
        "decidable": decidable,
        "labels": [label for label in LABELS if report.counts.get(label)],
        "templates": templates,
        "open": report.verdict != "credible" or not report.scored,
        # an error row written before they were null still said suspicious and 0.0: not scored either way
        "verdict": report.verdict if report.scored else None,
        "credibility": report.credibility if report.scored else None,
    }


def plot_histogram(bins: list[Counter], *, width: int = 400, height: int = 210) -> dict:
    """Bar geometry of the page credibility histogram (an SVG is drawn from it by the template).

    ``bins`` holds each credibility bin's pages per verdict: a bar is stacked by verdict (spam at the
    bottom, then suspicious, then credible), each part coloured like its verdict's badge.
    """
    left, right, top, bottom = 12, 12, 22, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    step, peak = plot_w / len(bins), max((sum(b.values()) for b in bins), default=0) or 1
    bars = []
    for i, verdicts in enumerate(bins):
        count = sum(verdicts.values())
        h = round(plot_h * count / peak, 1)
        lo, hi = i / len(bins), (i + 1) / len(bins)
        x, w = round(left + i * step + 3, 1), round(step - 6, 1)
        parts, base = [], float(top + plot_h)
        for verdict in VERDICTS:
            n = verdicts.get(verdict, 0)
            if not n:
                continue
            part_h = round(plot_h * n / peak, 1)
            base -= part_h
            parts.append({"verdict": verdict, "count": n, "x": x, "y": round(base, 1), "w": w, "h": part_h})
        bars.append(
            {
                "x": x,
                "y": round(top + plot_h - h, 1),
                "w": w,
                "h": h,
                "cx": round(left + (i + 0.5) * step, 1),
                "count": count,
                "bin": i,
                "range": f"{lo:.1f}–{hi:.1f}",
                "parts": parts,
                "by_verdict": ", ".join(f"{p['count']} {p['verdict']}" for p in parts),
            }
        )
    return {
        "width": width,
        "height": height,
        "bars": bars,
        "axis_y": top + plot_h,
        "ticks": [
            {"x": round(left + i * step, 1), "text": f"{i / len(bins):.1f}"} for i in range(len(bins) + 1)
        ],
    }


def plot_label_counts(labels: Counter, *, width: int = 400, row: int = 26) -> dict:
    """Bar geometry of the paragraphs-per-label chart."""
    name_w, count_w, top = 136, 44, 8
    bar_max, peak = width - name_w - count_w, max(labels.values(), default=0) or 1
    bars = []
    for i, label in enumerate(LABELS):
        w = round(bar_max * labels[label] / peak, 1)
        bars.append(
            {
                "label": label,
                "name": LABEL_NAMES[label],
                "count": labels[label],
                "x": name_w,
                "y": top + i * row,
                "w": w,
                "h": row - 8,
                "text_y": top + i * row + (row - 8) / 2,
            }
        )
    return {"width": width, "height": top * 2 + row * len(LABELS), "bars": bars}


def load_assets() -> tuple[jinja2.Template, str, str]:
    """The report template (autoescaping), and the CSS and JavaScript it inlines."""
    folder = resources.files("detector.report").joinpath("templates")
    css = folder.joinpath("review.css").read_text(encoding="utf-8").replace(_LABEL_COLOURS, label_colours())
    js = folder.joinpath("review.js").read_text(encoding="utf-8")
    if "</style" in css.lower() or "</script" in js.lower() or "<!--" in js:
        raise ValueError("review.css / review.js would end their inline element early")
    env = jinja2.Environment(
        autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True
    )
    env.filters["shown"] = clean  # file names, titles, error messages: controls and bidi as visible escapes
    env.filters["flags_json"] = flags_json
    env.filters["body_json"] = body_json
    env.globals.update(
        DOUBTFUL_CREDIBILITY=DOUBTFUL_CREDIBILITY,
        LABELS=LABELS,
        SPAM_LABELS=SPAM_LABELS,
        VERDICTS=VERDICTS,
        NOT_SCORED=NOT_SCORED,
        NOT_ASSESSED=NOT_ASSESSED,
        LABEL_NAMES=LABEL_NAMES,
        LABEL_MEANINGS=LABEL_MEANINGS,
    )
    template = env.from_string(folder.joinpath("review.html.j2").read_text(encoding="utf-8"))
    return template, css, js


#: What JSON inside a <script> data block must not hold as itself: nothing can close the element, open a
#: comment or end a JavaScript line (JSON.parse reads the same strings back).
_SCRIPT_SAFE = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def flags_json(flags: list[Flag]) -> markupsafe.Markup:
    """Flags as the compact JSON the script renders (as text) when their closed disclosure is opened, for a
    ``<script type="application/json">``: per flag ``[label, stance (for or against the label), rule
    (shown safely; empty for the classifier), score as shown, reason, evidence]``, with ``<``, ``>``,
    ``&`` and U+2028/U+2029 as ``\\u`` escapes, so page text cannot end the element."""
    rows = [
        [
            flag.category,
            "against" if flag.rule and flag.score < 0 else "for",
            clean(flag.rule) if flag.rule else "",
            f"weight {flag.score:+.2f}" if flag.rule else f"probability {flag.score:.2f}",
            flag.reason,
            flag.evidence,
        ]
        for flag in flags
    ]
    text = json.dumps(rows, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_SAFE)
    return markupsafe.Markup(text)  # JSON with every character that could end its element escaped


#: A ``<`` is all that could end a data script early or open a comment in it; U+2028 and U+2029 end a
#: line in older JavaScript.
_BODY_SAFE = str.maketrans({"<": "\\u003c", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def body_json(body: str) -> markupsafe.Markup:
    """A page body's HTML (the report's own markup, page text escaped in it) as a JSON string for a
    ``<script type="application/json">``, every ``<`` a ``\\u003c``: the HTML parser scans it without
    building anything until the script parses it, when the page is opened."""
    return markupsafe.Markup(json.dumps(str(body), ensure_ascii=False).translate(_BODY_SAFE))


#: Where review.css takes each label's colour (a CSS variable named after the label).
_LABEL_COLOURS = "  /* LABEL COLOURS */\n"


def label_colours(per_line: int = 4) -> str:
    """The CSS variables of the labels' colours (:data:`detector.labels.LABEL_WORDING`), ``per_line`` a line."""
    variables = [f"--{label}: {wording.colour};" for label, wording in LABEL_WORDING.items()]
    return "".join(
        "  " + " ".join(variables[i : i + per_line]) + "\n" for i in range(0, len(variables), per_line)
    )


def build_csp(css: str, js: str) -> str:
    """A policy that lets exactly the inlined style and script run, and fetches nothing."""
    return (
        f"default-src 'none'; script-src '{hash_for_csp(js)}'; style-src '{hash_for_csp(css)}'; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )


def hash_for_csp(text: str) -> str:
    """A CSP hash source (``sha256-…``) of an inline element's exact content."""
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def write_atomically(out: Path, chunks: Iterator[str]) -> None:
    """Write the chunks to ``out`` as they come, replacing ``out`` only once all are written.

    Only a regular file (or a path that does not exist yet) is replaced, by a temporary file beside it
    renamed over it; a link to a regular file has its target replaced. Anything else (``/dev/stdout``,
    a named pipe, a device) is written in place: renaming over it would replace the device itself.
    Every write and the final flush are checked (``OSError``, e.g. ``/dev/full``'s ENOSPC).
    """
    target = Path(os.path.realpath(out))
    try:
        regular = stat.S_ISREG(os.stat(target).st_mode)
    except FileNotFoundError:
        regular = True
    if not regular:
        with open(out, "w", encoding="utf-8", newline="\n") as fh:
            fh.writelines(chunks)
        return
    part = target.with_name(target.name + ".part")
    try:
        with open(part, "w", encoding="utf-8", newline="\n") as fh:
            fh.writelines(chunks)
        os.replace(part, target)
    finally:
        part.unlink(missing_ok=True)
