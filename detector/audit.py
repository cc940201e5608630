"""Auditing a folder of pages: find them, score them (in parallel), stream the reports to a file.

The CLI's ``detector audit`` is a thin layer over :func:`run_audit`. Every input file is accounted
for: a file that cannot be read or parsed still gets its row, with ``error`` set. Rows are written and
flushed as they finish, so a killed audit keeps what it had, and ``resume`` adds only what is missing.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import heapq
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import joblib

from .exceptions import AuditError, InputTooLargeError
from .labels import SPAM_LABELS
from .output import OutputFormat, PageFacts, output_format
from .report import PageReport
from .scoring import Detector, ScoreOptions

#: File names the audit reads: HTML, XHTML and plain text, and the same compressed with gzip.
PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".txt")
_GZIP_SUFFIX = ".gz"
#: What :func:`read_page` raises for a file it cannot deliver (EOFError: a truncated gzip stream).
_UNREADABLE = (OSError, EOFError, InputTooLargeError)
#: Where pages are scored: ``local`` (this machine) or ``dask`` (a dask.distributed cluster).
BACKENDS = ("local", "dask")


@dataclass(frozen=True, slots=True)
class AuditOptions:
    """How to run an audit.

    Parameters
    ----------
    workers : processes scoring pages; 1 scores in this process. With ``backend="dask"``: the processes
        of the local dask cluster started when no ``scheduler`` is given; ignored with a ``scheduler``
        (every worker thread of that cluster scores pages).
    resume : keep the rows already in the output (same path and content sha256) and add only the rest.
    format : ``"jsonl"`` (one page report per line) or ``"csv"`` (one row per paragraph).
    model_path : the model file; ``None`` for the shipped model.
    allow_custom_model : allow a model that is not the shipped one (see :meth:`Detector.load`); its
        rows say ``model.official: false``.
    score : options passed to every :meth:`Detector.score`.
    backend : ``"local"`` (score on this machine) or ``"dask"`` (score on a dask.distributed cluster:
        ``pip install 'detector[dask]'``). The rows are the same, in the same order, either way. The
        dask workers read the files themselves, so they must see them at the same paths as this process
        (a shared mount); a relative path is read relative to this process's working directory. Each
        worker process loads the model once. See :mod:`detector.dask_backend`.
    scheduler : with ``backend="dask"``, the address of the dask scheduler (``"tcp://HOST:8786"``);
        ``None`` starts a local dask cluster of ``workers`` processes for the audit.
    """

    workers: int = 1
    resume: bool = False
    format: str = "jsonl"
    model_path: Path | None = None
    score: ScoreOptions = field(default_factory=ScoreOptions)
    backend: str = "local"
    scheduler: str | None = None
    allow_custom_model: bool = False


@dataclass
class Discovery:
    """The page files under the audited paths, and how many other files were skipped and why."""

    files: list[Path]
    skipped: Counter = field(default_factory=Counter)


@dataclass
class AuditSummary:
    """What an audit found: counts, and the most suspicious pages (bounded, whatever the audit's size)."""

    discovered: int = 0
    skipped: Counter = field(default_factory=Counter)
    resumed: int = 0
    scored: int = 0
    failed: int = 0
    errors: Counter = field(default_factory=Counter)
    verdicts: Counter = field(default_factory=Counter)
    labels: Counter = field(default_factory=Counter)
    top_n: int = 10
    _worst: list = field(default_factory=list, repr=False)

    @property
    def pages(self) -> int:
        """Pages with a row in the output: scored now, failed now, or kept from an earlier run."""
        return self.scored + self.failed + self.resumed

    @property
    def errors_total(self) -> int:
        """Pages whose row has ``error`` set, in this run or kept from an earlier one."""
        return sum(self.errors.values())

    def add(self, facts: PageFacts, *, resumed: bool = False) -> None:
        """Count one page: scored in this run, or kept from an earlier run (``resumed``)."""
        if resumed:
            self.resumed += 1
        elif facts.error is not None:
            self.failed += 1
        else:
            self.scored += 1
        if facts.error is not None:
            self.errors[facts.error] += 1
        self.verdicts[facts.verdict] += 1
        self.labels.update(facts.counts)
        rank = ({"spam": 0, "suspicious": 1}.get(facts.verdict, 2), facts.credibility)
        spam = sorted((label for label in SPAM_LABELS if facts.counts.get(label)),
                      key=lambda label: -facts.counts[label])[:3]
        spam = [f"{label} {facts.counts[label]}" for label in spam]
        item = (tuple(-x for x in rank), facts.source, facts.verdict, facts.credibility, facts.error, spam)
        if len(self._worst) < self.top_n:
            heapq.heappush(self._worst, item)
        else:
            heapq.heappushpop(self._worst, item)

    def most_suspicious(self) -> list[dict]:
        """The ``top_n`` most suspicious pages: spam first, then lowest credibility."""
        return [{"source": source, "verdict": verdict, "credibility": cred, "error": error, "top_spam_labels": labels}
                for _, source, verdict, cred, error, labels in sorted(self._worst, reverse=True)]


def discover(paths: Iterable[str | Path]) -> Discovery:
    """Every page file under ``paths``, sorted, walking folders recursively.

    A path named explicitly is audited whatever its suffix. In folders, files ending in one of
    :data:`PAGE_SUFFIXES` (optionally followed by ``.gz``) are pages, dangling links included (they get
    an error row); other files are counted in ``skipped`` by reason. Symbolic links to folders are not
    followed (they could loop).

    Raises
    ------
    AuditError
        A path does not exist.
    """
    found: set[Path] = set()
    skipped: Counter = Counter()
    for root in map(Path, paths):
        if not root.is_dir():
            if not root.exists() and not root.is_symlink():
                raise AuditError(f"{root}: no such file or folder")
            found.add(root)
            continue

        def unreadable(exc: OSError) -> None:
            skipped["folder could not be read"] += 1

        for folder, dirs, names in os.walk(root, onerror=unreadable):
            for name in dirs:
                if os.path.islink(os.path.join(folder, name)):
                    skipped["link to a folder (not followed)"] += 1
            for name in names:
                if is_page_name(name):
                    found.add(Path(folder) / name)
                else:
                    suffix = Path(name).suffix.lower() or "no extension"
                    skipped[f"not a page ({suffix})"] += 1
    return Discovery(files=sorted(found), skipped=skipped)


def is_page_name(name: str) -> bool:
    """Whether a file name has a page suffix (``.html``, ``.htm``, ``.xhtml``, ``.txt``, each optionally ``.gz``)."""
    name = name.lower().removesuffix(_GZIP_SUFFIX)
    return name.endswith(PAGE_SUFFIXES)


def read_page(path: Path, max_bytes: int, *, cwd: str | Path | None = None) -> bytes:
    """The bytes of a page file, decompressed when it ends in ``.gz``.

    Reads at most ``max_bytes`` (after decompression, so a gzip bomb costs nothing). A relative
    ``path`` is read relative to ``cwd`` (default: the working directory); an error names ``path`` as
    given either way (so a dask worker's error row is the same as a local one).

    Raises
    ------
    OSError
        The file (or ``cwd``) cannot be read, or is not valid gzip.
    InputTooLargeError
        The page is larger than ``max_bytes``.
    """
    dir_fd = None
    if cwd is not None and not path.is_absolute():
        dir_fd = os.open(cwd, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        opener = None if dir_fd is None else (lambda name, flags: os.open(name, flags, dir_fd=dir_fd))
        with open(path, "rb", opener=opener) as raw:
            fh = gzip.GzipFile(fileobj=raw, mode="rb") if path.name.lower().endswith(_GZIP_SUFFIX) else raw
            data = fh.read(max_bytes + 1)
    finally:
        if dir_fd is not None:
            os.close(dir_fd)
    if len(data) > max_bytes:
        raise InputTooLargeError(f"page is more than the limit of {max_bytes:,} bytes")
    return data


def score_file(detector: Detector, path: Path, *, cwd: str | Path | None = None) -> PageReport:
    """The report of one file; a file that cannot be read gets a report with the reason as ``error``.

    ``cwd``: the folder a relative ``path`` is read from (default: the working directory).
    """
    try:
        data = read_page(path, detector.options.max_bytes, cwd=cwd)
    except _UNREADABLE as exc:
        return detector.error_report(str(path), exc)
    return detector.score(data, source=str(path))


def page_sha256(path: Path, max_bytes: int) -> str | None:
    """sha256 of a page's bytes as :func:`score_file` scores them, or None when it cannot be read."""
    try:
        return hashlib.sha256(read_page(path, max_bytes)).hexdigest()
    except _UNREADABLE:
        return None


def run_audit(paths: Iterable[str | Path], out: str | Path, options: AuditOptions | None = None, *,
              on_start: Callable[[int], None] | None = None,
              on_page: Callable[[PageReport], None] | None = None) -> AuditSummary:
    """Score every page under ``paths`` and write one row per page to ``out`` as it finishes.

    Parameters
    ----------
    paths : files and folders to audit.
    out : the output file (JSONL or CSV, see :class:`AuditOptions`).
    options : how to run; default one worker on this machine, no resume, JSONL.
    on_start : called once with the number of pages to score in this run (for a progress bar).
    on_page : called with each page's report as it is written.

    Raises
    ------
    AuditError
        A path does not exist, the output cannot be read (resume) or written, the options are
        inconsistent, or (dask backend) dask is not installed, the scheduler cannot be reached, its
        workers cannot load the same model, or the connection to it is lost.
    ModelError
        The model cannot be loaded.
    """
    options = options or AuditOptions()
    fmt = output_format(options.format)
    if options.backend not in BACKENDS:
        raise AuditError(f"unknown backend {options.backend!r}; choose one of {', '.join(BACKENDS)}")
    if options.scheduler is not None and options.backend != "dask":
        raise AuditError("a scheduler address needs the dask backend (backend='dask')")
    discovery = discover(paths)
    summary = AuditSummary(discovered=len(discovery.files), skipped=discovery.skipped)
    out = Path(out)
    todo = discovery.files
    if options.resume and out.exists():
        todo, kept = _prepare_resume(out, fmt, discovery.files, options.score.max_bytes)
        for facts in kept:
            summary.add(facts, resumed=True)
    detector = Detector.shared(options.model_path, options=options.score,  # fail early, before any output is touched
                               allow_custom_model=options.allow_custom_model)
    with _scorer(options, detector) as score_all:
        if on_start:
            on_start(len(todo))
        _write(out, fmt, score_all(todo), summary, resume=options.resume, on_page=on_page)
    return summary


def _write(out: Path, fmt: OutputFormat, reports: Iterator[PageReport], summary: AuditSummary, *,
           resume: bool, on_page: Callable[[PageReport], None] | None) -> None:
    mode = "a" if resume and out.exists() else "w"
    try:
        fh = open(out, mode, encoding="utf-8", newline="")
    except OSError as exc:
        raise AuditError(f"cannot write {out}: {exc.strerror or exc}") from exc
    with fh:
        if mode == "w" or out.stat().st_size == 0:
            fh.write(fmt.header())
        for report in reports:
            fh.write(fmt.rows(report))
            fh.flush()
            summary.add(PageFacts.of(report))
            if on_page:
                on_page(report)


# -- scoring, in this process, in worker processes or on a dask cluster ---------------------------

def _score_in_worker(path: Path, model_path: Path | None, score_options: ScoreOptions,
                     cwd: str | None = None, allow_custom_model: bool = False) -> PageReport:
    detector = Detector.shared(model_path, options=score_options, allow_custom_model=allow_custom_model)
    return score_file(detector, path, cwd=cwd)


@contextlib.contextmanager
def _scorer(options: AuditOptions, detector: Detector) -> Iterator[Callable[[list[Path]], Iterator[PageReport]]]:
    """A function from files to their reports in order, on ``options.backend``; the dask cluster is
    connected (or started) and checked on entry, so its errors come before any output is touched."""
    if options.backend == "local":
        yield lambda files: _score_all(files, options)
        return
    from . import dask_backend

    model_path = Path(options.model_path).absolute() if options.model_path is not None else None
    with dask_backend.dask_client(options.scheduler, options.workers) as client:
        dask_backend.check_workers(client, model_path, options.score, detector.info,
                                   allow_custom_model=options.allow_custom_model)
        yield lambda files: dask_backend.score_on_dask(client, files, _score_in_worker, model_path,
                                                       options.score, detector,
                                                       allow_custom_model=options.allow_custom_model)


def _score_all(files: list[Path], options: AuditOptions) -> Iterator[PageReport]:
    """Reports of ``files`` in order, scored by ``options.workers`` processes."""
    if options.workers <= 1 or len(files) <= 1:
        detector = Detector.shared(options.model_path, options=options.score,
                                   allow_custom_model=options.allow_custom_model)
        for path in files:
            yield score_file(detector, path)
        return
    parallel = joblib.Parallel(n_jobs=options.workers, return_as="generator", batch_size=1,
                               pre_dispatch="4*n_jobs")
    yield from parallel(joblib.delayed(_score_in_worker)(path, options.model_path, options.score,
                                                         allow_custom_model=options.allow_custom_model)
                        for path in files)


# -- resume ---------------------------------------------------------------------------------------

def _prepare_resume(out: Path, fmt: OutputFormat, files: list[Path],
                    max_bytes: int) -> tuple[list[Path], list[PageFacts]]:
    """Keep the output's complete rows for files whose content is unchanged.

    Returns the files still to score, and the facts of the kept rows of the audited files.

    Rows of files that changed since, rows of files that could not be read, and an incomplete last
    record (an audit killed mid-write) are dropped, so each file ends up exactly once.
    """
    try:
        records = list(fmt.read_records(out))
    except OSError as exc:
        raise AuditError(f"cannot read {out} to resume: {exc.strerror or exc}") from exc
    current = {str(path): path for path in files}
    kept, kept_facts, done = [], [], set()
    for record in records:
        path = current.get(record.source)
        if record.source in done or record.sha256 is None:
            continue
        if path is not None and page_sha256(path, max_bytes) != record.sha256:
            continue
        kept.append(record.text)
        done.add(record.source)
        if path is not None:
            kept_facts.append(record.facts)
    kept_bytes = sum(len(text.encode("utf-8")) for text in kept) + len(fmt.header().encode("utf-8"))
    if kept_bytes != out.stat().st_size:
        tmp = out.with_name(out.name + ".resume-tmp")
        with open(tmp, "w", encoding="utf-8", newline="") as fh:
            fh.write(fmt.header())
            fh.writelines(kept)
        os.replace(tmp, out)
    todo = [path for path in files if str(path) not in done]
    return todo, kept_facts

