"""The benchmarks' own measurements."""

import re
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


def test_the_dense_benchmark_lets_the_tools_take_turns_and_keeps_each_ones_least_cpu_time(monkeypatch):
    from detector.benchmarks import dense

    calls = []
    cpu = iter([2.0, 5.0, 1.5, 6.0, None, 4.5])  # trafilatura, detector, ... ; None: a failed run

    def measure(tool, paragraphs, timeout):
        calls.append(tool)
        seconds = next(cpu)
        return {"tool": tool, "cpu_seconds": seconds, "error": None if seconds is not None else "exit 1"}

    monkeypatch.setattr(dense, "measure", measure)
    best = dense.best_of(["trafilatura", "detector"], 20_000, 60.0, repeat=3)
    assert calls == ["trafilatura", "detector"] * 3
    assert best["trafilatura"]["cpu_seconds"] == 1.5 and best["detector"]["cpu_seconds"] == 4.5


def test_the_crawl_plants_templates_whose_copies_differ_in_names_and_numbers_but_not_in_shape(tmp_path):
    import random

    from detector.audit.crosspage import _grams, shape
    from detector.benchmarks.crawl import TEMPLATES, fill_template, write_crawl

    def grams(html: str) -> set[bytes]:  # of the text a reader sees
        return _grams(shape([re.sub(r"<[^>]{0,200}>", " ", html)]), 3)

    def jaccard(a: set, b: set) -> float:
        return len(a & b) / len(a | b)

    rng = random.Random(3)
    for i in range(len(TEMPLATES)):
        for _ in range(20):
            first, second = fill_template(rng, i), fill_template(rng, i)
            assert first != second
            assert jaccard(grams(first), grams(second)) >= 0.75  # the audit's template clusters need 0.7
            other = fill_template(rng, (i + 1) % len(TEMPLATES))
            assert jaccard(grams(first), grams(other)) < 0.3
    pool = [f"paragraph {i} " + "word " * 15 for i in range(200)]
    planted = write_crawl(tmp_path / "crawl.warc.gz", 600, pool)
    assert planted["templates"] and all(len(uris) >= 2 for uris in planted["templates"])
    assert not {u for uris in planted["templates"] for u in uris} & {u for g in planted["groups"] for u in g}


def test_cluster_scores_count_the_pairs_a_brute_force_listing_would():
    import itertools
    import random

    from detector.benchmarks.crawl import cluster_scores

    def brute(clusters, groups):
        def pairs(sets):
            return {frozenset(p) for s in sets for p in itertools.combinations(sorted(set(s)), 2)}

        found, planted = pairs([[x.split(" ")[0] for x in c] for c in clusters]), pairs(groups)
        return (
            len(found & planted) / len(found) if found else 1.0,
            len(found & planted) / len(planted) if planted else 1.0,
        )

    rng = random.Random(5)
    for _ in range(200):
        items = [f"u{i}" for i in range(rng.randint(0, 30))]
        rng.shuffle(items)
        cuts = sorted(rng.sample(range(len(items) + 1), min(len(items) + 1, rng.randint(0, 6))))
        groups = [items[a:b] for a, b in itertools.pairwise([0, *cuts, len(items)]) if b > a]
        rng.shuffle(items)
        cuts = sorted(rng.sample(range(len(items) + 1), min(len(items) + 1, rng.randint(0, 6))))
        clusters = [[f"{u} rec" for u in items[a:b]] for a, b in itertools.pairwise([0, *cuts, len(items)])]
        assert cluster_scores(clusters, groups) == brute(clusters, groups)
