"""Fuzz campaign: hostile inputs against :meth:`Detector.score`, which must never raise.

    python -m detector.benchmarks.fuzz [--inputs 100000] [--seed 0] [--workers 2]
                                       [--corpora ../shared/corpora] [--seeds seeds]
                                       [--save-failures DIR] [--json]

Every input is made from its number and ``--seed`` alone, so a run is reproducible and any input can
be made again (``--only N``). The kinds of input, in fixed shares:

- ``bytes``: random bytes, 0 to 64 KB, sometimes behind a byte-order mark or a binary signature;
- ``str``: random text with lone surrogates, C0 / C1 controls, bidi overrides, NULs and markup;
- ``mutated``: a seed or corpus page with 1 to 8 mutations (bytes flipped, inserted, deleted or
  repeated, markup fragments such as unclosed tags, comments and CDATA spliced in, cut short);
- ``charset``: a page given a charset declaration (meta, XML declaration, the transport charset)
  from a list of WHATWG labels, Python codec names a browser ignores, and garbage;
- ``rule_words``: long lines made of the rule set's own example texts, words and runs of spaces,
  punctuation and digits (the inputs that make a backtracking regex blow up);
- ``structure``: structural extremes up to the size limit (unclosed or closed paragraphs, deep
  nesting, many attributes, long table rows and lists, one long word or line).

For each input the worker records whether an exception escaped ``score``, the wall time, and how far
the process's peak RSS rose above its level after warm-up (``ru_maxrss`` only grows, so the input at
which it jumps is the one named). Targets (printed PASS/FAIL): no exception, no input over 5 s, no
input raising the peak RSS by more than 500 MB. The summary's first line is the one quoted in the
README. Exit code 1 when a target fails.
"""

from __future__ import annotations

import argparse
import inspect
import json
import logging
import os
import random
import resource
import sys
import time
import traceback
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from ..choices import CHECKOUT, DEFAULT_CORPORA

ROOT = CHECKOUT
DEFAULT_SEEDS = ROOT / "seeds"
TARGET_SECONDS = 5.0
TARGET_MB = 500
#: Share of the inputs of each kind, in per mille.
KINDS = (
    ("bytes", 250),
    ("str", 250),
    ("mutated", 300),
    ("charset", 80),
    ("rule_words", 115),
    ("structure", 5),
)

_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")
_SIGNATURES = (
    b"%PDF-1.7",
    b"\x89PNG\r\n",
    b"GIF89a",
    b"\xff\xd8\xff",
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"\x7fELF",
)
_LABELS = (
    "utf-8",
    "utf8",
    "unicode-1-1-utf-8",
    "utf-16",
    "utf-16le",
    "utf-16be",
    "utf-32",
    "utf-7",
    "cp037",
    "punycode",
    "idna",
    "rot13",
    "base64",
    "zlib",
    "hex",
    "unicode_escape",
    "raw_unicode_escape",
    "iso-8859-1",
    "latin1",
    "ascii",
    "us-ascii",
    "windows-1252",
    "x-user-defined",
    "replacement",
    "iso-2022-jp",
    "shift_jis",
    "euc-kr",
    "gb18030",
    "big5",
    "koi8-r",
    "macintosh",
    "x-mac-cyrillic",
    "iso-8859-8-i",
    "tis-620",
    "",
    " ",
    "utf-8\x00",
    "\u202eutf-8",
    "no-such-charset",
    "x" * 300,
)
_FRAGMENTS = (
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    "<table><tr><td>",
    "</td></tr>",
    "<li>",
    "<ul>",
    "<ol>",
    "<h2>",
    "</h2>",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "<script>",
    "</script>",
    "<style>",
    "<br>",
    "<details><summary>",
    "</summary>",
    "<button>",
    "<svg><foreignObject>",
    "<math>",
    "<template>",
    "<noscript>",
    "<iframe srcdoc='<p>x'>",
    "<meta charset=utf-16>",
    "<?xml version='1.0'?>",
    "<!DOCTYPE html>",
    "&amp;",
    "&#0;",
    "&#xD800;",
    "&#1114112;",
    "&nbsp;" * 20,
    "<p hidden>",
    "<p style='display:none'>",
    "<a href='javascript:alert(1)'>",
    "<img src=x onerror=alert(1)>",
    "\x00",
    "\r",
    "\u2028",
    "\u202e",
    "\ufeff",
    "\x85",
    "People also ask",
    "Q:",
    "A:",
    "views",
    "Follow us on",
    "reportedly dating",
    "Posted 2 hours ago",
    "★★★★★ (1,234 votes)",
)
_UNICODE_POOL = (
    "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789 .,;:!?'\"()-–—…«»“”"
    "\t\n\r\x0b\x0c\x1b\x7f\x80\x85\x9f\u00a0\u200b\u200d\u202a\u202e\u2066\u2069\ufeff\ufffd"
    "éüñçøßдёжアイ中文한국어عربيةעברית😀🙂\U0010ffff<>/=&#;"
)


def _materials(corpora: Path | None, seeds: Path | None) -> tuple[list[bytes], list[str], list[str]]:
    """The pages to mutate, the rule words to repeat, and the reasons a source was skipped."""
    from detector.audit.local import discover, input_source, read_input
    from detector.signals.rules import default_rules

    pages, skipped = [], []
    folders = [("seeds", seeds)]
    if corpora is not None:
        folders += [(name, corpora / name) for name in ("news-pages", "extraction-pages", "celebrity-news")]
    for label, folder in folders:
        if folder is None:
            continue
        if not folder.is_dir():
            skipped.append(f"{label}: {folder} not found, skipped")
            continue
        for page in sorted(discover([folder]).pages, key=input_source):
            pages.append(read_input(page, 20_000_000))
    words = set(_FRAGMENTS)
    for rule in default_rules():
        for example in (*rule.examples_hit, *rule.examples_miss):
            text = example if isinstance(example, str) else str(example.get("text", ""))
            words.update(text.split())
            words.add(text)
    return pages, sorted(words), skipped


def make_input(
    number: int, seed: int, pages: list[bytes], words: list[str], max_bytes: int
) -> tuple[str, bytes | str, dict]:
    """Input ``number`` of the campaign: its kind, its data and extra keyword arguments of ``score``."""
    rng = random.Random(seed * 1_000_003 + number)
    roll, kind = rng.randrange(1000), KINDS[-1][0]
    for name, share in KINDS:
        if roll < share:
            kind = name
            break
        roll -= share
    kwargs: dict = {"content_type": rng.choice(("auto", "auto", "html", "text"))}
    data: bytes | str
    if kind == "bytes":
        data = rng.randbytes(int(2 ** rng.uniform(0, 16)))
        if rng.random() < 0.3:
            data = rng.choice(_BOMS + _SIGNATURES) + data
        if rng.random() < 0.3:
            data = bytes(b & 0x7F for b in data)  # mostly ASCII: passes the binary check more often
    elif kind == "str":
        data = "".join(_random_char(rng) for _ in range(int(2 ** rng.uniform(0, 13))))
        if rng.random() < 0.5:
            data = _splice(rng, data, [rng.choice(_FRAGMENTS) for _ in range(rng.randrange(1, 30))])
    elif kind == "mutated" and pages:
        data = _mutate(rng, rng.choice(pages), max_bytes)
    elif kind == "charset" and pages:
        data, kwargs = _declare(rng, rng.choice(pages)), {**kwargs, **_transport(rng)}
    elif kind == "structure":
        data = _structure(rng, max_bytes)
    else:  # rule_words (or a page-based kind with no pages to hand)
        kind = "rule_words" if kind not in ("mutated", "charset") else kind
        size = int(2 ** rng.uniform(6, 17))
        parts, total = [], 0
        while total < size:
            part = rng.choice(words) + rng.choice(
                (
                    " ",
                    "  ",
                    " " * rng.randrange(1, 3000),
                    "\n",
                    ", ",
                    ". ",
                    "",
                    "\t",
                    ":",
                    "-",
                    "0" * rng.randrange(1, 50),
                )
            )
            parts.append(part)
            total += len(part)
        text = "".join(parts)
        data = text.encode("utf-8", "surrogatepass") if rng.random() < 0.5 else text
    return kind, data, kwargs


def _random_char(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.02:
        return chr(rng.randrange(0xD800, 0xE000))  # a lone surrogate
    if r < 0.05:
        return chr(rng.randrange(0, 0x110000))
    return rng.choice(_UNICODE_POOL)


def _splice(rng: random.Random, data, pieces):
    for piece in pieces:
        if isinstance(data, bytes) and isinstance(piece, str):
            piece = piece.encode("utf-8", "surrogatepass")
        at = rng.randrange(len(data) + 1)
        data = data[:at] + piece + data[at:]
    return data


def _mutate(rng: random.Random, page: bytes, max_bytes: int) -> bytes:
    data = bytearray(page)
    for _ in range(rng.randrange(1, 9)):
        op = rng.randrange(6)
        at = rng.randrange(len(data) + 1)
        if op == 0 and data:  # flip bytes
            for _ in range(rng.randrange(1, 64)):
                data[rng.randrange(len(data))] = rng.randrange(256)
        elif op == 1:  # insert random bytes
            data[at:at] = rng.randbytes(rng.randrange(1, 256))
        elif op == 2:  # delete a span
            del data[at : at + rng.randrange(1, 4096)]
        elif op == 3:  # repeat a span, up to the size limit
            span = bytes(data[at : at + rng.randrange(1, 512)])
            if span:
                times = min(rng.randrange(2, 200), max(1, (max_bytes - len(data)) // len(span)))
                data[at:at] = span * times
        elif op == 4:  # splice markup fragments
            data = bytearray(
                _splice(
                    rng,
                    bytes(data),
                    [rng.choice(_FRAGMENTS).encode("utf-8") for _ in range(rng.randrange(1, 20))],
                )
            )
        else:  # cut short
            del data[at:]
    return bytes(data[:max_bytes])


def _declare(rng: random.Random, page: bytes) -> bytes:
    label = rng.choice(_LABELS).encode("utf-8", "surrogatepass")
    declaration = (
        rng.choice(
            (
                b'<meta charset="%s">',
                b"<meta charset=%s>",
                b'<meta http-equiv="Content-Type" content="text/html; charset=%s">',
                b'<?xml version="1.0" encoding="%s"?>',
            )
        )
        % label
    )
    head = page.find(b"<head>")
    at = head + len(b"<head>") if head >= 0 and rng.random() < 0.8 else 0
    return page[:at] + declaration + page[at:]


def _transport(rng: random.Random) -> dict:
    """A transport (HTTP) charset, when this version of ``score`` takes one."""
    from detector import Detector

    parameters = inspect.signature(Detector.score).parameters
    name = next((n for n in ("declared", "charset", "transport_charset") if n in parameters), None)
    if name is None or rng.random() < 0.5:
        return {}
    return {name: rng.choice(_LABELS)}


def _structure(rng: random.Random, max_bytes: int) -> bytes:
    size = int(min(max_bytes, 2 ** rng.uniform(14, 22.3))) - 64
    unit, head, tail = rng.choice(
        (
            (b"<p>a", b"<html><body>", b""),
            (b"<p>a</p>", b"<html><body>", b"</body></html>"),
            (b"<div>", b"<html><body>", b"x"),
            (b" a%d=b", b"<html><body><p", b">x</p>"),
            (b"<td>a", b"<table><tr>", b"</table>"),
            (b"<li><a href=#>a</a>", b"<ul>", b"</ul>"),
            (b"<h2>Q?</h2><p>A.</p>", b"<html><body>", b""),
            (b"a", b"<p>", b"</p>"),
            (b"Views: 1 ", b"", b""),
            (b"Field: value\n", b"", b""),
            (b"Is it? ", b"", b""),
        )
    )
    if b"%d" in unit:
        body = b"".join(unit % i for i in range(size // (len(unit) + 4)))
    else:
        body = unit * (size // len(unit))
    return head + body + tail


def _worker(numbers: list[int], seed: int, corpora: str | None, seeds: str | None, save: str | None) -> dict:
    from detector import Detector

    logging.disable(logging.CRITICAL)  # hostile inputs make the extractors log; the summary says what matters

    pages, words, _ = _materials(Path(corpora) if corpora else None, Path(seeds) if seeds else None)
    detector = Detector.load()
    max_bytes = detector.options.max_bytes
    detector.score("<html><body><p>Warm-up page.</p><p>Second paragraph.</p></body></html>")
    detector.score("Warm-up text.\nSecond line.")
    baseline = _maxrss_mb()
    kinds: Counter[str] = Counter()
    seconds_by_kind: dict[str, float] = {}
    slowest: list[tuple[float, int, str, int]] = []
    failures: list[dict] = []
    peak_rise = 0.0
    for number in numbers:
        kind, data, kwargs = make_input(number, seed, pages, words, max_bytes)
        kinds[kind] += 1
        before = _maxrss_mb()
        start = time.perf_counter()
        try:
            report = detector.score(data, source=f"fuzz-{number}", **kwargs)
            report.model_dump_json()  # what every interface does next: it must not raise either
            error = None
        except Exception as exc:  # the contract under test: nothing escapes score
            error = f"{type(exc).__name__}: {exc}"[:500] + "\n" + traceback.format_exc(limit=4)[-1500:]
        seconds = time.perf_counter() - start
        rise = _maxrss_mb() - baseline
        jumped = _maxrss_mb() - before
        peak_rise = max(peak_rise, rise)
        seconds_by_kind[kind] = seconds_by_kind.get(kind, 0.0) + seconds
        slowest.append((seconds, number, kind, len(data)))
        slowest = sorted(slowest, reverse=True)[:5]
        if error or seconds > TARGET_SECONDS or (rise > TARGET_MB and jumped > 0):
            failures.append(
                {
                    "input": number,
                    "kind": kind,
                    "size": len(data),
                    "seconds": round(seconds, 3),
                    "rss_rise_mb": round(rise, 1),
                    "error": error,
                    "kwargs": kwargs,
                }
            )
            if save:
                _save(Path(save), number, data)
    return {
        "kinds": dict(kinds),
        "seconds_by_kind": dict(seconds_by_kind),
        "slowest": slowest,
        "failures": failures,
        "peak_rise_mb": peak_rise,
        "baseline_mb": baseline,
    }


def _save(folder: Path, number: int, data: bytes | str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    (folder / f"input-{number}.{'str' if isinstance(data, str) else 'bin'}").write_bytes(raw)


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(
    inputs: int,
    *,
    seed: int = 0,
    workers: int = 1,
    corpora: Path | None = DEFAULT_CORPORA,
    seeds: Path | None = DEFAULT_SEEDS,
    save: Path | None = None,
    only: list[int] | None = None,
) -> dict:
    """Run the campaign and return its summary (``failures`` lists every input that missed a target)."""
    numbers = only if only is not None else list(range(inputs))
    _, _, skipped = _materials(corpora, None) if corpora is not None else ([], [], [])
    args = (
        seed,
        str(corpora) if corpora and corpora.is_dir() else None,
        str(seeds) if seeds else None,
        str(save) if save else None,
    )
    start = time.perf_counter()
    if workers <= 1:
        results = [_worker(numbers, *args)]
    else:
        # Interleaved slices: every worker gets the same mix of kinds and sizes.
        with ProcessPoolExecutor(workers) as pool:
            results = list(
                pool.map(
                    _worker, [numbers[i::workers] for i in range(workers)], *[[a] * workers for a in args]
                )
            )
    kinds: Counter[str] = Counter()
    seconds_by_kind: dict[str, float] = {}
    for result in results:
        kinds.update(result["kinds"])
        for kind, seconds in result["seconds_by_kind"].items():
            seconds_by_kind[kind] = seconds_by_kind.get(kind, 0.0) + seconds
    failures = sorted((f for r in results for f in r["failures"]), key=lambda f: f["input"])
    slowest = sorted((s for r in results for s in r["slowest"]), reverse=True)[:5]
    return {
        "inputs": len(numbers),
        "seed": seed,
        "workers": max(workers, 1),
        "kinds": dict(sorted(kinds.items())),
        "mean_ms_by_kind": {k: round(1000 * seconds_by_kind[k] / n, 1) for k, n in sorted(kinds.items())},
        "exceptions": sum(1 for f in failures if f["error"]),
        "over_time": sum(1 for f in failures if f["seconds"] > TARGET_SECONDS),
        "over_memory": sum(1 for f in failures if f["rss_rise_mb"] > TARGET_MB),
        "slowest": [{"seconds": round(s, 3), "input": n, "kind": k, "size": z} for s, n, k, z in slowest],
        "peak_rss_rise_mb": round(max(r["peak_rise_mb"] for r in results), 1),
        "baseline_rss_mb": round(max(r["baseline_mb"] for r in results), 1),
        "seconds": round(time.perf_counter() - start, 1),
        "skipped": skipped,
        "failures": failures,
    }


def summary_line(summary: dict) -> str:
    """The one line quoted in the README."""
    slowest = summary["slowest"][0] if summary["slowest"] else {"seconds": 0.0, "kind": "-"}
    return (
        f"fuzz: {summary['inputs']:,} inputs (seed {summary['seed']}), {summary['exceptions']} exceptions, "
        f"{summary['over_time']} over {TARGET_SECONDS:g} s, {summary['over_memory']} over {TARGET_MB} MB; "
        f"slowest {slowest['seconds']:.2f} s ({slowest['kind']}), peak RSS rise "
        f"{summary['peak_rss_rise_mb']:.0f} MB, {summary['seconds']:.0f} s on {summary['workers']} worker(s)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m detector.benchmarks.fuzz", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--inputs", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS)
    parser.add_argument("--save-failures", type=Path, default=None, metavar="DIR")
    parser.add_argument(
        "--only", type=int, nargs="+", default=None, metavar="N", help="rerun these inputs only"
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    summary = run(
        args.inputs,
        seed=args.seed,
        workers=args.workers,
        corpora=args.corpora,
        seeds=args.seeds,
        save=args.save_failures,
        only=args.only,
    )
    if args.json:
        print(json.dumps(summary, indent=2))
    else:
        print(summary_line(summary))
        for reason in summary["skipped"]:
            print(f"  skipped {reason}")
        print(
            "  kinds: "
            + ", ".join(
                f"{k} {v:,} (mean {summary['mean_ms_by_kind'][k]:.1f} ms)"
                for k, v in summary["kinds"].items()
            )
        )
        print(
            "  slowest: "
            + ", ".join(
                f"#{s['input']} {s['kind']} {s['size']:,} B {s['seconds']:.2f} s" for s in summary["slowest"]
            )
        )
        for failure in summary["failures"][:20]:
            print(
                f"  FAIL #{failure['input']} {failure['kind']} {failure['size']:,} B {failure['seconds']} s "
                f"+{failure['rss_rise_mb']} MB {failure['kwargs']} {(failure['error'] or '').splitlines()[0:1]}"
            )
        for name, value, target in (
            ("no_exception", summary["exceptions"], 0),
            (f"none_over_{TARGET_SECONDS:g}s", summary["over_time"], 0),
            (f"none_over_{TARGET_MB}MB", summary["over_memory"], 0),
        ):
            print(f"  {'PASS' if value <= target else 'FAIL'}  {name:<20} value {value}  target {target}")
    return 0 if not summary["failures"] else 1


if __name__ == "__main__":
    sys.exit(main())
