"""The CLI: score prints a report; audit accounts for every file."""

import json
import os

from click.testing import CliRunner

from detector.cli import main

from .conftest import SEEDS


def test_score_prints_the_report():
    result = CliRunner().invoke(main, ["score", str(SEEDS / "003_aafa888a740008f5.txt")])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["verdict"] == "spam" and report["counts"]["fabricated_author_bio"] >= 10


def test_audit_accounts_for_every_file(tmp_path):
    pages = tmp_path / "pages"
    (pages / "nested").mkdir(parents=True)
    for seed in sorted(SEEDS.glob("0*.txt")):
        (pages / "nested" / seed.name).write_bytes(seed.read_bytes())
    (pages / "corrupt.html").write_bytes(b"\x00\xff\x00\xfe" * 100)
    (pages / "empty.htm").write_bytes(b"")
    os.symlink(tmp_path / "does-not-exist", pages / "dangling.html")
    (pages / "notes.md").write_text("not a page")
    out = tmp_path / "results.jsonl"
    result = CliRunner().invoke(main, ["audit", str(pages), "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    by_name = {os.path.basename(r["source"]): r for r in rows}
    assert len(rows) == 8 and set(by_name) == {s.name for s in SEEDS.glob("0*.txt")} | {
        "corrupt.html", "empty.htm", "dangling.html"}
    assert by_name["corrupt.html"]["error"]["type"] == "BinaryInputError"
    assert by_name["empty.htm"]["error"]["type"] == "EmptyInputError"
    assert by_name["dangling.html"]["error"]["type"] == "FileNotFoundError"
    assert "8 pages: 5 scored, 3 with errors" in result.output
