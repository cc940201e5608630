"""The folder audit: discovery, every file accounted for, streaming rows, resume after a kill, CSV, workers."""

import csv
import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from detector.audit import AuditOptions, discover, run_audit
from detector.exceptions import AuditError

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
    (folder / "page.xhtml").write_text('<html xmlns="http://www.w3.org/1999/xhtml"><head><title>X</title></head>'
                                       "<body><p>The council approved the budget on Tuesday, the mayor said."
                                       "</p></body></html>")
    (folder / "notes.md").write_text("not a page")
    (folder / "image.png").write_bytes(b"\x89PNG")
    return folder


def test_discover_finds_pages_and_counts_what_it_skips(pages):
    found = discover([pages])
    names = sorted(p.name for p in found.files)
    assert names == sorted([s.name for s in SEED_PAGES[:4]] + [SEED_PAGES[4].stem + ".txt.gz", "page.xhtml"])
    assert found.skipped == {"not a page (.md)": 1, "not a page (.png)": 1}
    # a file named explicitly is audited whatever its name
    assert discover([pages / "notes.md"]).files == [pages / "notes.md"]
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
    assert summary.errors["BinaryInputError"] == 1 and summary.skipped == {"not a page (.md)": 1,
                                                                          "not a page (.png)": 1}


def test_a_gzip_bomb_is_refused_without_inflating_it(tmp_path):
    bomb = tmp_path / "bomb.html.gz"
    bomb.write_bytes(gzip.compress(b"<p>" + b"a" * 30_000_000 + b"</p>"))
    out = tmp_path / "r.jsonl"
    run_audit([bomb], out)
    assert rows_of(out)[0]["error"]["type"] == "InputTooLargeError"


def test_resume_after_a_killed_audit_has_every_file_exactly_once(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    seeds = sorted(SEEDS.rglob("*.txt")) + sorted(SEEDS.rglob("*.html"))
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
    assert next(r for r in rows if r["source"] == str(changed))["paragraphs"][0]["text"].startswith("A completely")


def test_csv_has_one_row_per_paragraph_and_defuses_formulas(tmp_path):
    page = tmp_path / "formula.txt"
    page.write_text("=HYPERLINK(\"http://evil.example\",\"click\") is what the page says.\n"
                    "The council approved the budget on Tuesday, the mayor said.\n")
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


@pytest.mark.skipif(not (SHARED / "news-pages").is_dir(), reason="../shared/corpora/news-pages is not available")
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
    monkeypatch.setattr(Detector, "load", classmethod(lambda cls, *a, **k: loads.append(1) or real_load(cls, *a, **k)))
    run_audit(SEED_PAGES, tmp_path / "r.jsonl")
    run_audit(SEED_PAGES[:2], tmp_path / "r2.jsonl")
    assert len(loads) == 1
