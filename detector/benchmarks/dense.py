"""Dense-page benchmark: the detector's time and memory on article pages of many short paragraphs.

    python -m detector.benchmarks.dense [--sizes 1000,5000,20000,50000] [--repeat 3] [--repeat-large 1]
                                        [--timeout 900] [--json]

Each page is an ordinary article page (a head with a title, a header with a menu, an ``<article>``
with a headline and a sub-heading every 100 paragraphs, a footer) whose article holds ``N``
paragraphs of one sentence each, sentences varied from a fixed vocabulary (the same page for the
same ``N`` on every run). Every measurement runs in a fresh process that builds the page, warms up
on a small page, then makes one call on the page's bytes:

* ``trafilatura``: bare ``trafilatura.extract(data)``;
* ``detector``: ``Detector.load(options=...).score(data)``, the library call the CLI's ``detector score``
  makes, with :class:`~detector.page.extract.PageLimits` raised to fit the page (elements, blocks,
  characters), so that every paragraph is scored: under the default limits a page this dense is cut
  short after 10,000 blocks.

Each reports the CPU time of the call (other processes on a busy machine do not inflate it, as they
do the wall time; both run on one thread), the wall time, the peak resident set size of the whole
process (:func:`~detector.benchmarks._memory.peak_rss_bytes`: imports and the model included, as
a bare ``trafilatura.extract`` process is compared with a detector process) and its growth during the
call (peak less the size just before it: the cost of the page itself).

Targets (printed PASS/FAIL):

* on the 20,000-paragraph page, the detector's CPU time at most 1.5x trafilatura's and its process
  peak RSS at most 2x trafilatura's;
* the detector's CPU time per paragraph on the largest page within 25% of that on the smallest
  (1,000 paragraphs): the cost is linear in the number of paragraphs.

The smaller pages (5,000 paragraphs or fewer) are measured ``--repeat`` times (default 3), each in a
fresh process, and the least CPU time is kept: their calls last a fraction of a second, where one
scheduling hiccup shows. The larger ones are measured ``--repeat-large`` times (default 1): on a shared
machine whose speed varies from minute to minute, ``--repeat-large 5`` makes the ratio that of the best
runs. The tools take turns, run after run, so a slow spell slows both.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time

from ._memory import peak_rss_bytes

SIZES = (1_000, 5_000, 20_000, 50_000)
COMPARED = 20_000  # the page the detector is compared with trafilatura on
TARGET_TIME_RATIO = 1.5
TARGET_RSS_RATIO = 2.0
TARGET_LINEARITY = 0.25  # per-paragraph time of the largest page within this share of the smallest's
SMALL = 5_000  # pages up to this many paragraphs are measured --repeat times (least CPU time kept)
TOOLS = ("trafilatura", "detector")

_SUBJECTS = (
    "The council",
    "A spokesperson for the ministry",
    "Local residents",
    "The regional hospital",
    "Researchers at the university",
    "The mayor",
    "Several shop owners",
    "The transport authority",
    "A group of teachers",
    "The fire brigade",
    "Farmers in the valley",
    "The water company",
    "The football club",
    "Volunteers from the library",
    "The planning committee",
    "Two independent auditors",
)
_VERBS = (
    "announced",
    "questioned",
    "approved",
    "postponed",
    "welcomed",
    "criticised",
    "reviewed",
    "published",
    "rejected",
    "described",
    "estimated the cost of",
    "asked for details about",
)
_OBJECTS = (
    "the new budget for road repairs",
    "a plan to extend the tram line",
    "the report on school meals",
    "the proposed closing hours of the market",
    "a survey of flooding along the river",
    "the contract for waste collection",
    "changes to the parking rules",
    "the renovation of the old station",
    "a programme of free swimming lessons",
    "the figures for last winter's heating aid",
    "the timetable of the night buses",
    "a study of air quality near the ring road",
)
_WHEN = (
    "on Tuesday",
    "after a long debate",
    "at a public meeting",
    "earlier this month",
    "in a written statement",
    "during the summer recess",
    "before the vote",
    "late on Friday evening",
)
_TAILS = (
    "",
    ", according to the minutes of the meeting",
    ", and a decision is expected next month",
    ", although some members asked for more time",
    ", a move that surprised few observers",
    ", citing figures from {n} households",
    ", the third time this year",
    ", with {n} people following the session online",
)


def _sentence(rng: random.Random) -> str:
    tail = rng.choice(_TAILS).format(n=rng.randint(12, 4_800))
    return f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)} {rng.choice(_WHEN)}{tail}."


def build_page(paragraphs: int, seed: int = 0) -> str:
    """An article page of ``paragraphs`` one-sentence paragraphs in a usual skeleton (same ``seed``, same page)."""
    rng = random.Random(seed)
    head = (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Town council news | The Valley "
        "Courier</title><meta name='description' content='News from the town council.'></head><body>"
        "<header><a href='/'>The Valley Courier</a><nav><ul><li><a href='/news'>News</a></li>"
        "<li><a href='/sport'>Sport</a></li><li><a href='/culture'>Culture</a></li>"
        "<li><a href='/opinion'>Opinion</a></li></ul></nav></header><main><article>"
        "<h1>What the town council decided this year</h1><p class='byline'>By Anna Berg, 12 March 2024</p>"
    )
    parts = [head]
    for i in range(paragraphs):
        if i and i % 100 == 0:
            parts.append(f"<h2>Part {i // 100 + 1} of the council's year</h2>")
        parts.append(f"<p>{_sentence(rng)}</p>")
    parts.append(
        "</article></main><footer><p>The Valley Courier, 4 Mill Street.</p><ul><li><a href='/about'>About us"
        "</a></li><li><a href='/contact'>Contact</a></li></ul></footer></body></html>"
    )
    return "\n".join(parts)


def limits_for(paragraphs: int):
    """:class:`PageLimits` that let every paragraph of :func:`build_page`'s page be scored."""
    from detector.page.extract import PageLimits

    return PageLimits(
        max_elements=2 * paragraphs + 1_000,
        max_blocks=2 * paragraphs + 1_000,
        max_text_chars=200 * paragraphs + 100_000,
    )


_WARM_UP = (
    "<html><head><title>Warm-up</title></head><body><article><h1>Warm-up</h1>"
    "<p>A short page that loads every module of both extractors before timing starts.</p>"
    "<p>It has two paragraphs, so that the main text is found.</p></article></body></html>"
)


def run_one(tool: str, paragraphs: int) -> dict:
    """Time ``tool`` on the page of ``paragraphs`` in this process (a fresh one)."""
    import psutil

    if tool == "trafilatura":
        import trafilatura

        def call(data: bytes) -> int:
            text = trafilatura.extract(data)
            return 0 if text is None else len(text.splitlines())
    else:
        from detector.scoring import Detector, ScoreOptions

        detector = Detector.load(options=ScoreOptions(limits=limits_for(paragraphs)))

        def call(data: bytes) -> int:
            report = detector.score(data, source="dense.html")
            if report.error is not None or report.truncated:
                raise RuntimeError(f"the page was not scored whole: {report.error or report.truncated}")
            return len(report.paragraphs)

    call(_WARM_UP.encode())
    data = build_page(paragraphs).encode()
    before = psutil.Process().memory_info().rss
    start, cpu = time.perf_counter(), time.process_time()
    blocks = call(data)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak = peak_rss_bytes()
    return {
        "tool": tool,
        "paragraphs": paragraphs,
        "bytes": len(data),
        "blocks": blocks,
        "seconds": round(seconds, 3),
        "cpu_seconds": round(cpu, 3),
        "peak_mb": round(peak / 2**20, 1),
        "growth_mb": round(max(0, peak - before) / 2**20, 1),
    }


def measure(tool: str, paragraphs: int, timeout: float) -> dict:
    """:func:`run_one` in a fresh Python process (``error`` set if it fails or outlives ``timeout``)."""
    command = [sys.executable, "-m", "detector.benchmarks.dense", "--child", tool, "--sizes", str(paragraphs)]
    failed = {"tool": tool, "paragraphs": paragraphs, "cpu_seconds": None, "peak_mb": None}
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=os.environ.copy())
    except subprocess.TimeoutExpired:
        return {**failed, "error": f"timeout after {timeout:.0f} s"}
    if done.returncode != 0:
        return {**failed, "error": f"exit {done.returncode}: {done.stderr.strip().splitlines()[-1:]}"}
    return {**json.loads(done.stdout.strip().splitlines()[-1]), "error": None}


def best_of(tools: list[str], paragraphs: int, timeout: float, repeat: int) -> dict[str, dict]:
    """Each tool's measurement with the least CPU time of ``repeat``, the tools taking turns (a machine
    busy for a while slows both, not the one measured then)."""
    runs: dict[str, list[dict]] = {tool: [] for tool in tools}
    for _ in range(repeat):
        for tool in tools:
            runs[tool].append(measure(tool, paragraphs, timeout))
    best = {}
    for tool, measured in runs.items():
        done = [run for run in measured if run["error"] is None]
        best[tool] = min(done, key=lambda run: run["cpu_seconds"]) if done else measured[0]
    return best


def judge(results: dict[tuple[str, int], dict], sizes: list[int]) -> list[dict]:
    """The targets, each with its figure and whether it passed (a missing measurement fails)."""

    def cpu(tool: str, n: int) -> float | None:
        return results.get((tool, n), {}).get("cpu_seconds")

    def peak(tool: str, n: int) -> float | None:
        return results.get((tool, n), {}).get("peak_mb")

    checks = []
    if COMPARED in sizes:
        for name, get, target in (
            ("time", cpu, TARGET_TIME_RATIO),
            ("peak RSS", peak, TARGET_RSS_RATIO),
        ):
            mine, theirs = get("detector", COMPARED), get("trafilatura", COMPARED)
            ratio = mine / theirs if mine is not None and theirs else None
            checks.append(
                {
                    "target": f"{name} detector / trafilatura at {COMPARED:,} paragraphs <= {target:g}x",
                    "value": None if ratio is None else round(ratio, 2),
                    "pass": ratio is not None and ratio <= target,
                }
            )
    small, large = min(sizes), max(sizes)
    if small != large:
        a, b = cpu("detector", small), cpu("detector", large)
        ratio = (b / large) / (a / small) if a and b is not None else None
        checks.append(
            {
                "target": f"detector CPU per paragraph at {large:,} / at {small:,} within "
                f"{1 - TARGET_LINEARITY:g}x..{1 + TARGET_LINEARITY:g}x",
                "value": None if ratio is None else round(ratio, 2),
                "pass": ratio is not None and abs(ratio - 1) <= TARGET_LINEARITY,
            }
        )
    return checks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", default=",".join(map(str, SIZES)), help="paragraphs per page, comma-separated"
    )
    parser.add_argument("--tools", default=",".join(TOOLS), help="what to measure: trafilatura, detector")
    parser.add_argument("--repeat", type=int, default=3, help=f"runs of each page of <= {SMALL:,} paragraphs")
    parser.add_argument(
        "--repeat-large", type=int, default=1, help=f"runs of each page of more than {SMALL:,} paragraphs"
    )
    parser.add_argument(
        "--timeout", type=float, default=900.0, help="seconds before a run is stopped (fails)"
    )
    parser.add_argument(
        "--json", action="store_true", help="print one JSON object per measurement and target"
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    sizes = sorted(int(size) for size in args.sizes.split(","))
    if args.child:
        print(json.dumps(run_one(args.child, sizes[0])))
        return 0
    tools = args.tools.split(",")
    unknown = [tool for tool in tools if tool not in TOOLS]
    if unknown:
        parser.error(f"unknown tools: {', '.join(unknown)} (known: {', '.join(TOOLS)})")
    if min(args.repeat, args.repeat_large) < 1:
        parser.error("--repeat and --repeat-large must be at least 1")
    if not args.json:
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
        print(
            f"{'tool':12} {'paragraphs':>10} {'bytes':>11} {'blocks':>7} {'wall s':>7} {'CPU s':>7} "
            f"{'µs/par.':>8} {'peak MB':>8} {'growth MB':>9} {'MB/1k par.':>10}  note"
        )
    results: dict[tuple[str, int], dict] = {}
    for paragraphs in sizes:
        repeat = args.repeat if paragraphs <= SMALL else args.repeat_large
        for tool, result in best_of(tools, paragraphs, args.timeout, repeat).items():
            results[tool, paragraphs] = result
            if args.json:
                print(json.dumps(result), flush=True)
                continue
            if result["error"]:
                print(f"{tool:12} {paragraphs:>10,} {'-':>11} {'-':>7} {'-':>7} {'-':>7}  {result['error']}")
                continue
            print(
                f"{tool:12} {paragraphs:>10,} {result['bytes']:>11,} {result['blocks']:>7,} "
                f"{result['seconds']:>7.2f} {result['cpu_seconds']:>7.2f} "
                f"{1e6 * result['cpu_seconds'] / paragraphs:>8.0f} {result['peak_mb']:>8.0f} "
                f"{result['growth_mb']:>9.0f} {1000 * result['growth_mb'] / paragraphs:>10.1f}",
                flush=True,
            )
    checks = judge(results, sizes) if "detector" in tools else []  # a ratio without trafilatura fails
    for check in checks:
        if args.json:
            print(json.dumps(check))
        else:
            value = "-" if check["value"] is None else f"{check['value']:.2f}x"
            print(f"{check['target']}: {value}  {'PASS' if check['pass'] else 'FAIL'}")
    if not args.json:
        print(
            f"load average {os.getloadavg()[0]:.1f}; {sum(not c['pass'] for c in checks)} of {len(checks)} failed"
        )
    return 1 if any(not check["pass"] for check in checks) else 0


if __name__ == "__main__":
    raise SystemExit(main())
