"""The CLI: score in the terminal (safely) or as JSON; audit's summary and linter-style exit codes."""

import json
import os
import re
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from detector.cli import main

from .conftest import ROOT, SEEDS

SPAM_SEED = SEEDS / "003_aafa888a740008f5.txt"
CREDIBLE_SEED = SEEDS / "000_18f39fee607d5459.txt"


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_score_json_prints_the_report():
    result = invoke("score", SPAM_SEED, "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["verdict"] == "spam" and report["counts"]["fabricated_author_bio"] >= 10


def test_score_shows_paragraphs_with_labels_and_reasons():
    result = invoke("score", SPAM_SEED, "--color", "never")
    assert result.exit_code == 0, result.output
    assert "verdict spam" in result.output and "fabricated_author_bio" in result.output
    assert "evidence:" in result.output and "\x1b" not in result.output
    flagged = invoke("score", SPAM_SEED, "--color", "never", "--flagged").output
    assert len(flagged) < len(result.output) and "fabricated_author_bio" in flagged


@pytest.fixture
def doubtful_page(detector, monkeypatch, tmp_path):
    """``score`` of a page whose report is :func:`tests.test_review.doubt_report`."""
    from detector.audit import local

    from .test_review import doubt_report

    report = doubt_report(detector.info)
    monkeypatch.setattr(local, "score_input", lambda *args, **kwargs: report)
    page = tmp_path / "harbour.html"
    page.write_text("<p>any page</p>", encoding="utf-8")
    return page


def test_score_flagged_hides_plainly_credible_paragraphs_and_shows_doubtful_ones(doubtful_page):
    full = invoke("score", doubtful_page, "--color", "never").output
    flagged = " ".join(invoke("score", doubtful_page, "--color", "never", "--flagged").output.split())
    assert "approved the ferry budget" in full and "approved the ferry budget" not in flagged
    assert "Copyright 2024" in full and "Copyright 2024" not in flagged
    assert "Ten celebrity diets" in flagged and "[1] credible 0.31" in flagged  # credible, in doubt
    assert "Use code SAVE20" in flagged
    assert "2 of 4 paragraphs" in flagged
    # the doubtful paragraph's section opens, the footer's does not
    assert "section 0: article" in flagged and "section 2: footer" not in flagged
    assert "for off_topic classifier" in flagged


def test_score_shows_other_evidence_only_with_verbose(doubtful_page):
    plain = invoke("score", doubtful_page, "--color", "never").output
    verbose = " ".join(invoke("score", doubtful_page, "--color", "never", "--verbose").output.split())
    assert "other evidence" not in plain and "Names its source." not in plain
    assert plain.count("Shares almost no vocabulary") == 1  # a flag of the doubtful paragraph only
    assert verbose.count("other evidence (not what gave the label)") == 2
    assert "Names its source." in verbose and "[for credible CRED_NAMED_SOURCE +1.07]" in verbose
    assert "[for off_topic OFFTOPIC_SUBJECT_DRIFT +1.10]" in verbose
    assert "[against promotional PROMO_HYPE -0.60]" in verbose


def test_score_of_a_seed_shows_no_flag_on_a_plainly_credible_paragraph(detector):
    report = detector.score(CREDIBLE_SEED.read_bytes(), source="000")
    plain = [p for p in report.paragraphs if p.label == "credible" and p.credibility >= 0.5]
    assert plain and any(p.other_evidence for p in plain) and not any(p.flags for p in plain)
    result = invoke("score", CREDIBLE_SEED, "--color", "never", "--verbose")
    assert result.exit_code == 0 and "other evidence" in result.output


def test_score_never_passes_page_control_characters_to_the_terminal(tmp_path):
    page = tmp_path / "hostile.txt"
    page.write_text(
        "Breaking \x1b]0;pwned\x07 news \x1b[2J\x1b[31mred\x1b[0m and \u202eevil\u202c text, "
        "the council said on Tuesday.\nA second line \x08\x08\x08 with backspaces.\n",
        encoding="utf-8",
    )
    result = invoke("score", page, "--color", "always")
    assert result.exit_code == 0, result.output
    out = result.output
    # the only escape sequences are the colours the detector itself chose
    assert all(re.fullmatch(r"\x1b\[[0-9;]*m", seq) for seq in re.findall(r"\x1b[^a-zA-Z]*[a-zA-Z]?", out))
    for raw in ("\x07", "\x08", "\u202e", "\x1b]0;", "\x1b[2J", "\x1b[31mred"):
        assert raw not in out
    assert "\\x1b]0;pwned\\x07" in out and "\\u202eevil" in out and "\\x08\\x08" in out


def test_audit_exit_codes_follow_a_linter(tmp_path):
    out = tmp_path / "r.jsonl"
    assert invoke("audit", CREDIBLE_SEED, "--out", out, "--fail-on", "spam").exit_code == 0
    assert invoke("audit", SPAM_SEED, "--out", out, "--fail-on", "spam").exit_code == 1
    assert invoke("audit", SPAM_SEED, "--out", out, "--fail-on", "suspicious").exit_code == 1
    assert invoke("audit", SPAM_SEED, "--out", out).exit_code == 0
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    assert invoke("audit", empty, "--out", out, "--fail-on", "error").exit_code == 1
    # usage and I/O errors: 2, with a message
    missing = invoke("audit", tmp_path / "missing", "--out", out)
    assert missing.exit_code == 2 and "does not exist" in missing.output
    unwritable = invoke("audit", CREDIBLE_SEED, "--out", tmp_path / "no" / "such" / "dir" / "r.jsonl")
    assert unwritable.exit_code == 2 and "cannot write" in unwritable.output
    csv_report = invoke(
        "audit",
        CREDIBLE_SEED,
        "--out",
        tmp_path / "r.csv",
        "--format",
        "csv",
        "--report",
        tmp_path / "r.html",
    )
    assert csv_report.exit_code == 2 and "--report needs --format jsonl" in csv_report.output
    bad_model = invoke("audit", CREDIBLE_SEED, "--out", out, "--model", tmp_path / "nope.joblib")
    assert bad_model.exit_code == 2


def test_audit_prints_a_summary(tmp_path):
    out = tmp_path / "r.jsonl"
    (tmp_path / "pages").mkdir()
    for seed in sorted(SEEDS.glob("0*.txt")):
        (tmp_path / "pages" / seed.name).write_bytes(seed.read_bytes())
    (tmp_path / "pages" / "notes.md").write_text("x")
    result = CliRunner(env={"COLUMNS": "250"}).invoke(
        main, ["audit", str(tmp_path / "pages"), "--out", str(out), "--color", "never"]
    )
    assert result.exit_code == 0, result.output
    lines = out.read_text().splitlines()
    assert len(lines) == 5
    table = {
        m.group(1).strip(): m.group(2) for m in re.finditer(r"│ ([^│]+?)\s*│\s*(\S[^│]*?)\s*│", result.output)
    }
    assert table["pages"] == "5" and table["scored"] == "5" and table["skipped: not a page (.md)"] == "1"
    assert int(table["spam"]) == sum(json.loads(line)["verdict"] == "spam" for line in lines) >= 1
    assert "Most suspicious pages" in result.output and "003_aafa888a740008f5.txt" in result.output
    assert table["scoring processes"] == "1"  # --workers auto: five pages are not worth a second process


@pytest.mark.parametrize("value", ["0", "two", "-1"])
def test_audit_refuses_a_worker_count_that_is_neither_auto_nor_a_number(tmp_path, value):
    result = CliRunner().invoke(
        main,
        [
            "audit",
            str(SEEDS / "000_18f39fee607d5459.txt"),
            "--out",
            str(tmp_path / "r.jsonl"),
            "--workers",
            value,
        ],
    )
    assert result.exit_code == 2 and "--workers" in result.output and not (tmp_path / "r.jsonl").exists()


def test_audit_builds_the_review_report_and_report_rebuilds_it(tmp_path):
    out, html = tmp_path / "r.jsonl", tmp_path / "review.html"
    result = invoke("audit", CREDIBLE_SEED, SPAM_SEED, "--out", out, "--report", html, "--quiet")
    assert result.exit_code == 0, result.output
    first = html.read_text(encoding="utf-8")
    assert 'data-count="pages">2<' in first and "003_aafa888a740008f5.txt" in first
    capped = tmp_path / "capped.html"
    result = invoke("report", out, "-o", capped, "--max-pages", "1")
    assert (
        result.exit_code == 0
        and "review report of 2 pages (1 most suspicious shown in full)" in result.output
    )
    text = capped.read_text(encoding="utf-8")
    assert 'data-count="pages">2<' in text and 'data-count="truncated" data-value="1"' in text
    assert "003_aafa888a740008f5.txt" in text and "000_18f39fee607d5459.txt" not in text
    missing = invoke("report", tmp_path / "none.jsonl", "-o", capped)
    assert missing.exit_code == 2


def test_a_malformed_model_sidecar_exits_2_with_one_line(tmp_path):
    from .test_artifact import copy_model

    model = copy_model(tmp_path)
    model.with_suffix(".json").write_text("[1, 2]")
    result = invoke("score", CREDIBLE_SEED, "--model", model)
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "sidecar" in result.output and "Traceback" not in result.output


def test_a_custom_model_needs_trust_model_and_is_marked_unofficial(tmp_path):
    from .test_artifact import custom_model

    model = custom_model(tmp_path, version="0.8.0+mine")
    refused = invoke("score", CREDIBLE_SEED, "--model", model)
    assert refused.exit_code == 2 and refused.output.count("\n") == 1 and "--trust-model" in refused.output
    shown = invoke("score", CREDIBLE_SEED, "--model", model, "--trust-model", "--color", "never")
    assert shown.exit_code == 0, shown.output
    assert "model 0.8.0+mine (unofficial model)" in shown.output
    report = json.loads(invoke("score", CREDIBLE_SEED, "--model", model, "--trust-model", "--json").output)
    assert report["model"]["official"] is False and report["model"]["version"] == "0.8.0+mine"
    official = json.loads(invoke("score", CREDIBLE_SEED, "--json").output)
    assert official["model"]["official"] is True
    out = tmp_path / "r.jsonl"
    assert invoke("audit", CREDIBLE_SEED, "--out", out, "--model", model).exit_code == 2
    assert (
        invoke("audit", CREDIBLE_SEED, "--out", out, "--model", model, "--trust-model", "-q").exit_code == 0
    )
    assert json.loads(out.read_text().splitlines()[0])["model"]["official"] is False
    rows = tmp_path / "r.csv"
    assert (
        invoke(
            "audit", CREDIBLE_SEED, "--out", rows, "--format", "csv", "--model", model, "--trust-model", "-q"
        ).exit_code
        == 0
    )
    assert "0.8.0+mine (unofficial model)" in rows.read_text()


# -- hostile file names and outputs (issue 20) ----------------------------------------------------

PAGE_TEXT = b"The council approved the budget on Tuesday, the mayor said after the vote.\n"


def test_score_json_of_a_file_whose_name_is_not_utf8(tmp_path):
    bad = os.path.join(os.fsencode(tmp_path), b"caf\xff.txt")
    with open(bad, "wb") as fh:
        fh.write(PAGE_TEXT)
    result = invoke("score", os.fsdecode(bad), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["source"] == str(tmp_path / "caf\\xff.txt")


def test_audit_to_a_full_disk_exits_2_with_one_line(tmp_path):
    page = tmp_path / "page.txt"
    page.write_bytes(PAGE_TEXT)
    result = CliRunner().invoke(main, ["audit", str(page), "--out", "/dev/full", "--quiet"])
    assert result.exit_code == 2, result.output
    assert result.output.strip() == "Error: cannot write /dev/full: the disk is full"
    assert not isinstance(result.exception, OSError)


def full_device(tmp_path) -> Path:
    """A device like /dev/full: a copy in tmp_path for root (who could replace the real one)."""
    if os.geteuid() != 0:
        return Path("/dev/full")
    device = tmp_path / "full"
    os.mknod(device, stat.S_IFCHR | 0o666, os.stat("/dev/full").st_rdev)
    return device


def test_report_to_a_device_writes_in_place_and_fails_when_it_is_full(tmp_path):
    results = tmp_path / "r.jsonl"
    assert invoke("audit", CREDIBLE_SEED, "--out", results, "--quiet").exit_code == 0
    device = full_device(tmp_path)
    result = invoke("report", results, "-o", device)
    assert result.exit_code == 2 and "No space left on device" in result.output, result.output
    assert "review report of" not in result.output
    assert stat.S_ISCHR(os.stat(device).st_mode), "the device was replaced by a regular file"
    assert not list(tmp_path.glob("*.part"))
    # a named pipe is written in place too (a rename would replace the pipe)
    fifo = tmp_path / "review.pipe"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    assert invoke("report", results, "-o", fifo).exit_code == 0
    reader.join(60)
    assert (
        received
        and received[0].lstrip().startswith(b"<!DOCTYPE html>")
        and stat.S_ISFIFO(os.stat(fifo).st_mode)
    )
    # a link to a regular file: the file is replaced, the link stays
    target, link = tmp_path / "target.html", tmp_path / "link.html"
    target.write_text("old")
    link.symlink_to(target)
    assert invoke("report", results, "-o", link).exit_code == 0
    assert link.is_symlink() and target.read_text(encoding="utf-8").lstrip().startswith("<!DOCTYPE html>")


def test_audit_follow_links_option(tmp_path):
    (tmp_path / "pages").mkdir()
    (tmp_path / "outside.txt").write_bytes(PAGE_TEXT)
    (tmp_path / "pages" / "link.txt").symlink_to(tmp_path / "outside.txt")
    out = tmp_path / "r.jsonl"
    result = CliRunner(env={"COLUMNS": "250"}).invoke(
        main, ["audit", str(tmp_path / "pages"), "--out", str(out), "--color", "never"]
    )
    # its only page is behind a link that leads out: nothing to audit, a warning and exit 2
    assert result.exit_code == 2 and "skipped 1 symlink outside the audited folders" in result.output
    assert result.output.startswith("Warning: no page files to audit") and not out.exists()
    result = invoke("audit", tmp_path / "pages", "--out", out, "--follow-links", "--quiet")
    assert result.exit_code == 0 and len(out.read_text().splitlines()) == 1


UNSAFE_FOR_A_TERMINAL = ("\x85", "\x9b", "\x7f", "\u202e", "\u2066", "\u200b")


def test_score_json_on_a_terminal_escapes_controls_and_bidi_and_is_exact_in_a_pipe(tmp_path):
    import pty

    page = tmp_path / "hostile\x85\u202etxt.lmth.txt"
    page.write_text(
        "The council approved \x9b31m the \x7f budget \u202eon Tuesday\u202c, \u2066the "
        "mayor\u2069 said\u200b after the vote.\n",
        encoding="utf-8",
    )
    cmd = [sys.executable, "-m", "detector.cli", "score", str(page), "--json"]
    piped = subprocess.run(cmd, cwd=ROOT, capture_output=True, timeout=300)
    assert piped.returncode == 0, piped.stderr
    exact = json.loads(piped.stdout)
    assert all(ch in piped.stdout.decode("utf-8") for ch in UNSAFE_FOR_A_TERMINAL)  # a pipe gets the bytes

    leader, follower = pty.openpty()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=follower, stderr=subprocess.PIPE)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the other side closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert proc.wait(timeout=300) == 0, proc.stderr.read()
    shown = b"".join(chunks).decode("utf-8")
    assert not any(ch in shown for ch in UNSAFE_FOR_A_TERMINAL), repr(shown)
    assert "\\u202e" in shown and "\\u0085" in shown and json.loads(shown) == exact  # the same JSON


def test_score_json_to_a_full_disk_exits_2_with_one_line():
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [sys.executable, "-m", "detector.cli", "score", str(CREDIBLE_SEED), "--json"],
            cwd=ROOT,
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=300,
        )
    assert result.returncode == 2
    assert result.stderr.decode().strip() == "Error: cannot write the report: No space left on device"


# -- errors are errors (issue 23) -----------------------------------------------------------------

UNSCORABLE = {
    "pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
    "binary": b"\x00\x01\x02\x03" * 200,
    "empty": b"",
}


@pytest.mark.parametrize("kind", sorted(UNSCORABLE))
def test_score_of_an_unscorable_page_is_not_scored_and_exits_2(tmp_path, kind):
    page = tmp_path / f"{kind}.html"
    page.write_bytes(UNSCORABLE[kind])
    as_json = CliRunner().invoke(main, ["score", str(page), "--json"])
    assert as_json.exit_code == 2, as_json.output
    report = json.loads(as_json.stdout)
    assert report["verdict"] is None and report["credibility"] is None and report["error"]["type"]
    assert f"Error: {page} not scored" in as_json.stderr
    shown = invoke("score", page, "--color", "never")
    assert shown.exit_code == 2 and "verdict not scored" in shown.output
    assert "0.00" not in shown.output and "suspicious" not in shown.output
    assert f"error: {report['error']['type']}" in shown.output
    # an error is no finding about the page: --fail-on suspicious does not turn it into exit 1
    assert invoke("score", page, "--fail-on", "suspicious").exit_code == 2
    assert invoke("score", page, "--fail-on", "error").exit_code == 2


def test_score_of_a_good_page_still_exits_0_or_1_for_fail_on():
    assert invoke("score", CREDIBLE_SEED, "--fail-on", "spam").exit_code == 0
    assert invoke("score", SPAM_SEED, "--fail-on", "spam").exit_code == 1


@pytest.mark.parametrize("command", ["score", "audit"])
def test_a_url_of_another_scheme_is_named_as_unsupported_not_as_a_missing_file(tmp_path, command):
    args = [command, "ftp://example.com/news/a.html"]
    result = invoke(*args, *(["--out", tmp_path / "r.jsonl"] if command == "audit" else []))
    assert result.exit_code == 2
    assert "only http and https URLs are fetched" in result.output and "does not exist" not in result.output
    assert not (tmp_path / "r.jsonl").exists()


def test_audit_out_dash_writes_the_rows_to_stdout_and_no_file_named_dash(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    result = CliRunner(env={"COLUMNS": "250"}).invoke(
        main,
        [
            "audit",
            str(CREDIBLE_SEED),
            str(empty),
            "--out",
            "-",
            "--color",
            "never",
            "--fail-on",
            "suspicious",
        ],
    )
    # the failed page is not suspicious: --fail-on suspicious does not fire on it
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    by_source = {row["source"]: row for row in rows}
    assert sorted(by_source) == sorted([str(CREDIBLE_SEED), str(empty)])
    failed = by_source[str(empty)]
    assert (failed["verdict"], failed["credibility"], failed["error"]["type"]) == (
        None,
        None,
        "EmptyInputError",
    )
    assert not (tmp_path / "-").exists() and not list(tmp_path.glob("-*"))
    table = {
        m.group(1).strip(): m.group(2) for m in re.finditer(r"│ ([^│]+?)\s*│\s*(\S[^│]*?)\s*│", result.stderr)
    }
    assert (
        table["not scored"] == "1" and table["suspicious"] == "0" and table["written to"] == "standard output"
    )
    assert "not scored" in result.stderr.split("Most suspicious pages")[1]
    refused = invoke("audit", CREDIBLE_SEED, "--out", "-", "--report", tmp_path / "r.html")
    assert refused.exit_code == 2 and "--report needs --out to be a file" in refused.output
    assert invoke("audit", CREDIBLE_SEED, "--out", "-", "--resume").exit_code == 2


def test_audit_out_dash_in_a_real_process_writes_to_its_stdout(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "detector.cli", "audit", str(CREDIBLE_SEED), "--out", "-", "--quiet"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["source"] == str(CREDIBLE_SEED)
    assert list(tmp_path.iterdir()) == []


def test_audit_of_an_empty_folder_or_one_without_pages_warns_and_exits_2(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "readme.md").write_text("x")
    out = tmp_path / "r.jsonl"
    out.write_text("an earlier run's rows\n")
    for folder, why in (("empty", "(no files at all)"), ("notes", "skipped 1 not a page (.md)")):
        result = invoke("audit", tmp_path / folder, "--out", out, "--fail-on", "error")
        assert result.exit_code == 2, result.output
        assert result.output.startswith(f"Warning: no page files to audit in {tmp_path / folder}")
        assert why in result.output and ".html" in result.output and "Traceback" not in result.output
        assert out.read_text() == "an earlier run's rows\n", "the output is not touched"


def test_report_of_an_audit_csv_says_it_needs_the_jsonl(tmp_path):
    rows, html = tmp_path / "r.csv", tmp_path / "review.html"
    assert invoke("audit", CREDIBLE_SEED, "--out", rows, "--format", "csv", "-q").exit_code == 0
    result = invoke("report", rows, "-o", html)
    assert result.exit_code == 2
    assert "r.csv is an audit's CSV" in result.output and "needs the JSONL" in result.output
    assert "0 pages" not in result.output and not html.exists()
    other = tmp_path / "notes.txt"
    other.write_text("just some notes\nand more\n")
    result = invoke("report", other, "-o", html)
    assert result.exit_code == 2 and "no line of" in result.output and "JSONL" in result.output


def test_review_report_counts_an_error_page_as_not_scored(tmp_path):
    out, html = tmp_path / "r.jsonl", tmp_path / "review.html"
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    result = invoke("audit", CREDIBLE_SEED, empty, "--out", out, "--report", html, "-q")
    assert result.exit_code == 0, result.output
    text = html.read_text(encoding="utf-8")
    assert 'data-count="verdict-suspicious">0<' in text and 'data-count="errors">1<' in text
    rebuilt = invoke("report", out, "-o", html)
    assert rebuilt.exit_code == 0 and "review report of 2 pages, 1 not scored" in rebuilt.output


@pytest.mark.parametrize("command", [[], ["score"], ["audit"], ["report"]])
def test_help_documents_the_exit_codes(command):
    result = invoke(*command, "--help")
    assert result.exit_code == 0
    assert "Exit codes:" in result.output and "--fail-on matched" in result.output
    assert "unreadable input" in result.output
