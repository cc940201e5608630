"""Showing reports in a terminal: one page coloured by label, and an audit's summary tables.

Page text, titles and file names are attacker-controlled. Everything shown goes through
:func:`detector.report.display.clean`, which turns control characters, escape sequences and bidirectional overrides into
visible ``\\x1b``-style escapes, and is printed as rich ``Text`` (never parsed as rich markup).
"""

from __future__ import annotations

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from .audit.crosspage import CrossPage
from .audit.local import AuditSummary
from .labels import (
    DOUBTFUL_CREDIBILITY,
    LABEL_WORDING,
    LABELS,
    NOT_ASSESSED,
    NOT_SCORED,
    NOT_SCORED_STYLE,
    SPAM_LABELS,
    VERDICT_STYLES,
    VERDICTS,
)
from .report.display import clean
from .report.schema import Flag, PageReport, Section

LABEL_STYLES = {label: wording.style for label, wording in LABEL_WORDING.items()}


def render_page(report: PageReport, *, flagged_only: bool = False, verbose: bool = False) -> Group:
    """One page report as rich renderables: a header, then each paragraph coloured by label with its flags.

    ``flagged_only``: only the paragraphs a moderator should review (a spam label, or a credibility below
    :data:`~detector.labels.DOUBTFUL_CREDIBILITY`) and the sections they open. ``verbose``: each
    paragraph's other evidence too (the rules that fired but are no evidence for its label), marked as such.
    """
    header = Text()
    header.append(clean(report.source), style="bold")
    if report.title:
        header.append("\n").append(clean(report.title))
    header.append("\nverdict ")
    if report.scored and report.verdict is not None and report.credibility is not None:
        header.append(report.verdict, style=VERDICT_STYLES[report.verdict])
        header.append(f"   credibility {report.credibility:.2f}")
    else:  # no verdict and no credibility, never a 0.00 that reads as "certainly spam"
        header.append(clean(report.outcome), style=NOT_SCORED_STYLE)
    header.append(f"   model {clean(report.model.display_version())}")
    parts: list = [header]
    if report.error:
        parts.append(
            Text(f"error: {clean(report.error.type)}: {clean(report.error.message)}", style="bold red")
        )
    if report.truncated:
        parts.append(Text(f"truncated: {clean(report.truncated)}", style="bold yellow"))
    if report.not_assessed:
        parts.append(Text(clean(report.not_assessed), style=NOT_SCORED_STYLE))
    for signal in report.signals:  # page-level SEO-spam techniques: about the page, not a paragraph
        line = Text()
        line.append(f"signal {clean(signal.name)}: ", style="bold magenta").append(clean(signal.reason))
        line.append("\n  evidence: ", style="dim").append(clean(signal.evidence), style="italic")
        parts.append(line)
    if report.scored:
        counts = Text("paragraphs: ")
        for label in LABELS:
            if report.counts.get(label):
                counts.append(f"{label} {report.counts[label]}  ", style=LABEL_STYLES[label])
        parts.append(counts)
    shown = {p.index for p in report.paragraphs if not flagged_only or p.needs_review}
    if flagged_only and report.paragraphs:
        parts.append(
            Text(
                f"--flagged: {len(shown)} of {len(report.paragraphs)} paragraphs (a spam label, or "
                f"credibility below {DOUBTFUL_CREDIBILITY:.2f})",
                style="dim",
            )
        )
    opens = {section.paragraphs[0]: section for section in report.sections if section.paragraphs}
    for p in report.paragraphs:
        section = opens.get(p.index)
        if section is not None and (
            not flagged_only or section.label in SPAM_LABELS or shown.intersection(section.paragraphs)
        ):
            parts.append(_section_line(section))
        if p.index not in shown:
            continue
        style = LABEL_STYLES[p.label]
        line = Text()
        line.append(f"\n[{p.index}] ", style="dim").append(p.label, style=f"bold {style}")
        line.append(f"  {p.credibility:.2f}  {p.kind}", style="dim")
        if p.language:  # in another language than the page: no English-only rule ran on it
            line.append(f"  language {clean(p.language)}", style="dim")
        if not p.in_main_text:
            line.append("  outside main text", style="dim italic")
        if p.decided_by:
            line.append(f"  decided by rule {clean(p.decided_by)}", style="dim italic")
        line.append("\n")
        line.append(clean(p.text), style="dim" if p.label == "boilerplate" else None)
        for flag in p.flags:
            _flag_lines(line, flag, "\n  -> ", LABEL_STYLES[flag.category], p.label)
        if verbose and p.other_evidence:
            line.append("\n  other evidence (not what gave the label):", style="dim")
            for flag in p.other_evidence:
                _flag_lines(line, flag, "\n   ~ ", "dim", None)
        parts.append(line)
    return Group(*parts)


def _flag_lines(line: Text, flag: Flag, arrow: str, style: str, label: str | None) -> None:
    """One flag under its paragraph: its reason, source, score and evidence, with the label it argues for
    or against unless it is for ``label`` (None: always)."""
    line.append(arrow, style=style)
    line.append(clean(flag.reason))
    source = flag.rule or "classifier"
    stance = ""
    if flag.rule and flag.score < 0:
        stance = f"against {flag.category} "
    elif flag.rule and flag.score == 0:
        stance = f"{flag.category}, no weight: "
    elif flag.category != label:  # a doubtful paragraph's flags argue for a label it did not get
        stance = f"for {flag.category} "
    line.append(f"  [{stance}{clean(source)} {flag.score:+.2f}]", style="dim")
    if flag.evidence:
        line.append("\n     evidence: ", style="dim").append(clean(flag.evidence), style="italic")


def _section_line(section: Section) -> Text:
    """The line that opens a section: its kind, label, credibility and what made it a section."""
    line = Text("\n")
    line.append(f"── section {section.index}: {section.kind} ", style="bold")
    line.append(section.label, style=f"bold {LABEL_STYLES[section.label]}")
    if section.credibility is not None:
        line.append(f"  {section.credibility:.2f}", style="dim")
    n = len(section.paragraphs)
    line.append(f"  ({n} paragraph{'s' if n != 1 else ''})", style="dim")
    for reason in section.reasons:
        line.append("\n   · ", style="dim").append(clean(reason), style="dim italic")
    return line


def render_cross_page(result: CrossPage, out: str) -> Group:
    """An audit's cross-page signals: near-duplicate clusters and the sites with the most pages."""
    parts: list = []
    line = Text(f"Near-duplicate pages: {len(result.clusters)} clusters", style="bold")
    line.append(
        f" ({sum(len(c.pages) for c in result.clusters)} of {result.compared} pages compared)", style="dim"
    )
    parts.append(line)
    for cluster in result.clusters[:5]:
        shown = ", ".join(clean(page) for page in cluster.pages[:3])
        more = f" and {len(cluster.pages) - 3} more" if len(cluster.pages) > 3 else ""
        parts.append(
            Text(f"  {len(cluster.pages)} pages, similarity ≥ {cluster.min_similarity:.2f}: {shown}{more}")
        )
    line = Text(f"Repeated templates: {len(result.templates)}", style="bold")
    line.append(
        " (sections of one shape on several pages, names and numbers aside, flagged as spam on some)",
        style="dim",
    )
    parts.append(line)
    for template in result.templates[:5]:
        pages = ", ".join(clean(m["page"]) for m in template.members[:3])
        more = f" and {template.pages - 3} more" if template.pages > 3 else ""
        parts.append(
            Text(
                f"  {clean(template.label)} {clean(template.kind)} on {template.pages} pages (flagged on "
                f"{template.flagged}), similarity ≥ {template.min_similarity:.2f}: {pages}{more}"
            )
        )
    sites = [site for site in result.sites if site.host != "(files)"]
    if sites:
        table = Table(title="Sites", title_justify="left")
        for column in ("host", "pages", "not scored", "verdicts", "mean credibility", "top spam labels"):
            table.add_column(column, justify="right" if column in ("pages", "not scored") else "left")
        for site in sites[:10]:
            verdicts = ", ".join(f"{clean(v)} {n}" for v, n in sorted(site.verdicts.items()))
            credibility = "-" if site.mean_credibility is None else f"{site.mean_credibility:.2f}"
            table.add_row(
                Text(clean(site.host)),
                str(site.pages),
                str(site.not_scored),
                verdicts,
                credibility,
                ", ".join(site.top_spam_labels),
            )
        parts.append(table)
    parts.append(Text(f"written to {clean(out)}", style="dim"))
    return Group(*parts)


def render_summary(summary: AuditSummary, out: str) -> Group:
    """An audit's summary: pages, verdicts, label counts, errors, skipped files, the most suspicious pages."""
    totals = Table(title="Audit", show_header=False, title_justify="left")
    totals.add_column(style="bold")
    totals.add_column(justify="right")
    totals.add_row("pages", str(summary.pages))
    totals.add_row("scored", str(summary.scored))
    totals.add_row("failed (row with error)", str(summary.failed))
    totals.add_row("scoring processes", str(summary.workers))
    if summary.archive_records:  # each has a row or is counted among the skipped
        totals.add_row("web archive records", str(summary.archive_records))
    if summary.resumed:
        totals.add_row("kept from the earlier run", str(summary.resumed))
    for verdict in reversed(VERDICTS):
        totals.add_row(Text(verdict, style=VERDICT_STYLES[verdict]), str(summary.verdicts.get(verdict, 0)))
    totals.add_row(Text(NOT_SCORED, style=NOT_SCORED_STYLE), str(summary.not_scored))
    for language, n in sorted(summary.not_assessed.items()):
        totals.add_row(Text(f"{NOT_ASSESSED} ({clean(language)})", style=NOT_SCORED_STYLE), str(n))
    for label in LABELS:
        totals.add_row(
            Text(f"paragraphs {label}", style=LABEL_STYLES[label]), str(summary.labels.get(label, 0))
        )
    for error, n in sorted(summary.errors.items()):
        totals.add_row(Text(f"error {clean(error)}", style="red"), str(n))
    for reason, n in sorted(summary.skipped.items()):
        totals.add_row(Text(f"skipped: {clean(reason)}", style="dim"), str(n))
    totals.add_row("written to", Text(clean(out)))
    parts: list = [totals]
    worst = [page for page in summary.most_suspicious() if page["verdict"] != "credible"]
    if worst:
        table = Table(title="Most suspicious pages", title_justify="left")
        table.add_column("page", overflow="fold")
        table.add_column("verdict")
        table.add_column("credibility", justify="right")
        table.add_column("most frequent spam labels / error")
        for page in worst:
            detail = page["error"] or ", ".join(page["top_spam_labels"])
            verdict, credibility = page["verdict"], page["credibility"]
            table.add_row(
                Text(clean(page["source"])),
                Text(NOT_SCORED, style=NOT_SCORED_STYLE)
                if verdict is None
                else Text(verdict, style=VERDICT_STYLES[verdict]),
                "-" if credibility is None else f"{credibility:.2f}",
                Text(clean(detail)),
            )
        parts.append(table)
    return Group(*parts)


def console(*, stderr: bool = False, color: str = "auto") -> Console:
    """A rich console; ``color`` is ``auto`` (when a terminal), ``always`` or ``never``."""
    force = {"always": True, "never": False}.get(color)
    return Console(
        stderr=stderr,
        force_terminal=force,
        no_color=color == "never",
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=False,
    )
