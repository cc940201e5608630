"""detector.maintext gives trafilatura's own result (bare_extraction), leaves the tree alone, and bounds
html2txt from above."""

import importlib
from copy import deepcopy

import pytest
import trafilatura
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from detector import maintext
from detector.page import _load_html

from .conftest import ROOT

SEED_PAGES = sorted((ROOT / "seeds").rglob("*.html"))
html2txt = importlib.import_module("trafilatura.baseline").html2txt

ARTICLE = "".join(f"<p>Paragraph {i} of the report says something long enough to be kept as article text, "
                  f"with a second clause for length.</p>" for i in range(8))
PAGES = {
    "comments are pruned": f"<html><body><article>{ARTICLE}</article><div id='comments'>"
                           "<p>First comment, a long one that trafilatura would otherwise keep as text.</p></div>"
                           "<ul class='comment-list'><li>Another comment</li></ul></body></html>",
    "infinite scroll is pruned": f"<html><body><article><h1>Title</h1>{ARTICLE}</article>"
                                 f"<div class='infinite-scroll'><article>{ARTICLE}</article></div></body></html>",
    "short page: baseline rescue": "<html><body><div><span>Only a short line of text here.</span></div></body></html>",
    "short extraction of a long page: recall retry": (
        "<html><body><article>"
        + "".join(f"<p>Paragraph {i} of the report says something long enough to be kept as article text.</p>"
                  for i in range(4))
        + "</article><ul>"
        + "".join(f"<li><a href='/s{i}'>Teaser {i}: a story elsewhere on the site</a> told in a few words so that "
                  "the page has much more text.</li>" for i in range(80))
        + "</ul></body></html>"),
    "no body": "<html><head><title>Nothing</title></head></html>",
    "forum thread keeps its comments": (
        '<html><head><script type="application/ld+json">{"@type": "DiscussionForumPosting"}</script></head>'
        f"<body><article>{ARTICLE}</article><div id='comments'><p>A post in the thread, long enough to count "
        "as text of the page.</p></div></body></html>"),
}


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


@pytest.mark.skipif(maintext._STEPS is None, reason="another trafilatura release: main_text calls bare_extraction")
@pytest.mark.parametrize("path", SEED_PAGES, ids=lambda p: p.name)
def test_same_as_bare_extraction_on_seed_pages(path):
    _same(_load_html(path.read_text(encoding="utf-8")))


@pytest.mark.skipif(maintext._STEPS is None, reason="another trafilatura release: main_text calls bare_extraction")
@pytest.mark.parametrize("name", PAGES)
def test_same_as_bare_extraction_on_each_branch(name):
    _same(_load_html(PAGES[name]))


def test_branches_are_taken(monkeypatch):
    """The pages above do reach the branches they are named after."""
    if maintext._STEPS is None:
        pytest.skip("another trafilatura release")
    core = maintext._STEPS.core
    calls = []
    for name in ("baseline", "html2txt"):
        original = getattr(core, name)
        monkeypatch.setattr(core, name, lambda *a, _o=original, _n=name, **k: calls.append(_n) or _o(*a, **k))
    assert maintext._selects_any(_load_html(PAGES["comments are pruned"]), maintext._prunes(False))
    assert maintext._selects_any(_load_html(PAGES["infinite scroll is pruned"]), maintext._prunes(True))
    assert not maintext._selects_any(_load_html(PAGES["comments are pruned"]), maintext._prunes(True))  # forum
    assert not maintext._selects_any(_load_html(PAGES["short page: baseline rescue"]), maintext._prunes(False))
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


@pytest.mark.skipif(maintext._STEPS is None, reason="another trafilatura release: the bound is not used")
@pytest.mark.parametrize("path", SEED_PAGES[:12], ids=lambda p: p.name)
def test_page_text_bound_on_seed_pages(path):
    tree = _load_html(path.read_text(encoding="utf-8"))
    assert len(html2txt(tree)) <= maintext.page_text_bound(tree, maintext._STEPS.block_tags)


_TAGS = st.sampled_from(["div", "p", "span", "b", "script", "style", "aside", "footer", "li", "br", "svg", "td"])
_TEXT = st.text(alphabet=st.sampled_from(list("ab \n\t.\x0b\u00a0")), max_size=12)


@st.composite
def _fragments(draw, depth=0):
    parts = [draw(_TEXT)]
    for _ in range(draw(st.integers(0, 3 if depth < 3 else 0))):
        tag = draw(_TAGS)
        cls = draw(st.sampled_from(["", " class='footer'", " id='cookie-banner'", " class='x'"]))
        parts.append(f"<{tag}{cls}>{draw(_fragments(depth + 1))}</{tag}>{draw(_TEXT)}")
    return "".join(parts)


@pytest.mark.skipif(maintext._STEPS is None, reason="another trafilatura release: the bound is not used")
@settings(max_examples=300, deadline=None)
@given(_fragments())
def test_page_text_bound_is_an_upper_bound(fragment):
    tree = _load_html(f"<html><body>{fragment}</body></html>")
    if tree is not None:
        assert len(html2txt(tree)) <= maintext.page_text_bound(tree, maintext._STEPS.block_tags)


_NAMES = st.sampled_from(["", "comment", "Comment", "comments", "commentary", "comol", "comment-list", "disqus_thread",
                          "dsq-comments", "article-comments", "post-comments", "mvp-post-add-box", "mvp-post-add-wrap",
                          "mvp-post-add", "infinite-scroll", "infinitescroll", "infinite--scroll",
                          "elementor-share-buttons", "nav", "x "])
_ATTRIBUTE = st.one_of(st.none(), st.lists(_NAMES, min_size=1, max_size=3).map("".join))


@st.composite
def _boxes(draw, depth=0):
    """A tree of the elements trafilatura's raw-tree prunes look at, with ids and classes near their patterns."""
    tag = draw(st.sampled_from(["div", "section", "aside", "details", "ol", "ul", "list", "li", "p", "h1"]))
    element = etree.Element(tag)
    for name in ("id", "class"):
        value = draw(_ATTRIBUTE)
        if value is not None:
            element.set(name, value)
    element.text = "text"
    if depth < 3:
        for child in draw(st.lists(_boxes(depth + 1), max_size=3)):
            element.append(child)
    return element


@pytest.mark.skipif(maintext._STEPS is None, reason="another trafilatura release: its prune expressions may differ")
@settings(max_examples=300, deadline=None)
@given(st.lists(_boxes(), min_size=1, max_size=4))
def test_prunes_select_what_trafilaturas_xpath_expressions_select(children):
    """Each prune made in Python selects the same elements, in the same order, as trafilatura's XPath."""
    core = maintext._STEPS.core
    root = etree.Element("html")
    body = etree.SubElement(root, "body")
    body.extend(children)
    tree = _load_html(etree.tostring(root, encoding=str))
    expressions = list(core.RAW_TREE_PRUNE_XPATH) + list(core.REMOVE_COMMENTS_AND_LISTS_XPATH)
    prunes = maintext._prunes(is_forum=False)
    assert len(prunes) == len(expressions)
    for expression, (tags, selects) in zip(expressions, prunes):
        assert [e for e in tree.iterdescendants(*tags) if selects(e)] == expression(tree), expression.path
    assert maintext._selects_any(tree, prunes) == any(expression(tree) for expression in expressions)
    raw = list(core.RAW_TREE_PRUNE_XPATH)
    assert maintext._selects_any(tree, maintext._prunes(is_forum=True)) == any(expression(tree) for expression in raw)
