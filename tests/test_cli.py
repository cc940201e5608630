"""The CLI: score in the terminal (safely) or as JSON; audit's summary and linter-style exit codes."""

import json
import re

from click.testing import CliRunner

from detector.cli import main

from .conftest import SEEDS

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


def test_score_never_passes_page_control_characters_to_the_terminal(tmp_path):
    page = tmp_path / "hostile.txt"
    page.write_text("Breaking \x1b]0;pwned\x07 news \x1b[2J\x1b[31mred\x1b[0m and \u202eevil\u202c text, "
                    "the council said on Tuesday.\nA second line \x08\x08\x08 with backspaces.\n", encoding="utf-8")
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
    csv_report = invoke("audit", CREDIBLE_SEED, "--out", tmp_path / "r.csv", "--format", "csv",
                        "--report", tmp_path / "r.html")
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
        main, ["audit", str(tmp_path / "pages"), "--out", str(out), "--color", "never"])
    assert result.exit_code == 0, result.output
    lines = out.read_text().splitlines()
    assert len(lines) == 5
    table = {m.group(1).strip(): m.group(2) for m in re.finditer(r"│ ([^│]+?)\s*│\s*(\S[^│]*?)\s*│", result.output)}
    assert table["pages"] == "5" and table["scored"] == "5" and table["skipped: not a page (.md)"] == "1"
    assert int(table["spam"]) == sum(json.loads(line)["verdict"] == "spam" for line in lines) >= 1
    assert "Most suspicious pages" in result.output and "003_aafa888a740008f5.txt" in result.output


def test_audit_builds_the_review_report_and_report_rebuilds_it(tmp_path):
    out, html = tmp_path / "r.jsonl", tmp_path / "review.html"
    result = invoke("audit", CREDIBLE_SEED, SPAM_SEED, "--out", out, "--report", html, "--quiet")
    assert result.exit_code == 0, result.output
    first = html.read_text(encoding="utf-8")
    assert 'data-count="pages">2<' in first and "003_aafa888a740008f5.txt" in first
    capped = tmp_path / "capped.html"
    result = invoke("report", out, "-o", capped, "--max-pages", "1")
    assert result.exit_code == 0 and "review report of 2 pages (1 most suspicious shown in full)" in result.output
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
    assert invoke("audit", CREDIBLE_SEED, "--out", out, "--model", model, "--trust-model", "-q").exit_code == 0
    assert json.loads(out.read_text().splitlines()[0])["model"]["official"] is False
    rows = tmp_path / "r.csv"
    assert invoke("audit", CREDIBLE_SEED, "--out", rows, "--format", "csv", "--model", model, "--trust-model",
                  "-q").exit_code == 0
    assert "0.8.0+mine (unofficial model)" in rows.read_text()
