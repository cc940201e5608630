"""The ``detector`` command: a thin layer over the Python API.

    detector score PAGE                         one page in the terminal, coloured by label (--json: the report)
    detector audit PATH... --out results.jsonl  one report per page for every page under PATH
                   [--backend dask --scheduler tcp://HOST:8786]   ... scored on a dask cluster
    detector report results.jsonl -o review.html   the moderator review report of an audit
    detector serve [--port 8000] [--workers N]     the HTTP scoring service (settings: DETECTOR_* variables)
    detector evaluate [--skip seeds] [--json]      measure the detector on every evaluation corpus
    detector train [--check --no-cv]               train the model on the labelled seed corpus

Exit codes, as a linter's (:data:`EXIT_CODES`): 0 done, 1 ``--fail-on`` matched (and nothing else), 2 usage
error, unreadable input (``score`` of a page that cannot be scored or fetched), no page files to audit,
a ``report`` input that is not an audit's JSONL, or an I/O error.

Each command imports what it runs when it runs: ``detector --help`` and ``--version`` load neither
scikit-learn nor lxml nor trafilatura, and the options' choices come from :mod:`detector.choices`.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from click.core import ParameterSource

from .choices import (
    AUTO_WORKERS,
    BACKENDS,
    CONTENT_TYPES,
    DEFAULT_CORPORA,
    DEFAULT_MAX_PAGES,
    EVALUATION_CORPORA,
    LANGUAGE_CODE,
    OUTPUT_FORMATS,
)
from .exceptions import AuditError, DetectorError, InputError, ModelError, NoPagesError, ResultsFormatError
from .labels import DOUBTFUL_CREDIBILITY
from .training.params import (
    CAPTURE_WEIGHT,
    CV_SCHEMES,
    JOBS,
    MODEL_NAME,
    MODELS,
    PARAMS,
    SEEDS,
    SYNTHETIC_PAGES,
)

if TYPE_CHECKING:
    from rich.console import Console

    from .audit.local import AuditOptions, AuditSummary
    from .scoring import Detector

#: Seconds uvicorn's supervisor waits for a ``serve --workers N`` worker to answer its health check.
WORKER_HEALTHCHECK_TIMEOUT = 60

#: Help options of every command, also when one runs on its own (python train.py -h).
HELP_OPTIONS = {"help_option_names": ["-h", "--help"]}

#: ``--fail-on`` choices and the verdicts (or errors) that match them. A page that could not be scored
#: has no verdict, so only ``error`` matches it.
FAIL_ON = {"suspicious": {"suspicious", "spam"}, "spam": {"spam"}, "error": set()}

#: The exit codes of every command, as ``detector --help`` shows them.
EXIT_CODES = """\b
Exit codes:
  0  done
  1  --fail-on matched (audit: a page at least that bad, or with an error for
     --fail-on error; score: the page); never for anything else
  2  usage error, unreadable input (score: a page that cannot be scored, such as
     a PDF, binary or empty file, or fetched), no page files to audit, a report
     input that is not an audit's JSONL, or an I/O error (unwritable output,
     unusable model)"""

#: A URL's scheme (``https://``): an http(s) URL is fetched; any other is refused, not taken for a file.
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")


class UsageOrIOError(click.ClickException):
    """An error that ends the command with exit code 2 (bad usage, unreadable input, unwritable output)."""

    exit_code = 2


class PagePath(click.Path):
    """A page file or folder that must exist, or an http(s) URL (a string: the page is fetched safely);
    a URL of another scheme is named as one, not reported as a file that does not exist."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from .page.fetch import is_url

        text = os.fsdecode(value) if isinstance(value, bytes | os.PathLike) else str(value)
        if _URL.match(text) and not os.path.lexists(text):
            if is_url(text):
                return text
            self.fail(
                f"{text!r} is a URL: only http and https URLs are fetched. Save the page first and give the file.",
                param,
                ctx,
            )
        return super().convert(value, param, ctx)


class _LanguageType(click.ParamType):
    """A lower-case ISO 639 language code."""

    name = "code"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        code = str(value).strip().lower()
        if not re.fullmatch(LANGUAGE_CODE, code):
            self.fail(f"{value!r} is not an ISO 639-1 language code such as en or de", param, ctx)
        return code


_model_option = click.option(
    "--model",
    "model_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Model file (default: the shipped model).",
)
_trust_option = click.option(
    "--trust-model",
    "allow_custom_model",
    is_flag=True,
    help="Allow a model that is not the shipped one (--model, $DETECTOR_MODEL_DIR). "
    "Loading a model runs code from its file: only for a model you trained or "
    "trust. Its reports say official: false, shown as '(unofficial model)'.",
)
_type_option = click.option(
    "--content-type",
    type=click.Choice(CONTENT_TYPES),
    default=CONTENT_TYPES[0],
    show_default=True,
    help="How to read the input.",
)
_language_option = click.option(
    "--language",
    type=_LanguageType(),
    default=None,
    help="The pages' language (ISO 639-1, e.g. en) instead of the detected one: --language en scores a "
    "page in another language anyway (by default it is reported as not assessed).",
)
_fail_option = click.option(
    "--fail-on",
    type=click.Choice(list(FAIL_ON)),
    default=None,
    help="Exit with 1 when a page is at least this bad (suspicious includes spam; "
    "error: a page could not be scored, which no verdict matches). A page that score cannot score "
    "exits 2 whatever this says.",
)
_color_option = click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour the terminal output.",
)


def _detector(
    model_path: Path | None, content_type: str, allow_custom_model: bool, language: str | None = None
) -> Detector:
    from .scoring import Detector, ScoreOptions

    try:
        return Detector.load(
            model_path,
            options=ScoreOptions(content_type=content_type, language=language),
            allow_custom_model=allow_custom_model,
        )
    except DetectorError as exc:
        raise UsageOrIOError(str(exc)) from exc


def _stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def _failed(fail_on: str | None, verdicts: Mapping[str, int], errors: int) -> bool:
    if fail_on is None:
        return False
    if fail_on == "error":
        return errors > 0
    return any(verdicts.get(v, 0) for v in FAIL_ON[fail_on])


class _WorkersType(click.ParamType):
    """``auto`` or a whole number of at least 1."""

    name = "auto|N"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int | str:
        if isinstance(value, int) and not isinstance(value, bool):
            number = value
        elif str(value).strip().lower() == AUTO_WORKERS:
            return AUTO_WORKERS
        else:
            try:
                number = int(str(value))
            except ValueError:
                self.fail(f"{value!r} is neither {AUTO_WORKERS} nor a whole number", param, ctx)
        if number < 1:
            self.fail(f"{number} is not at least 1", param, ctx)
        return number


@click.group(context_settings=HELP_OPTIONS, epilog=EXIT_CODES)
@click.version_option(package_name="detector")
def main() -> None:
    """Misinformation and SEO-spam detector for web pages."""


@main.command(epilog=EXIT_CODES)
@click.argument("page", type=PagePath(exists=True, dir_okay=False, allow_dash=True, path_type=Path))
@_model_option
@_trust_option
@_type_option
@_language_option
@click.option("--json", "as_json", is_flag=True, help="Print the page report as JSON instead.")
@click.option("--indent", type=int, default=2, show_default=True, help="JSON indentation (0 for one line).")
@click.option(
    "--flagged",
    is_flag=True,
    help="Show only the paragraphs to review: a spam label, or a credibility below "
    f"{DOUBTFUL_CREDIBILITY} (and the sections they open).",
)
@click.option(
    "--verbose",
    "-v",
    is_flag=True,
    help="Also show each paragraph's other evidence: the rules that fired but are no evidence for its "
    "label (counter-evidence, and the rules of a credible paragraph's own label).",
)
@_fail_option
@_color_option
def score(
    page: Path | str,
    model_path: Path | None,
    allow_custom_model: bool,
    content_type: str,
    language: str | None,
    as_json: bool,
    indent: int,
    flagged: bool,
    verbose: bool,
    fail_on: str | None,
    color: str,
) -> None:
    """Score one PAGE (HTML or text file, .gz too, - for standard input, or an http(s) URL) and show its
    paragraphs.

    A URL is fetched safely: only http(s), never to a private, loopback, link-local or metadata address
    (checked again after every redirect), with the size limit of a file, a deadline and at most five
    redirects. A page that cannot be scored (a PDF, binary or empty file, one that cannot be read or
    fetched) is shown as
    "not scored", with the reason (--json: its report, verdict and credibility null), and exits 2. A
    page in a language the model was not trained for is shown as "not assessed" with its language
    (exit 0: nothing went wrong); --language en scores it anyway.
    """
    from .audit.local import score_input, score_url
    from .page.archive import is_archive_name

    if isinstance(page, Path) and is_archive_name(page.name):
        from .page.reading import source_name

        raise UsageOrIOError(f"{source_name(page)} is a web archive: audit its pages with detector audit")
    detector = _detector(model_path, content_type, allow_custom_model, language)
    if isinstance(page, str):
        report = score_url(detector, page)
    elif str(page) == "-":
        report = detector.score(sys.stdin.buffer.read(), source="<stdin>")
    else:
        report = score_input(detector, page, regular_only=False)  # a pipe named here is read, as stdin is
    if as_json:
        text = report.model_dump_json(indent=indent or None)
        if _stdout_is_terminal():  # the same JSON, its controls and bidi characters spelled as \uXXXX
            from .report.display import escape_json

            text = escape_json(text)
        try:
            click.echo(text)
            sys.stdout.flush()
        except OSError as exc:  # a full disk or a closed pipe: one line, the I/O error's exit code
            raise UsageOrIOError(f"cannot write the report: {exc.strerror or exc}") from exc
    else:
        from .terminal import console, render_page

        console(color=color).print(render_page(report, flagged_only=flagged, verbose=verbose))
    if report.error is not None:
        # unreadable input is an error of the command, not a finding about the page: exit 2 whatever
        # --fail-on says (the report above, or its JSON, says why)
        if as_json:
            from .report.display import clean

            click.echo(f"Error: {clean(report.source)} not scored: {clean(report.error.message)}", err=True)
        sys.exit(2)
    if _failed(fail_on, {report.verdict: 1} if report.verdict else {}, 0):
        sys.exit(1)


@main.command(epilog=EXIT_CODES)
@click.argument("paths", nargs=-1, type=PagePath(exists=True, path_type=Path))
@click.option(
    "--urls",
    "urls_file",
    type=click.Path(exists=True, dir_okay=False, allow_dash=True, path_type=Path),
    default=None,
    help="Also audit the pages at these URLs: a file of one http(s) URL per line (blank lines and lines "
    "starting # are skipped; - for standard input), fetched safely as `score URL` fetches one.",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    required=True,
    help="Where to write the rows (JSONL: one page report per line; CSV: one row per paragraph); "
    "- for standard output (the summary goes to standard error).",
)
@click.option(
    "--report",
    "review",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also build the moderator review report (HTML) here. Needs --format jsonl.",
)
@click.option(
    "--workers",
    "-j",
    type=_WorkersType(),
    default=AUTO_WORKERS,
    show_default=True,
    help="Processes scoring pages: a number, or auto (one per 150 pages, at most one per core, so a "
    "small audit runs in one process). With --backend dask and no --scheduler: the processes of the "
    "local dask cluster; not allowed with --scheduler, whose cluster decides.",
)
@click.option(
    "--backend",
    type=click.Choice(BACKENDS),
    default="local",
    show_default=True,
    help="Where pages are scored: this machine, or a dask.distributed cluster (pip install "
    "'detector[dask]'; the workers must see the files at the same paths). The rows are the same.",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    default=None,
    help="With --backend dask: the dask scheduler to use, e.g. tcp://HOST:8786. Without it, "
    "--backend dask starts a local dask cluster of --workers processes.",
)
@click.option(
    "--resume",
    is_flag=True,
    help="Keep the rows already in --out for unchanged files (same path and sha256); add the rest.",
)
@click.option(
    "--format", "fmt", type=click.Choice(OUTPUT_FORMATS), default=OUTPUT_FORMATS[0], show_default=True
)
@click.option(
    "--follow-links",
    is_flag=True,
    help="Also audit files reached through symbolic links that lead out of the audited folders "
    "(by default they are skipped and counted).",
)
@_fail_option
@_model_option
@_trust_option
@_type_option
@_language_option
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary.")
@_color_option
def audit(
    paths: tuple[Path | str, ...],
    urls_file: Path | None,
    out: Path,
    review: Path | None,
    workers: int | str,
    backend: str,
    scheduler: str | None,
    resume: bool,
    fmt: str,
    follow_links: bool,
    fail_on: str | None,
    model_path: Path | None,
    allow_custom_model: bool,
    content_type: str,
    language: str | None,
    quiet: bool,
    color: str,
) -> None:
    """Score every page under PATHS and write one row per page to --out as it finishes.

    Folders are walked recursively for .html, .htm, .xhtml and .txt files, also gzip-compressed
    (.html.gz ...), and for web archives (.warc, .arc, .warc.gz, .arc.gz): each response record
    holding HTML or text with a 2xx status is a page, its source the target URI and the record id,
    decoded with its HTTP charset; other records are skipped and counted by type, content type or
    status. Every page gets a row: one that cannot be read or parsed, or a truncated or corrupt
    archive record, gets its row with `error` set. Other files are skipped and counted, and so are named pipes, sockets and
    devices, symbolic links leading out of the audited folders (unless --follow-links) and --out
    itself. Only one audit at a time can write an --out file (it is locked). A page that could not be
    scored counts as "not scored", never as suspicious (only --fail-on error matches it). PATHS that
    hold no page file at all are a mistake: a warning, exit 2, and --out is not touched.

    With JSONL output, the audit's cross-page signals are written beside it (results.crosspage.json):
    clusters of near-duplicate pages (MinHash over each page's non-boilerplate text) with their
    estimated similarity, and a roll-up by site (host of each URL: pages, verdicts, mean credibility,
    top spam labels).

    PATHS may also be http(s) URLs, and --urls names a file of them: each is a page, fetched safely by
    the process that scores it (see `detector score --help`); a page that cannot be fetched is a row
    with `error`. --resume keeps a URL's row without fetching it again.

    With --backend dask --scheduler tcp://HOST:8786 the pages are scored on a dask.distributed
    cluster (each worker process loads the model once and reads the files from the same paths); the
    rows are the same, in the same order, as a local audit's.
    """
    from .audit.local import AuditOptions
    from .page.reading import source_name
    from .scoring import ScoreOptions
    from .terminal import console, render_summary

    to_stdout = str(out) == "-"
    inputs: list = list(paths)
    if urls_file is not None:
        inputs += _read_urls(urls_file)
    if not inputs:
        raise click.UsageError("give PATHS to audit, or --urls FILE")
    if review is not None and fmt != "jsonl":
        raise click.UsageError("--report needs --format jsonl (the review report is built from page reports)")
    if review is not None and to_stdout:
        raise click.UsageError("--report needs --out to be a file (the review report reads the rows back)")
    if resume and to_stdout:
        raise click.UsageError("--resume needs --out to be a file (it reads the earlier rows back)")
    if scheduler is not None and backend != "dask":
        raise click.UsageError("--scheduler needs --backend dask")
    workers_given = click.get_current_context().get_parameter_source("workers") is not ParameterSource.DEFAULT
    if scheduler is not None and workers_given:
        raise click.UsageError(
            "--workers sets the processes of a local dask cluster; with --scheduler the "
            "cluster's own workers score the pages (start them with `dask worker`)"
        )
    err = console(stderr=True, color=color)
    options = AuditOptions(
        workers=workers,
        resume=resume,
        format=fmt,
        model_path=model_path,
        score=ScoreOptions(content_type=content_type, language=language),
        backend=backend,
        scheduler=scheduler,
        allow_custom_model=allow_custom_model,
        follow_links=follow_links,
    )
    try:
        summary = _run_with_progress(inputs, out, options, show=err.is_terminal and not quiet, console=err)
    except NoPagesError as exc:  # nothing went wrong, but nothing was audited: a warning, and exit 2
        click.echo(f"Warning: {exc}; nothing was written", err=True)
        sys.exit(2)
    except (AuditError, ModelError) as exc:
        raise UsageOrIOError(str(exc)) from exc
    if not quiet:
        err.print(render_summary(summary, "standard output" if to_stdout else source_name(out)))
    if fmt == "jsonl" and not to_stdout:
        _cross_page(out, err if not quiet else None)
    if review is not None:
        _build_review(out, review, quiet)
    if _failed(fail_on, summary.verdicts, summary.errors_total):
        sys.exit(1)


def _cross_page(out: Path, err: Console | None) -> None:
    """Write the audit's cross-page signals beside its rows (``results.crosspage.json``) and show them."""
    from .audit.crosspage import analyse_file, side_file
    from .terminal import render_cross_page

    side = side_file(out)
    try:
        result = analyse_file(out, side)
    except OSError as exc:
        raise UsageOrIOError(f"cannot write {side}: {exc.strerror or exc}") from exc
    if err is not None:
        err.print(render_cross_page(result, str(side)))


def _read_urls(path: Path) -> list:
    """The pages of a ``--urls`` file: each line that is not blank or a ``#`` comment. A line that is not an
    http(s) URL still becomes a page, whose row says why it was not fetched."""
    from .page.fetch import WebPage

    try:
        if str(path) == "-":
            text = sys.stdin.buffer.read().decode("utf-8", "replace")
        else:
            text = path.read_bytes().decode("utf-8", "replace")
    except OSError as exc:
        raise UsageOrIOError(f"cannot read {path}: {exc.strerror or exc}") from exc
    lines = (line.strip() for line in text.splitlines())
    return [WebPage(line) for line in lines if line and not line.startswith("#")]


def _run_with_progress(
    paths: Iterable, out: Path, options: AuditOptions, *, show: bool, console: Console
) -> AuditSummary:
    from .audit.local import run_audit

    if not show:
        return run_audit(paths, out, options)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(
        TextColumn("auditing"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("audit", total=None)
        return run_audit(
            paths,
            out,
            options,
            on_start=lambda total: progress.update(task, total=total),
            on_page=lambda report: progress.advance(task),
        )


@main.command(epilog=EXIT_CODES)
@click.argument("results", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The HTML file to write.",
)
@click.option("--title", default="Detector review report", show_default=True, help="The report's title.")
@click.option(
    "--max-pages",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_PAGES,
    show_default=True,
    help="Show the most suspicious pages in full up to this many (the summary counts all).",
)
def report(results: Path, out: Path, title: str, max_pages: int) -> None:
    """Build the moderator review report (one self-contained HTML file) from an audit's RESULTS (JSONL).

    RESULTS must be the JSONL of `detector audit` (its default --format): a file in which no line is a
    page report (an audit's CSV, say) exits 2. The repeated templates of the audit's cross-page file beside
    it (results.crosspage.json) are marked on their sections, and a decision on one section can be applied
    to every section of its template in the report.
    """
    _build_review(results, out, False, title=title, max_pages=max_pages)


def _build_review(results: Path, out: Path, quiet: bool, **kwargs: Any) -> None:
    """Build the review report of ``results``, with the repeated templates of its cross-page side file."""
    from .audit.crosspage import side_file, template_members
    from .page.reading import source_name
    from .report.review import build_review

    try:
        stats = build_review(results, out, templates=template_members(side_file(results)), **kwargs)
    except (OSError, InputError, ResultsFormatError) as exc:
        raise UsageOrIOError(f"cannot build the review report: {exc}") from exc
    if not quiet:
        unreadable = f", {stats.unreadable_lines} unreadable lines" if stats.unreadable_lines else ""
        unreadable += f", {stats.not_scored} not scored" if stats.not_scored else ""
        shown = f" ({stats.shown} most suspicious shown in full)" if stats.shown < stats.pages else ""
        click.echo(f"review report of {stats.pages} pages{shown}{unreadable} -> {source_name(out)}", err=True)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to listen on."
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Worker processes, each with its own copy of the model.",
)
@_model_option
@_trust_option
@click.option(
    "--log-level",
    type=click.Choice(["critical", "error", "warning", "info", "debug"]),
    default="info",
    show_default=True,
    help="Log level of the service and uvicorn (logs: JSON lines on standard error, DETECTOR_LOG_FORMAT).",
)
def serve(
    host: str, port: int, workers: int, model_path: Path | None, allow_custom_model: bool, log_level: str
) -> None:
    """Run the HTTP scoring service (FastAPI on uvicorn).

    The other settings come from DETECTOR_* environment variables: DETECTOR_API_KEY,
    DETECTOR_MAX_BODY_BYTES, DETECTOR_MAX_BATCH, DETECTOR_CORS_ORIGINS, DETECTOR_SCORE_PROCESSES,
    DETECTOR_SCORE_TIMEOUT, DETECTOR_SCORE_THREADS, DETECTOR_MAX_HEADER_BYTES, DETECTOR_MAX_HEADERS,
    DETECTOR_HEADER_TIMEOUT, DETECTOR_BODY_TIMEOUT, DETECTOR_KEEP_ALIVE_TIMEOUT, DETECTOR_API_KEYS_FILE,
    DETECTOR_RATE_LIMIT, DETECTOR_RATE_BURST, DETECTOR_RATE_LIMIT_CLIENTS, DETECTOR_LOG_FORMAT.
    API docs at /docs, the OpenAPI document at /openapi.json, Prometheus metrics at /metrics.
    """
    import inspect

    import uvicorn
    from pydantic import ValidationError

    from .model.artifact import check_model
    from .service import Settings
    from .service._keys import KeyFileError, KeyRing
    from .service._observe import log_config
    from .service.protocol import GUARDED_HTTP

    if model_path is not None:
        if not model_path.is_file():
            raise UsageOrIOError(f"model file {model_path} does not exist")
        os.environ["DETECTOR_MODEL_PATH"] = str(model_path.resolve())  # read by every worker's Settings()
    if allow_custom_model:
        os.environ["DETECTOR_ALLOW_CUSTOM_MODEL"] = "1"
    try:
        settings = Settings()
    except ValidationError as exc:
        raise UsageOrIOError(f"invalid DETECTOR_* setting: {exc}") from exc
    try:  # likewise a bad keys file
        KeyRing.from_settings(settings)
    except KeyFileError as exc:
        raise UsageOrIOError(str(exc)) from exc
    try:  # the sidecar checks now, so a refused model is one line here, not a traceback in every worker
        check_model(settings.model_path, allow_custom_model=settings.allow_custom_model)
    except ModelError as exc:
        raise UsageOrIOError(str(exc)) from exc
    # the protocol bounds headers and times out slow clients; uvicorn closes idle kept-alive connections
    extra: dict[str, Any] = {}
    if "timeout_worker_healthcheck" in inspect.signature(uvicorn.Config).parameters:
        # with --workers N, a worker answers the supervisor's pings only once it has imported the package
        # (seconds on a busy machine, while its scoring processes load too): uvicorn's 5 s killed and
        # restarted workers in a loop at startup
        extra["timeout_worker_healthcheck"] = WORKER_HEALTHCHECK_TIMEOUT
    metrics_dir = None
    if workers > 1 and not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        # each worker counts in files there, and /metrics adds up all workers (prometheus-client)
        metrics_dir = tempfile.mkdtemp(prefix="detector-metrics-")
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = metrics_dir
    try:
        uvicorn.run(
            "detector.service:create_app",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_level=log_level,
            log_config=log_config(log_level, settings.log_format),
            access_log=False,  # detector.service.access logs each request, with its request_id
            http=GUARDED_HTTP,
            # uvicorn annotates an int but passes it to loop.call_later, which takes fractions of a second
            timeout_keep_alive=settings.keep_alive_timeout,  # type: ignore[arg-type]
            **extra,
        )
    finally:
        if metrics_dir is not None:
            os.environ.pop("PROMETHEUS_MULTIPROC_DIR", None)
            shutil.rmtree(metrics_dir, ignore_errors=True)


@main.command(context_settings=HELP_OPTIONS)
@click.option(
    "--corpora",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_CORPORA,
    show_default=True,
    help="Folder holding the corpora (seeds come from the repository).",
)
@_model_option
@_trust_option
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON.")
@click.option(
    "--verbose", is_flag=True, help="Also show the worst errors (false positives and misses) of each corpus."
)
@click.option(
    "--only",
    multiple=True,
    type=click.Choice(EVALUATION_CORPORA),
    help="Evaluate only this corpus (repeatable).",
)
@click.option(
    "--skip",
    multiple=True,
    type=click.Choice(EVALUATION_CORPORA),
    help="Do not evaluate this corpus (repeatable); the seeds' cross-validation takes the longest.",
)
@_language_option
@click.option(
    "--quick",
    is_flag=True,
    help="No cross-validation of the seed corpus (one model per seed page, the slow part): the seed "
    "pages are still scored. Not the official figures.",
)
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=None,
    help="At most N items per corpus: a quick run, not the official figures.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=os.cpu_count() or 1,
    show_default="all CPUs",
    help="Worker processes.",
)
def evaluate(
    corpora: Path,
    model_path: Path | None,
    allow_custom_model: bool,
    as_json: bool,
    verbose: bool,
    only: tuple[str, ...],
    skip: tuple[str, ...],
    limit: int | None,
    jobs: int,
    language: str | None,
    quick: bool,
) -> None:
    """Measure the detector on every evaluation corpus and print one table, each figure's target
    marked PASS / FAIL (python -m detector.evaluate is the same command).

    \b
    Corpora (detector/evaluation/, one module each):
      seeds             the labelled training corpus, leave-one-page-out: P / R / F1 per label,
                        macro F1 over the spam labels (the training's own functions); and the
                        model's credible paragraphs with a displayed flag on the seed pages
      news-pages        real news pages: gold paragraphs flagged as spam (false positives) and lost
                        (labelled boilerplate or not found); credible paragraphs with a displayed flag
      extraction-pages  real web pages: main-text snippets kept, boilerplate snippets removed
      celebrity-news    fake vs legit stories: ROC AUC of page credibility (legit = positive)
      weasel-sentences  hedged Wikipedia sentences: F1 of label unsourced_rumour against uncertain = 1

    The corpora other than seeds live in --corpora; they are not part of the repository, and an
    absent one is skipped with the reason printed (nothing to evaluate at all: "nothing evaluated",
    exit 0). --limit N scores at most N items per corpus and --quick skips the seeds'
    cross-validation, for a quick look: those are not the official figures. Progress, with an
    estimate of the time left, goes to standard error.
    """
    from .evaluation.runner import GET_CORPORA, EvaluationOptions, render, run_evaluation
    from .report.display import clean

    options = EvaluationOptions(
        corpora=corpora,
        model=model_path,
        only=only,
        skip=skip,
        limit=limit,
        jobs=jobs,
        verbose=verbose,
        allow_custom_model=allow_custom_model,
        quick=quick,
        language=language,
    )
    try:
        results = run_evaluation(options, progress=lambda message: click.echo(clean(message), err=True))
    except DetectorError as exc:
        raise UsageOrIOError(str(exc)) from exc
    if not results["run"]["evaluated"] and not as_json:
        click.echo("nothing evaluated:")
        for name, figures in results["corpora"].items():
            click.echo(f"  {name}: skipped, {clean(figures['skipped'])}")
        click.echo(GET_CORPORA)
        return
    click.echo(render(results, as_json=as_json))
    if any("not found" in str(figures.get("skipped", "")) for figures in results["corpora"].values()):
        click.echo(GET_CORPORA, err=True)


@main.command(context_settings=HELP_OPTIONS)
@click.argument("extra", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--seeds",
    type=click.Path(path_type=Path),
    default=SEEDS,
    show_default=True,
    help="The labelled corpus folder (every labels*.jsonl under it).",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=MODELS,
    show_default=True,
    help="Where to write the model.",
)
@click.option("--name", default=MODEL_NAME, show_default=True, help="The model's name (file stem).")
@click.option(
    "--jobs", type=int, default=JOBS, show_default=True, help="Cross-validation folds fitted at once."
)
@click.option(
    "--feedback",
    type=click.Path(path_type=Path),
    multiple=True,
    metavar="DECISIONS.jsonl",
    help="Moderators' decisions exported from the review report (repeatable); a decision overrides "
    "the corpus label of its paragraph.",
)
@click.option(
    "--tree-weight",
    type=float,
    default=PARAMS["tree_weight"],
    show_default=True,
    metavar="W",
    help="Weight of the boosted trees in choosing the spam label of a likely spam paragraph "
    "(0: the logistic regression alone).",
)
@click.option(
    "--section-weight",
    type=float,
    default=PARAMS["section_weight"],
    show_default=True,
    metavar="W",
    help="Weight of the second reading, which reads each paragraph again with its section and page "
    "(0: no second reading).",
)
@click.option(
    "--capture-weight",
    type=float,
    default=CAPTURE_WEIGHT,
    show_default=True,
    metavar="W",
    help="Weight of a paragraph of a captured seed page against one of a written page.",
)
@click.option("--no-cv", is_flag=True, help="Skip cross-validation (quick retrain).")
@click.option(
    "--cv-by",
    type=click.Choice(CV_SCHEMES),
    default=CV_SCHEMES[0],
    show_default=True,
    help="Hold out one page, or one batch of pages (a folder written together), at a time.",
)
@click.option(
    "--synthetic",
    type=click.IntRange(min=0),
    default=SYNTHETIC_PAGES,
    show_default=True,
    metavar="N",
    help="Synthetic pages added to training: corpus articles padded with generated spam sections, "
    "rendered in many markups.",
)
@click.option(
    "--check",
    is_flag=True,
    help="Retrain and compare with the committed model's sidecar (with --no-cv: its data hash, "
    "label counts and the label of every labelled paragraph); write nothing. Exit 1 when they differ.",
)
@click.option(
    "--no-fit",
    is_flag=True,
    help="With --check: do not refit; compare the rebuilt corpus with what the committed model recorded "
    "when it was trained (data hash, label counts, its reading of every paragraph). Under a minute.",
)
@click.option(
    "--resave",
    is_flag=True,
    help="Do not train: write the data-only scoring form of the model OUT/NAME.joblib (verified first) "
    "beside it and update its sidecar (and, in models/, the pin).",
)
def train(
    extra: tuple[Path, ...],
    seeds: Path,
    out: Path,
    name: str,
    jobs: int,
    feedback: tuple[Path, ...],
    tree_weight: float,
    section_weight: float,
    capture_weight: float,
    no_cv: bool,
    cv_by: str,
    synthetic: int,
    check: bool,
    no_fit: bool,
    resave: bool,
) -> None:
    """Train the paragraph classifier on the labelled seed corpus and write OUT/NAME.joblib and its
    sidecar; EXTRA: more labels*.jsonl files (rows name pages relative to their file).

    \b
    detector train                      leave-one-page-out CV, then fit on everything and save
    detector train extra/labels.jsonl   add more labelled files
    detector train --check              retrain in memory and compare with the committed model's sidecar
    detector train --check --no-cv      quicker: compare the retrained model's labels with the committed model's
    detector train --check --no-fit     quickest: the committed model still reads the rebuilt corpus as recorded
    detector train --feedback decisions.jsonl   add moderators' decisions exported from the review report
    detector train --resave             add the scoring form to the committed model without retraining

    python train.py in a checkout is the same command. Writing the shipped model (--out left at
    models/) also pins its digest in the package; a model written elsewhere is a custom model
    (load it with --trust-model).
    """
    from .training.train import TrainingOptions, run_training
    from .training.train import resave as resave_model

    if resave:
        try:
            resave_model(out, name)
        except DetectorError as exc:
            raise UsageOrIOError(str(exc)) from exc
        return
    if no_fit and not check:
        raise click.UsageError("--no-fit goes with --check")
    options = TrainingOptions(
        extra=extra,
        seeds=seeds,
        out=out,
        name=name,
        jobs=jobs,
        feedback=feedback,
        tree_weight=tree_weight,
        section_weight=section_weight,
        capture_weight=capture_weight,
        cv=not no_cv,
        cv_by=cv_by,
        synthetic=synthetic,
        check=check,
        fit=not no_fit,
    )
    try:
        reproduced = run_training(options)
    except DetectorError as exc:
        raise UsageOrIOError(str(exc)) from exc
    if not reproduced:
        sys.exit(1)


if __name__ == "__main__":
    main()
