"""Stage timing: every stage of a page is charged, and timing does not change the report."""

from detector.benchmarks import throughput
from detector.timing import STAGES, StageTimes

PAGE = b"""<html><head><title>Library opens late</title></head><body>
<ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul>
<article><h1>Library opens late</h1><p>The town library will stay open until nine on weekdays from
next month, the council said on Monday after a survey of residents.</p>
<p>Staff hours will not change; volunteers will cover the evening desk.</p></article></body></html>"""


def test_every_stage_is_timed_and_the_report_is_unchanged(detector):
    stages = StageTimes()
    timed = detector.score(PAGE, source="p.html", stages=stages)
    assert set(stages.seconds) == set(STAGES)
    assert all(seconds > 0 for seconds in stages.seconds.values())
    assert timed == detector.score(PAGE, source="p.html")


def test_text_pages_are_timed_too(detector):
    stages = StageTimes()
    detector.score(b"One line of text.\nAnother line of text.", stages=stages)
    assert set(stages.seconds) == set(STAGES) - {"extraction"}


def test_benchmark_skips_an_absent_corpus_with_the_reason(tmp_path):
    (tmp_path / "a.html").write_bytes(PAGE)
    pages, skipped = throughput.collect(tmp_path / "missing", tmp_path)
    assert [name for name, _ in pages] == [str(tmp_path / "a.html")]
    assert skipped == [f"news-pages: {tmp_path / 'missing'} not found, skipped"]


def test_benchmark_in_process_figures(detector):
    results = throughput.in_process([("p.html", PAGE)] * 3)
    assert results["pages"] == 3
    assert results["ratio"] > 0 and set(results["stages_ms_per_page"]) == set(STAGES)
    assert "ratio detector / trafilatura" in throughput.report(
        {"date": "d", "model": "m", "skipped": [], "in_process": results}
    )
