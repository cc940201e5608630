"""The benchmarks' own measurements."""

import subprocess
import sys

from .conftest import ROOT


def test_a_child_process_reports_its_own_peak_memory_not_its_parents():
    """A child started after its parent grew to 300 MB reports its own peak, not the parent's."""
    ballast = bytearray(300 * 2**20)
    ballast[::4096] = b"\1" * len(range(0, len(ballast), 4096))  # touch every page: resident
    child = "from detector.benchmarks._memory import peak_rss_bytes; print(peak_rss_bytes())"
    done = subprocess.run(
        [sys.executable, "-c", child], capture_output=True, text=True, cwd=ROOT, check=True, timeout=60
    )
    assert int(done.stdout) < 150 * 2**20
    del ballast


def test_a_dense_page_is_the_same_on_every_run_and_its_limits_let_all_of_it_be_scored():
    from detector.benchmarks.dense import build_page, limits_for
    from detector.page.extract import extract_page

    assert build_page(300) == build_page(300) != build_page(300, seed=1)
    page = extract_page(build_page(2_500), limits=limits_for(2_500))
    assert not page.truncated
    assert sum(block.text.endswith(".") and block.kind == "paragraph" for block in page.blocks) >= 2_500


def test_the_dense_benchmark_judges_ratios_and_linearity():
    from detector.benchmarks.dense import judge

    results = {
        ("trafilatura", 20_000): {"cpu_seconds": 2.0, "peak_mb": 200.0},
        ("detector", 20_000): {"cpu_seconds": 2.9, "peak_mb": 420.0},
        ("detector", 1_000): {"cpu_seconds": 0.1, "peak_mb": 150.0},
        ("detector", 50_000): {"cpu_seconds": 6.0, "peak_mb": 600.0},
    }
    checks = judge(results, [1_000, 20_000, 50_000])
    assert [(check["value"], check["pass"]) for check in checks] == [(1.45, True), (2.1, False), (1.2, True)]
    del results["trafilatura", 20_000]
    assert [check["pass"] for check in judge(results, [1_000, 20_000, 50_000])] == [False, False, True]
