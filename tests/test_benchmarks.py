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
