"""Auditing folders of pages and web archives: find the pages, score them (in parallel), stream the
reports to a file.

The CLI's ``detector audit`` is a thin layer over :func:`run_audit`. Every input is accounted for: a
file that cannot be read or parsed still gets its row, with ``error`` set, and so does a broken record
of a WARC or ARC file (:mod:`detector.page.archive`), whose other records are pages or are counted as
skipped by reason. Rows are written and flushed as they finish, so a killed audit keeps what it had,
and ``resume`` adds only what is missing.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import heapq
import os
import stat
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

try:
    import fcntl
except ImportError:  # not POSIX: outputs are written unlocked
    fcntl = None  # type: ignore[assignment]  # the module or None, tested before each use

from ..choices import AUTO_WORKERS, BACKENDS
from ..exceptions import ArchiveRecordError, AuditError, FetchError, NoPagesError
from ..labels import SPAM_LABELS, review_rank
from ..page.archive import ArchiveRecord, is_archive_name, read_record, scan_archive
from ..page.fetch import FetchOptions, WebPage, fetch, fetch_page, is_url
from ..page.reading import PAGE_SUFFIXES, SPECIAL_KINDS, UNREADABLE, is_page_name, read_page, source_name
from ..report.output import OutputFormat, PageFacts, output_format
from ..report.schema import PageReport
from ..scoring import Detector, ScoreOptions

#: Suffix of the file a resumed audit writes its kept rows to before it replaces the output with it.
RESUME_TMP_SUFFIX = ".resume-tmp"
SKIPPED_OUTSIDE_LINK = "symlink outside the audited folders"
SKIPPED_OWN_OUTPUT = "the audit's own output file"
#: Pages each scoring process beyond the first must have before it pays for its start-up: a fresh
#: interpreter that imports the package and loads the model while the first process could have scored
#: them. Measured with ``python -m detector.benchmarks.throughput`` (wall times, start-up included).
PAGES_PER_WORKER = 150


def available_cores() -> int:
    """The CPUs this process may run on (its affinity where the system tells it, else all of them)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def choose_workers(workers: int | str, pages: int, cores: int | None = None) -> int:
    """The processes an audit of ``pages`` pages uses: ``workers`` as given, or for ``"auto"`` one per
    :data:`PAGES_PER_WORKER` pages, at least one and at most one per core.

    Raises
    ------
    AuditError
        ``workers`` is neither ``"auto"`` nor a whole number of at least 1.
    """
    if workers == AUTO_WORKERS:
        cores = available_cores() if cores is None else cores
        return max(1, min(cores, pages // PAGES_PER_WORKER))
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise AuditError(f"workers must be {AUTO_WORKERS!r} or a whole number of at least 1, not {workers!r}")
    return workers


#: The output name that means standard output (``detector audit --out -``), as for ``detector score -``.
STDOUT = "-"


@dataclass(frozen=True, slots=True)
class AuditOptions:
    """How to run an audit.

    Parameters
    ----------
    workers : processes scoring pages; 1 scores in this process; ``"auto"`` (the default) chooses from the
        number of pages and of cores (:func:`choose_workers`), so that a small audit is never slower than
        on one process. With ``backend="dask"``: the processes of the local dask cluster started when no
        ``scheduler`` is given; ignored with a ``scheduler`` (every worker thread of that cluster scores
        pages).
    resume : keep the rows already in the output (same path and content sha256) and add only the rest.
    format : ``"jsonl"`` (one page report per line) or ``"csv"`` (one row per paragraph).
    model_path : the model file; ``None`` for the shipped model.
    allow_custom_model : allow a model that is not the shipped one (see :meth:`Detector.load`); its
        rows say ``model.official: false``.
    score : options passed to every :meth:`Detector.score`.
    follow_links : audit files reached through a symbolic link that leads out of every audited folder
        (default: skip them, counted as ``symlink outside the audited folders``). Links to folders are
        never followed (they could loop); files named explicitly are audited as named either way.
    backend : ``"local"`` (score on this machine) or ``"dask"`` (score on a dask.distributed cluster:
        ``pip install 'detector[dask]'``). The rows are the same, in the same order, either way. The
        dask workers read the files themselves, so they must see them at the same paths as this process
        (a shared mount); a relative path is read relative to this process's working directory. Each
        worker process loads the model once. See :mod:`detector.audit.dask_backend`.
    scheduler : with ``backend="dask"``, the address of the dask scheduler (``"tcp://HOST:8786"``);
        ``None`` starts a local dask cluster of ``workers`` processes for the audit.
    """

    workers: int | str = "auto"
    resume: bool = False
    format: str = "jsonl"
    model_path: Path | None = None
    score: ScoreOptions = field(default_factory=ScoreOptions)
    backend: str = "local"
    scheduler: str | None = None
    allow_custom_model: bool = False
    follow_links: bool = False


#: One input of an audit that gets a row: a page file, a record of a web archive, or a page's URL.
PageInput = Path | ArchiveRecord | WebPage


def input_source(page: PageInput) -> str:
    """The ``source`` of an input's report: a file's :func:`source_name`, a record's URI and id, a URL."""
    return page.source if isinstance(page, ArchiveRecord | WebPage) else source_name(page)


@dataclass
class Discovery:
    """The pages under the audited paths (files, and the records of web archives, in order), and how many
    other files and archive records were skipped and why."""

    pages: list[PageInput]
    skipped: Counter = field(default_factory=Counter)
    #: records read in web archives: each is one of ``pages`` or counted in ``skipped``
    archive_records: int = 0


@dataclass
class AuditSummary:
    """What an audit found: counts, and the most suspicious pages (bounded, whatever the audit's size)."""

    discovered: int = 0
    skipped: Counter = field(default_factory=Counter)
    #: records read in web archives: each has a row (a page, a broken record) or is counted in ``skipped``
    archive_records: int = 0
    resumed: int = 0
    scored: int = 0
    failed: int = 0
    errors: Counter = field(default_factory=Counter)
    verdicts: Counter = field(default_factory=Counter)
    labels: Counter = field(default_factory=Counter)
    #: pages in a language the model was not trained for, by language: no verdict, and no error either
    not_assessed: Counter = field(default_factory=Counter)
    workers: int = 1
    top_n: int = 10
    _worst: list = field(default_factory=list, repr=False)

    @property
    def pages(self) -> int:
        """Pages with a row in the output: scored now, failed now, or kept from an earlier run."""
        return self.scored + self.failed + self.resumed

    @property
    def not_scored(self) -> int:
        """Pages whose row has ``error`` set: no verdict, counted apart from the verdicts."""
        return self.errors_total

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
        elif facts.not_assessed is not None:
            self.not_assessed[facts.not_assessed] += 1
        else:  # a page not scored has no verdict: it is counted as not scored, never as suspicious
            self.verdicts[facts.verdict] += 1
        self.labels.update(facts.counts)
        if facts.not_assessed is not None:
            return  # nothing is known against it: not among the most suspicious pages
        rank = review_rank(facts.verdict, facts.credibility)
        spam = sorted(
            (label for label in SPAM_LABELS if facts.counts.get(label)),
            key=lambda label: -facts.counts[label],
        )[:3]
        top_spam = [f"{label} {facts.counts[label]}" for label in spam]
        item = (
            tuple(-x for x in rank),
            facts.source,
            facts.verdict,
            facts.credibility,
            facts.error,
            top_spam,
        )
        if len(self._worst) < self.top_n:
            heapq.heappush(self._worst, item)
        else:
            heapq.heappushpop(self._worst, item)

    def most_suspicious(self) -> list[dict]:
        """The ``top_n`` most suspicious pages: spam first, then lowest credibility; the pages not
        scored come after the suspicious ones (``verdict`` and ``credibility`` None)."""
        return [
            {
                "source": source,
                "verdict": verdict,
                "credibility": cred,
                "error": error,
                "top_spam_labels": labels,
            }
            for _, source, verdict, cred, error, labels in sorted(self._worst, reverse=True)
        ]


def discover(
    paths: Iterable[str | Path | WebPage],
    *,
    follow_links: bool = False,
    exclude: Iterable[str | Path] = (),
) -> Discovery:
    """Every page under ``paths``, sorted, walking folders recursively: page files, and the records of
    web archives in their order in the file; then the pages given by URL (an http(s) URL as a string, or a
    :class:`~detector.page.fetch.WebPage`), in the order given, fetched when they are scored.

    A path named explicitly is audited whatever its suffix. In folders, files ending in one of
    :data:`~detector.page.reading.PAGE_SUFFIXES` (optionally followed by ``.gz``) are pages, dangling links included (they get
    an error row), and files ending in ``.warc`` or ``.arc`` (optionally ``.gz``) are web archives, read
    with :func:`~detector.page.archive.scan_archive`: their pages and broken records get rows, their
    other records are counted in ``skipped`` by reason, and so are other files. Only regular files are pages:
    named pipes, sockets and devices are skipped (named or found), as reading them could block forever.
    Symbolic links to folders are not followed (they could loop); a link to a file outside every
    audited folder is skipped unless ``follow_links``. The files in ``exclude`` (the audit's own
    output) are skipped wherever they are.

    Raises
    ------
    AuditError
        A path does not exist.
    """
    found: set[Path] = set()
    skipped: Counter = Counter()
    paths = list(paths)
    urls = [p if isinstance(p, WebPage) else WebPage(str(p)) for p in paths if _is_web_page(p)]
    roots = [Path(p) for p in paths if not _is_web_page(p)]  # type: ignore[arg-type]
    excluded = {os.path.realpath(p) for p in exclude}
    excluded_names = {os.path.basename(p) for p in excluded}
    # a folder's real path ends with a separator, so that /data/pages does not contain /data/pages-old
    real_roots = tuple(os.path.join(os.path.realpath(root), "") for root in roots if root.is_dir())

    def skip_reason(path: Path, name: str, entry: os.DirEntry | None) -> str | None:
        if name in excluded_names and os.path.realpath(path) in excluded:
            return SKIPPED_OWN_OUTPUT
        if entry is not None and entry.is_file(follow_symlinks=False):
            return None  # a regular file, known from the folder listing without a stat
        is_link = entry.is_symlink() if entry is not None else path.is_symlink()
        if (
            is_link
            and not follow_links
            and entry is not None
            and not os.path.join(os.path.realpath(path), "").startswith(real_roots)
        ):
            return SKIPPED_OUTSIDE_LINK
        try:
            mode = (
                os.stat(path).st_mode
                if is_link or entry is None
                else entry.stat(follow_symlinks=False).st_mode
            )
        except OSError:
            return None  # a dangling or looping link: its row says why it cannot be read
        if stat.S_ISREG(mode):
            return None
        return f"not a regular file ({SPECIAL_KINDS.get(stat.S_IFMT(mode), 'special file')})"

    for root in roots:
        if not root.is_dir():
            if not root.exists() and not root.is_symlink():
                raise AuditError(f"{source_name(root)}: no such file or folder")
            reason = skip_reason(root, root.name, None)
            if reason:
                skipped[reason] += 1
            else:
                found.add(root)
            continue
        folders = [root]
        while folders:  # os.walk, with each entry's type from scandir (no stat for most files)
            folder = folders.pop()
            try:
                with os.scandir(folder) as listing:
                    entries = list(listing)
            except OSError:
                skipped["folder could not be read"] += 1
                continue
            for entry in entries:
                path = folder / entry.name
                try:
                    if entry.is_dir(follow_symlinks=False):
                        folders.append(path)
                        continue
                    if entry.is_symlink() and entry.is_dir():
                        skipped["link to a folder (not followed)"] += 1
                        continue
                except OSError:
                    pass  # its type cannot be known: treated as a file, whose row says why it cannot be read
                if not (is_page_name(entry.name) or is_archive_name(entry.name)):
                    suffix = Path(entry.name).suffix.lower() or "no extension"
                    skipped[f"not a page ({suffix})"] += 1
                    continue
                reason = skip_reason(path, entry.name, entry)
                if reason:
                    skipped[reason] += 1
                else:
                    found.add(path)
    discovery = Discovery(pages=[], skipped=skipped)
    for path in sorted(found):
        if is_archive_name(path.name):
            _add_archive(discovery, path)
        else:
            discovery.pages.append(path)
    discovery.pages.extend(urls)  # in the order given, after the files
    return discovery


def _is_web_page(path: object) -> bool:
    return isinstance(path, WebPage) or (isinstance(path, str) and is_url(path))


def _add_archive(discovery: Discovery, path: Path) -> None:
    """The pages and broken records of a web archive, and its other records counted by reason; an
    archive that cannot be opened is one row with ``error``."""
    try:
        scan = scan_archive(path)
    except OSError as exc:
        discovery.pages.append(
            ArchiveRecord(path, 0, problem=f"the archive cannot be read: {exc.strerror or exc}")
        )
        return
    discovery.pages.extend(scan.records)
    discovery.skipped.update(scan.skipped)
    discovery.archive_records += scan.total


def read_input(
    page: PageInput, max_bytes: int, *, cwd: str | Path | None = None, regular_only: bool = True
) -> bytes:
    """The bytes of a page file (:func:`read_page`) or an archive record's payload (:func:`read_record`).

    Raises
    ------
    OSError, EOFError, InputTooLargeError, SpecialFileError, ArchiveRecordError
        The page cannot be read (see :data:`UNREADABLE_INPUT`).
    """
    if isinstance(page, WebPage):
        return fetch(page.url, FetchOptions(max_bytes=max_bytes)).data
    if isinstance(page, ArchiveRecord):
        if cwd is not None and not page.archive.is_absolute():
            page = replace(page, archive=Path(cwd) / page.archive)
        return read_record(page, max_bytes)
    return read_page(page, max_bytes, cwd=cwd, regular_only=regular_only)


#: What :func:`read_input` raises for an input it cannot deliver.
UNREADABLE_INPUT = (*UNREADABLE, ArchiveRecordError, FetchError)


def score_input(
    detector: Detector, page: PageInput, *, cwd: str | Path | None = None, regular_only: bool = True
) -> PageReport:
    """The report of one page file or archive record; one that cannot be read gets a report with the
    reason as ``error``.

    ``cwd``: the folder a relative path is read from (default: the working directory).
    ``regular_only``: refuse named pipes, sockets and devices (see :func:`read_page`). The report's
    ``source`` is :func:`input_source` of ``page``. An archive record is decoded with its HTTP charset
    and scored as the content type its headers declare.
    """
    source = input_source(page)
    if isinstance(page, WebPage):
        return score_url(detector, page.url)
    try:
        data = read_input(page, detector.options.max_bytes, cwd=cwd, regular_only=regular_only)
    except UNREADABLE_INPUT as exc:
        return detector.error_report(source, exc)
    if isinstance(page, ArchiveRecord):
        return detector.score(data, source=source, content_type=page.content_type, charset=page.charset)
    return detector.score(data, source=source)


def score_url(detector: Detector, url: str, options: FetchOptions | None = None) -> PageReport:
    """The report of the page at ``url``, fetched safely (:mod:`detector.page.fetch`) and decoded with its
    HTTP charset; a page that cannot be fetched, or is not HTML or text, gets a report with ``error``."""
    try:
        fetched = fetch_page(url, options or FetchOptions(max_bytes=detector.options.max_bytes))
    except UNREADABLE_INPUT as exc:
        return detector.error_report(url, exc)
    return detector.score(fetched.data, source=url, content_type=fetched.kind, charset=fetched.charset)


def page_sha256(page: PageInput, max_bytes: int) -> str | None:
    """sha256 of a page's bytes as :func:`score_input` scores them, or None when it cannot be read."""
    try:
        return hashlib.sha256(read_input(page, max_bytes)).hexdigest()
    except UNREADABLE_INPUT:
        return None


def run_audit(
    paths: Iterable[str | Path | WebPage],
    out: str | Path,
    options: AuditOptions | None = None,
    *,
    on_start: Callable[[int], None] | None = None,
    on_page: Callable[[PageReport], None] | None = None,
) -> AuditSummary:
    """Score every page under ``paths`` and write one row per page to ``out`` as it finishes.

    Parameters
    ----------
    paths : files, folders and web archives to audit, and pages by URL (fetched safely, see
        :mod:`detector.page.fetch`).
    out : the output file (JSONL or CSV, see :class:`AuditOptions`); ``"-"``: standard output (not with
        ``resume``; a file named ``-`` is ``./-`` given as an absolute path).
    options : how to run; default one worker on this machine, no resume, JSONL.
    on_start : called once with the number of pages to score in this run (for a progress bar).
    on_page : called with each page's report as it is written.

    Raises
    ------
    NoPagesError
        The paths hold no page file (an empty folder, only other files); the output is not touched.
    AuditError
        A path does not exist, the output cannot be read (resume) or written (the disk is full...),
        another audit is writing it (each audit holds an exclusive lock on its output), the options are
        inconsistent, or (dask backend) dask is not installed, the scheduler cannot be reached, its
        workers cannot load the same model, or the connection to it is lost.
    ModelError
        The model cannot be loaded.
    """
    options = options or AuditOptions()
    fmt = output_format(options.format)
    if options.backend not in BACKENDS:
        raise AuditError(f"unknown backend {options.backend!r}; choose one of {', '.join(BACKENDS)}")
    choose_workers(options.workers, 0)  # an invalid count is refused before any output is touched
    if options.scheduler is not None and options.backend != "dask":
        raise AuditError("a scheduler address needs the dask backend (backend='dask')")
    to_stdout = os.fspath(out) == STDOUT
    if to_stdout and options.resume:
        raise AuditError("resume needs an output file to read back, not standard output")
    out = Path(out)
    paths = list(paths)
    discovery = discover(
        paths,
        follow_links=options.follow_links,
        exclude=() if to_stdout else (out, out.with_name(out.name + RESUME_TMP_SUFFIX)),
    )
    if not discovery.pages:
        raise NoPagesError(_no_pages_message(paths, discovery.skipped))
    summary = AuditSummary(
        discovered=len(discovery.pages), skipped=discovery.skipped, archive_records=discovery.archive_records
    )
    detector = Detector.shared(
        options.model_path,
        options=options.score,  # fail early, before any output is touched
        allow_custom_model=options.allow_custom_model,
    )
    todo = discovery.pages
    with _Output(out) as output:
        if options.resume:
            todo, kept = _prepare_resume(output, fmt, discovery.pages, options.score.max_bytes)
            for facts in kept:
                summary.add(facts, resumed=True)
        summary.workers = choose_workers(options.workers, len(todo))
        options = replace(options, workers=summary.workers)
        with _scorer(options, detector) as score_all:
            if on_start:
                on_start(len(todo))
            output.start(fmt.header(), append=options.resume)
            _write(output, fmt, score_all(todo), summary, detector, on_page=on_page)
    return summary


def _no_pages_message(paths: list, skipped: Counter) -> str:
    """Why an audit found nothing to score: where it looked, what it skipped, what a page file is."""
    where = ", ".join(source_name(p) for p in paths[:3]) + (
        f" and {len(paths) - 3} more" if len(paths) > 3 else ""
    )
    found = (
        "; skipped " + ", ".join(f"{n} {reason}" for reason, n in sorted(skipped.items()))
        if skipped
        else " (no files at all)"
    )
    suffixes = ", ".join(PAGE_SUFFIXES)
    return (
        f"no page files to audit in {where}{found}; folders are searched for {suffixes} files and "
        ".warc and .arc web archives (each also .gz)"
    )


def _write(
    output: _Output,
    fmt: OutputFormat,
    reports: Iterator[PageReport],
    summary: AuditSummary,
    detector: Detector,
    *,
    on_page: Callable[[PageReport], None] | None,
) -> None:
    for report in reports:
        try:
            data = fmt.rows(report).encode("utf-8")
        except Exception as exc:
            report = detector.error_report(
                source_name(report.source),
                ValueError(f"its report cannot be written: {type(exc).__name__}: {source_name(str(exc))}"),
            )
            data = fmt.rows(report).encode("utf-8")
        output.write(data)
        summary.add(PageFacts.of(report))
        if on_page:
            on_page(report)


class _Output:
    """The audit's output file, locked against a second audit, written one page's rows at a time.

    A regular file is opened without truncating it and locked (``flock``, exclusive, not waiting): a
    second audit of the same output refuses to start instead of mixing its rows in. It is truncated
    only once the scoring has started (so a failed start leaves an earlier run's rows alone). A pipe or
    device (``/dev/stdout``) is written as it is, unlocked. ``-`` is standard output (``sys.stdout``'s
    bytes, never a file named ``-``), written as it is too: never truncated or locked, even when the
    shell sends it to a file. Every write is checked: a full disk ends the audit with an
    :class:`AuditError`, the rows written so far kept for ``resume``.
    """

    def __init__(self, path: Path):
        self.path = path
        self.stdout = os.fspath(path) == STDOUT
        self.name = "standard output" if self.stdout else source_name(path)
        self.fd = -1
        self.rows = 0
        self.regular = True
        self._created = False
        self._started = False

    def __enter__(self) -> _Output:
        if self.stdout:
            self.regular = False
            return self
        self._created = not os.path.lexists(self.path)
        for _ in range(3):  # the output may be replaced (by a resuming audit) between open and lock
            self.fd = self._open(self.path, os.O_WRONLY | os.O_CREAT)
            self.regular = stat.S_ISREG(os.fstat(self.fd).st_mode)
            if not self.regular:
                return self
            self._lock(self.fd)
            if _same_file(self.fd, self.path):
                return self
            os.close(self.fd)
        raise AuditError(f"cannot lock {self.name}: it keeps being replaced")

    def __exit__(self, *exc_info) -> None:
        if self.stdout:
            return
        os.close(self.fd)
        if exc_info[0] is not None and self._created and not self._started:
            with contextlib.suppress(OSError):
                os.unlink(self.path)

    def _open(self, path: Path, flags: int) -> int:
        try:
            return os.open(path, flags | getattr(os, "O_CLOEXEC", 0), 0o666)
        except OSError as exc:
            raise AuditError(f"cannot write {source_name(path)}: {exc.strerror or exc}") from exc

    def _lock(self, fd: int) -> None:
        if fcntl is None:
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise AuditError(
                f"{self.name} is being written by another audit (it is locked); wait for it "
                "to finish or choose another --out"
            ) from None
        except OSError:
            pass  # a file system without locks (some network mounts): write unlocked, as before

    def replace(self, data: bytes) -> None:
        """Replace the file's content by ``data`` atomically (a new file renamed over it), keeping the lock."""
        tmp = self.path.with_name(self.path.name + RESUME_TMP_SUFFIX)
        fd = self._open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        try:
            if fcntl is not None:
                with contextlib.suppress(OSError):  # locked before it has the output's name
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            self._write_all(fd, data, tmp)
            os.replace(tmp, self.path)
        except BaseException:
            os.close(fd)
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        os.close(self.fd)
        self.fd = fd

    def start(self, header: str, *, append: bool) -> None:
        """Empty the file (unless ``append``) and write the format's header if the file has none."""
        self._started = True
        if self.regular and not append:
            os.ftruncate(self.fd, 0)
        if not self.regular or os.lseek(self.fd, 0, os.SEEK_END) == 0:
            self._write_all(self.fd, header.encode("utf-8"), self.path)

    def write(self, data: bytes) -> None:
        """Append one page's rows."""
        self._write_all(self.fd, data, self.path)
        self.rows += 1

    def _write_all(self, fd: int, data: bytes, path: Path) -> None:
        try:
            if self.stdout:
                # through sys.stdout, so that what Python printed before comes first and a replaced
                # stdout (an embedding program, a test runner) gets the rows
                sys.stdout.flush()
                sys.stdout.buffer.write(data)
                sys.stdout.buffer.flush()
                return
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
        except OSError as exc:
            reason = {
                errno.ENOSPC: "the disk is full",
                errno.EDQUOT: "the disk quota is exceeded",
                errno.EFBIG: "the file is too large",
            }.get(exc.errno or 0, exc.strerror or str(exc))
            kept = (
                f"; the {self.rows} pages written are kept: run again with --resume to add the rest"
                if self.rows and self.regular
                else ""
            )
            raise AuditError(
                f"cannot write {self.name if self.stdout else source_name(path)}: {reason}{kept}"
            ) from exc


def _same_file(fd: int, path: Path) -> bool:
    try:
        st = os.stat(path)
    except OSError:
        return False
    here = os.fstat(fd)
    return (st.st_dev, st.st_ino) == (here.st_dev, here.st_ino)


# -- scoring, in this process, in worker processes or on a dask cluster ---------------------------


def _score_in_worker(
    page: PageInput,
    model_path: Path | None,
    score_options: ScoreOptions,
    cwd: str | None = None,
    allow_custom_model: bool = False,
) -> PageReport:
    detector = Detector.shared(model_path, options=score_options, allow_custom_model=allow_custom_model)
    return score_input(detector, page, cwd=cwd)


@contextlib.contextmanager
def _scorer(
    options: AuditOptions, detector: Detector
) -> Iterator[Callable[[list[PageInput]], Iterator[PageReport]]]:
    """A function from pages to their reports in order, on ``options.backend``; the dask cluster is
    connected (or started) and checked on entry, so its errors come before any output is touched."""
    if options.backend == "local":
        yield lambda pages: _score_all(pages, options)
        return
    from . import dask_backend

    model_path = Path(options.model_path).absolute() if options.model_path is not None else None
    with dask_backend.dask_client(options.scheduler, choose_workers(options.workers, 0)) as client:
        dask_backend.check_workers(
            client, model_path, options.score, detector.info, allow_custom_model=options.allow_custom_model
        )
        yield lambda pages: dask_backend.score_on_dask(
            client,
            pages,
            _score_in_worker,
            model_path,
            options.score,
            detector,
            allow_custom_model=options.allow_custom_model,
        )


def _score_all(pages: list[PageInput], options: AuditOptions) -> Iterator[PageReport]:
    """Reports of ``pages`` in order, scored by ``options.workers`` processes."""
    workers = choose_workers(options.workers, len(pages))
    if workers <= 1 or len(pages) <= 1:
        detector = Detector.shared(
            options.model_path, options=options.score, allow_custom_model=options.allow_custom_model
        )
        for page in pages:
            yield score_input(detector, page)
        return
    import joblib  # only for several workers: scoring one page needs none of it

    parallel = joblib.Parallel(n_jobs=workers, return_as="generator", batch_size=1, pre_dispatch="4*n_jobs")
    yield from parallel(
        joblib.delayed(_score_in_worker)(
            page, options.model_path, options.score, allow_custom_model=options.allow_custom_model
        )
        for page in pages
    )


# -- resume ---------------------------------------------------------------------------------------


def _prepare_resume(
    output: _Output, fmt: OutputFormat, pages: list[PageInput], max_bytes: int
) -> tuple[list[PageInput], list[PageFacts]]:
    """Keep the output's complete rows for pages whose content is unchanged.

    Returns the pages still to score, and the facts of the kept rows of the audited pages.

    Rows of pages that changed since, rows of pages that could not be read, and an incomplete last
    record (an audit killed mid-write) are dropped, so each page ends up exactly once. An empty file
    (an audit killed before its first row) has no rows to keep. Rows are matched to pages by
    :func:`input_source` (a file's name; an archive record's URI and record id, so a resumed audit of a
    crawl scores only the records it has no row for); two pages with the same source are both scored
    again.
    """
    out = output.path
    if not output.regular:
        raise AuditError(f"cannot resume into {output.name}: it is not a regular file")
    try:
        records = list(fmt.read_records(out))
    except OSError as exc:
        raise AuditError(f"cannot read {output.name} to resume: {exc.strerror or exc}") from exc
    current: dict[str, PageInput | None] = {}
    for page in pages:
        name = input_source(page)
        current[name] = None if name in current else page  # None: ambiguous, matches no row
    ambiguous = {name for name, page in current.items() if page is None}
    kept, kept_facts, done = [], [], set()
    for record in records:
        found = current.get(record.source)
        if record.source in done or record.sha256 is None or record.source in ambiguous:
            continue
        # a URL's row is kept as it is: fetching the page again to compare would cost the fetch that resume saves
        if (
            found is not None
            and not isinstance(found, WebPage)
            and page_sha256(found, max_bytes) != record.sha256
        ):
            continue
        kept.append(record.text)
        done.add(record.source)
        if found is not None:
            kept_facts.append(record.facts)
    data = (fmt.header() + "".join(kept)).encode("utf-8", "surrogateescape")  # bytes exactly as read
    if len(data) != os.fstat(output.fd).st_size:
        output.replace(data)
    todo = [page for page in pages if input_source(page) not in done]
    return todo, kept_facts
