"""Scoring in worker processes, so that a page that takes too long can be abandoned.

Python's ``re`` and lxml hold the GIL: a page that keeps a scoring *thread* busy also stalls the event
loop, so ``/healthz`` and every other request wait with it, and a thread cannot be stopped. Each
:class:`ScoringPool` process loads the model once and scores one page at a time; the server hands it a
page through a pipe and waits (off the event loop) at most ``timeout`` seconds. A process that overruns
its budget is killed and replaced in the background, and the page gets a report with a
:class:`~detector.exceptions.ScoringTimeoutError`; one that dies (e.g. killed for memory) gives a
:class:`~detector.exceptions.ScoringCrashError`. Either way the other requests never notice.
"""

from __future__ import annotations

import contextlib
import logging
import math
import multiprocessing
import signal
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

import anyio
import anyio.to_thread
from anyio.abc import TaskGroup

from ..exceptions import ModelError, ScoringCrashError, ScoringTimeoutError
from ._observe import PageSummary

logger = logging.getLogger(__name__)

#: A picklable callable that returns the detector a scoring process uses (called once per process).
Loader = Callable[[], Any]

#: Seconds a new scoring process may take to import the package and load the model.
STARTUP_TIMEOUT = 300.0
#: Pause before retrying to start a replacement process that failed to start.
RESTART_DELAY = 5.0


def _work(conn: Connection, loader: Loader) -> None:
    """A scoring process: load the detector, say so, then score pages until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the server stops us
    try:
        detector = loader()
    except BaseException as exc:  # the parent reports it; the process ends
        conn.send(("failed", f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("ready", None))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        data, options = job
        try:
            # Detector.score never raises on the page; serialising (and summarising for the metrics) here
            # spares the server the work
            report = detector.score(data, **options)
            conn.send(("report", (report.model_dump_json(), PageSummary.of(report))))
        except Exception as exc:  # e.g. a report that cannot be serialised: the server reports it
            conn.send(("error", f"{type(exc).__name__}: {exc}"))


@dataclass(eq=False)  # hashed by identity: kept in a set
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: Connection

    def stop(self, grace: float = 0.0) -> None:
        """Ask the process to end (it finishes nothing), then kill it after ``grace`` seconds."""
        if grace:
            with contextlib.suppress(OSError, ValueError):
                self.conn.send(None)
            self.process.join(grace)
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


class ScoringPool:
    """``processes`` scoring processes, each with its own detector from ``loader``.

    Use as an async context manager inside the application's lifespan (it owns a task group that
    replaces killed processes); :meth:`score` is safe to call from any number of requests at once.
    """

    def __init__(self, processes: int, timeout: float, loader: Loader):
        if processes < 1:
            raise ValueError(f"processes must be at least 1, got {processes}")
        self.processes, self.timeout, self.loader = processes, timeout, loader
        self._context = multiprocessing.get_context("spawn")  # never fork a process that runs an event loop
        self._idle_tx, self._idle_rx = anyio.create_memory_object_stream[_Worker](math.inf)
        self._workers: set[_Worker] = set()
        self._starting: set[_Worker] = set()  # loading the model; killed too if the pool closes meanwhile
        self._tasks: TaskGroup | None = None

    async def __aenter__(self) -> ScoringPool:
        self._tasks = anyio.create_task_group()
        await self._tasks.__aenter__()
        try:
            async with anyio.create_task_group() as starting:  # start them side by side
                for _ in range(self.processes):
                    starting.start_soon(self._add)
        except BaseException:
            await self.__aexit__(None, None, None)
            raise
        return self

    async def __aexit__(self, *exc_info: Any) -> None:
        assert self._tasks is not None
        self._tasks.cancel_scope.cancel()
        await self._tasks.__aexit__(None, None, None)
        for worker in list(self._starting):  # its abandoned start-up thread then sees the pipe close
            worker.process.kill()
        workers, self._workers = list(self._workers), set()

        def stop_all() -> None:
            for worker in workers:
                worker.stop(grace=2.0)

        await anyio.to_thread.run_sync(stop_all)
        self._idle_tx.close()
        self._idle_rx.close()

    async def score(self, data: bytes | str, **options: Any) -> tuple[str, PageSummary]:
        """The JSON of the page's report, ``Detector.score(data, **options)`` in a scoring process, and
        its summary for the metrics.

        Raises
        ------
        ScoringTimeoutError : the page took longer than ``timeout`` seconds (its process is replaced).
        ScoringCrashError : the process died while scoring, or the report could not be made.
        """
        worker = await self._idle_rx.receive()
        done = False
        try:
            # a thread waits on the pipe, so the event loop (and /healthz) never does
            kind, payload = await anyio.to_thread.run_sync(self._exchange, worker, (data, options))
            done = True
        except TimeoutError:
            raise ScoringTimeoutError(
                f"scoring the page took longer than the {self.timeout:g} s budget; it was abandoned"
            ) from None
        except (EOFError, OSError) as exc:
            worker.process.join(1)
            raise ScoringCrashError(
                f"the scoring process died while scoring the page (exit code {worker.process.exitcode})"
            ) from exc
        finally:
            if done:
                self._idle_tx.send_nowait(worker)
            else:  # timed out, died or cancelled mid-page: its state is unknown
                self._retire(worker)
        if kind != "report":
            raise ScoringCrashError(f"the page could not be reported: {payload}")
        return payload

    def _exchange(self, worker: _Worker, job: tuple) -> tuple[str, Any]:
        worker.conn.send(job)
        if not worker.conn.poll(self.timeout):
            raise TimeoutError
        return worker.conn.recv()

    def _retire(self, worker: _Worker) -> None:
        """Kill ``worker`` now and start its replacement in the background."""
        self._workers.discard(worker)
        worker.stop()
        if self._tasks is not None:
            self._tasks.start_soon(self._replace)

    async def _replace(self) -> None:
        while True:
            try:
                await self._add()
                return
            except ModelError:
                logger.exception(
                    "a replacement scoring process failed to start; retrying in %g s", RESTART_DELAY
                )
                await anyio.sleep(RESTART_DELAY)

    async def _add(self) -> None:
        # abandoned on cancel: a closing pool does not wait for a model to load
        worker = await anyio.to_thread.run_sync(self._spawn, abandon_on_cancel=True)
        self._workers.add(worker)
        self._idle_tx.send_nowait(worker)

    def _spawn(self) -> _Worker:
        parent, child = self._context.Pipe()
        process = self._context.Process(
            target=_work, args=(child, self.loader), name="detector-scoring", daemon=True
        )
        process.start()
        child.close()
        worker = _Worker(process, parent)
        self._starting.add(worker)
        try:
            if not parent.poll(STARTUP_TIMEOUT):
                raise ModelError(f"a scoring process did not load the model within {STARTUP_TIMEOUT:g} s")
            kind, message = parent.recv()
        except (EOFError, OSError) as exc:
            worker.stop()
            raise ModelError(
                f"a scoring process died while loading the model (exit code {process.exitcode})"
            ) from exc
        except ModelError:
            worker.stop()
            raise
        finally:
            self._starting.discard(worker)
        if kind != "ready":
            worker.stop()
            raise ModelError(f"a scoring process could not load the model: {message}")
        return worker
