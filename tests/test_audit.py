"""The folder audit: discovery, every file accounted for, streaming rows, resume after a kill, CSV, workers."""

import contextlib
import csv
import errno
import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from detector import Detector
from detector.audit.local import PAGES_PER_WORKER, AuditOptions, choose_workers, discover, run_audit
from detector.exceptions import AuditError, NoPagesError

from .conftest import ROOT, SEEDS

SEED_PAGES = sorted(SEEDS.glob("0*.txt"))
SHARED = ROOT.parent / "shared" / "corpora"


def rows_of(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def pages(tmp_path) -> Path:
    """A folder of the five seed pages, nested, plus a gzipped page and files the audit must skip."""
    folder = tmp_path / "pages"
    (folder / "nested").mkdir(parents=True)
    for seed in SEED_PAGES[:4]:
        (folder / "nested" / seed.name).write_bytes(seed.read_bytes())
    (folder / (SEED_PAGES[4].stem + ".txt.gz")).write_bytes(gzip.compress(SEED_PAGES[4].read_bytes()))
    (folder / "page.xhtml").write_text(
        '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>X</title></head>'
        "<body><p>The council approved the budget on Tuesday, the mayor said."
        "</p></body></html>"
    )
    (folder / "notes.md").write_text("not a page")
    (folder / "image.png").write_bytes(b"\x89PNG")
    return folder


def test_discover_finds_pages_and_counts_what_it_skips(pages):
    found = discover([pages])
    names = sorted(p.name for p in found.pages)
    assert names == sorted([s.name for s in SEED_PAGES[:4]] + [SEED_PAGES[4].stem + ".txt.gz", "page.xhtml"])
    assert found.skipped == {"not a page (.md)": 1, "not a page (.png)": 1}
    # a file named explicitly is audited whatever its name
    assert discover([pages / "notes.md"]).pages == [pages / "notes.md"]
    with pytest.raises(AuditError, match="no such file"):
        discover([pages / "missing"])


def test_audit_accounts_for_every_file(pages, tmp_path):
    (pages / "corrupt.html").write_bytes(b"\x00\xff\x00\xfe" * 100)
    (pages / "empty.htm").write_bytes(b"")
    (pages / "broken.html.gz").write_bytes(b"not gzip at all")
    os.symlink(pages / "does-not-exist", pages / "dangling.html")  # (a link out of the folder is skipped)
    os.symlink(pages / "loop.html", pages / "loop.html")  # unreadable, even for root
    out = tmp_path / "results.jsonl"
    summary = run_audit([pages], out)
    rows = rows_of(out)
    by_name = {os.path.basename(r["source"]): r for r in rows}
    assert len(rows) == len(by_name) == 11 == summary.pages
    assert by_name["corrupt.html"]["error"]["type"] == "BinaryInputError"
    assert by_name["empty.htm"]["error"]["type"] == "EmptyInputError"
    assert by_name["broken.html.gz"]["error"]["type"] == "BadGzipFile"
    assert by_name["dangling.html"]["error"]["type"] == "FileNotFoundError"
    assert by_name["loop.html"]["error"]["type"] == "OSError" and by_name["loop.html"]["sha256"] is None
    gz = by_name[SEED_PAGES[4].stem + ".txt.gz"]
    assert gz["error"] is None and gz["paragraphs"], "the gzipped page is scored after decompression"
    assert by_name["page.xhtml"]["paragraphs"][0]["text"].startswith("The council approved")
    assert (summary.scored, summary.failed) == (6, 5)
    assert summary.errors["BinaryInputError"] == 1 and summary.skipped == {
        "not a page (.md)": 1,
        "not a page (.png)": 1,
    }


def test_a_gzip_bomb_is_refused_without_inflating_it(tmp_path):
    bomb = tmp_path / "bomb.html.gz"
    bomb.write_bytes(gzip.compress(b"<p>" + b"a" * 30_000_000 + b"</p>"))
    out = tmp_path / "r.jsonl"
    run_audit([bomb], out)
    assert rows_of(out)[0]["error"]["type"] == "InputTooLargeError"


def test_resume_after_a_killed_audit_has_every_file_exactly_once(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    seeds = (sorted(SEEDS.rglob("*.txt")) + sorted(SEEDS.rglob("*.html")))[::8]  # enough to be killed midway
    for i, seed in enumerate(seeds):
        (folder / f"{i:03d}_{seed.name}").write_bytes(seed.read_bytes())
    out = tmp_path / "results.jsonl"
    cmd = [sys.executable, "-m", "detector.cli", "audit", str(folder), "--out", str(out), "--quiet"]
    proc = subprocess.Popen(cmd, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if out.exists() and out.read_bytes().count(b"\n") >= 5:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the audit finished before it could be killed: " + proc.stderr.read().decode()
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    written = out.read_bytes().count(b"\n")
    assert 5 <= written < len(seeds)
    with open(out, "a", encoding="utf-8") as fh:
        fh.write('{"source": "' + str(folder / "000_cut"))  # a row cut short by the kill
    summary = run_audit([folder], out, AuditOptions(resume=True))
    rows = rows_of(out)  # every line is whole JSON again
    sources = [r["source"] for r in rows]
    assert sorted(sources) == sorted(str(p) for p in folder.iterdir()) and len(set(sources)) == len(sources)
    assert summary.resumed == written and summary.scored + summary.failed == len(seeds) - written

    # resuming a finished audit scores nothing and changes nothing; a changed file is scored again
    before = out.read_bytes()
    assert run_audit([folder], out, AuditOptions(resume=True)).scored == 0 and out.read_bytes() == before
    changed = sorted(folder.iterdir())[0]
    changed.write_text("A completely different page about gardening in the rain.\n")
    assert run_audit([folder], out, AuditOptions(resume=True)).scored == 1
    rows = rows_of(out)
    assert len(rows) == len(seeds) and [r["source"] for r in rows].count(str(changed)) == 1
    assert next(r for r in rows if r["source"] == str(changed))["paragraphs"][0]["text"].startswith(
        "A completely"
    )


def test_csv_has_one_row_per_paragraph_and_defuses_formulas(tmp_path):
    page = tmp_path / "formula.txt"
    page.write_text(
        '=HYPERLINK("http://evil.example","click") is what the page says.\n'
        "The council approved the budget on Tuesday, the mayor said.\n"
    )
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    out = tmp_path / "r.csv"
    run_audit([page, empty, SEED_PAGES[0]], out, AuditOptions(format="csv"))
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    by_source = {}
    for row in rows:
        by_source.setdefault(row["source"], []).append(row)
    assert len(by_source[str(page)]) == 2 and len(by_source[str(empty)]) == 1
    assert by_source[str(empty)][0]["error_type"] == "EmptyInputError"
    assert by_source[str(page)][0]["text"].startswith("'=HYPERLINK")
    seed_rows = by_source[str(SEED_PAGES[0])]
    assert len(seed_rows) == int(seed_rows[0]["paragraphs"]) > 5
    # resume keeps the complete pages and re-scores one cut short
    full = out.read_bytes()
    out.write_bytes(full[: len(full) - 200])
    summary = run_audit([page, empty, SEED_PAGES[0]], out, AuditOptions(format="csv", resume=True))
    assert out.read_bytes() == full and summary.resumed == 2 and summary.scored == 1


def test_two_workers_write_the_same_rows_as_one(tmp_path):
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    files = SEED_PAGES + sorted((SEEDS / "pages" / "a").glob("*.html"))[:3]
    run_audit(files, one, AuditOptions(workers=1))
    run_audit(files, two, AuditOptions(workers=2))
    assert one.read_text() == two.read_text()


def test_auto_workers_keep_a_small_audit_in_one_process_and_use_the_cores_on_a_big_one():
    assert choose_workers("auto", 10, cores=8) == 1
    assert choose_workers("auto", PAGES_PER_WORKER - 1, cores=8) == 1
    assert choose_workers("auto", 2 * PAGES_PER_WORKER, cores=8) == 2
    assert choose_workers("auto", 100 * PAGES_PER_WORKER, cores=2) == 2
    assert choose_workers("auto", 0, cores=4) == 1
    assert choose_workers(3, 10, cores=1) == 3  # a number given is a number used
    for bad in (0, -2, "two", True, 1.5):
        with pytest.raises(AuditError, match="workers"):
            choose_workers(bad, 10)


def test_an_audit_says_how_many_processes_scored_it(tmp_path):
    summary = run_audit(SEED_PAGES[:2], tmp_path / "out.jsonl", AuditOptions())
    assert summary.workers == 1 and summary.scored == 2
    with pytest.raises(AuditError, match="workers"):
        run_audit(SEED_PAGES[:2], tmp_path / "bad.jsonl", AuditOptions(workers=0))
    assert not (tmp_path / "bad.jsonl").exists()


@pytest.mark.skipif(
    not (SHARED / "news-pages").is_dir(), reason="../shared/corpora/news-pages is not available"
)
def test_audit_of_the_news_pages_has_one_row_per_file(tmp_path):
    out = tmp_path / "news.jsonl"
    summary = run_audit([SHARED / "news-pages"], out, AuditOptions(workers=2))
    pages = sorted(str(p) for p in (SHARED / "news-pages").rglob("*") if p.suffix == ".html")
    assert sorted(r["source"] for r in rows_of(out)) == pages and summary.pages == len(pages)


def test_a_process_loads_the_model_once_for_every_file(tmp_path, monkeypatch):
    import detector.scoring as scoring_module
    from detector.scoring import Detector

    loads = []
    real_load = Detector.load.__func__
    monkeypatch.setattr(scoring_module, "_SHARED", {})
    monkeypatch.setattr(
        Detector, "load", classmethod(lambda cls, *a, **k: loads.append(1) or real_load(cls, *a, **k))
    )
    run_audit(SEED_PAGES, tmp_path / "r.jsonl")
    run_audit(SEED_PAGES[:2], tmp_path / "r2.jsonl")
    assert len(loads) == 1


# -- hostile folders: file names, special files, links, a full disk, a shared output (issue 20) ------

SHORT_PAGE = b"The council approved the budget on Tuesday, the mayor said after the vote.\n"


def short_pages(folder: Path, n: int = 3) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"page{i}.txt" for i in range(n)]
    for i, path in enumerate(paths):
        path.write_bytes(SHORT_PAGE + f"Page number {i} of the minutes.\n".encode())
    return paths


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_a_file_name_that_is_not_utf8_gets_its_row_and_resume_matches_it(tmp_path, fmt):
    folder = tmp_path / "pages"
    short_pages(folder, 2)
    bad = os.path.join(os.fsencode(folder), b"caf\xff\xe9.txt")
    with open(bad, "wb") as fh:
        fh.write(SHORT_PAGE)
    out = tmp_path / f"results.{fmt}"
    summary = run_audit([folder], out, AuditOptions(format=fmt))
    assert (summary.scored, summary.failed) == (3, 0)
    if fmt == "jsonl":
        sources = [row["source"] for row in rows_of(out)]
    else:
        sources = sorted({row["source"] for row in csv.DictReader(out.open(encoding="utf-8", newline=""))})
    assert str(folder / "caf\\xff\\xe9.txt") in sources and len(sources) == 3
    before = out.read_bytes()
    again = run_audit([folder], out, AuditOptions(format=fmt, resume=True))
    assert (again.resumed, again.scored, again.failed) == (3, 0, 0) and out.read_bytes() == before


def test_a_report_that_cannot_be_written_becomes_that_pages_error_row(tmp_path, monkeypatch):
    import detector.audit.local as audit_module

    pages = short_pages(tmp_path / "pages", 3)
    real = audit_module.score_input

    def score_input(detector, path, **kwargs):
        report = real(detector, path, **kwargs)
        return report.model_copy(update={"title": "lone \ud800 surrogate"}) if path == pages[1] else report

    monkeypatch.setattr(audit_module, "score_input", score_input)
    for fmt in ("jsonl", "csv"):
        out = tmp_path / f"r.{fmt}"
        summary = run_audit(pages, out, AuditOptions(format=fmt))
        assert (summary.scored, summary.failed) == (2, 1) and summary.errors == {"ValueError": 1}
        text = out.read_text(encoding="utf-8")
        assert text.count(str(pages[1])) == 1 and "its report cannot be written" in text


def run_in_thread(target, timeout: float = 60.0):
    """``target()``'s result, or a failure if it does not return within ``timeout`` seconds."""
    import threading

    result = {}
    thread = threading.Thread(target=lambda: result.update(value=target()), daemon=True)
    thread.start()
    thread.join(timeout)
    return thread, result


def test_a_named_pipe_is_skipped_and_never_opened_for_a_blocking_read(tmp_path):
    from detector.page.reading import read_page

    folder = tmp_path / "pages"
    short_pages(folder, 1)
    fifo = folder / "page.html"
    os.mkfifo(fifo)
    try:
        thread, result = run_in_thread(lambda: run_audit([folder, fifo], tmp_path / "r.jsonl"))
        assert not thread.is_alive(), "the audit blocked on the named pipe"
        summary = result["value"]
        assert summary.pages == 1 and summary.skipped["not a regular file (named pipe)"] == 2
        assert [row["source"] for row in rows_of(tmp_path / "r.jsonl")] == [str(folder / "page0.txt")]
        # a page replaced by a pipe after it was found is refused by the read itself, without blocking
        from detector.exceptions import SpecialFileError

        def read_fifo():
            with pytest.raises(SpecialFileError):
                read_page(fifo, 1000)

        thread, result = run_in_thread(read_fifo)
        assert not thread.is_alive(), "read_page blocked on the named pipe"
        assert "value" in result, "read_page did not refuse the named pipe with SpecialFileError"
    finally:
        with contextlib.suppress(OSError):  # release a blocked reader (on a version that blocks)
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))


def test_a_link_out_of_the_audited_folder_is_skipped_unless_allowed(tmp_path):
    folder = tmp_path / "pages"
    short_pages(folder, 1)
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n")
    os.symlink(secret, folder / "passwd.txt")
    os.symlink(folder / "page0.txt", folder / "inside.txt")  # stays in the folder: audited
    sibling = tmp_path / "pages-old"  # a folder whose name starts with the audited one's is outside it
    short_pages(sibling, 1)
    os.symlink(sibling / "page0.txt", folder / "sibling.txt")
    out = tmp_path / "r.jsonl"
    summary = run_audit([folder], out)
    assert sorted(os.path.basename(r["source"]) for r in rows_of(out)) == ["inside.txt", "page0.txt"]
    assert summary.skipped["symlink outside the audited folders"] == 2 and "root:x" not in out.read_text()
    # allowed with follow_links; a link named explicitly, or into another audited folder, is audited
    assert run_audit([folder], out, AuditOptions(follow_links=True)).pages == 4
    assert run_audit([folder / "passwd.txt"], out).pages == 1
    assert run_audit([folder, sibling], out).pages == 4


def test_a_full_disk_ends_the_audit_with_an_audit_error(tmp_path, monkeypatch):
    pages = short_pages(tmp_path / "pages", 3)
    with pytest.raises(AuditError, match="cannot write /dev/full: the disk is full"):
        run_audit(pages, "/dev/full")

    # a disk that fills after the first page: the row written is kept for resume
    real_write, written = os.write, []
    out = tmp_path / "r.jsonl"

    def write(fd, data):
        if fd > 2 and os.path.realpath(f"/proc/self/fd/{fd}") == str(out) and written:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        written.append(len(data))
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", write)
    with pytest.raises(AuditError, match="the disk is full; the 1 pages written are kept"):
        run_audit(pages, out)
    monkeypatch.undo()
    assert len(rows_of(out)) == 1
    summary = run_audit(pages, out, AuditOptions(resume=True))
    assert (summary.resumed, summary.scored) == (1, 2) and len(rows_of(out)) == 3


def test_a_file_too_large_ends_the_cli_audit_with_exit_2_and_one_line(tmp_path):
    import resource

    pages = short_pages(tmp_path / "pages", 6)
    out = tmp_path / "r.jsonl"
    limit = 6000  # bytes: a page's row is some 2 kB

    def small_files():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    cmd = [sys.executable, "-m", "detector.cli", "audit", str(pages[0].parent), "--out", str(out), "--quiet"]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, preexec_fn=small_files, timeout=300)
    assert proc.returncode == 2, proc.stderr
    assert "the file is too large" in proc.stderr and "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert 0 < out.stat().st_size <= limit
    assert run_audit([pages[0].parent], out, AuditOptions(resume=True)).pages == 6 and len(rows_of(out)) == 6


def test_a_csv_audit_killed_before_its_first_row_resumes(tmp_path):
    pages = short_pages(tmp_path / "pages", 2)
    out = tmp_path / "r.csv"
    for start in (b"", b"source,sha256,ti"):  # killed before the header, or in it
        out.write_bytes(start)
        summary = run_audit(pages, out, AuditOptions(format="csv", resume=True))
        assert (summary.resumed, summary.scored) == (0, 2)
        rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
        assert sorted({row["source"] for row in rows}) == sorted(map(str, pages))


def test_a_second_audit_of_the_same_output_refuses_to_start(tmp_path):
    import fcntl

    pages = short_pages(tmp_path / "pages", 2)
    out = tmp_path / "r.jsonl"
    run_audit(pages[:1], out)
    before = out.read_bytes()
    with open(out, "rb") as held:  # what a running audit holds
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        for resume in (False, True):
            with pytest.raises(AuditError, match="being written by another audit"):
                run_audit(pages, out, AuditOptions(resume=resume))
            assert out.read_bytes() == before
    assert run_audit(pages, out, AuditOptions(resume=True)).scored == 1  # free again once it ended


def test_two_audits_at_once_one_refuses_and_the_other_writes_every_row(tmp_path):
    import threading

    folder = tmp_path / "pages"
    short_pages(folder, 4)
    out = tmp_path / "r.jsonl"
    first_page, go_on = threading.Event(), threading.Event()

    def on_page(report):  # the first audit pauses after its first row, holding the output
        first_page.set()
        go_on.wait(300)

    first, result = run_in_thread(lambda: run_audit([folder], out, on_page=on_page), timeout=0)
    try:
        assert first_page.wait(120)
        cmd = [sys.executable, "-m", "detector.cli", "audit", str(folder), "--out", str(out), "--quiet"]
        second = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)
    finally:
        go_on.set()
        first.join(120)
    assert second.returncode == 2 and "being written by another audit" in second.stderr, second.stderr
    assert result["value"].scored == 4
    assert sorted(r["source"] for r in rows_of(out)) == sorted(str(p) for p in folder.iterdir())


def test_the_output_inside_an_audited_folder_is_not_audited(tmp_path):
    folder = tmp_path / "pages"
    pages = short_pages(folder, 2)
    out = folder / "results.txt"  # a page's suffix
    for run, resume in enumerate((False, True, False)):
        summary = run_audit([folder], out, AuditOptions(resume=resume))
        assert summary.pages == 2 and summary.skipped["the audit's own output file"] == int(run > 0)
        assert sorted(r["source"] for r in rows_of(out)) == sorted(map(str, pages))
    assert run_audit([out, pages[0]], tmp_path / "results.txt").pages == 2  # another audit's output is a file
    (folder / "results.txt.resume-tmp").write_text("left by a killed resume")
    assert run_audit([folder / "results.txt.resume-tmp", pages[0]], out).pages == 1


def test_an_audit_of_no_page_files_is_refused_before_the_output_is_touched(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "a.md").write_text("x")
    out = tmp_path / "results.jsonl"
    out.write_text("kept\n")
    for folder in ("empty", "notes"):
        with pytest.raises(NoPagesError, match=f"no page files to audit in {tmp_path / folder}"):
            run_audit([tmp_path / folder], out)
    assert out.read_text() == "kept\n"
    assert issubclass(NoPagesError, AuditError)


def test_pages_not_scored_are_counted_apart_from_the_verdicts_and_kept_on_resume(tmp_path):
    empty, binary = tmp_path / "empty.txt", tmp_path / "binary.html"
    empty.write_bytes(b"")
    binary.write_bytes(b"\x00\x01\x02\x03" * 100)
    files = [empty, binary, SEED_PAGES[0]]
    for fmt in ("jsonl", "csv"):
        out = tmp_path / f"r.{fmt}"
        summary = run_audit(files, out, AuditOptions(format=fmt))
        assert (
            summary.not_scored == 2 and sum(summary.verdicts.values()) == 1 and None not in summary.verdicts
        )
        worst = summary.most_suspicious()
        assert {(p["verdict"], p["credibility"]) for p in worst if p["error"]} == {(None, None)}
        resumed = run_audit(files, out, AuditOptions(format=fmt, resume=True))
        assert resumed.resumed == 3 and resumed.not_scored == 2 and resumed.verdicts == summary.verdicts
    # a row written when errors were called suspicious still counts as not scored
    out = tmp_path / "r.jsonl"
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    for row in rows:
        if row["error"]:
            row.update(verdict="suspicious", credibility=0.0)
    out.write_text("".join(json.dumps(row) + "\n" for row in rows))
    resumed = run_audit(files, out, AuditOptions(resume=True))
    assert resumed.resumed == 3 and resumed.not_scored == 2 and resumed.verdicts == summary.verdicts


def test_csv_rows_name_their_section_and_the_page_signals(tmp_path):
    page = tmp_path / "hidden.html"
    keywords = " ".join(f"cheap pills {i} buy now" for i in range(60))
    page.write_text(
        "<html><body><article><h1>Council approves the budget</h1>"
        + "".join(
            f"<p>The council approved the budget on Tuesday, paragraph {i}, the mayor said.</p>"
            for i in range(6)
        )
        + f"</article><div style='display:none'>{keywords}</div></body></html>",
        encoding="utf-8",
    )
    out = tmp_path / "r.csv"
    run_audit([page, SEED_PAGES[0]], out, AuditOptions(format="csv"))
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    reports = {str(p): Detector.load().score(p.read_bytes(), source=str(p)) for p in (page, SEED_PAGES[0])}
    for row in rows:
        report = reports[row["source"]]
        (section,) = [s for s in report.sections if int(row["index"]) in s.paragraphs] or [None]
        assert (row["section"], row["section_kind"], row["section_label"]) == (
            (str(section.index), section.kind, section.label) if section else ("", "", "")
        )
        assert row["page_signals"] == "; ".join(s.name for s in report.signals)
    assert any(row["section"] for row in rows)
    assert {row["page_signals"] for row in rows if row["source"] == str(page)} == {"hidden_text"}


def test_resuming_a_csv_of_an_earlier_shape_says_what_it_lacks(tmp_path):
    from detector.report.output import CSV_COLUMNS

    out = tmp_path / "r.csv"
    out.write_text(",".join(CSV_COLUMNS[:-4]) + "\n", encoding="utf-8")
    with pytest.raises(AuditError, match="section and page signal columns"):
        run_audit([SEED_PAGES[0]], out, AuditOptions(format="csv", resume=True))
