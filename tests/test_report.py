"""The page report and its published JSON Schema; bad input yields a report, never an exception."""

import json

import jsonschema
import pytest

from detector import LABELS
from detector.report.schema import published_schema, report_schema
from detector.scoring import ScoreOptions

from .conftest import SEEDS


def test_published_schema_is_current():
    assert published_schema() == json.loads(json.dumps(report_schema(), sort_keys=True))


@pytest.mark.parametrize("seed", sorted(p.name for p in SEEDS.glob("0*.txt")))
def test_seed_reports_validate(detector, seed):
    report = json.loads(detector.score((SEEDS / seed).read_bytes(), source=seed).model_dump_json())
    jsonschema.validate(report, published_schema())
    assert set(report["counts"]) == set(LABELS)
    assert sum(report["counts"].values()) == len(report["paragraphs"])
    assert [p["index"] for p in report["paragraphs"]] == list(range(len(report["paragraphs"])))
    assert report["model"]["sha256"]


def test_paragraph_text_is_the_visible_text(detector):
    text = (SEEDS / "000_18f39fee607d5459.txt").read_text(encoding="utf-8")
    report = detector.score(text, source="000")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert [p.text for p in report.paragraphs] == lines


@pytest.mark.parametrize(
    "data,error_type",
    [
        (b"", "EmptyInputError"),
        ("   ", "EmptyInputError"),
        (b"\x00\x01\x02\x03" * 200, "BinaryInputError"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "BinaryInputError"),
        (b"<html><body><script>alert(1)</script><style>p{}</style></body></html>", "EmptyInputError"),
        (b"<html><head><title></title></head><body></bo", "EmptyInputError"),
    ],
)
def test_bad_input_gives_an_error_report(detector, data, error_type):
    report = detector.score(data, source="bad")
    assert report.error is not None and report.error.type == error_type and report.error.message
    assert report.paragraphs == [] and not report.scored
    # not scored: no verdict and no credibility (never "suspicious, 0.00"), and the schema says so
    data = json.loads(report.model_dump_json())
    assert data["verdict"] is None and data["credibility"] is None
    jsonschema.validate(data, published_schema())


def test_the_schema_allows_null_verdict_and_credibility_and_nothing_else(detector):
    report = json.loads(detector.score(b"", source="empty").model_dump_json())
    for field, bad in (("verdict", "not scored"), ("credibility", -1), ("credibility", "0.0")):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate({**report, field: bad}, published_schema())
    scored = json.loads(detector.score(b"The council approved the budget.", source="ok").model_dump_json())
    assert scored["verdict"] in ("credible", "suspicious", "spam") and 0 <= scored["credibility"] <= 1
    assert detector.score(b"The council approved the budget.", source="ok").scored


def test_an_unknown_content_type_is_the_callers_error_not_the_pages(detector):
    with pytest.raises(
        ValueError, match="content_type must be one of 'auto', 'html', 'text', not 'text/plain'"
    ):
        detector.score("A plain line of text.", source="t", content_type="text/plain")
    with pytest.raises(ValueError, match="content_type"):
        ScoreOptions(content_type="pdf")
    with pytest.raises(ValueError, match="max_bytes"):
        ScoreOptions(max_bytes=0)
    assert detector.score("A plain line of text.", source="t", content_type="text").error is None


def test_malformed_html_is_repaired_not_rejected(detector):
    report = detector.score(
        b"<html><body><p>Unclosed paragraph <b>bold <i>both</p><div><p>Second one", source="m"
    )
    assert report.error is None
    assert [p.text for p in report.paragraphs] == ["Unclosed paragraph bold both", "Second one"]


def test_hostile_text_is_kept_verbatim_as_data(detector):
    payload = '<p>&lt;script&gt;alert(1)&lt;/script&gt; <a href="javascript:alert(2)">x</a> \x1b[31mred</p>'
    report = detector.score(f"<html><body>{payload}</body></html>", source="h")
    assert "<script>alert(1)</script>" in report.paragraphs[0].text
    assert json.loads(report.model_dump_json())["paragraphs"][0]["text"] == report.paragraphs[0].text
