"""Scoring an audit's pages on a dask.distributed cluster: ``AuditOptions(backend="dask")``.

:func:`detector.audit.local.run_audit` uses this module; nothing else needs it. This process discovers the
pages (and hashes them for ``resume``) and sends their *paths* to the cluster (for a web archive, each
record's archive path and offset: an archive is split by record); each dask worker reads
its pages itself and scores them with the model of its process (:meth:`Detector.shared`, loaded once
per worker process). So every worker must see the audited files at the same paths as this process (a
shared mount, e.g. NFS); a relative path is read relative to this process's working directory, which
must exist on the workers too, and rows and errors name it as given.

A task scores a run of consecutive pages (a few in a large audit, one in a small one). At most a window
of pages is in flight (submitted and not yet written), whatever the audit's size, and the reports come
back in input order: the rows are exactly those of a local audit. A task that fails (it raised, or its
worker died) is retried by dask; one of several pages that still fails is tried again a page per task,
and a page whose own task fails for good is written as an error row naming the failure, so every page is
still accounted for.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from ..exceptions import AuditError
from ..report.schema import ModelInfo, PageReport
from ..scoring import Detector, ScoreOptions

#: Seconds to wait for the scheduler to answer, and then for at least one worker to be connected to it.
CONNECT_TIMEOUT = 10.0
#: A task that raises is run again this many times before its page gets an error row. A task whose
#: worker dies is resubmitted by the scheduler up to dask's ``distributed.scheduler.allowed-failures``
#: times (default 3); after that its page gets an error row of type ``KilledWorker``.
TASK_RETRIES = 2
#: Tasks in flight (submitted and not yet written) per worker thread of the cluster, and pages at least.
IN_FLIGHT_PER_THREAD = 4
MIN_IN_FLIGHT = 16
#: Pages per task at most: the scheduler's cost is per task, and with a page per task the audit's process
#: (scheduler and client) took 70% of a core beside two workers scoring a crawl of small pages
#: (``python -m detector.benchmarks.crawl``).
MAX_PAGES_PER_TASK = 8
#: Tasks each worker thread gets at least before pages are put together (:func:`pages_per_task`).
MIN_TASKS_PER_THREAD = 8
INSTALL_HINT = "pip install 'detector[dask]'"
#: Settings of the workers of the local cluster an audit starts: no statistical profiler. It keeps the
#: call trees of its last 1,000 seconds for a dashboard the audit does not serve, and on scoring's deep
#: stacks that took a worker from 240 MB to 420 MB in a crawl (``python -m detector.benchmarks.crawl``).
LOCAL_WORKER_CONFIG = {"distributed.worker.profile.enabled": False}


def _distributed():
    try:
        import distributed
    except ImportError as exc:
        raise AuditError(
            f"the dask backend needs dask.distributed, which is not installed ({exc}); "
            f"install it with: {INSTALL_HINT}"
        ) from exc
    return distributed


@contextlib.contextmanager
def dask_client(scheduler: str | None, workers: int) -> Iterator:
    """A ``distributed.Client`` of the scheduler at ``scheduler`` with at least one worker.

    With ``scheduler=None``, a local cluster of ``workers`` processes (one thread each) is started on
    127.0.0.1 for the audit. Both are closed on exit.

    Raises
    ------
    AuditError
        dask.distributed is not installed, the scheduler cannot be reached within
        :data:`CONNECT_TIMEOUT` seconds (or its address is invalid), or no worker joined it in that time.
    """
    distributed = _distributed()
    with contextlib.ExitStack() as stack:
        if scheduler is None:
            # no dashboard; the scheduler's HTTP endpoints on any free port (not 8787, maybe taken)
            import dask

            with dask.config.set(LOCAL_WORKER_CONFIG):  # the workers take the configuration when spawned
                cluster = distributed.LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    host="127.0.0.1",
                    dashboard_address=None,
                    scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
                    silence_logs=logging.ERROR,
                )
            stack.enter_context(cluster)
            address = cluster.scheduler_address
        else:
            address = scheduler
            try:  # checked first: a Client that fails on a malformed address hangs at interpreter exit
                distributed.comm.get_address_host_port(address)
            except (ValueError, TypeError) as exc:
                raise AuditError(
                    f"invalid dask scheduler address {address!r} ({exc}); expected tcp://HOST:PORT"
                ) from exc
        try:
            client = distributed.Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
        except (OSError, ValueError, TypeError) as exc:  # OSError includes the connect timeout
            raise AuditError(f"cannot reach the dask scheduler at {address}: {exc}") from exc
        stack.enter_context(client)
        try:
            client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as exc:
            raise AuditError(
                f"the dask scheduler at {address} has no workers "
                f"(none connected within {CONNECT_TIMEOUT:g} s)"
            ) from exc
        yield client


def _model_on_worker(
    model_path: Path | None, score_options: ScoreOptions, allow_custom_model: bool = False
) -> tuple[str, str, str]:
    info = Detector.shared(model_path, options=score_options, allow_custom_model=allow_custom_model).info
    return info.name, info.version, info.digest


def check_workers(
    client,
    model_path: Path | None,
    score_options: ScoreOptions,
    expected: ModelInfo,
    *,
    allow_custom_model: bool = False,
) -> None:
    """Load the model on every worker now, and refuse workers whose model is not this process's.

    Raises
    ------
    AuditError
        A worker cannot load the model (not installed there, model file missing...), or loads another one.
    """
    try:
        infos = client.run(_model_on_worker, model_path, score_options, allow_custom_model)
    except Exception as exc:
        raise AuditError(
            f"the dask workers cannot load the detector model: {type(exc).__name__}: {exc}"
        ) from exc
    want = (
        expected.name,
        expected.version,
        expected.digest,
    )  # the digest covers the sidecar's thresholds too
    for worker, info in sorted(infos.items()):
        if tuple(info) != want:
            raise AuditError(
                f"dask worker {worker} has model {info[1]} (digest {info[2][:12]}), this process "
                f"{want[1]} (digest {want[2][:12]}): install the same detector and model on every worker"
            )


def pages_per_task(pages: int, threads: int) -> int:
    """Pages per task for an audit of ``pages`` on ``threads`` worker threads: up to
    :data:`MAX_PAGES_PER_TASK`, fewer when that would leave a thread under :data:`MIN_TASKS_PER_THREAD`
    tasks (a small audit keeps a page per task, spread over every worker)."""
    return max(1, min(MAX_PAGES_PER_TASK, pages // (max(1, threads) * MIN_TASKS_PER_THREAD)))


def score_pages(task: Callable[..., PageReport], pages: list, *args) -> list[PageReport]:
    """The reports of ``pages``, each scored by ``task(page, *args)`` in turn: one task of the cluster."""
    return [task(page, *args) for page in pages]


def score_on_dask(
    client,
    pages: list,
    task: Callable[..., PageReport],
    model_path: Path | None,
    score_options: ScoreOptions,
    detector: Detector,
    *,
    allow_custom_model: bool = False,
) -> Iterator[PageReport]:
    """Reports of ``pages`` (files and archive records) in input order, each scored by ``task(page, model_path, score_options, cwd,
    allow_custom_model)`` on a dask worker, a run of consecutive pages per task (:func:`pages_per_task`).

    At most ``max(MIN_IN_FLIGHT, IN_FLIGHT_PER_THREAD × the cluster's worker threads × pages per task)``
    pages are submitted and not yet yielded, finished reports waiting for an earlier page included. A task
    of several pages that fails for good is submitted again a page per task, so that only the page that
    fails gets ``detector``'s error report.

    Raises
    ------
    AuditError
        The connection to the scheduler was lost (tasks cancelled). The reports yielded so far stand.
    """
    distributed = _distributed()
    threads = sum(client.nthreads().values())
    size = pages_per_task(len(pages), threads)
    window = max(MIN_IN_FLIGHT, IN_FLIGHT_PER_THREAD * threads * size)
    args = (model_path, score_options, os.getcwd(), allow_custom_model)
    completed = distributed.as_completed(loop=client.loop)
    in_flight: dict = {}  # future key -> (index of the first page, number of pages, future)
    finished: dict[int, PageReport] = {}
    submitted = written = 0

    def submit(first: int, n: int) -> None:
        future = client.submit(
            score_pages, task, pages[first : first + n], *args, retries=TASK_RETRIES, pure=False
        )
        in_flight[future.key] = (first, n, future)
        completed.add(future)

    try:
        while written < len(pages):
            while submitted < len(pages) and submitted < written + window:
                n = min(size, len(pages) - submitted)
                submit(submitted, n)
                submitted += n
            future = next(completed)
            first, n, _ = in_flight.pop(future.key)
            reports = _reports(future, pages[first : first + n], detector, client)
            del future
            if reports is None:  # failed for good: again, a page per task
                for index in range(first, first + n):
                    submit(index, 1)
                continue
            finished.update(enumerate(reports, start=first))
            while written in finished:
                yield finished.pop(written)
                written += 1
    finally:
        if in_flight:
            client.cancel([future for _, _, future in in_flight.values()])


def _reports(future, pages: list, detector: Detector, client) -> list[PageReport] | None:
    """The reports of a finished task; for a task that failed for good, None when it held several pages
    (to be tried a page at a time) and the error report of its page when it held one."""
    try:
        return future.result()
    except Exception as exc:
        if future.cancelled() or client.status not in ("running", "connecting"):
            raise AuditError(
                f"lost the dask scheduler ({type(exc).__name__}: {exc}); the rows written so far "
                "are kept: run the audit again with resume to add the rest"
            ) from exc
        if len(pages) > 1:
            return None
        from .local import input_source

        return [detector.error_report(input_source(pages[0]), exc)]
