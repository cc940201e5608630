"""Throughput benchmark: the detector against bare trafilatura, stage by stage, and audits on 1 and N workers.

    python -m detector.benchmarks.throughput [--corpus ../shared/corpora/news-pages] [--seeds seeds]
                                             [--workers 2] [--copies 3] [--no-audit] [--json]

1. **In process, alternating.** Every page (the news pages and the seed pages) is read into memory,
   then timed once with bare ``trafilatura.extract`` and once with ``Detector.score``, page by page,
   alternating which goes first, so both see the same machine load and the same warm caches. Prints
   pages/s of each, the ratio of total times (detector / trafilatura), the ratio of medians, and the
   detector's time per stage (parse, segmentation, extraction, context, rules, features, classifier,
   report). Pages are timed once each: the detector's per-word caches start cold, as on a new crawl.
2. **Audits.** The pages are copied ``--copies`` times into a temporary folder and audited with
   ``run_audit`` in a fresh process, once with one worker and once with ``--workers``. Prints each
   audit's steady-state pages/s (rows after the first, over the time from the first row to the last,
   so process start-up and model loading are left out), its wall time (start-up included), both
   speed-ups, and the peak RSS of the single-worker audit process.
3. **Break-even** (``--break-even``). Audits of the first 25, 75, 150, 300 and 600 pages (copies when
   there are fewer), each with one worker and with ``--workers``, wall time from the start of the
   process: from what size a second process pays for its start-up, which is what ``--workers auto``
   (:data:`detector.audit.local.PAGES_PER_WORKER`) is set from. Prints what ``auto`` chooses for each.

Targets (printed PASS/FAIL): detector <= 1.5x trafilatura's time; single-worker audit peak RSS
<= 400 MB; two-worker steady-state speed-up >= 1.7x. Timings are only as good as the machine is quiet.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ..choices import CHECKOUT, DEFAULT_CORPORA
from ._memory import peak_rss_bytes

ROOT = CHECKOUT
DEFAULT_CORPUS = DEFAULT_CORPORA / "news-pages"
DEFAULT_SEEDS = ROOT / "seeds"
TARGET_RATIO = 1.5
TARGET_RSS_MB = 400
TARGET_SPEEDUP = 1.7

_WARM_UP = (
    "<html><head><title>Warm-up</title></head><body><article><h1>Warm-up</h1>"
    "<p>A short page that loads every module of both extractors before timing starts.</p>"
    "<p>It has two paragraphs, so that the main text is found.</p></article></body></html>"
)


def collect(corpus: Path | None, seeds: Path | None) -> tuple[list[tuple[str, bytes]], list[str]]:
    """The benchmark pages as ``(name, bytes)``, and the reasons any source was skipped."""
    from detector.audit.local import discover, input_source, read_input

    pages, skipped = [], []
    for label, folder in (("news-pages", corpus), ("seeds", seeds)):
        if folder is None:
            continue
        if not folder.is_dir():
            skipped.append(f"{label}: {folder} not found, skipped")
            continue
        for page in discover([folder]).pages:
            pages.append((input_source(page), read_input(page, 20_000_000)))
    return pages, skipped


def in_process(pages: list[tuple[str, bytes]]) -> dict:
    """Time trafilatura.extract and Detector.score on each page, alternating; the detector by stage."""
    import trafilatura

    from detector import Detector
    from detector.timing import STAGES, StageTimes

    t = time.perf_counter()
    detector = Detector.load()
    load_seconds = time.perf_counter() - t
    # the language identifier loads once per process, on the first text that is not plainly English: a
    # start-up cost like the model's, timed apart so that the pages' times compare with trafilatura's
    from detector.signals import language

    t = time.perf_counter()
    language.identify("Der Stadtrat hat am Dienstag den Haushalt mit sieben zu zwei Stimmen beschlossen.")
    identifier_seconds = time.perf_counter() - t
    trafilatura.extract(_WARM_UP)
    detector.score(_WARM_UP)
    stages = StageTimes()
    bare, full = [], []
    for i, (name, data) in enumerate(pages):
        order = ("bare", "full") if i % 2 == 0 else ("full", "bare")
        for which in order:
            t = time.perf_counter()
            if which == "bare":
                trafilatura.extract(data)
                bare.append(time.perf_counter() - t)
            else:
                detector.score(data, source=name, stages=stages)
                full.append(time.perf_counter() - t)
    total_bare, total_full = sum(bare), sum(full)
    staged = sum(stages.seconds.values())
    return {
        "pages": len(pages),
        "model_load_seconds": round(load_seconds, 3),
        "language_identifier_load_seconds": round(identifier_seconds, 3),
        "trafilatura": {
            "seconds": round(total_bare, 3),
            "pages_per_second": round(len(pages) / total_bare, 1),
            "median_ms": round(statistics.median(bare) * 1000, 2),
        },
        "detector": {
            "seconds": round(total_full, 3),
            "pages_per_second": round(len(pages) / total_full, 1),
            "median_ms": round(statistics.median(full) * 1000, 2),
        },
        "ratio": round(total_full / total_bare, 3),
        "ratio_of_medians": round(statistics.median(full) / statistics.median(bare), 3),
        "stages_ms_per_page": {s: round(stages.seconds.get(s, 0.0) / len(pages) * 1000, 2) for s in STAGES},
        "stages_share": {s: round(stages.seconds.get(s, 0.0) / staged, 3) if staged else 0.0 for s in STAGES},
        "peak_rss_mb": round(peak_rss_bytes() / 2**20, 1),
    }


def audit_child(folder: str, workers: int | str) -> None:
    """Run one audit in this (fresh) process and print its timings as JSON (used by :func:`audit`)."""
    from detector.audit.local import AuditOptions, run_audit

    started = time.perf_counter()
    stamps: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        summary = run_audit(
            [folder],
            Path(tmp) / "rows.jsonl",
            AuditOptions(workers=workers),
            on_page=lambda report: stamps.append(time.perf_counter()),
        )
    wall = time.perf_counter() - started
    steady = (
        (len(stamps) - 1) / (stamps[-1] - stamps[0]) if len(stamps) > 1 and stamps[-1] > stamps[0] else 0.0
    )
    print(
        json.dumps(
            {
                "workers": workers,
                "pages": summary.pages,
                "failed": summary.failed,
                "wall_seconds": round(wall, 2),
                "pages_per_second": round(steady, 1),
                "peak_rss_mb": round(peak_rss_bytes() / 2**20, 1),
            }
        )
    )


#: Audit sizes of the break-even measurement.
BREAK_EVEN_SIZES = (25, 75, 150, 300, 600)


def _write_pages(folder: Path, pages: list[tuple[str, bytes]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i, (name, data) in enumerate(pages):
        suffix = "".join(Path(name).suffixes[-2:]) if name.endswith(".gz") else Path(name).suffix
        (folder / f"{i:05d}{suffix or '.html'}").write_bytes(data)


def _audit_in_child(folder: Path, workers: int | str) -> dict:
    started = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-m", "detector.benchmarks.throughput", "--audit-child", str(folder), str(workers)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    run = json.loads(out.stdout.strip().splitlines()[-1])
    run["process_wall_seconds"] = round(time.perf_counter() - started, 2)  # interpreter start-up included
    return run


def break_even(
    pages: list[tuple[str, bytes]], workers: int, sizes: tuple[int, ...] = BREAK_EVEN_SIZES
) -> list[dict]:
    """Wall time of audits of growing size with one worker and with ``workers``, each in a fresh process."""
    from detector.audit.local import choose_workers

    rows = []
    tmp = Path(tempfile.mkdtemp(prefix="detector-break-even-"))
    try:
        for size in sizes:
            folder = tmp / str(size)
            chosen = [pages[i % len(pages)] for i in range(size)]
            _write_pages(folder, chosen)
            one, many = _audit_in_child(folder, 1), _audit_in_child(folder, workers)
            rows.append(
                {
                    "pages": size,
                    "one_worker_seconds": one["process_wall_seconds"],
                    "n_workers_seconds": many["process_wall_seconds"],
                    "workers": workers,
                    "ratio": round(one["process_wall_seconds"] / many["process_wall_seconds"], 2),
                    "auto_chooses": choose_workers("auto", size, cores=workers),
                }
            )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return rows


def audit(pages: list[tuple[str, bytes]], copies: int, workers: int) -> dict:
    """Audit ``copies`` copies of the pages with one worker and with ``workers``, each in a fresh process."""
    tmp = Path(tempfile.mkdtemp(prefix="detector-bench-"))
    try:
        for copy in range(copies):
            _write_pages(tmp / f"copy{copy}", pages)
        one, many = _audit_in_child(tmp, 1), _audit_in_child(tmp, workers)
        return {
            "copies": copies,
            "one_worker": one,
            "n_workers": many,
            "speedup": round(many["pages_per_second"] / one["pages_per_second"], 2)
            if one["pages_per_second"]
            else 0.0,
            "wall_speedup": round(one["process_wall_seconds"] / many["process_wall_seconds"], 2),
        }
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def report(results: dict) -> str:
    """The results as the text the benchmark prints."""
    lines = [f"throughput benchmark — {results['date']}, model {results['model']}, {os.cpu_count()} CPUs"]
    lines += [f"  {reason}" for reason in results["skipped"]]
    p = results["in_process"]
    lines += [
        "",
        f"In process, one pass over {p['pages']} pages, alternating (model loaded in {p['model_load_seconds']} s, "
        f"language identifier in {p['language_identifier_load_seconds']} s):",
        (
            f"  trafilatura.extract   {p['trafilatura']['pages_per_second']:7.1f} pages/s   "
            f"median {p['trafilatura']['median_ms']:6.2f} ms   total {p['trafilatura']['seconds']:.2f} s"
        ),
        (
            f"  Detector.score        {p['detector']['pages_per_second']:7.1f} pages/s   "
            f"median {p['detector']['median_ms']:6.2f} ms   total {p['detector']['seconds']:.2f} s"
        ),
        (
            f"  ratio detector / trafilatura: {p['ratio']:.2f}x of total time (target <= {TARGET_RATIO}x: "
            f"{_verdict(p['ratio'] <= TARGET_RATIO)}), {p['ratio_of_medians']:.2f}x of medians"
        ),
        f"  peak RSS of this process: {p['peak_rss_mb']:.0f} MB",
        "  detector time per stage (ms/page, share):",
    ]
    for stage, ms in p["stages_ms_per_page"].items():
        lines.append(f"    {stage:<13} {ms:6.2f} ms  {p['stages_share'][stage]:6.1%}")
    a = results.get("audit")
    if a:
        one, many = a["one_worker"], a["n_workers"]
        lines += [
            "",
            (
                f"Audit of {one['pages']} files ({a['copies']} copies of the pages), each in a fresh process "
                "(steady-state pages/s: start-up and model loading left out):"
            ),
            (
                f"  1 worker    {one['pages_per_second']:6.1f} pages/s   wall {one['wall_seconds']:6.2f} s   "
                f"peak RSS {one['peak_rss_mb']:.0f} MB (target <= {TARGET_RSS_MB} MB: "
                f"{_verdict(one['peak_rss_mb'] <= TARGET_RSS_MB)})"
            ),
            f"  {many['workers']} workers   {many['pages_per_second']:6.1f} pages/s   wall {many['wall_seconds']:6.2f} s",
            (
                f"  speed-up {a['speedup']:.2f}x steady-state (target >= {TARGET_SPEEDUP}x with 2 workers: "
                f"{_verdict(a['speedup'] >= TARGET_SPEEDUP)}), {a['wall_speedup']:.2f}x in wall time from "
                f"process start ({one['process_wall_seconds']:.2f} s against {many['process_wall_seconds']:.2f} s)"
            ),
        ]
    rows = results.get("break_even")
    if rows:
        lines += ["", "Break-even: audits in a fresh process, wall time from process start:"]
        lines.append(
            f"  {'pages':>6} {'1 worker':>10} {str(rows[0]['workers']) + ' workers':>10} {'ratio':>7}  auto"
        )
        for row in rows:
            lines.append(
                f"  {row['pages']:>6} {row['one_worker_seconds']:>9.2f}s {row['n_workers_seconds']:>9.2f}s "
                f"{row['ratio']:>6.2f}x  {row['auto_chooses']}"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of news pages")
    parser.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS, help="the seed corpus folder")
    parser.add_argument("--workers", type=int, default=2, help="workers of the parallel audit (default 2)")
    parser.add_argument("--copies", type=int, default=3, help="copies of the pages in the audits (default 3)")
    parser.add_argument("--no-audit", action="store_true", help="only the in-process comparison")
    parser.add_argument(
        "--break-even",
        action="store_true",
        help="also time audits of growing size on 1 and --workers processes",
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--audit-child", nargs=2, metavar=("FOLDER", "WORKERS"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.audit_child:
        workers = args.audit_child[1]
        audit_child(args.audit_child[0], workers if workers == "auto" else int(workers))
        return 0
    pages, skipped = collect(args.corpus, args.seeds)
    if not pages:
        print("no pages to benchmark: " + "; ".join(skipped), file=sys.stderr)
        return 2
    from detector import Detector

    results = {
        "date": time.strftime("%Y-%m-%d"),
        "model": Detector.shared().info.version,
        "skipped": skipped,
        "in_process": in_process(pages),
    }
    if not args.no_audit:
        results["audit"] = audit(pages, args.copies, args.workers)
    if args.break_even:
        results["break_even"] = break_even(pages, args.workers)
    print(json.dumps(results, indent=2) if args.json else report(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
