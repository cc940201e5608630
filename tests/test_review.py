"""The HTML review report, read back without a browser: counts, order, unreadable lines, CSP, escaping."""

import base64
import hashlib
import json
import re
import weakref
from collections import Counter
from pathlib import Path

import lxml.html
import pytest

from detector import LABELS
from detector.report import review
from detector.report.review import ReviewStats, build_review
from detector.report.schema import Discount, ErrorInfo, Flag, ModelInfo, PageReport, Paragraph, Section

from .conftest import SEEDS

_CACHE: dict = {}
_RANK = {"spam": 0, "suspicious": 1, "credible": 2}
PAYLOADS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "\"'><svg onload=alert(1)>",
)


def seed_pages(batches: str | None = None) -> list[Path]:
    """Every seed page (the five captures and the written batches; a batch's ``_src`` folder holds its
    annotated sources, not pages), or only those of the batches whose folder names ``batches`` lists."""
    return sorted(SEEDS.glob("*.txt")) + sorted(
        p
        for p in (SEEDS / "pages").rglob("*")
        if p.suffix in (".html", ".txt")
        and "_src" not in p.parts
        and (batches is None or p.relative_to(SEEDS / "pages").parts[0] in batches.split())
    )


def seed_results_file(detector, tmp_path_factory, batches: str | None = None) -> Path:
    """The seeds' results JSONL (of ``batches`` only, if given), scored once per test session (shared with
    the browser tests)."""
    if batches not in _CACHE:
        path = tmp_path_factory.mktemp("seed-results") / "results.jsonl"
        with open(path, "w", encoding="utf-8") as fh:
            fh.writelines(
                detector.score(
                    page.read_bytes(), source=str(page.relative_to(SEEDS.parent))
                ).model_dump_json()
                + "\n"
                for page in seed_pages(batches)
            )
        _CACHE[batches] = path
    return _CACHE[batches]


def read_rows(results: Path) -> list[dict]:
    return [json.loads(line) for line in results.read_text(encoding="utf-8").splitlines() if line.strip()]


def hostile_report(model) -> PageReport:
    """A report with a payload in every string a page controls."""
    bad = " ".join(PAYLOADS)
    flag = Flag(category="promotional", rule=bad, score=0.5, reason=bad, evidence=bad)
    paragraphs = [
        Paragraph(
            index=i,
            text=f"{bad} #{i}",
            kind=bad,
            in_main_text=bool(i),
            credibility=0.2,
            label=label,
            flags=[flag],
            other_evidence=[flag.model_copy(update={"category": "off_topic", "score": -0.5})],
        )
        for i, label in enumerate(("promotional", "credible"))
    ]
    counts = dict.fromkeys(LABELS, 0) | {"promotional": 1, "credible": 1}
    discount = Discount(
        reason=bad, cues_per_sentence=1.5, share=0.5, paragraphs_credibility=0.4, evidence=[bad, bad]
    )
    return PageReport(
        source=bad,
        sha256=None,
        title=bad,
        credibility=0.2,
        verdict="spam",
        counts=counts,
        discount=discount,
        paragraphs=paragraphs,
        model=model.model_copy(update={"version": bad}),
        error=ErrorInfo(type=bad, message=bad),
    )


def doubt_report(model) -> PageReport:
    """A page with a plainly credible paragraph (an off-topic rule fired on it: other evidence), a credible
    paragraph in doubt (credibility 0.31: flags for off-topic), a promotional one and a boilerplate one."""
    drift = Flag(
        category="off_topic",
        rule="OFFTOPIC_SUBJECT_DRIFT",
        score=1.1,
        reason="Shares almost no vocabulary with the page.",
        evidence="similarity 0.02",
    )
    source = Flag(
        category="credible", rule="CRED_NAMED_SOURCE", score=1.07, reason="Names its source.", evidence="said"
    )
    against = Flag(
        category="promotional", rule="PROMO_HYPE", score=-0.6, reason="Hype words.", evidence="best ever"
    )
    paragraphs = [
        Paragraph(
            index=0,
            text="The harbour council approved the ferry budget on Tuesday, the mayor said.",
            kind="paragraph",
            in_main_text=True,
            credibility=0.97,
            label="credible",
            flags=[],
            other_evidence=[drift, source],
        ),
        Paragraph(
            index=1,
            text="Ten celebrity diets that doctors will not tell you about.",
            kind="paragraph",
            in_main_text=True,
            credibility=0.31,
            label="credible",
            flags=[
                Flag(
                    category="off_topic",
                    rule=None,
                    score=0.52,
                    reason="The classifier rates this paragraph 69% likely to be spam of some kind, most "
                    "likely off-topic filler (52%); no spam label reached its threshold, so it is labelled "
                    "credible, in doubt.",
                    evidence="novel names",
                ),
                drift,
            ],
            other_evidence=[against],
        ),
        Paragraph(
            index=2,
            text="Use code SAVE20 for twenty percent off every ferry ticket!",
            kind="paragraph",
            in_main_text=True,
            credibility=0.08,
            label="promotional",
            flags=[
                Flag(
                    category="promotional", rule="PROMO_OFFER", score=1.8, reason="An offer.", evidence="code"
                )
            ],
        ),
        Paragraph(
            index=3,
            text="Copyright 2024 The Harbour Gazette.",
            kind="paragraph",
            in_main_text=False,
            credibility=0.99,
            label="boilerplate",
            flags=[],
        ),
    ]
    return PageReport(
        source="harbour.html",
        sha256=None,
        title="Harbour council approves ferry budget",
        credibility=0.71,
        verdict="suspicious",
        counts=dict.fromkeys(LABELS, 0) | {"credible": 2, "promotional": 1, "boilerplate": 1},
        paragraphs=paragraphs,
        sections=[
            Section(
                index=0, kind="article", label="credible", credibility=0.8, paragraphs=[0, 1], reasons=[]
            ),
            Section(index=1, kind="promo", label="promotional", credibility=0.08, paragraphs=[2], reasons=[]),
            Section(
                index=2, kind="footer", label="boilerplate", credibility=None, paragraphs=[3], reasons=[]
            ),
        ],
        model=model,
    )


@pytest.fixture(scope="module")
def seed_results(detector, tmp_path_factory) -> Path:
    return seed_results_file(detector, tmp_path_factory)


@pytest.fixture(scope="module")
def seed_review(seed_results, tmp_path_factory) -> tuple[ReviewStats, str]:
    stats = build_review(seed_results, tmp_path_factory.mktemp("review") / "review.html")
    return stats, inlined(stats.out.read_text(encoding="utf-8"))


_BODY = re.compile(r'<script type="application/json" class="page-content">(.*?)</script>', re.S)


def inlined(html: str) -> str:
    """The report with each page's body in place, as the browser shows it once the page is built (the
    file keeps a body as a JSON string of its HTML, which the script parses when it is needed)."""
    return _BODY.sub(lambda m: '<div class="page-content">' + json.loads(m.group(1)) + "</div>", html)


def by_class(el, cls: str, tag: str = "*") -> list:
    """Descendants of ``el`` with the class ``cls`` (lxml without cssselect)."""
    return el.xpath(f".//{tag}[contains(concat(' ', normalize-space(@class), ' '), ' {cls} ')]")


def other_flags(details) -> list[list]:
    """The flags of an "Other evidence" disclosure, from its JSON data block."""
    (block,) = details.xpath("./script[@type='application/json']")
    return json.loads(block.text)


def counts_in(html: str) -> dict[str, str]:
    doc = lxml.html.document_fromstring(html)
    return {el.get("data-count"): el.text_content().strip() for el in doc.iter() if el.get("data-count")}


def test_summary_counts_equal_the_jsonl(seed_results, seed_review):
    stats, html = seed_review
    rows = read_rows(seed_results)
    verdicts = Counter(r["verdict"] for r in rows)
    labels = Counter()
    for r in rows:
        labels.update(r["counts"])
    judged = [r for r in rows if not r["error"] and not r.get("not_assessed")]
    bins = Counter(min(int(r["credibility"] * 10 + 1e-9), 9) for r in judged)
    by_verdict = Counter((min(int(r["credibility"] * 10 + 1e-9), 9), r["verdict"]) for r in judged)
    shown = counts_in(html)
    assert shown["pages"] == str(len(rows)) == str(stats.pages) == str(len(seed_pages()))
    for verdict in ("spam", "suspicious", "credible"):
        assert shown[f"verdict-{verdict}"] == str(verdicts[verdict]) == str(stats.verdicts[verdict])
    for label in LABELS:
        assert shown[f"label-{label}"] == str(labels[label]) == str(stats.labels[label])
    assert shown["paragraphs"] == str(sum(len(r["paragraphs"]) for r in rows))
    assert shown["errors"] == str(sum(1 for r in rows if r["error"]))
    # the seed pages in Russian and Spanish are not assessed: counted apart, neither errors nor verdicts
    not_assessed = sum(1 for r in rows if r.get("not_assessed"))
    assert not_assessed >= 2 and shown["not-assessed"] == str(not_assessed)
    assert [shown[f"bin-{i}"] for i in range(10)] == [str(bins[i]) for i in range(10)]
    # each bar is stacked by verdict: one part per verdict present in the bin, with its count
    parts = {
        el.get("data-count"): int(el.get("data-value"))
        for el in lxml.html.document_fromstring(html).iter("rect")
        if (el.get("data-count") or "").startswith("bin-")
    }
    assert parts == {f"bin-{b}-{v}": n for (b, v), n in by_verdict.items()}
    assert stats.unreadable_lines == 0 and "unreadable" not in shown
    model = by_class(lxml.html.document_fromstring(html), "model")[0].text_content()
    assert model == f"{rows[0]['model']['name']} {rows[0]['model']['version']}"


def test_pages_are_ordered_most_suspicious_first(seed_results, seed_review):
    _, html = seed_review
    rows = read_rows(seed_results)
    pages = by_class(lxml.html.document_fromstring(html), "page", "details")
    assert len(pages) == len(rows)
    shown = [rows[int(p.get("data-line")) - 1] for p in pages]
    # the pages not scored or not assessed come after the suspicious ones (review_rank), before the credible
    keys = [(1, 2.0) if r["verdict"] is None else (_RANK[r["verdict"]], r["credibility"]) for r in shown]
    assert keys == sorted(keys)
    assert {p.get("data-source") for p in pages} == {r["source"] for r in rows}
    for page, row in zip(pages, shown):
        assert (page.get("open") is None) == (row["verdict"] == "credible" and not row["error"])
        if row.get("not_assessed"):
            assert "not assessed (" in by_class(page, "badge")[0].text_content()
        assert len(by_class(page, "para", "li")) == len(row["paragraphs"])


def test_paragraphs_show_label_flags_and_decision_data(seed_results, seed_review):
    _, html = seed_review
    doc = lxml.html.document_fromstring(html)
    by_id = {el.get("id"): el for el in doc.iter("li") if el.get("id")}
    flagged = outside = 0
    for row_no, row in enumerate(read_rows(seed_results), start=1):
        for para in row["paragraphs"]:
            li = by_id[f"p-{row_no}-{para['index']}"]
            assert li.get("data-label") == para["label"] and f"label-{para['label']}" in li.get("class")
            assert by_class(li, "para-text")[0].text_content() == para["text"]
            head = by_class(li, "para-head")[0].text_content()
            assert f"credibility {para['credibility']:.2f}" in head and para["kind"] in head
            assert ("outside main text" in head) == (not para["in_main_text"])
            outside += not para["in_main_text"]
            flags = li.xpath("./ul[contains(@class, 'flags')]/li")
            assert len(flags) == len(para["flags"])
            for el, flag in zip(flags, para["flags"]):
                text = el.text_content()
                assert (
                    (flag["rule"] or "classifier") in text
                    and flag["reason"] in text
                    and flag["evidence"] in text
                )
                assert (f"{flag['score']:+.2f}" if flag["rule"] else f"{flag['score']:.2f}") in text
            # review controls for a spam label or a doubtful credibility only, whatever rules fired
            is_flagged = para["label"] not in ("credible", "boilerplate") or para["credibility"] < 0.5
            assert ("flagged" in li.get("class").split()) == is_flagged
            assert bool(para["flags"]) == is_flagged  # a plainly credible paragraph shows no flag
            others = li.xpath("./details[contains(@class, 'other-evidence')]")
            assert len(others) == bool(para["other_evidence"])
            if others:
                assert others[0].get("open") is None  # closed: shown on request, rendered from its JSON
                shown_flags = other_flags(others[0])
                assert [(f[0], f[4], f[5]) for f in shown_flags] == [
                    (f["category"], f["reason"], f["evidence"]) for f in para["other_evidence"]
                ]
            # the export takes the text from the paragraph's .para-text (the HTML holds it once)
            assert li.get("data-text") is None
            if is_flagged:
                flagged += 1
                assert li.get("data-text-sha256") == hashlib.sha256(para["text"].encode("utf-8")).hexdigest()
            else:
                assert li.get("data-text-sha256") is None
    assert flagged > 100 and outside > 10


def test_review_controls_only_where_the_label_is_spam_or_in_doubt(detector, tmp_path):
    results = tmp_path / "results.jsonl"
    results.write_text(doubt_report(detector.info).model_dump_json() + "\n", encoding="utf-8")
    html = inlined(build_review(results, tmp_path / "review.html").out.read_text(encoding="utf-8"))
    doc = lxml.html.document_fromstring(html)
    paras = {int(li.get("data-index")): li for li in by_class(doc, "para", "li")}
    flagged = {i for i, li in paras.items() if "flagged" in li.get("class").split()}
    assert flagged == {1, 2}  # not the credible paragraph at 0.97, nor the boilerplate one
    assert not by_class(paras[0], "decision-slot") and by_class(paras[1], "decision-slot")
    # the credible paragraph shows its own label's chip only: the off-topic rule is in the closed disclosure
    assert not paras[0].xpath("./ul[contains(@class, 'flags')]")
    chips = paras[0].xpath(
        ".//span[contains(@class, 'chip')][not(ancestor::details[@class='other-evidence'])]"
    )
    assert [el.text_content() for el in chips] == ["Credible"]
    (other,) = paras[0].xpath("./details[contains(@class, 'other-evidence')]")
    assert other.get("open") is None and "Other evidence (2)" in other.text_content()
    hidden = other_flags(other)  # the script renders them as text when it is opened
    assert [f[:4] for f in hidden] == [
        ["off_topic", "for", "OFFTOPIC_SUBJECT_DRIFT", "weight +1.10"],
        ["credible", "for", "CRED_NAMED_SOURCE", "weight +1.07"],
    ]
    # the doubtful one shows why it is in doubt, and the rule weighed against promotion as "against"
    assert [el.text_content() for el in paras[1].xpath("./ul[contains(@class, 'flags')]/li/span[1]")] == [
        "Off-topic",
        "Off-topic",
    ]
    assert [f[1] for f in other_flags(paras[1].xpath("./details")[0])] == ["against"]
    # "Mark credible" is offered by the script, which leaves it out for a credible paragraph
    js = (Path(review.__file__).parent / "templates" / "review.js").read_text(encoding="utf-8")
    assert (
        'if (para.dataset.label === "credible") box.querySelector("[data-action=credible]").remove();' in js
    )


def test_unreadable_lines_are_counted_and_listed(seed_results, tmp_path):
    good = seed_results.read_text(encoding="utf-8").splitlines(keepends=True)[:3]
    results = tmp_path / "results.jsonl"
    results.write_text(
        good[0] + "{not json\n" + good[1] + "\n" + '{"source": "x"}\n' + good[2] + good[0][:50],
        encoding="utf-8",
    )
    stats = build_review(results, tmp_path / "review.html")
    assert (stats.pages, stats.unreadable_lines) == (3, 3)
    doc = lxml.html.document_fromstring(inlined(stats.out.read_text(encoding="utf-8")))
    box = doc.xpath("//*[@data-count='unreadable']")[0]
    assert box.get("data-value") == "3" and "3 lines could not be read" in box.text_content()
    listed = {int(li.get("data-line")): li.text_content() for li in box.xpath(".//li[@data-line]")}
    assert sorted(listed) == [2, 5, 7]
    assert (
        "not valid JSON" in listed[2] and "not a page report: title" in listed[5] and "cut short" in listed[7]
    )
    assert len(by_class(doc, "page", "details")) == 3


def test_pages_are_read_and_written_one_at_a_time(seed_results, tmp_path, monkeypatch):
    """Memory is bounded by one page: each report is parsed when its turn comes and written straight away."""
    out, parsed, alive, written = tmp_path / "review.html", [], [], []
    part = tmp_path / "review.html.part"

    def spy(raw):
        report = parse(raw)
        alive.append(sum(ref() is not None for ref in parsed))
        parsed.append(weakref.ref(report))
        written.append(part.stat().st_size if part.exists() else 0)
        return report

    parse = review.parse_report
    monkeypatch.setattr(review, "parse_report", spy)
    stats = build_review(seed_results, out)
    assert len(parsed) == 2 * stats.pages and max(alive) <= 1
    assert written[stats.pages :] == sorted(written[stats.pages :])
    assert written[-1] > out.stat().st_size * 0.8 and not part.exists()


def test_empty_results_give_an_empty_report(tmp_path):
    (tmp_path / "r.jsonl").write_text("", encoding="utf-8")
    stats = build_review(tmp_path / "r.jsonl", tmp_path / "review.html")
    assert stats.pages == 0 and stats.unreadable_lines == 0
    assert counts_in(stats.out.read_text(encoding="utf-8"))["pages"] == "0"


def test_missing_results_file_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="results file not found"):
        build_review(tmp_path / "absent.jsonl", tmp_path / "review.html")
    assert not (tmp_path / "review.html").exists()


def test_csp_hashes_match_the_inline_script_and_style(seed_review):
    _, html = seed_review
    head = lxml.html.document_fromstring(html).find("head")
    meta = head[0]
    assert meta.tag == "meta" and meta.get("http-equiv") == "Content-Security-Policy"
    policy = dict(part.strip().split(" ", 1) for part in meta.get("content").split(";"))
    scripts = re.findall(r"<script>(.*?)</script>", html, flags=re.DOTALL)
    styles = re.findall(r"<style>(.*?)</style>", html, flags=re.DOTALL)
    assert len(scripts) == 1 and len(styles) == 1

    def digest(text):
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    assert policy == {
        "default-src": "'none'",
        "script-src": digest(scripts[0]),
        "style-src": digest(styles[0]),
        "img-src": "data:",
        "base-uri": "'none'",
        "form-action": "'none'",
    }
    assert not re.search(r"\sstyle=", html), "inline style attributes would be blocked by the CSP"
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", html), "the report must fetch nothing"


def assert_only_escaped(html: str) -> None:
    for raw in ("<script>alert", "<img src=x", "<svg onload", "onerror=alert(1)>"):
        assert raw not in html
    doc = lxml.html.document_fromstring(html)
    assert (
        len(doc.xpath("//script[not(@type='application/json')]")) == 1
        and not doc.findall(".//img")
        and len(doc.findall(".//svg")) == 2
    )
    for block in doc.xpath("//script[@type='application/json']"):  # data only, nothing that could end it
        assert not set("<>&\u2028\u2029") & set(block.text) and json.loads(block.text)
    for el in doc.iter():
        if not isinstance(el.tag, str):
            continue
        assert not [name for name in el.attrib if name.lower().startswith("on")], el.attrib
        for name in ("href", "src", "action", "formaction", "xlink:href"):
            assert "javascript:" not in (el.get(name) or "").lower()


def test_hostile_page_is_only_ever_escaped_text(detector, tmp_path):
    html_page = (
        "<html><head><title>" + " ".join(PAYLOADS) + "</title></head><body><article>"
        "<h1>Harmless heading about kettles</h1>"
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; and &lt;img src=x onerror=alert(1)&gt; are here.</p>"
        "<p>Click javascript:alert(1) or &quot;&#39;&gt;&lt;svg onload=alert(1)&gt; now for a discount!</p>"
        '<p>Raw markup <img src=x onerror="alert(1)"> <a href="javascript:alert(1)">link</a> too.</p>'
        "</article></body></html>"
    )
    audited = detector.score(html_page.encode(), source="pages/" + " ".join(PAYLOADS) + ".html")
    results = tmp_path / "results.jsonl"
    results.write_text(
        audited.model_dump_json() + "\n" + hostile_report(audited.model).model_dump_json() + "\n",
        encoding="utf-8",
    )
    stats = build_review(results, tmp_path / "review.html")
    assert stats.pages == 2
    html = inlined(stats.out.read_text(encoding="utf-8"))
    assert_only_escaped(html)
    text = lxml.html.document_fromstring(html).text_content()
    for payload in PAYLOADS:
        assert payload in text
    assert any("<script>alert(1)</script>" in p.text for p in audited.paragraphs)
    discounts = [
        p.text_content()
        for p in by_class(lxml.html.document_fromstring(html), "page-discount", "p")
        if "Credibility 0.40 → 0.20." in p.text_content()
    ]
    assert len(discounts) == 1 and discounts[0].count(PAYLOADS[0]) == 3  # the reason and both cues, as text


def test_reports_of_an_unofficial_model_are_marked_in_the_review(detector, tmp_path):
    official = detector.score(b"The council approved the budget on Tuesday, the mayor said.", source="a.txt")
    unofficial = official.model_copy(
        update={
            "source": "b.txt",
            "model": official.model.model_copy(update={"official": False, "version": "0.8.0+mine"}),
        }
    )
    results, out = tmp_path / "results.jsonl", tmp_path / "review.html"
    results.write_text(
        official.model_dump_json() + "\n" + unofficial.model_dump_json() + "\n", encoding="utf-8"
    )
    build_review(results, out)
    doc = lxml.html.document_fromstring(inlined(out.read_text(encoding="utf-8")))
    models = sorted(node.text_content() for node in by_class(doc, "model"))
    assert models == sorted([f"detector {official.model.version}", "detector 0.8.0+mine (unofficial model)"])
    facts = [node.text_content() for node in by_class(doc, "page-facts")]
    assert any("0.8.0+mine (unofficial model)" in text for text in facts)
    assert not any(f"{official.model.version} (unofficial" in text for text in facts)


def test_bidi_and_control_characters_in_names_and_titles_are_shown_isolated_and_escaped(detector, tmp_path):
    unsafe = ("\u202e", "\u2066", "\x85", "\x9b", "\x7f", "\x1b", "\u200b")
    source = "pages/\u202etxt.lmth.html"  # reads as pages/lmth.html.txt when shown raw
    title = "Best \u2066prices\u2069 \x9b\x85\x7f\x1b[31m today"
    report = detector.score(
        b"<title>x</title><p>The council approved the budget on Tuesday, the mayor said.</p>", source=source
    ).model_copy(update={"title": title})
    failed = detector.error_report("pages/caf\\xff\u202egnp.html", OSError("unreadable \u202e file"))
    results = tmp_path / "results.jsonl"
    results.write_text(report.model_dump_json() + "\n" + failed.model_dump_json() + "\n", encoding="utf-8")
    html = inlined(build_review(results, tmp_path / "review.html").out.read_text(encoding="utf-8"))
    doc = lxml.html.document_fromstring(html)
    shown = by_class(doc, "page-source") + by_class(doc, "page-title") + by_class(doc, "error-box")
    assert len(shown) == 5
    for el in shown:
        text = el.text_content()
        assert not any(ch in text for ch in unsafe), repr(text)
        assert el.xpath(".//bdi") or text == "(no title)", (
            "untrusted text is isolated from the text around it"
        )
    texts = " ".join(el.text_content() for el in shown)
    assert (
        "pages/\\u202etxt.lmth.html" in texts
        and "Best \\u2066prices\\u2069 \\x9b\\x85\\x7f\\x1b[31m today" in texts
    )
    assert "pages/caf\\xff\\u202egnp.html" in texts and "unreadable \\u202e file" in texts
    # the data the script exports keeps the exact source
    assert [page.get("data-source") for page in doc.xpath("//details[@data-source]")].count(source) == 1


def test_a_page_not_scored_is_shown_as_not_scored_and_counted_apart(detector, tmp_path):
    good = detector.score(
        b"<title>Budget</title><p>The council approved the budget on Tuesday, the mayor said.</p>",
        source="good",
    )
    failed = detector.error_report("pages/report.pdf", ValueError("the input is a binary file"))
    assert (failed.verdict, failed.credibility) == (None, None)
    # a row written before errors were null said suspicious and 0.0: not scored all the same
    legacy = failed.model_copy(
        update={"source": "pages/old.pdf", "verdict": "suspicious", "credibility": 0.0}
    )
    results = tmp_path / "results.jsonl"
    results.write_text("".join(r.model_dump_json() + "\n" for r in (good, failed, legacy)), encoding="utf-8")
    stats = build_review(results, tmp_path / "review.html")
    html = inlined(stats.out.read_text(encoding="utf-8"))
    assert stats.pages == 3 and stats.not_scored == 2 and stats.verdicts["suspicious"] == 0
    shown = counts_in(html)
    assert shown["errors"] == "2" and shown["verdict-suspicious"] == "0" and shown["verdict-spam"] == "0"
    assert shown[f"verdict-{good.verdict}"] == "1"
    assert sum(int(shown[f"bin-{i}"]) for i in range(10)) == 1, "the histogram counts the scored page only"
    doc = lxml.html.document_fromstring(html)
    pages = {p.get("data-source"): p for p in by_class(doc, "page", "details")}
    for source in ("pages/report.pdf", "pages/old.pdf"):
        page = pages[source]
        summary = page.xpath("./summary")[0].text_content()
        assert "not scored" in summary and "0.00" not in summary and "suspicious" not in summary
        assert page.get("data-verdict") == "not-scored" and page.get("data-credibility") == ""
        assert page.get("open") is not None and by_class(page, "error-box")
    # review order: the scored page is credible, so the pages not scored come first
    assert [p.get("data-source") for p in by_class(doc, "page", "details")][-1] == "good"


def synthetic_model() -> ModelInfo:
    return ModelInfo(name="detector", version="0.0.0-test", sha256="0" * 64, official=True)


def test_histogram_bars_are_stacked_by_verdict_in_the_badges_colours(tmp_path):
    """50 pages above 0.8 need not be 50 credible ones: each bar shows its pages' verdicts."""
    model = synthetic_model()

    def page(source, credibility, verdict):
        return doubt_report(model).model_copy(
            update={"source": source, "credibility": credibility, "verdict": verdict}
        )

    rows = [page("a", 0.85, "credible"), page("b", 0.86, "suspicious"), page("c", 0.87, "credible")]
    rows += [page("d", 0.15, "spam"), page("e", 0.55, "suspicious")]
    rows.append(page("f", None, None).model_copy(update={"error": ErrorInfo(type="X", message="y")}))
    results = tmp_path / "results.jsonl"
    results.write_text("".join(r.model_dump_json() + "\n" for r in rows), encoding="utf-8")
    html = inlined(build_review(results, tmp_path / "review.html").out.read_text(encoding="utf-8"))
    doc = lxml.html.document_fromstring(html)
    (chart,) = [svg for svg in doc.iter("svg") if "hist-title" in svg.get("aria-labelledby")]
    parts = [(r.get("data-count"), r.get("data-value"), r.get("class")) for r in chart.iter("rect")]
    assert parts == [
        ("bin-1-spam", "1", "verdict-spam"),
        ("bin-5-suspicious", "1", "verdict-suspicious"),
        ("bin-8-suspicious", "1", "verdict-suspicious"),  # stacked: suspicious below credible
        ("bin-8-credible", "2", "verdict-credible"),
    ]
    bar8 = [r for r in chart.iter("rect") if r.get("data-count", "").startswith("bin-8-")]
    assert float(bar8[1].get("y")) + float(bar8[1].get("height")) == pytest.approx(float(bar8[0].get("y")))
    assert float(bar8[1].get("height")) == pytest.approx(2 * float(bar8[0].get("height")), abs=0.2)
    assert "credibility 0.8–0.9: 3 pages (1 suspicious, 2 credible)" in chart.text_content()
    caption = chart.getparent().find("figcaption").text_content()
    assert "split by the pages' verdicts" in caption and "not counted" in caption  # the page not scored
    css = (Path(review.__file__).parent / "templates" / "review.css").read_text(encoding="utf-8")
    for verdict in ("spam", "suspicious", "credible"):
        assert f"svg.chart rect.verdict-{verdict}" in css and f".badge.verdict-{verdict}" in css


def test_page_bodies_and_review_controls_are_not_in_the_html(tmp_path):
    """Lazy rendering: no <select> or button per paragraph; each page's body waits in an inert template
    (the script builds it, and its controls, when the page is open and on screen)."""
    model = synthetic_model()
    credible = doubt_report(model).model_copy(
        update={"source": "c", "verdict": "credible", "credibility": 0.9}
    )
    results = tmp_path / "results.jsonl"
    results.write_text(doubt_report(model).model_dump_json() + "\n" + credible.model_dump_json() + "\n")
    html = build_review(results, tmp_path / "review.html").out.read_text(encoding="utf-8")
    doc = lxml.html.document_fromstring(html)
    pages = by_class(doc, "page", "details")
    assert [p.get("open") is not None for p in pages] == [True, False]  # credible pages start collapsed
    for page in pages:
        # the body is a JSON string of its HTML in a data script, no element of it in the document
        (data,) = page.xpath(".//script[@type='application/json' and @class='page-content']")
        body = lxml.html.fragment_fromstring(json.loads(data.text), create_parent="div")
        assert len(by_class(body, "para", "li")) == 4 and not page.xpath(".//li")
        assert (
            "<" not in data.text and "</script" not in data.text.lower()
        )  # nothing the HTML parser could end early
    # one <select> per control template, plus the two filters: none per paragraph
    assert html.count("<select") == 5 and len(doc.xpath("//template//select")) == 3
    assert len(doc.xpath("//button[not(ancestor::template)]")) == 2  # export and clear


def test_sections_of_a_repeated_template_are_marked_and_offer_a_decision_for_the_template(
    seed_results, tmp_path
):
    rows = read_rows(seed_results)
    spam = [
        (row["source"], section["index"])
        for row in rows
        for section in row["sections"]
        if section["label"] in ("fabricated_author_bio", "scraped_faq")
    ]
    (page_a, section_a), (page_b, section_b) = spam[0], next(m for m in spam if m[0] != spam[0][0])
    templates = {page_a: {section_a: (1, 7, 5)}, page_b: {section_b: (1, 7, 5), 999: (2, 3, 3)}}
    stats = build_review(seed_results, tmp_path / "review.html", templates=templates, max_pages=None)
    doc = lxml.html.document_fromstring(inlined(stats.out.read_text(encoding="utf-8")))
    marked = doc.xpath("//li[@data-template]")
    assert sorted(
        (s.xpath("ancestor::details[1]/@data-source")[0], int(s.get("data-section"))) for s in marked
    ) == sorted([(page_a, section_a), (page_b, section_b)])
    assert {s.get("data-template") for s in marked} == {"1"}  # section 999 is not on the page: ignored
    for section in marked:
        assert (
            "the same shape on 7 pages of the audit, flagged as spam on 5"
            in by_class(section, "section-template")[0].text_content()
        )
        flagged = by_class(section, "flagged", "li")
        assert bool(by_class(section, "template-decision-slot")) == bool(flagged)
    pages = {p.get("data-source"): p.get("data-templates") for p in doc.xpath("//details[@data-source]")}
    assert pages[page_a] == pages[page_b] == "1"
    assert {v for k, v in pages.items() if k not in (page_a, page_b)} == {""}
    assert doc.xpath("//template[@id='template-decision-template']//button[@data-template-action='confirm']")
