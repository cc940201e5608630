"""Load benchmark of the HTTP scoring service.

    python -m detector.benchmarks.serve_load [--clients 8] [--duration 60] [--workers N]
                                             [--corpus ../shared/corpora/news-pages] [--json]
                                             [--worst-case views --worst-case large]

Starts ``detector serve`` on 127.0.0.1 (a free port) in a subprocess, waits for ``/readyz``, then:

1. **single client**: one client posts every news page (``text/html``) in turn, a few rounds, and in
   the same loop runs bare ``trafilatura.extract`` (and ``Detector.score``) on the same page
   in-process, alternating, so all see the same machine load. The service is timed through the
   standard library's ``http.client`` (the leanest client) and, for comparison, through ``httpx``.
   Prints median / p95 / p99 of each, the ratio of the serve (``http.client``) and trafilatura
   medians, and the service's own overhead.
2. **concurrent**: ``--clients`` clients post the seeds and news pages for ``--duration`` seconds.
   Prints requests/s, p50 / p95 / p99, errors, and the peak RSS of the server's process tree.
3. **in-process baseline**: ``--workers`` processes, each with one ``Detector.load()``, score the same
   pages through the Python API for a bounded time: the throughput the service should approach.
4. **beside a worst-case request** (with ``--worst-case``): phase 2's load again, while one more
   client posts worst-case pages in turn (``views``: ``{"text": "views" + 2,000 spaces + "x"}``, which
   backtracks for tens of seconds in 267e4dd's rules; ``large``: ``--large-mb`` MB of ``<p>a</p>``) and
   a prober asks ``/healthz`` every 100 ms. Prints the ``/healthz`` latencies, the load's, and what
   each worst-case request got (status, report error, seconds).

Acceptance targets (printed PASS/FAIL): single-client median <= 1.5x trafilatura's, single-client
p99 < 150 ms; concurrent: no errors and requests/s >= 80% of the in-process throughput; beside a
worst-case request: ``/healthz`` p99 < 1 s.
Timings are only as good as the machine is quiet: other CPU load skews them.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ..choices import CHECKOUT, DEFAULT_CORPORA

if TYPE_CHECKING:
    from detector import Detector

ROOT = CHECKOUT
DEFAULT_CORPUS = DEFAULT_CORPORA / "news-pages"
TARGET_MEDIAN_RATIO = 1.5
TARGET_P99_MS = 150.0
TARGET_THROUGHPUT_SHARE = 0.8
TARGET_HEALTHZ_P99_MS = 1000.0
WORST_CASES = ("views", "large")


@dataclass(frozen=True)
class Page:
    """One benchmark page: its name, bytes and Content-Type."""

    name: str
    data: bytes
    media: str


@dataclass
class Results:
    """Everything measured; ``as_dict`` for ``--json``."""

    config: dict
    notes: list[str] = field(default_factory=list)
    single: dict = field(default_factory=dict)
    concurrent: dict = field(default_factory=dict)
    in_process: dict = field(default_factory=dict)
    worst_case: dict = field(default_factory=dict)
    targets: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "config": self.config,
            "notes": self.notes,
            "single_client": self.single,
            "concurrent": self.concurrent,
            "in_process": self.in_process,
            "worst_case": self.worst_case,
            "targets": self.targets,
        }


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# -- pages ---------------------------------------------------------------------------------------


def load_pages(corpus: Path, notes: list[str]) -> tuple[list[Page], list[Page]]:
    """(news pages, seed pages). A missing corpus is noted and skipped."""
    seeds = [
        Page(str(p.relative_to(ROOT)), p.read_bytes(), "text/html" if p.suffix == ".html" else "text/plain")
        for p in sorted((ROOT / "seeds").rglob("*"))
        if p.suffix in (".html", ".txt") and p.is_file()
    ]
    if corpus.is_dir():
        news = [Page(p.name, p.read_bytes(), "text/html") for p in sorted(corpus.glob("*.html"))]
    else:
        news = []
    if not news:
        note = f"skipped: news pages corpus {corpus} not found (or empty); using the seeds only"
        notes.append(note)
        log(f"*** {note} ***")
    return news, seeds


def summary(latencies_s: list[float]) -> dict:
    """Median, p95, p99, mean and count of latencies, in milliseconds."""
    if not latencies_s:
        return {"n": 0, "median_ms": None, "p95_ms": None, "p99_ms": None, "mean_ms": None}
    ms = np.asarray(latencies_s) * 1000
    return {
        "n": int(ms.size),
        "median_ms": round(float(np.median(ms)), 2),
        "p95_ms": round(float(np.percentile(ms, 95)), 2),
        "p99_ms": round(float(np.percentile(ms, 99)), 2),
        "mean_ms": round(float(ms.mean()), 2),
    }


# -- the server ----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(
    port: int, workers: int, score_threads: int | None, extra_env: dict[str, str] | None = None
) -> subprocess.Popen:
    """``detector serve`` in its own process group (so its workers can be stopped with it)."""
    env = {**os.environ, **(extra_env or {})}
    if score_threads:
        env["DETECTOR_SCORE_THREADS"] = str(score_threads)
    env.pop("DETECTOR_API_KEY", None)
    cmd = [
        sys.executable,
        "-m",
        "detector.cli",
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--log-level",
        "warning",
    ]
    log(f"starting: {' '.join(cmd)}")
    return subprocess.Popen(cmd, env=env, cwd=ROOT, start_new_session=True)


def wait_ready(base: str, proc: subprocess.Popen, timeout: float = 180.0) -> float:
    """Seconds until ``/readyz`` answers 200."""
    import httpx

    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if proc.poll() is not None:
            raise SystemExit(f"the server exited with code {proc.returncode} before it was ready")
        try:
            if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                return time.monotonic() - start
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"the server was not ready after {timeout:.0f} s")


def stop_server(proc: subprocess.Popen) -> None:
    if proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)  # uvicorn stops its workers on SIGTERM
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)  # the group this benchmark started, and only it
        proc.wait()


def _proc_tree(pid: int) -> list[int]:
    """``pid`` and its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            continue
    tree, todo = [], [pid]
    while todo:
        current = todo.pop()
        tree.append(current)
        todo += children.get(current, [])
    return tree


def tree_usage(pid: int) -> tuple[int, dict[int, float]]:
    """RSS bytes of ``pid`` and all its descendants, and each one's CPU seconds (psutil if installed, else /proc)."""
    try:
        import psutil
    except ImportError:
        psutil = None
    rss, cpu = 0, {}
    if psutil is not None:
        try:
            root = psutil.Process(pid)
            procs = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            return 0, {}
        for p in procs:
            try:
                rss += p.memory_info().rss
                times = p.cpu_times()
                cpu[p.pid] = times.user + times.system
            except psutil.NoSuchProcess:
                pass
        return rss, cpu
    page, tick = os.sysconf("SC_PAGE_SIZE"), os.sysconf("SC_CLK_TCK")
    for current in _proc_tree(pid):
        try:
            rss += int(Path(f"/proc/{current}/statm").read_text().split()[1]) * page
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            cpu[current] = (int(fields[11]) + int(fields[12])) / tick  # utime + stime
        except (OSError, IndexError, ValueError):
            pass
    return rss, cpu


class UsagePoller(threading.Thread):
    """Samples the server tree every ``interval`` seconds: ``peak_rss`` and the CPU seconds each process used."""

    def __init__(self, pid: int, interval: float = 0.25):
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak_rss = pid, interval, 0
        self._start_cpu = tree_usage(pid)[1]
        self._last_cpu: dict[int, float] = {}
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            rss, self._last_cpu = tree_usage(self.pid)
            self.peak_rss = max(self.peak_rss, rss)
            self._stop_event.wait(self.interval)

    def stop(self) -> tuple[int, list[float]]:
        """Peak RSS, and the CPU seconds of each process that used any (largest first)."""
        self._stop_event.set()
        self.join()
        used = [cpu - self._start_cpu.get(pid, 0.0) for pid, cpu in self._last_cpu.items()]
        return self.peak_rss, sorted((round(u, 1) for u in used if u >= 0.05), reverse=True)


# -- phase 1: one client against trafilatura ----------------------------------------------------


def single_client(base: str, pages: list[Page], rounds: int) -> dict:
    """Alternate, per page: one HTTP scoring request with each client, ``trafilatura.extract`` and
    ``Detector.score`` in-process.

    The service's latency is timed with the standard library's ``http.client`` on one keep-alive
    connection, the leanest client; the same request through ``httpx`` is timed too, which shows what
    a heavier client adds on its side. ``Detector.score`` tells the service's own overhead (HTTP,
    JSON, thread hand-off) from the pipeline's cost.
    """
    import http.client
    from urllib.parse import urlencode, urlsplit

    import httpx
    import trafilatura

    from detector import Detector

    detector = Detector.load()
    address = urlsplit(base)
    lean = http.client.HTTPConnection(address.hostname or "127.0.0.1", address.port, timeout=60)

    def post_lean(page: Page) -> int:
        lean.request(
            "POST",
            f"/v1/score?{urlencode({'source': page.name})}",
            body=page.data,
            headers={"Content-Type": page.media},
        )
        response = lean.getresponse()
        response.read()
        return response.status

    def post_httpx(page: Page) -> int:
        return client.post(
            "/v1/score", params={"source": page.name}, content=page.data, headers={"Content-Type": page.media}
        ).status_code

    serve: list[float] = []
    heavy: list[float] = []
    extract: list[float] = []
    direct: list[float] = []
    errors = 0
    with httpx.Client(base_url=base, timeout=60) as client:
        post_lean(pages[0]), post_httpx(pages[0])  # warm-up
        trafilatura.extract(pages[0].data)
        detector.score(pages[0].data)
        for r in range(rounds):
            log(f"single client: round {r + 1}/{rounds} over {len(pages)} pages")
            for i, page in enumerate(pages):
                clients = ((post_lean, serve), (post_httpx, heavy))
                for post, times in clients if i % 2 == 0 else clients[::-1]:
                    start = time.perf_counter()
                    status = post(page)
                    times.append(time.perf_counter() - start)
                    errors += status != 200
                start = time.perf_counter()
                trafilatura.extract(page.data)
                extract.append(time.perf_counter() - start)
                start = time.perf_counter()
                detector.score(page.data, source=page.name, content_type="html")
                direct.append(time.perf_counter() - start)
    lean.close()
    result: dict[str, Any] = {
        "pages": len(pages),
        "rounds": rounds,
        "errors": errors,
        "serve": summary(serve),
        "serve_httpx": summary(heavy),
        "trafilatura": summary(extract),
        "detector_in_process": summary(direct),
    }
    result["median_ratio"] = round(result["serve"]["median_ms"] / result["trafilatura"]["median_ms"], 2)
    result["service_overhead_median_ms"] = round(
        result["serve"]["median_ms"] - result["detector_in_process"]["median_ms"], 2
    )
    return result


# -- phase 2: concurrent clients -----------------------------------------------------------------


async def _concurrent(
    base: str, pages: list[Page], clients: int, duration: float
) -> tuple[list[float], int, int, float]:
    import httpx

    latencies: list[float] = []
    errors = report_errors = 0
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, timeout=120, limits=limits) as client:
        start = time.monotonic()
        deadline = start + duration

        async def one_client(k: int) -> None:
            nonlocal errors, report_errors
            i = k * max(1, len(pages) // clients)
            while time.monotonic() < deadline:
                page = pages[i % len(pages)]
                i += 1
                t0 = time.perf_counter()
                try:
                    response = await client.post(
                        "/v1/score",
                        params={"source": page.name},
                        content=page.data,
                        headers={"Content-Type": page.media},
                    )
                except httpx.HTTPError:
                    errors += 1
                    continue
                latencies.append(time.perf_counter() - t0)
                if response.status_code != 200:
                    errors += 1
                elif response.json().get("error") is not None:
                    report_errors += 1

        await asyncio.gather(*(one_client(k) for k in range(clients)))
        elapsed = time.monotonic() - start
    return latencies, errors, report_errors, elapsed


def concurrent(base: str, pages: list[Page], clients: int, duration: float, server_pid: int) -> dict:
    log(f"concurrent: {clients} clients for {duration:.0f} s over {len(pages)} pages")
    poller = UsagePoller(server_pid)
    poller.start()
    latencies, errors, report_errors, elapsed = asyncio.run(_concurrent(base, pages, clients, duration))
    peak, cpu = poller.stop()
    return {
        "clients": clients,
        "duration_s": round(elapsed, 1),
        "requests": len(latencies) + errors,
        "requests_per_s": round(len(latencies) / elapsed, 2),
        "errors": errors,
        "reports_with_error": report_errors,
        "latency": summary(latencies),
        "peak_rss_mb": round(peak / 2**20, 1),
        "server_cpu_s_per_process": cpu,
    }


# -- phase 3: the Python API in-process ----------------------------------------------------------

_DETECTOR: Detector | None = None
_PAGES: list[Page] = []


def _init_worker(pages: list[Page]) -> None:
    global _DETECTOR, _PAGES
    from detector import Detector

    _DETECTOR, _PAGES = Detector.load(), pages


def _score_for(args: tuple[int, float]) -> tuple[int, float]:
    offset, duration = args
    assert _DETECTOR is not None, "_init_worker ran first in this process"
    start = time.monotonic()
    count = 0
    while time.monotonic() - start < duration:
        page = _PAGES[(offset + count) % len(_PAGES)]
        _DETECTOR.score(
            page.data, source=page.name, content_type="html" if page.media == "text/html" else "text"
        )
        count += 1
    return count, time.monotonic() - start


def in_process(pages: list[Page], workers: int, duration: float) -> dict:
    """Pages per second of ``workers`` processes scoring through the Python API (model loaded once each)."""
    log(f"in-process: {workers} processes for {duration:.0f} s")
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(workers, initializer=_init_worker, initargs=(pages,)) as pool:
        step = max(1, len(pages) // workers)
        runs = pool.map(_score_for, [(k * step, duration) for k in range(workers)], chunksize=1)
    rate = sum(count / elapsed for count, elapsed in runs)
    return {
        "processes": workers,
        "duration_s": duration,
        "pages": sum(c for c, _ in runs),
        "pages_per_s": round(rate, 2),
    }


# -- phase 4: beside a worst-case request --------------------------------------------------------


def worst_case_pages(kinds: list[str], large_mb: float) -> list[Page]:
    """The worst-case pages named by ``kinds`` (see the module docstring)."""
    pages = []
    for kind in kinds:
        if kind == "views":
            pages.append(
                Page(
                    "worst-views",
                    json.dumps({"text": "views" + " " * 2000 + "x"}).encode(),
                    "application/json",
                )
            )
        elif kind == "large":
            pages.append(Page("worst-large", b"<p>a</p>" * int(large_mb * 1_000_000 / 8), "text/html"))
    return pages


def beside_worst_case(
    base: str, pages: list[Page], worst: list[Page], clients: int, duration: float, server_pid: int
) -> dict:
    """Phase 2's load for ``duration`` s, while one client posts the ``worst`` pages in turn and another
    asks ``/healthz`` every 100 ms."""
    import httpx

    log(
        f"beside a worst-case request: {clients} clients for {duration:.0f} s, worst cases "
        f"{', '.join(p.name for p in worst)}, /healthz every 100 ms"
    )
    stop = threading.Event()
    probes: list[float] = []
    probe_failures = 0
    outcomes: list[dict] = []

    def probe() -> None:
        nonlocal probe_failures
        with httpx.Client(base_url=base, timeout=60) as client:
            while not stop.is_set():
                start = time.perf_counter()
                try:
                    ok = client.get("/healthz").status_code == 200
                except httpx.HTTPError:
                    ok = False
                probes.append(time.perf_counter() - start)
                probe_failures += not ok
                stop.wait(0.1)

    def attack() -> None:
        with httpx.Client(base_url=base, timeout=600) as client:
            i = 0
            while not stop.is_set():
                page = worst[i % len(worst)]
                i += 1
                start = time.perf_counter()
                try:
                    response = client.post(
                        "/v1/score",
                        params={"source": page.name},
                        content=page.data,
                        headers={"Content-Type": page.media},
                    )
                    error = response.json().get("error") if response.status_code == 200 else None
                    outcome = {
                        "page": page.name,
                        "status": response.status_code,
                        "error": error["type"] if error else None,
                    }
                except httpx.HTTPError as exc:
                    outcome = {"page": page.name, "status": None, "error": type(exc).__name__}
                outcome["seconds"] = round(time.perf_counter() - start, 1)
                outcomes.append(outcome)

    threads = [threading.Thread(target=probe, daemon=True), threading.Thread(target=attack, daemon=True)]
    for thread in threads:
        thread.start()
    poller = UsagePoller(server_pid)
    poller.start()
    try:
        latencies, errors, report_errors, elapsed = asyncio.run(_concurrent(base, pages, clients, duration))
    finally:
        stop.set()
        peak, _ = poller.stop()
    threads[0].join()
    threads[1].join(timeout=600)  # the last worst-case request ends within the server's time budget
    return {
        "clients": clients,
        "duration_s": round(elapsed, 1),
        "requests_per_s": round(len(latencies) / elapsed, 2),
        "errors": errors,
        "reports_with_error": report_errors,
        "latency": summary(latencies),
        "healthz": {
            **summary(probes),
            "max_ms": round(max(probes) * 1000, 1) if probes else None,
            "failures": probe_failures,
        },
        "worst_case_requests": outcomes,
        "peak_rss_mb": round(peak / 2**20, 1),
    }


# -- report --------------------------------------------------------------------------------------


def check_targets(results: Results) -> dict:
    single, conc, base = results.single, results.concurrent, results.in_process
    share = round(conc["requests_per_s"] / base["pages_per_s"], 2) if base.get("pages_per_s") else None
    if conc:
        results.concurrent["share_of_in_process"] = share
    targets: dict = {}
    if results.worst_case:
        healthz = results.worst_case["healthz"]
        targets["healthz_p99_lt_1s_beside_worst_case"] = {
            "value": healthz["p99_ms"],
            "target": f"< {TARGET_HEALTHZ_P99_MS:.0f} ms",
            "pass": healthz["p99_ms"] is not None
            and healthz["p99_ms"] < TARGET_HEALTHZ_P99_MS
            and healthz["failures"] == 0,
        }
    if not single:  # --only-worst-case
        return targets
    return targets | {
        "single_median_le_1.5x_trafilatura": {
            "value": single["median_ratio"],
            "target": f"<= {TARGET_MEDIAN_RATIO}",
            "pass": single["median_ratio"] <= TARGET_MEDIAN_RATIO,
        },
        "single_p99_lt_150ms": {
            "value": single["serve"]["p99_ms"],
            "target": f"< {TARGET_P99_MS:.0f} ms",
            "pass": single["serve"]["p99_ms"] < TARGET_P99_MS,
        },
        "concurrent_no_errors": {"value": conc["errors"], "target": "0", "pass": conc["errors"] == 0},
        "concurrent_ge_80pct_in_process": {
            "value": share,
            "target": f">= {TARGET_THROUGHPUT_SHARE}",
            "pass": share is not None and share >= TARGET_THROUGHPUT_SHARE,
        },
    }


def render(results: Results) -> str:
    cfg = results.config
    rows = [
        (
            f"serve_load: {cfg['workers']} worker(s), {cfg['clients']} clients, {cfg['duration']:.0f} s, "
            f"{cfg['cpus']} CPUs, {cfg['news_pages']} news pages + {cfg['seed_pages']} seeds"
        ),
        *[f"  note: {note}" for note in results.notes],
        "",
    ]
    if results.single:
        rows += _render_phases(results)
    if results.worst_case:
        w = results.worst_case
        h = w["healthz"]
        rows += [
            f"4. beside a worst-case request, {w['clients']} clients for {w['duration_s']} s",
            (
                f"   /healthz ms: p50 {h['median_ms']}  p99 {h['p99_ms']}  max {h['max_ms']}  ({h['n']} probes, "
                f"{h['failures']} failed)"
            ),
            (
                f"   load: requests/s {w['requests_per_s']:.1f}  errors {w['errors']}  p50 {w['latency']['median_ms']}  "
                f"p99 {w['latency']['p99_ms']} ms;  server peak RSS {w['peak_rss_mb']:.0f} MB"
            ),
            *[
                f"   worst case {o['page']}: status {o['status']}, error {o['error']}, {o['seconds']} s"
                for o in w["worst_case_requests"]
            ],
            "",
        ]
    rows.append("acceptance targets")
    for name, t in results.targets.items():
        rows.append(
            f"   {'PASS' if t['pass'] else 'FAIL'}  {name:34} value {t['value']}  target {t['target']}"
        )
    return "\n".join(rows)


def _render_phases(results: Results) -> list[str]:
    """The rows of phases 1 to 3."""
    s, c, p = results.single, results.concurrent, results.in_process
    failed = f" ({s['errors']} errors)" if s["errors"] else ""
    rows = [
        f"1. single client, {s['pages']} pages x {s['rounds']} rounds{failed}",
        f"   {'':26}{'median':>10}{'p95':>10}{'p99':>10}{'mean':>10}   (ms)",
    ]
    for label, key in (
        ("POST /v1/score", "serve"),
        ("  same, through httpx", "serve_httpx"),
        ("trafilatura.extract", "trafilatura"),
        ("Detector.score in-process", "detector_in_process"),
    ):
        m = s[key]
        rows.append(
            f"   {label:26}{m['median_ms']:>10.1f}{m['p95_ms']:>10.1f}{m['p99_ms']:>10.1f}"
            f"{m['mean_ms']:>10.1f}"
        )
    rows += [
        f"   ratio of medians (serve / trafilatura): {s['median_ratio']:.2f}",
        f"   service overhead (serve - Detector.score medians): {s['service_overhead_median_ms']:.1f} ms",
        "",
        f"2. concurrent, {c['clients']} clients for {c['duration_s']} s",
        (
            f"   requests/s {c['requests_per_s']:.1f}   requests {c['requests']}   errors {c['errors']}   "
            f"reports with error {c['reports_with_error']}"
        ),
        f"   latency ms: p50 {c['latency']['median_ms']}  p95 {c['latency']['p95_ms']}  p99 {c['latency']['p99_ms']}",
        (
            f"   server peak RSS (process tree): {c['peak_rss_mb']:.0f} MB;  CPU seconds per server process: "
            f"{', '.join(f'{u:.1f}' for u in c['server_cpu_s_per_process']) or '-'}"
        ),
        "",
        (
            f"3. in-process Python API, {p['processes']} process(es) for {p['duration_s']:.0f} s: "
            f"{p['pages_per_s']:.1f} pages/s; service / in-process = {c['share_of_in_process']}"
        ),
        "",
    ]
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m detector.benchmarks.serve_load", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients in phase 2 (default 8)")
    parser.add_argument(
        "--duration",
        type=float,
        default=60,
        help="seconds of phase 2, and of the in-process baseline (default 60)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=1,
        help="server worker processes, and in-process baseline processes (default 1)",
    )
    parser.add_argument(
        "--score-threads", type=int, default=None, help="DETECTOR_SCORE_THREADS for the server"
    )
    parser.add_argument(
        "--rounds", type=int, default=3, help="rounds over the news pages in phase 1 (default 3)"
    )
    parser.add_argument(
        "--corpus", type=Path, default=DEFAULT_CORPUS, help=f"news pages (default {DEFAULT_CORPUS})"
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON instead of the table")
    parser.add_argument(
        "--worst-case",
        action="append",
        choices=WORST_CASES,
        default=[],
        help="add phase 4: the load beside this worst-case page, posted in turn (repeatable)",
    )
    parser.add_argument(
        "--large-mb",
        type=float,
        default=5.0,
        help="size of the 'large' worst case (default 5 MB, the service's default body limit)",
    )
    parser.add_argument("--only-worst-case", action="store_true", help="run phase 4 only (with --worst-case)")
    args = parser.parse_args(argv)
    if args.only_worst_case and not args.worst_case:
        parser.error("--only-worst-case needs --worst-case")

    results = Results(
        config={
            "clients": args.clients,
            "duration": args.duration,
            "workers": args.workers,
            "score_threads": args.score_threads,
            "rounds": args.rounds,
            "corpus": str(args.corpus),
            "cpus": os.cpu_count(),
            "worst_case": args.worst_case,
        }
    )
    news, seeds = load_pages(args.corpus.resolve(), results.notes)
    results.config.update(news_pages=len(news), seed_pages=len(seeds))
    single_pages = news or [p for p in seeds if p.media == "text/html"]
    all_pages = news + seeds

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = start_server(port, args.workers, args.score_threads)
    try:
        results.config["ready_after_s"] = round(wait_ready(base, proc), 1)
        if not args.only_worst_case:
            results.single = single_client(base, single_pages, args.rounds)
            results.concurrent = concurrent(base, all_pages, args.clients, args.duration, proc.pid)
        if args.worst_case:  # last: a killed scoring process is still being replaced after it
            results.worst_case = beside_worst_case(
                base,
                all_pages,
                worst_case_pages(args.worst_case, args.large_mb),
                args.clients,
                args.duration,
                proc.pid,
            )
        cpu = results.concurrent.get("server_cpu_s_per_process")
        if args.workers > 1 and cpu and cpu[0] > 0.8 * sum(cpu):
            results.notes.append(
                "the server's CPU time went mostly to one process: uvicorn's workers share one listening socket "
                "and the first to wake accepts every waiting connection, so long-lived keep-alive connections "
                "opened together all land on one worker"
            )
    finally:
        stop_server(proc)
    if not args.only_worst_case:
        results.in_process = in_process(all_pages, args.workers, args.duration)
    results.targets = check_targets(results)
    print(json.dumps(results.as_dict(), indent=2) if args.json else render(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
