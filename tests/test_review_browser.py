"""The review report in a real headless Chromium (file://): counts, filters, decisions, export, and XSS.

Needs Debian's ``chromium`` at /usr/bin/chromium and the Python ``playwright`` package; the module is
skipped (with the reason shown) without them. Never runs ``playwright install``.
"""

import hashlib
import json
import os
import re
from datetime import datetime
from pathlib import Path

import pytest

from detector.report.review import build_review
from detector.training.corpus import apply_feedback, read_decisions

from .conftest import ROOT
from .test_review import PAYLOADS, doubt_report, hostile_report, read_rows, seed_results_file

CHROMIUM = Path("/usr/bin/chromium")


def _unavailable(reason: str) -> None:
    """Skip this module, or fail it when CI requires the browser (``DETECTOR_REQUIRE_BROWSER=1``)."""
    if os.environ.get("DETECTOR_REQUIRE_BROWSER") == "1":
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason, allow_module_level=True)


if not CHROMIUM.exists():
    _unavailable(f"browser tests need Chromium at {CHROMIUM} (apt-get install chromium)")
try:
    from playwright import sync_api
except ImportError:
    _unavailable("browser tests need the Python playwright package (pip install -e '.[test]')")
expect = sync_api.expect

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
EXPORT_KEYS = [
    "source",
    "index",
    "text_sha256",
    "text",
    "label",
    "original_label",
    "model_version",
    "decided_at",
]


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh browser profile (so its own localStorage) per test; fails the test on any page error."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(30_000)  # the seed audit's report is large: loading it on a busy machine
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.on("console", lambda msg: msg.type == "error" and page.errors.append(msg.text))
    yield page
    context.close()
    assert page.errors == [], "the report logged errors (a CSP violation means something tried to run)"


@pytest.fixture(scope="module")
def seed_report(detector, tmp_path_factory) -> tuple[list[dict], Path]:
    # the captures and the first ten batches (118 pages): a report of every batch is the size the review
    # report cannot yet handle in a browser (lazy review controls are the work of a later issue)
    results = seed_results_file(detector, tmp_path_factory, batches="a b c d e f g h i j")
    return read_rows(results), build_review(
        results, tmp_path_factory.mktemp("review-browser") / "review.html"
    ).out


def shown(page) -> int:
    return page.locator("#pages > details.page:not([hidden])").count()


def expect_shown(page, n: int, total: int) -> None:
    expect(page.locator("#shown-count")).to_have_text(f"{n} of {total} pages shown")
    assert shown(page) == n


def test_counts_shown_equal_the_jsonl(page, seed_report):
    rows, html = seed_report
    page.goto(html.as_uri())

    def count(key):
        return page.locator(f'[data-count="{key}"]').first.text_content().strip()

    assert count("pages") == str(len(rows))
    for verdict in ("spam", "suspicious", "credible"):
        assert count(f"verdict-{verdict}") == str(sum(r["verdict"] == verdict for r in rows))
    assert count("label-promotional") == str(sum(r["counts"]["promotional"] for r in rows))
    assert count("errors") == str(sum(bool(r["error"]) for r in rows))
    assert count("decisions") == "0"
    expect_shown(page, len(rows), len(rows))
    assert page.locator("svg.chart").count() == 2 and page.locator("svg.chart > title").first.text_content()


def test_filters_verdict_label_slider_and_search(page, seed_report):
    rows, html = seed_report
    total = len(rows)
    page.goto(html.as_uri())
    page.select_option("#f-verdict", "spam")
    expect_shown(page, sum(r["verdict"] == "spam" for r in rows), total)
    page.select_option("#f-verdict", "error")
    expect_shown(page, 0, total)
    expect(page.locator("#no-match")).to_be_visible()
    page.select_option("#f-verdict", "")
    page.select_option("#f-label", "promotional")
    expect_shown(page, sum(r["counts"]["promotional"] > 0 for r in rows), total)
    page.select_option("#f-label", "")
    page.locator("#f-cred").fill("0.5")
    expect(page.locator("#f-cred-value")).to_have_text("0.50")
    # a page not scored or not assessed (another language) has no credibility: below no threshold
    expect_shown(page, sum(r["credibility"] is not None and r["credibility"] <= 0.5 for r in rows), total)
    page.locator("#f-cred").fill("1")
    page.fill("#f-search", "HARBOR")
    haystacks = [
        "\n".join([r["source"], r["title"] or ""] + [p["text"] for p in r["paragraphs"]]).lower()
        for r in rows
    ]
    expected = sum("harbor" in h for h in haystacks)
    assert 0 < expected < total
    expect_shown(page, expected, total)


def test_decisions_persist_and_export_exactly(page, seed_report):
    rows, html = seed_report
    page.goto(html.as_uri())
    first = page.locator("#pages > details.page").first
    # "Mark credible" is offered on paragraphs not labelled credible (a credible one in doubt is confirmed)
    paras = first.locator("li.para.flagged:not([data-label=credible])")
    line = int(first.get_attribute("data-line"))
    row = rows[line - 1]
    chosen = [row["paragraphs"][int(paras.nth(i).get_attribute("data-index"))] for i in range(3)]
    relabel = "off_topic" if chosen[0]["label"] != "off_topic" else "promotional"
    paras.nth(0).locator("select[data-action=relabel]").select_option(relabel)
    paras.nth(1).locator("button[data-action=confirm]").click()
    paras.nth(2).locator("button[data-action=credible]").click()
    expect(page.locator("#decision-count")).to_have_text("3")
    expect(paras.nth(0).locator(".decision-status")).to_contain_text("Relabelled")
    expect(paras.nth(1).locator(".decision-status")).to_contain_text("Confirmed")

    page.reload()
    expect(page.locator("#decision-count")).to_have_text("3")
    expect(paras.nth(0)).to_have_class(re.compile(r"\bdecided\b"))
    expect(paras.nth(0).locator("select[data-action=relabel]")).to_have_value(relabel)

    with page.expect_download() as info:
        page.click("#export-decisions")
    download = info.value
    assert download.suggested_filename == "decisions.jsonl"
    exported = [json.loads(line) for line in Path(download.path()).read_text(encoding="utf-8").splitlines()]
    assert [list(r) for r in exported] == [EXPORT_KEYS] * 3
    labels = [relabel, chosen[1]["label"], "credible"]
    for got, para, label in zip(exported, chosen, labels):
        assert got["source"] == row["source"] and got["index"] == para["index"]
        assert got["text"] == para["text"]
        assert got["text_sha256"] == hashlib.sha256(para["text"].encode("utf-8")).hexdigest()
        assert (got["label"], got["original_label"]) == (label, para["label"])
        assert got["model_version"] == row["model"]["version"]
        assert datetime.fromisoformat(got["decided_at"]).tzinfo is not None
    # the export is what train.py --feedback reads: each decision lands on its paragraph of its page
    corpus = []
    stats = apply_feedback(corpus, read_decisions(Path(download.path())), base=ROOT)
    assert (stats.decisions, stats.in_page, stats.standalone) == (3, 3, 0)
    assert sorted(corpus[0].labels.values()) == sorted((label, True) for label in labels)

    page.fill("#f-search", row["source"])
    expect_shown(page, 1, len(rows))
    artifacts = Path(os.environ.get("DETECTOR_TEST_ARTIFACTS", ROOT / ".ci" / "artifacts"))
    artifacts.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=artifacts / "review-report.png", full_page=True)

    page.click("#clear-decisions")
    expect(page.locator("#clear-decisions")).to_contain_text("Click again")
    page.click("#clear-decisions")
    expect(page.locator("#decision-count")).to_have_text("0")
    page.reload()
    expect(page.locator("#decision-count")).to_have_text("0")
    expect(paras.nth(0).locator(".decision-status")).to_have_text("")


def test_a_section_is_decided_as_a_whole(page, seed_report):
    _, html = seed_report
    page.goto(html.as_uri())
    expect(page.locator("body[data-ready]")).to_have_count(1)
    # the page of the first section with several flagged paragraphs (its body may still be its JSON string)
    line = page.evaluate(
        """() => Array.from(document.querySelectorAll("#pages > details.page")).find((p) => {
            const data = p.querySelector("script.page-content");
            return data ? JSON.parse(data.textContent).includes("section-decision-slot")
                        : p.querySelector(".section-decision-slot");
        }).dataset.line"""
    )
    details = page.locator(f"#page-{line}")
    details.scroll_into_view_if_needed()
    if details.get_attribute("open") is None:  # spam pages open by themselves
        details.locator("summary").click()
    first = details.locator("li.section:has(.section-decision-slot)").first
    flagged = first.locator("li.para.flagged")
    n = flagged.count()
    assert n > 1
    first.locator("button[data-section-action=confirm]").click()
    expect(page.locator("#decision-count")).to_have_text(str(n))
    for i in range(n):
        expect(flagged.nth(i).locator(".decision-status")).to_contain_text("Confirmed")
    first.locator("select[data-section-action=relabel]").select_option("off_topic")
    expect(page.locator("#decision-count")).to_have_text(str(n))
    for i in range(n):
        expect(flagged.nth(i).locator("select[data-action=relabel]")).to_have_value("off_topic")
    first.locator("button[data-section-action=undo]").click()
    expect(page.locator("#decision-count")).to_have_text("0")


def test_a_decision_on_a_repeated_template_applies_to_its_sections_on_every_page(
    page, detector, tmp_path_factory, tmp_path
):
    results = seed_results_file(detector, tmp_path_factory, batches="a b c d e f g h i j")
    bios = [
        (row["source"], section["index"])
        for row in read_rows(results)
        for section in row["sections"]
        if section["label"] == "fabricated_author_bio"
    ]
    (page_a, section_a), (page_b, section_b) = bios[0], next(b for b in bios if b[0] != bios[0][0])
    templates = {page_a: {section_a: (1, 2, 2)}, page_b: {section_b: (1, 2, 2)}}
    html = build_review(results, tmp_path / "review.html", templates=templates).out
    page.goto(html.as_uri())
    expect(page.locator("body[data-ready]")).to_have_count(1)
    line = page.evaluate(
        "(source) => Array.from(document.querySelectorAll('#pages > details.page'))"
        ".find((p) => p.dataset.source === source).dataset.line",
        page_a,
    )
    details = page.locator(f"#page-{line}")
    details.scroll_into_view_if_needed()
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    section = details.locator("li.section[data-template='1']")
    section.locator("button[data-template-action=confirm]").click()
    # the other page's section was built and decided too, though nobody opened that page
    members = page.locator("li.section[data-template='1']")
    expect(members).to_have_count(2)
    flagged = page.locator("li.section[data-template='1'] li.para.flagged")
    n = flagged.count()
    assert n > details.locator("li.section[data-template='1'] li.para.flagged").count()
    expect(page.locator("#decision-count")).to_have_text(str(n))
    for i in range(n):
        expect(flagged.nth(i).locator(".decision-status")).to_contain_text("Confirmed")
    section.locator("select[data-template-action=relabel]").select_option("promotional")
    expect(page.locator("#decision-count")).to_have_text(str(n))
    for i in range(n):
        expect(flagged.nth(i).locator("select[data-action=relabel]")).to_have_value("promotional")
    section.locator("button[data-template-action=undo]").click()
    expect(page.locator("#decision-count")).to_have_text("0")


def test_review_controls_and_mark_credible_only_where_they_mean_something(page, detector, tmp_path):
    results = tmp_path / "results.jsonl"
    results.write_text(doubt_report(detector.info).model_dump_json() + "\n", encoding="utf-8")
    page.goto(build_review(results, tmp_path / "review.html").out.as_uri())  # suspicious: opens by itself
    paras = page.locator("li.para")
    expect(paras).to_have_count(4)
    plain, doubtful, promotional, boilerplate = (paras.nth(i) for i in range(4))
    for para in (plain, boilerplate):
        expect(para.locator(".decision")).to_have_count(0)
    expect(doubtful.locator("button[data-action=confirm]")).to_have_text("Confirm: Credible")
    expect(doubtful.locator("button[data-action=credible]")).to_have_count(0)
    expect(doubtful.locator("select[data-action=relabel] option[value=off_topic]")).to_have_count(1)
    expect(promotional.locator("button[data-action=credible]")).to_have_count(1)
    # the other evidence is closed until asked for
    other = plain.locator("details.other-evidence")
    expect(other.locator("li.flag").first).to_be_hidden()
    other.locator("summary").click()
    expect(other.locator("li.flag").first).to_be_visible()
    expect(other.locator("li.flag")).to_have_count(2)
    expect(other.locator("li.flag").first).to_contain_text("OFFTOPIC_SUBJECT_DRIFT")
    expect(other.locator("li.flag .chip.label-off_topic")).to_have_text("Off-topic")
    expect(other.locator("li.flag .flag-stance").first).to_have_text("for")
    doubtful.locator("select[data-action=relabel]").select_option("off_topic")
    expect(page.locator("#decision-count")).to_have_text("1")


def test_hostile_page_cannot_run_script(page, detector, tmp_path):
    hostile = tmp_path / "\"'><svg onload=window.__pwned=4><script>window.__pwned=3.html"
    hostile.write_text(
        '<html><head><title><script>window.__pwned=5</script> Kettle descaling <img src=x onerror="window.__pwned=6">'
        "</title></head><body><article>"
        "<p>Payload one: &lt;script&gt;window.__pwned=1&lt;/script&gt; in plain sight.</p>"
        '<p>Payload two: <img src=x onerror="window.__pwned=2"> raw markup, and a '
        '<a href="javascript:window.__pwned=7">link</a> plus javascript:window.__pwned=8 as text.</p>'
        "<p>Payload three: &quot;&#39;&gt;&lt;svg onload=window.__pwned=9&gt; buy now with coupon code SAVE50!</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    audited = detector.score(hostile.read_bytes(), source=str(hostile))
    forged = hostile_report(audited.model)
    results = tmp_path / "results.jsonl"
    results.write_text(audited.model_dump_json() + "\n" + forged.model_dump_json() + "\n", encoding="utf-8")
    out = build_review(results, tmp_path / "review.html").out

    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(out.as_uri())
    expect_shown(page, 2, 2)  # the report's own script ran
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert dialogs == []
    assert page.title() == "Detector review report"
    text = page.locator("#pages").text_content()
    assert "<script>window.__pwned=1</script>" in text and "<script>alert(1)</script>" in text
    assert str(hostile) in text, "the hostile file name is shown as text"
    assert (
        audited.title
        == '<script>window.__pwned=5</script> Kettle descaling <img src=x onerror="window.__pwned=6">'
    )
    expect(page.locator(".page-title").filter(has_text="Kettle descaling")).to_have_text(audited.title)

    # A decision on hostile text exports that text exactly.
    para = page.locator("#p-2-0")  # line 2 of the results: the forged report
    # its other evidence is rendered by the script when opened: as text
    para.locator("details.other-evidence summary").click()
    other = para.locator("details.other-evidence li.flag")
    expect(other).to_have_count(1)
    expect(other.locator(".flag-reason")).to_have_text(" ".join(PAYLOADS))
    expect(other.locator(".flag-stance")).to_have_text("against")
    assert other.locator("img, svg, script").count() == 0
    para.locator("select[data-action=relabel]").select_option("scraped_faq")
    with page.expect_download() as info:
        page.click("#export-decisions")
    (got,) = [json.loads(line) for line in Path(info.value.path()).read_text(encoding="utf-8").splitlines()]
    assert got["text"] == forged.paragraphs[0].text and got["source"] == forged.source
    assert got["text_sha256"] == hashlib.sha256(got["text"].encode("utf-8")).hexdigest()
    assert got["model_version"] == forged.model.version and got["label"] == "scraped_faq"
    assert page.evaluate("typeof window.__pwned") == "undefined" and dialogs == []


def test_a_thousand_page_report_is_interactive_and_lazy(page, tmp_path):
    """The figure to meet (2 s) is the benchmark's (python -m detector.benchmarks.review_report); this bound
    only catches a report that stopped being lazy."""
    from detector.benchmarks.review_report import write_results

    results = tmp_path / "results.jsonl"
    write_results(results, pages=1000, paragraphs=30)
    out = build_review(results, tmp_path / "review.html")
    assert out.shown == 1000
    page.goto(out.out.as_uri())
    page.wait_for_function("() => document.body.dataset.ready", timeout=10_000)
    assert float(page.evaluate("document.body.dataset.ready")) < 10_000
    # no review control is in the HTML, and few are built: only those of the first pages on screen
    assert page.locator("select[data-action=relabel]").count() < 300
    assert page.locator("script.page-content").count() > 900  # bodies not yet built: still JSON strings
    expect_shown(page, 1000, 1000)
    first = page.locator("#pages > details.page").first
    expect(first).to_have_attribute("open", "")  # the most suspicious page opens by itself, built
    expect(first.locator("li.para.flagged .decision").first).to_be_visible()
    # a credible page is closed, its paragraphs not in the DOM until it is expanded
    credible = page.locator("#pages > details.page[data-verdict=credible]").first
    expect(credible).not_to_have_attribute("open", "")
    assert credible.locator("li.para").count() == 0
    credible.locator("summary").click()
    expect(credible.locator("li.para").first).to_be_visible()
    flagged = credible.locator("li.para.flagged")
    if flagged.count():
        expect(flagged.first.locator("button[data-action=confirm]")).to_be_visible()
        flagged.first.locator("button[data-action=confirm]").click()
        expect(page.locator("#decision-count")).to_have_text("1")
