"""What one page may cost (PageLimits): each limit cuts the page short and says so, or refuses it."""

import dataclasses
import time

import pytest

from detector import PageLimits, PageTooComplexError
from detector.page.extract import extract_page
from detector.scoring import Detector, ScoreOptions

from .conftest import SEEDS


def page(data, **limits):
    return extract_page(data, limits=PageLimits(**limits))


def texts(p):
    return [block.text for block in p.blocks]


@pytest.fixture(scope="module")
def limited(detector):
    """A detector whose limits are small, built from the loaded one."""

    def make(**limits) -> Detector:
        return Detector(
            detector.model, rules=detector.rules, options=ScoreOptions(limits=PageLimits(**limits))
        )

    return make


# --- the limits themselves ------------------------------------------------------------------------


@pytest.mark.parametrize("name", [field.name for field in dataclasses.fields(PageLimits)])
@pytest.mark.parametrize("value", [0, -1, 1.5, True, "10"])
def test_limits_must_be_positive_integers(name, value):
    with pytest.raises(ValueError, match=name):
        PageLimits(**{name: value})


def test_score_options_take_page_limits_only():
    assert ScoreOptions().limits == PageLimits()
    with pytest.raises(ValueError, match="PageLimits"):
        ScoreOptions(limits={"max_blocks": 3})
    hash(ScoreOptions(limits=PageLimits(max_blocks=3)))  # Detector.shared keys on the options


def test_a_page_within_the_limits_is_not_truncated():
    p = page("<p>one</p><p>two</p>", max_blocks=2, max_block_chars=3, max_text_chars=6, max_elements=2)
    assert texts(p) == ["one", "two"] and p.truncated == []


# --- blocks, characters per block, characters in all ---------------------------------------------


@pytest.mark.parametrize("data", ["one\ntwo\nthree\nfour\nfive", "<p>one<p>two<p>three<p>four<p>five"])
def test_blocks_after_max_blocks_are_left_out(data):
    p = page(data, max_blocks=3)
    assert texts(p) == ["one", "two", "three"]
    assert (
        len(p.truncated) == 1 and "3 blocks" in p.truncated[0] and "PageLimits.max_blocks" in p.truncated[0]
    )


@pytest.mark.parametrize(
    "data", ["short\n" + "x" * 100 + "\nend", "<p>short</p><p>" + "x" * 100 + "</p><p>end</p>"]
)
def test_a_block_is_cut_at_max_block_chars(data):
    p = page(data, max_block_chars=40)
    assert texts(p) == ["short", "x" * 40, "end"]
    assert "max_block_chars" in p.truncated[0] and "40 characters" in p.truncated[0]


def test_a_merged_table_row_is_cut_at_max_block_chars_too():
    row = "<table><tr>" + "<td>cell</td>" * 30 + "</tr></table>"
    p = page(row, max_block_chars=50)
    assert [b.kind for b in p.blocks] == ["table_row"] and len(p.blocks[0].text) == 50
    assert p.truncated and "max_block_chars" in p.truncated[0]


@pytest.mark.parametrize("data", ["aaaa\nbbbb\ncccc\ndddd", "<p>aaaa<p>bbbb<p>cccc<p>dddd"])
def test_text_after_max_text_chars_is_left_out(data):
    p = page(data, max_text_chars=10)
    assert texts(p) == ["aaaa", "bbbb", "cc"]
    assert "max_text_chars" in p.truncated[0]


# --- HTML elements and attributes ----------------------------------------------------------------


def test_html_after_max_elements_is_not_read():
    p = page("<html><body>" + "".join(f"<p>para {i}</p>" for i in range(30)), max_elements=12)
    assert texts(p) == [f"para {i}" for i in range(10)]  # html, body and ten paragraphs
    assert "max_elements" in p.truncated[0] and "12 HTML elements" in p.truncated[0]


def test_an_element_with_more_than_max_attributes_is_refused():
    attributes = " ".join(f"data-a{i}=x" for i in range(11))
    with pytest.raises(PageTooComplexError, match=r"more than 10 attributes.*max_attributes=") as raised:
        page(f"<p {attributes}>text</p>", max_attributes=10)
    assert "PageLimits.max_attributes" in str(raised.value)
    assert texts(page(f"<p {attributes}>text</p>", max_attributes=11)) == ["text"]


@pytest.mark.parametrize(
    "tag",
    [
        "<p " + " ".join(f'a{i}=">"' for i in range(20)) + ">",  # quoted ">" do not end the tag
        "<p "
        + "".join(f'a{i}="x"' for i in range(20))
        + ">",  # attributes need no space after a quoted value
        "<p " + " ".join(f"a{i}" for i in range(20)) + ">",  # attributes need no value
        '<p b="<p ' + " ".join(f"a{i}" for i in range(20)) + '">',  # a value holding markup counts its words
    ],
)
def test_attributes_are_counted_however_written(tag):
    with pytest.raises(PageTooComplexError):
        page(tag + "text</p>", max_attributes=10)


@pytest.mark.parametrize(
    "data",
    [
        '<p title="' + " ".join(["word"] * 50) + '">text</p>',  # words of a quoted value are not attributes
        "<script>var s = '<a " + " ".join(["b"] * 50) + ">';</script><p>text</p>",  # nor is a script's text
        "<!-- <p " + " ".join(["b"] * 50) + "> --><p>text</p>",  # nor a comment
    ],
)
def test_text_that_is_not_attributes_is_not_counted(data):
    assert texts(page(data, max_attributes=10)) == ["text"]


def test_html_from_the_element_passing_max_attributes_total_is_not_read():
    html = "".join(f'<p class="c" id="p{i}">para {i}</p>' for i in range(10))
    p = page(html, max_attributes_total=9)
    assert texts(p) == ["para 0", "para 1", "para 2", "para 3"]
    assert "max_attributes_total" in p.truncated[0]


# --- reports ---------------------------------------------------------------------------------------


def test_a_truncated_report_says_which_limit(limited):
    report = limited(max_blocks=2).score("one\ntwo\nthree", source="lines")
    assert report.error is None and [p.text for p in report.paragraphs] == ["one", "two"]
    assert (
        "PageLimits.max_blocks" in report.truncated
        and "ScoreOptions(limits=PageLimits(max_blocks=" in report.truncated
    )
    assert '"truncated":"The page has more than 2 blocks' in report.model_dump_json()


def test_a_refused_page_gets_an_error_report(limited):
    report = limited(max_attributes=3).score("<p a b c d e>text</p>")
    assert report.error.type == "PageTooComplexError" and "max_attributes" in report.error.message
    assert report.paragraphs == [] and report.truncated is None


@pytest.mark.parametrize("seed", sorted(p.name for p in SEEDS.glob("0*.txt")))
def test_seed_reports_are_not_truncated(detector, seed):
    assert detector.score((SEEDS / seed).read_bytes(), source=seed).truncated is None


# --- the reported cases, scaled down: before the limits they took minutes and gigabytes ----------


def test_an_element_with_thousands_of_attributes_is_refused_at_once(detector):
    html = "<html><body><p " + " ".join(f"a{i}" for i in range(40_000)) + ">text</p></body></html>"
    start = time.perf_counter()
    report = detector.score(html)
    assert time.perf_counter() - start < 5  # the parser alone took 15 s on this page
    assert report.error.type == "PageTooComplexError"


def test_a_page_of_many_unclosed_paragraphs_is_cut_short(detector):
    html = "<html><body>" + "<p>a" * 250_000  # 1 MB: took over a minute and gigabytes of memory
    start = time.perf_counter()
    report = detector.score(html)
    assert time.perf_counter() - start < 30
    assert report.error is None and "max_elements" in report.truncated
    assert len(report.paragraphs) <= PageLimits().max_elements


def test_a_text_run_too_long_for_the_parser_is_cut_and_said(detector):
    # libxml2 drops a text node over 10 MB and the rest of the page with it: "spam two" was lost, unsaid
    html = "<html><body><p>spam one</p><p>" + "word " * 2_100_000 + "</p><p>spam two</p>"
    p = extract_page(html)
    assert [b.text[:9] for b in p.blocks] == ["spam one", "word word"]
    assert any("more than the HTML parser holds" in sentence for sentence in p.truncated)
    shorter = extract_page("<html><body><p>" + "word " * 1_000_000 + "</p><p>spam two</p>")
    assert shorter.blocks[-1].text == "spam two"


def test_an_element_with_too_many_attributes_is_refused_even_when_longer_than_a_run_may_be(monkeypatch):
    monkeypatch.setattr("detector.page.extract.MAX_RUN_BYTES", 1_000)
    with pytest.raises(PageTooComplexError):
        page("<p>text</p><p " + " ".join(f"a{i:04d}" for i in range(400)) + ">more</p>", max_attributes=100)
    cut = page(
        "<p>text</p><p " + " ".join(f"a{i:04d}" for i in range(400)) + ">more</p>", max_attributes=1_000
    )
    assert texts(cut) == ["text"] and "more than the HTML parser holds" in cut.truncated[0]


def test_a_cut_page_says_so_in_the_terminal_and_the_review_report(limited, tmp_path):
    from rich.console import Console

    from detector.report.review import build_review
    from detector.terminal import render_page

    report = limited(max_blocks=2).score("one\ntwo\nthree \u202e", source="lines")
    console = Console(record=True, width=200, color_system=None)
    console.print(render_page(report))
    assert "truncated: The page has more than 2 blocks" in console.export_text()
    results = tmp_path / "r.jsonl"
    results.write_text(report.model_dump_json() + "\n", encoding="utf-8")
    html = build_review(results, tmp_path / "review.html").out.read_text(encoding="utf-8")
    assert "Cut short." in html and "The page has more than 2 blocks" in html
