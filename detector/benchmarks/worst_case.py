"""Worst-case benchmark: the time and memory of scoring structural extremes at the input size limit.

    python -m detector.benchmarks.worst_case [--sizes 20000000,5000000] [--cases unclosed_p,closed_p]
                                             [--timeout 120] [--json]

Each case is a page built to be as costly as one structure can make it (thousands of unclosed
paragraphs, one element with as many attributes as fit, a huge table, one huge text node, ...),
just under the size limit: the default ``ScoreOptions().max_bytes`` (20 MB) and the HTTP service's
``DETECTOR_MAX_BODY_BYTES`` default (5 MB). Every case runs in a fresh process that loads the
detector, scores a small page to warm up, builds its input, then scores it once with
``Detector.score`` under the default :class:`~detector.page.extract.PageLimits`. The process reports the
wall time and the CPU time of that call and its peak memory: the peak resident set size of the process (its own: see :func:`~detector.benchmarks._memory.peak_rss_bytes`)
less its resident set size just before the call (so the model and the input itself are not
counted; a warm-up peak above the call's own counts against it, which can only overstate).

Targets (printed PASS/FAIL per case): at most 5 s and 500 MB. The time judged is the call's CPU time,
which other processes on a busy machine do not inflate as they do its wall time (scoring runs on one
thread: on an idle machine the two agree); the load average is printed with the results.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time

from ._memory import peak_rss_bytes

TARGET_SECONDS = 5.0
TARGET_MB = 500.0
SIZES = (20_000_000, 5_000_000)


def _repeat(head: str, unit: str, tail: str, size: int) -> str:
    """``head + unit * k + tail`` with the largest ``k`` that keeps the page within ``size`` UTF-8 bytes."""
    room = size - len((head + tail).encode()) - 64
    return head + unit * max(0, room // len(unit.encode())) + tail


def _words(size: int, length: int) -> str:
    """Plain text of distinct lower-case words of ``length`` letters, one space apart, ``size`` bytes."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    out, total, k = [], 0, 0
    while total + length + 1 <= size - 64:
        n, word = k, []
        for _ in range(length):
            n, r = divmod(n, 26)
            word.append(letters[r])
        out.append("".join(word))
        total += length + 1
        k += 7919  # a prime step: neighbouring words differ in their first letters
    return " ".join(out)


def _attributes(count: int) -> str:
    return " ".join(f"a{i}" for i in range(count))


def _max_attribute_elements(size: int) -> str:
    from detector.page.extract import PageLimits

    return _repeat("<html><body>", f"<p {_attributes(PageLimits().max_attributes)}>x</p>", "", size)


def _attribute_bomb(size: int) -> str:
    head = "<html><body><p "
    count = (size - len(head) - 64) // 9
    return head + " ".join(f"a{i:07d}" for i in range(count)) + ">x</p>"


def _article_and_menu(size: int) -> str:
    article = (
        "<article>"
        + "<p>The council met on Tuesday and voted on the budget of the town library.</p>" * 2_000
        + "</article><nav><ul>"
    )
    return _repeat(
        "<html><body>" + article, "<li>A menu entry that is not in the article text</li>", "</ul></nav>", size
    )


#: name -> (what it is, builder of the page for a size in bytes)
CASES = {
    "unclosed_p": ("<p>a repeated, never closed", lambda s: _repeat("<html><body>", "<p>a", "", s)),
    "closed_p": ("<p>a</p> repeated", lambda s: _repeat("<html><body>", "<p>a</p>", "", s)),
    "deep_nesting": (
        "<div> with text, nested to the size limit",
        lambda s: _repeat("<html><body>", "<div>a", "", s),
    ),
    "attribute_bomb": ("one element with as many attributes as fit", _attribute_bomb),
    "max_attributes": ("elements with max_attributes attributes each", _max_attribute_elements),
    "huge_text_node": (
        "one paragraph of repeated words",
        lambda s: _repeat("<html><body><p>", "word ", "</p>", s),
    ),
    "huge_text_nodes": (
        "paragraphs of 1 MB",
        lambda s: _repeat("<html><body>", "<p>" + "word " * 200_000 + "</p>", "", s),
    ),
    "less_than_signs": ('"<" repeated', lambda s: _repeat("<html><body><p>text</p>", "<", "", s)),
    "huge_table": (
        "a table of two-cell rows",
        lambda s: _repeat("<html><body><table>", "<tr><td>a</td><td>b</td></tr>", "</table>", s),
    ),
    "many_li": ("one list of short items", lambda s: _repeat("<html><body><ul>", "<li>a</li>", "</ul>", s)),
    "many_link_li": (
        "a menu of links",
        lambda s: _repeat("<html><body><nav><ul>", '<li><a href="/a">a</a></li>', "</ul></nav>", s),
    ),
    "many_headings": ("headings", lambda s: _repeat("<html><body>", "<h2>A heading</h2>", "", s)),
    "inline_spans": (
        "inline elements in one block",
        lambda s: _repeat("<html><body><p>", "<span>a</span>", "</p>", s),
    ),
    "comments": ("comments", lambda s: _repeat("<html><body><p>text</p>", "<!---->", "", s)),
    "end_tags": ("stray end tags", lambda s: _repeat("<html><body><p>text</p>", "</p>", "", s)),
    "article_and_menu": ("an article, then a long list outside it", _article_and_menu),
    "text_long_line": ("plain text, one line of words", lambda s: _repeat("", "word ", "", s)),
    "text_short_lines": ("plain text, one-letter lines", lambda s: _repeat("", "a\n", "", s)),
    "text_distinct_words": ("plain text of distinct 8-letter words", lambda s: _words(s, 8)),
    "text_long_words": ("plain text of 8,000-letter words", lambda s: _words(s, 8_000)),
}

_WARM_UP = "<html><body><h1>Warm-up</h1><p>A short page that loads every module before timing starts.</p></body></html>"


def run_case(name: str, size: int) -> dict:
    """Score case ``name`` at ``size`` bytes in this process (a fresh one): seconds and peak MB above the start."""
    import psutil

    from detector.scoring import Detector

    detector = Detector.load()
    detector.score(_WARM_UP)
    data = CASES[name][1](size).encode("utf-8")
    before = psutil.Process().memory_info().rss
    start, cpu = time.perf_counter(), time.process_time()
    report = detector.score(data, source=name)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak = peak_rss_bytes()
    return {
        "case": name,
        "bytes": len(data),
        "seconds": round(seconds, 3),
        "cpu_seconds": round(cpu, 3),
        "peak_mb": round(max(0, peak - before) / 2**20, 1),
        "paragraphs": len(report.paragraphs),
        "error": report.error.type if report.error else None,
        "truncated": bool(report.truncated),
    }


def measure(name: str, size: int, timeout: float) -> dict:
    """:func:`run_case` in a fresh Python process (a case that outlives ``timeout`` seconds fails)."""
    command = [sys.executable, "-m", "detector.benchmarks.worst_case", "--child", name, "--sizes", str(size)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=os.environ.copy())
    except subprocess.TimeoutExpired:
        return {
            "case": name,
            "bytes": size,
            "seconds": None,
            "cpu_seconds": None,
            "peak_mb": None,
            "paragraphs": None,
            "error": f"timeout after {timeout:.0f} s",
            "truncated": None,
        }
    if done.returncode != 0:
        return {
            "case": name,
            "bytes": size,
            "seconds": None,
            "cpu_seconds": None,
            "peak_mb": None,
            "paragraphs": None,
            "error": f"exit {done.returncode}: {done.stderr.strip().splitlines()[-1:]}",
            "truncated": None,
        }
    return json.loads(done.stdout.strip().splitlines()[-1])


def passed(result: dict) -> bool:
    """Whether a case met the targets: its CPU time (the machine's load does not inflate it, as it does the
    wall time) and its peak memory."""
    return (
        result["cpu_seconds"] is not None
        and result["cpu_seconds"] <= TARGET_SECONDS
        and result["peak_mb"] <= TARGET_MB
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", default=",".join(map(str, SIZES)), help="page sizes in bytes, comma-separated"
    )
    parser.add_argument("--cases", default=",".join(CASES), help="cases to run, comma-separated")
    parser.add_argument(
        "--timeout", type=float, default=120.0, help="seconds before a case is stopped (fails)"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object per case")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",")]
    if args.child:
        print(json.dumps(run_case(args.child, sizes[0])))
        return 0
    names = args.cases.split(",")
    unknown = [name for name in names if name not in CASES]
    if unknown:
        parser.error(f"unknown cases: {', '.join(unknown)} (known: {', '.join(CASES)})")
    failures = 0
    if not args.json:
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
        print(
            f"{'case':22} {'bytes':>11} {'wall s':>7} {'CPU s':>6} {'peak MB':>8} {'blocks':>7}  result  note"
        )
    for size in sizes:
        for name in names:
            result = measure(name, size, args.timeout)
            ok = passed(result)
            failures += not ok
            if args.json:
                print(json.dumps({**result, "pass": ok}))
                continue
            note = result["error"] or ("truncated" if result["truncated"] else "")
            seconds = "-" if result["seconds"] is None else f"{result['seconds']:.2f}"
            cpu = "-" if result["cpu_seconds"] is None else f"{result['cpu_seconds']:.2f}"
            peak = "-" if result["peak_mb"] is None else f"{result['peak_mb']:.0f}"
            paragraphs = "-" if result["paragraphs"] is None else result["paragraphs"]
            print(
                f"{name:22} {result['bytes']:>11,} {seconds:>7} {cpu:>6} {peak:>8} {paragraphs:>7}  "
                f"{'PASS' if ok else 'FAIL':6}  {note}",
                flush=True,
            )
    if not args.json:
        print(
            f"load average {os.getloadavg()[0]:.1f}; targets: <= {TARGET_SECONDS:g} CPU s and <= {TARGET_MB:g} MB per case; "
            f"{failures} of {len(sizes) * len(names)} failed"
        )
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
