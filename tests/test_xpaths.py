"""Each selection of detector.page._xpaths selects what trafilatura's XPath expression selects, in the same order."""

import importlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from detector.page import _xpaths, maintext
from detector.page.extract import _load_html

from .conftest import seed_page_files

# No skip on another trafilatura release: the selections must then be checked against its expressions
# (tests/test_maintext.py fails first, naming the release).

paths = importlib.import_module("trafilatura.xpaths")
htmlprocessing = importlib.import_module("trafilatura.htmlprocessing")

# (selection, trafilatura's expression, whether trafilatura only takes the first element)
PAIRS = [
    (_xpaths.appended_articles(paths.RAW_TREE_PRUNE_XPATH[0]), paths.RAW_TREE_PRUNE_XPATH[0]),
    (_xpaths.share_buttons(paths.RAW_TREE_PRUNE_XPATH[1]), paths.RAW_TREE_PRUNE_XPATH[1]),
    (
        _xpaths.comment_sections(paths.REMOVE_COMMENTS_AND_LISTS_XPATH[0]),
        paths.REMOVE_COMMENTS_AND_LISTS_XPATH[0],
    ),
    (_xpaths.boilerplate(paths.OVERALL_DISCARD_XPATH[0]), paths.OVERALL_DISCARD_XPATH[0]),
    (_xpaths.hidden(paths.OVERALL_DISCARD_XPATH[1]), paths.OVERALL_DISCARD_XPATH[1]),
    (_xpaths.article_body(paths.BODY_XPATH[0]), paths.BODY_XPATH[0]),
]
IDS = ["appended_articles", "share_buttons", "comment_sections", "boilerplate", "hidden", "article_body"]


def assert_same(selection, expression, tree):
    expected = expression(tree)
    if selection.first:
        expected = expected[:1]
    assert selection(tree) == expected


# values near the expressions' regular expressions and literals, alone or run together
_WORDS = [
    "",
    "comment",
    "Comment",
    "comments",
    "commentary",
    "comol",
    "comment-list",
    "disqus_thread",
    "dsq-comments",
    "article-comments",
    "post-comments",
    "mvp-post-add-box",
    "mvp-post-add-wrap",
    "mvp-post-add",
    "infinite-scroll",
    "infinitescroll",
    "elementor-share-buttons",
    "cookie",
    "Cookie",
    "nav",
    "Nav",
    "sharebar",
    "share",
    "reply-",
    "reply-form",
    "hidden",
    "hide-",
    "display:none",
    "display: none",
    "comments-title",
    "post",
    "entry",
    "post-body",
    "article-body",
    "articleBody",
    "body-text",
    "main",
    "ad-",
    " ad ",
    "footer",
    "related",
    "x",
    " ",
]
_VALUE = st.one_of(st.none(), st.lists(st.sampled_from(_WORDS), min_size=1, max_size=3).map("".join))
_ATTRIBUTES = [
    "id",
    "class",
    "style",
    "role",
    "aria-hidden",
    "itemprop",
    "data-component",
    "data-lp-replacement-content",
]
_TAGS = [
    "div",
    "section",
    "aside",
    "details",
    "ol",
    "ul",
    "list",
    "item",
    "li",
    "p",
    "span",
    "h1",
    "article",
    "main",
]


@st.composite
def _elements(draw, depth=0):
    element = etree.Element(draw(st.sampled_from(_TAGS)))
    # attribute order matters to @id|@class: draw it too
    for name in draw(st.permutations(_ATTRIBUTES)):
        value = draw(_VALUE)
        if value is not None:
            element.set(name, "true" if name == "aria-hidden" and value == "x" else value)
    element.text = "text"
    if depth < 3:
        element.extend(draw(st.lists(_elements(depth + 1), max_size=3)))
    return element


@settings(max_examples=120, deadline=None)
@given(st.lists(_elements(), min_size=1, max_size=4))
@pytest.mark.parametrize(("selection", "expression"), PAIRS, ids=IDS)
def test_same_elements_as_the_expression_on_generated_trees(selection, expression, children):
    root = etree.Element("html")
    etree.SubElement(root, "body").extend(children)
    assert_same(selection, expression, root)


SEED_PAGES = seed_page_files(suffixes=(".html",))


@pytest.mark.parametrize("path", SEED_PAGES[::4], ids=lambda p: p.name)
def test_same_elements_as_the_expressions_on_seed_pages(path):
    """On the raw page (the prunes' tree) and on trafilatura's cleaned, converted tree (the others')."""
    raw = _load_html(path.read_text(encoding="utf-8"))
    options = maintext._STEPS.options
    cleaned = htmlprocessing.convert_tags(htmlprocessing.tree_cleaning(maintext.copy(raw), options), options)
    for selection, expression in PAIRS:
        assert_same(selection, expression, raw)
        assert_same(selection, expression, cleaned)


@settings(max_examples=100, deadline=None)
@given(st.lists(_elements(), min_size=1, max_size=4))
def test_selects_any_in_one_pass_is_any_selection_selecting(children):
    root = etree.Element("html")
    etree.SubElement(root, "body").extend(children)
    prunes = [selection for selection, _ in PAIRS[:3]]
    assert _xpaths.selects_any(root, prunes) == any(selection(root) for selection in prunes)


def test_attribute_order_decides_id_or_class_tests():
    """``re:test(@id|@class, 'cookie')`` looks at whichever of the two comes first."""
    boilerplate = PAIRS[3][0]
    first_class = etree.fromstring('<body><div class="cookiewall" id="page">x</div></body>')
    first_id = etree.fromstring('<body><div id="page" class="cookiewall">x</div></body>')
    assert len(boilerplate(first_class)) == 1 == len(paths.OVERALL_DISCARD_XPATH[0](first_class))
    assert boilerplate(first_id) == [] == paths.OVERALL_DISCARD_XPATH[0](first_id)


def test_an_unexpected_expression_is_refused():
    with pytest.raises(ValueError, match="unexpected re:test"):
        _xpaths.boilerplate(paths.BODY_XPATH[0])
