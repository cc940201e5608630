"""detector.page.maintext gives trafilatura's own result (bare_extraction), leaves the tree alone, and bounds
html2txt from above."""

import importlib
from copy import deepcopy

import pytest
import trafilatura
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from detector.page import _xpaths, maintext
from detector.page.extract import _load_html

from .conftest import PAGE_STRIDE, seed_page_files

SEED_PAGES = seed_page_files(suffixes=(".html",), stride=PAGE_STRIDE)
html2txt = importlib.import_module("trafilatura.baseline").html2txt

ARTICLE = "".join(
    f"<p>Paragraph {i} of the report says something long enough to be kept as article text, "
    f"with a second clause for length.</p>"
    for i in range(8)
)
PAGES = {
    "comments are pruned": f"<html><body><article>{ARTICLE}</article><div id='comments'>"
    "<p>First comment, a long one that trafilatura would otherwise keep as text.</p></div>"
    "<ul class='comment-list'><li>Another comment</li></ul></body></html>",
    "infinite scroll is pruned": f"<html><body><article><h1>Title</h1>{ARTICLE}</article>"
    f"<div class='infinite-scroll'><article>{ARTICLE}</article></div></body></html>",
    "short page: baseline rescue": "<html><body><div><span>Only a short line of text here.</span></div></body></html>",
    "short extraction of a long page: recall retry": (
        "<html><body><article>"
        + "".join(
            f"<p>Paragraph {i} of the report says something long enough to be kept as article text.</p>"
            for i in range(4)
        )
        + "</article><ul>"
        + "".join(
            f"<li><a href='/s{i}'>Teaser {i}: a story elsewhere on the site</a> told in a few words so that "
            "the page has much more text.</li>"
            for i in range(80)
        )
        + "</ul></body></html>"
    ),
    "no body": "<html><head><title>Nothing</title></head></html>",
    "forum thread keeps its comments": (
        '<html><head><script type="application/ld+json">{"@type": "DiscussionForumPosting"}</script></head>'
        f"<body><article>{ARTICLE}</article><div id='comments'><p>A post in the thread, long enough to count "
        "as text of the page.</p></div></body></html>"
    ),
}


def test_the_installed_trafilatura_is_the_release_the_fast_path_follows():
    """The fast path copies trafilatura's private steps; on another release it falls back to
    ``bare_extraction``, and every equivalence test below would compare that fallback with itself.
    So another release fails here, loudly: check the steps against it, then update ``VERIFIED_WITH``
    and the pin in pyproject."""
    assert trafilatura.__version__ == maintext.VERIFIED_WITH
    assert maintext._STEPS is not None


def _same(tree) -> None:
    before = etree.tostring(tree)
    found = maintext.main_text(tree)
    assert etree.tostring(tree) == before, "main_text changed the caller's tree"
    expected = trafilatura.bare_extraction(deepcopy(tree), **maintext._KEYWORDS)
    if expected is None:
        assert found is None
    else:
        assert found is not None
        assert found.text == expected.text
        assert etree.tostring(found.body) == etree.tostring(expected.body)


@pytest.mark.parametrize("path", SEED_PAGES, ids=lambda p: p.name)
def test_same_as_bare_extraction_on_seed_pages(path):
    _same(_load_html(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("name", PAGES)
def test_same_as_bare_extraction_on_each_branch(name):
    _same(_load_html(PAGES[name]))


def test_branches_are_taken(monkeypatch):
    """The pages above do reach the branches they are named after."""
    core = maintext._STEPS.core
    calls = []
    for name in ("baseline", "html2txt"):
        original = getattr(core, name)
        monkeypatch.setattr(core, name, lambda *a, _o=original, _n=name, **k: calls.append(_n) or _o(*a, **k))
    steps = maintext._STEPS

    def prunes_anything(name, is_forum):
        return _xpaths.selects_any(_load_html(PAGES[name]), steps.prunes(is_forum))

    assert prunes_anything("comments are pruned", is_forum=False)
    assert prunes_anything("infinite scroll is pruned", is_forum=True)
    assert not prunes_anything("comments are pruned", is_forum=True)  # a forum thread keeps its comments
    assert not prunes_anything("short page: baseline rescue", is_forum=False)
    maintext.main_text(_load_html(PAGES["short page: baseline rescue"]))
    assert calls == ["baseline"]
    calls.clear()
    maintext.main_text(_load_html(PAGES["short extraction of a long page: recall retry"]))
    assert "html2txt" in calls


def test_comment_section_is_not_main_text():
    found = maintext.main_text(_load_html(PAGES["comments are pruned"]))
    assert "Paragraph 3" in found.text and "First comment" not in found.text


def test_other_trafilatura_release_falls_back_to_bare_extraction(monkeypatch):
    tree = _load_html(PAGES["comments are pruned"])
    expected = maintext.main_text(tree)
    monkeypatch.setattr(maintext, "_STEPS", None)
    found = maintext.main_text(tree)
    assert found.text == expected.text


@pytest.mark.parametrize("path", SEED_PAGES[:12], ids=lambda p: p.name)
def test_page_text_bound_on_seed_pages(path):
    tree = _load_html(path.read_text(encoding="utf-8"))
    assert len(html2txt(tree)) <= maintext.page_text_bound(tree, maintext._STEPS.block_tags)


_TAGS = st.sampled_from(
    ["div", "p", "span", "b", "script", "style", "aside", "footer", "li", "br", "svg", "td"]
)
_TEXT = st.text(alphabet=st.sampled_from(list("ab \n\t.\x0b\u00a0")), max_size=12)


@st.composite
def _fragments(draw, depth=0):
    parts = [draw(_TEXT)]
    for _ in range(draw(st.integers(0, 3 if depth < 3 else 0))):
        tag = draw(_TAGS)
        cls = draw(st.sampled_from(["", " class='footer'", " id='cookie-banner'", " class='x'"]))
        parts.append(f"<{tag}{cls}>{draw(_fragments(depth + 1))}</{tag}>{draw(_TEXT)}")
    return "".join(parts)


@settings(max_examples=300, deadline=None)
@given(_fragments())
def test_page_text_bound_is_an_upper_bound(fragment):
    tree = _load_html(f"<html><body>{fragment}</body></html>")
    if tree is not None:
        assert len(html2txt(tree)) <= maintext.page_text_bound(tree, maintext._STEPS.block_tags)


def _xpath_reaches(tree, threshold):
    """trafilatura's own test of the paragraphs' text: its XPath's strings, joined and measured."""
    texts = tree.xpath("//p//text()")
    return bool(texts) and len("".join(texts)) >= threshold


_THRESHOLDS = (0, 1, 5, 30, 250, 750, 10**9)


@settings(max_examples=300, deadline=None)
@given(_fragments(), st.sampled_from(["", "<!-- a comment -->", "<?pi some data?>"]))
def test_paragraph_text_reaches_as_the_xpath_on_generated_trees(fragment, extra):
    """Nested paragraphs, comments and processing instructions (their own text is not text, their
    tails are), tails inside and outside paragraphs, on the tree as parsed and as trafilatura cleans it."""
    parser = etree.HTMLParser(remove_comments=False, remove_pis=False)
    tree = etree.fromstring(
        f"<html><body><p>{extra}a<p>{fragment}{extra}</p>{extra}b</p>{fragment}</body></html>", parser
    )
    # an element in the middle of the page: the XPath starts at the document's root all the same
    middle = next(tree.iter("body"))
    for threshold in _THRESHOLDS:
        assert maintext.paragraph_text_reaches(middle, threshold) is _xpath_reaches(middle, threshold)


@pytest.mark.parametrize("path", SEED_PAGES[:24], ids=lambda p: p.name)
def test_paragraph_text_reaches_as_the_xpath_on_seed_pages(path):
    steps = maintext._STEPS
    tree = _load_html(path.read_text(encoding="utf-8"))
    cleaned = steps.htmlprocessing.convert_tags(
        steps.htmlprocessing.tree_cleaning(deepcopy(tree), steps.options), steps.options
    )
    for root in (tree, cleaned):
        for threshold in _THRESHOLDS:
            assert maintext.paragraph_text_reaches(root, threshold) is _xpath_reaches(root, threshold)
