"""trafilatura's main text of an already parsed page, without the work the detector has no use for.

``trafilatura.bare_extraction(tree, fast=True, include_comments=False, include_tables=True,
include_formatting=False, with_metadata=False)`` is the detector's view of which blocks are the
article. Called on a tree, it spends a third of its time on things this caller does not need:

* it copies the whole input tree first, so that its pruning of comment sections and appended
  articles cannot touch the caller's tree, and runs those prunes as XPath expressions whose regular
  expressions lxml calls back into Python for every ``div`` of the page. Here the same
  selections are made in Python (:func:`_prunes`), and the tree is copied and pruned only on pages
  where they select something;
* it copies the cleaned tree once more as a backup for its fallback extractors, which fast mode
  never runs;
* on a short extraction it measures the whole page's text (``html2txt``: a copy of the tree and an
  XPath with a regular expression called back for every element), to decide whether a recall-mode
  retry is worth it. The retry is only tried when the extraction is under a fifth of that length;
  :func:`page_text_bound`, a cheap upper bound of the measure, settles most pages without it.

Everything else is trafilatura's own code, called in trafilatura's order, so the result is the same
body and text (``tests/test_maintext.py`` compares the two on every seed page and on pages built to
take each branch). The steps follow the trafilatura release named in :data:`VERIFIED_WITH`; with any
other version installed, :func:`main_text` calls ``bare_extraction`` itself.
"""

from __future__ import annotations

import importlib
import re
from copy import copy
from dataclasses import dataclass

import trafilatura
from lxml import etree
from lxml.html import HtmlElement

#: The trafilatura release whose extraction sequence :func:`main_text` reproduces.
VERIFIED_WITH = "2.3.1"
_KEYWORDS = {"with_metadata": False, "include_tables": True, "include_comments": False,
             "include_formatting": False, "fast": True}


@dataclass(slots=True)
class MainText:
    """The main text trafilatura finds: its ``body`` element (trafilatura's XML) and plain ``text``."""

    body: etree._Element
    text: str


class _Steps:
    """trafilatura's functions and settings that :func:`main_text` calls."""

    def __init__(self):
        self.core = importlib.import_module("trafilatura.core")
        self.htmlprocessing = importlib.import_module("trafilatura.htmlprocessing")
        self.extract_content = importlib.import_module("trafilatura.main_extractor").extract_content
        self.delete_element = importlib.import_module("trafilatura.xml").delete_element
        # the block elements html2txt puts spaces around (trafilatura.baseline is also a function's name)
        self.block_tags = tuple(sorted(importlib.import_module("trafilatura.baseline")._BLOCK_ELEMS))
        self.options = trafilatura.settings.Extractor(
            config=trafilatura.settings.DEFAULT_CONFIG, output_format="python", fast=True, precision=False,
            recall=False, comments=False, formatting=False, links=False, images=False, tables=True, dedup=False,
            lang=None, url=None, with_metadata=False, only_with_metadata=False, author_blacklist=None,
            url_blacklist=None, date_params=None)


_STEPS = _Steps() if trafilatura.__version__ == VERIFIED_WITH else None


def main_text(tree: HtmlElement, url: str | None = None) -> MainText | None:
    """trafilatura's main text of ``tree`` (left unchanged), or None where trafilatura finds none.

    Raises whatever trafilatura raises.
    """
    steps = _STEPS
    if steps is None:
        document = trafilatura.bare_extraction(tree, url=url, **_KEYWORDS)
        return None if document is None else MainText(body=document.body, text=document.text)
    core, options = steps.core, steps.options
    # trafilatura_sequence with these options: no comments, fast, balanced focus
    prunes = _prunes(core._forum_thread_page(tree))
    if _selects_any(tree, prunes):  # the prunes work on a copy: the caller's tree is left as it is
        tree = _prune(copy(tree), prunes, steps.delete_element)
    body, text = _extract(tree, options, url, steps)
    if len(text) < options.min_extracted_size:  # rescue: the baseline on the uncleaned tree (it copies)
        b_body, b_text, b_len = core.baseline(tree)
        if b_len > len(text):
            body, text = b_body, b_text
    if (0 < len(text) < core.ESCALATION_MAX_LENGTH
            and len(text) < core.ESCALATION_PAGE_SHARE * page_text_bound(tree, steps.block_tags)
            and len(text) < core.ESCALATION_PAGE_SHARE * len(core.html2txt(tree))):
        recall = copy(options)
        recall.focus = "recall"
        r_text = ""
        try:
            r_body, r_text = _extract(tree, recall, url, steps)
        except Exception as exc:  # noqa: BLE001 -- as in trafilatura: a failed retry keeps the first extraction
            core.LOGGER.warning("recall retry failed: %s %s", exc, url)
        if len(r_text) >= options.min_extracted_size and len(r_text) > core.ESCALATION_ACCEPT_RATIO * len(text):
            body, text = r_body, r_text
    # bare_extraction's checks (no comments), then its plain text
    if options.max_tree_size:
        if len(body) > options.max_tree_size:
            etree.strip_tags(body, "hi")
        if len(body) > options.max_tree_size:
            return None
    if len(text) < options.min_output_size and options.min_output_comm_size > 0:
        return None
    return MainText(body=body, text=core.xmltotxt(body, options.formatting))


# trafilatura's raw-tree prunes (``RAW_TREE_PRUNE_XPATH``, then ``REMOVE_COMMENTS_AND_LISTS_XPATH``
# unless the page is a forum thread) select elements by regular expressions on their ``id`` and
# ``class``, which lxml calls back into Python for every candidate element: milliseconds on a large
# page. Here the same selections are made in Python (tests/test_maintext.py checks them against the
# XPath expressions themselves), and a page is copied only when a prune selects something.
_APPENDED = re.compile(r"mvp-post-add-(?:box|wrap)|infinite-?scroll")
_APPENDED_BOX = re.compile(r"mvp-post-add-(?:box|wrap)")
_COMMENTS_ID = re.compile(r"^(?:[Cc]omment(?!ary)|comol|disqus_thread|dsq-comments)")
_COMMENTS_CLASS = re.compile(r"^[Cc]omment(?!ary)|(?:article|post)-comments")
_COMMENT_LIST_ID = re.compile(r"^(?:[Cc]omment(?!ary)|comol)")


def _appended_article(element: HtmlElement) -> bool:
    """RAW_TREE_PRUNE_XPATH[0]: infinite-scroll and appended-post containers (unless they hold an h1)."""
    id_, class_ = element.get("id") or "", element.get("class") or ""
    return bool(_APPENDED.search(id_) or _APPENDED.search(class_)) and (
        element.find(".//h1") is None or bool(_APPENDED_BOX.search(id_) or _APPENDED_BOX.search(class_)))


def _share_buttons(element: HtmlElement) -> bool:
    """RAW_TREE_PRUNE_XPATH[1]."""
    return "elementor-share-buttons" in (element.get("class") or "")


def _comments(element: HtmlElement) -> bool:
    """REMOVE_COMMENTS_AND_LISTS_XPATH[0]: comment sections (lists only by a comment id or class)."""
    id_, class_ = element.get("id") or "", element.get("class") or ""
    return bool(_COMMENTS_ID.search(id_) or _COMMENTS_CLASS.search(class_)) and (
        element.tag not in ("ol", "ul") or bool(_COMMENT_LIST_ID.search(id_) or _COMMENTS_CLASS.search(class_)))


_BOXES = ("div", "section", "aside")
_RAW_PRUNES = ((_BOXES, _appended_article), (_BOXES, _share_buttons))
_COMMENT_PRUNES = ((("div", "list", "section", "details", "ol", "ul"), _comments),)


def _prunes(is_forum: bool) -> tuple:
    """trafilatura's raw-tree prunes for a page, in order, as ``(tags, selects)`` pairs."""
    return _RAW_PRUNES if is_forum else _RAW_PRUNES + _COMMENT_PRUNES


# every element a prune selects has one of these tags, and an id or class these expressions find
_PRUNED_TAGS = ("div", "section", "aside", "details", "ol", "ul", "list")
_PRUNED_ID = re.compile("|".join(p.pattern for p in (_APPENDED, _COMMENTS_ID)))
_PRUNED_CLASS = re.compile("|".join(p.pattern for p in (_APPENDED, _COMMENTS_CLASS)) + "|elementor-share-buttons")


def _selects_any(tree: HtmlElement, prunes) -> bool:
    """Whether one of ``prunes`` selects an element of ``tree`` (one pass; the prunes are asked only
    about elements whose id or class could make them select it)."""
    for element in tree.iterdescendants(*_PRUNED_TAGS):
        id_, class_ = element.get("id"), element.get("class")
        if ((id_ and _PRUNED_ID.search(id_)) or (class_ and _PRUNED_CLASS.search(class_))) and any(
                element.tag in tags and selects(element) for tags, selects in prunes):
            return True
    return False


def _prune(tree: HtmlElement, prunes, delete_element) -> HtmlElement:
    """``prune_unwanted_nodes`` with each of ``prunes`` in turn: the elements it selects are deleted in
    document order, their tails kept."""
    for tags, selects in prunes:
        for element in [e for e in tree.iterdescendants(*tags) if selects(e)]:
            delete_element(element)
    return tree


def _extract(tree: HtmlElement, options, url: str | None, steps: _Steps) -> tuple[etree._Element, str]:
    """Clean a copy of ``tree``, convert its tags and run trafilatura's main extractor on it."""
    htmlprocessing = steps.htmlprocessing
    cleaned = htmlprocessing.convert_tags(htmlprocessing.tree_cleaning(copy(tree), options), options, url)
    return steps.extract_content(cleaned, options)


_SCRIPTS = ("script", "style")


def page_text_bound(tree: HtmlElement, block_tags: tuple[str, ...]) -> int:
    """An upper bound of ``len(trafilatura.html2txt(tree))``, without copying or cleaning the tree
    (``block_tags``: the elements html2txt spaces, ``_Steps.block_tags``).

    ``html2txt`` deletes some elements of the body (scripts and styles among them), puts a space
    around the text of each block element and joins the words with single spaces. Deleting text
    never adds a word, each space put in can split one word in two, so the text has at most
    ``N`` non-space characters (those of the body less its scripts' and styles') in at most
    ``min(N, words of the body + 2 × block elements)`` words.
    """
    body = tree.find(".//body")
    if body is None:
        body = tree
    words = etree.tostring(body, method="text", encoding=str, with_tail=False).split()
    characters = sum(map(len, words))
    for element in body.iter(*_SCRIPTS):
        if element.text:
            characters -= sum(map(len, element.text.split()))
    blocks = sum(1 for _ in body.iter(*block_tags))
    return characters + min(characters, len(words) + 2 * blocks)
