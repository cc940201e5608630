"""trafilatura's main text of an already parsed page, without the work the detector has no use for.

``trafilatura.bare_extraction(tree, fast=True, include_comments=False, include_tables=True,
include_formatting=False, with_metadata=False)`` is the detector's view of which blocks are the
article. Called on a tree, it spends a third of its time on things this caller does not need:

* it copies the whole input tree first, so that its pruning of comment sections and appended
  articles cannot touch the caller's tree. Here the tree is copied and pruned only on pages where
  a prune selects something;
* it copies the cleaned tree once more as a backup for its fallback extractors, which fast mode
  never runs;
* on a short extraction it measures the whole page's text (``html2txt``: a copy of the tree and an
  XPath with a regular expression called back for every element), to decide whether a recall-mode
  retry is worth it. The retry is only tried when the extraction is under a fifth of that length;
  :func:`page_text_bound`, a cheap upper bound of the measure, settles most pages without it.

Its XPath expressions that call regular expressions back into Python for every element (the
raw-tree prunes, the article-body search, the boilerplate discards) are replaced by the same
selections made in Python (:mod:`detector.page._xpaths`). Its main pass (``_extract``) is copied
(:func:`_main_pass`) for one line: it measures the text of the page's paragraphs with the XPath
``//p//text()``, which libxml2 evaluates in time that grows with the square of the paragraphs (0.8 s
at 40,000), where :func:`paragraph_text_reaches` counts in one pass and stops at the threshold the
pass compares the length with. Everything else is trafilatura's own code,
called in trafilatura's order, so the result is the same body and text (``tests/test_maintext.py``
compares the two on every seed page and on pages built to take each branch). The steps follow the
trafilatura release named in :data:`VERIFIED_WITH`; with any other version installed,
:func:`main_text` calls ``bare_extraction`` itself.
"""

from __future__ import annotations

import functools
import importlib
import types
from collections.abc import Callable, Iterable
from copy import copy
from dataclasses import dataclass
from typing import Any, TypedDict

import trafilatura
from lxml import etree
from lxml.html import HtmlElement

from . import _xpaths

#: The trafilatura release whose extraction sequence :func:`main_text` reproduces.
VERIFIED_WITH = "2.3.1"


class _Keywords(TypedDict):
    """The options of ``trafilatura.bare_extraction`` that :func:`main_text` stands for."""

    with_metadata: bool
    include_tables: bool
    include_comments: bool
    include_formatting: bool
    fast: bool


_KEYWORDS = _Keywords(
    with_metadata=False, include_tables=True, include_comments=False, include_formatting=False, fast=True
)


@dataclass(slots=True)
class MainText:
    """The main text trafilatura finds: its ``body`` element (trafilatura's XML) and plain ``text``."""

    body: etree._Element
    text: str


def _rebind(function: types.FunctionType, **names: object) -> types.FunctionType:
    """A copy of ``function`` that reads the global ``names`` as given here, and its other globals from a
    snapshot of its module's namespace (the module itself is left as it is)."""
    clone = types.FunctionType(
        function.__code__,
        {**function.__globals__, **names},
        function.__name__,
        function.__defaults__,
        function.__closure__,
    )
    clone.__kwdefaults__ = function.__kwdefaults__
    return clone


class _Steps:
    """trafilatura's functions and settings that :func:`main_text` calls.

    Its content extraction (``extract_content``, and the ``_extract``, ``recover_wild_text`` and
    ``prune_unwanted_sections`` it calls) is trafilatura's own code, run with the selections of
    :mod:`detector.page._xpaths` in place of the XPath expressions they stand for: copies of those functions
    whose global names ``BODY_XPATH`` and ``OVERALL_DISCARD_XPATH`` are bound to the selections.
    trafilatura's module is not touched, so ``trafilatura.extract`` itself runs as it always does.
    """

    # Every name below is a private part of trafilatura (module internals, underscored functions and
    # sets). Guarded by VERIFIED_WITH: on another release _STEPS is None and main_text calls the public
    # bare_extraction; tests/test_maintext.py fails loudly on that release, and test_maintext.py and
    # test_xpaths.py compare these steps with trafilatura's own on every seed page.
    def __init__(self) -> None:
        self.core = importlib.import_module("trafilatura.core")
        self.htmlprocessing = importlib.import_module("trafilatura.htmlprocessing")
        self.delete_element = importlib.import_module("trafilatura.xml").delete_element
        paths = importlib.import_module("trafilatura.xpaths")
        self.raw_prunes = (
            _xpaths.appended_articles(paths.RAW_TREE_PRUNE_XPATH[0]),
            _xpaths.share_buttons(paths.RAW_TREE_PRUNE_XPATH[1]),
        )
        self.comment_prunes = (_xpaths.comment_sections(paths.REMOVE_COMMENTS_AND_LISTS_XPATH[0]),)
        extractor = importlib.import_module("trafilatura.main_extractor")
        discard = [
            _xpaths.boilerplate(paths.OVERALL_DISCARD_XPATH[0]),
            _xpaths.hidden(paths.OVERALL_DISCARD_XPATH[1]),
        ]
        body = [_xpaths.article_body(paths.BODY_XPATH[0]), *paths.BODY_XPATH[1:]]
        prune_sections = _rebind(extractor.prune_unwanted_sections, OVERALL_DISCARD_XPATH=discard)
        main_pass = functools.partial(
            _main_pass, names=extractor, body_xpath=body, prune_unwanted_sections=prune_sections
        )
        self.extract_content = _rebind(
            extractor.extract_content,
            _extract=main_pass,
            recover_wild_text=_rebind(extractor.recover_wild_text, prune_unwanted_sections=prune_sections),
        )
        # the block elements html2txt puts spaces around (trafilatura.baseline is also a function's name)
        self.block_tags = tuple(sorted(importlib.import_module("trafilatura.baseline")._BLOCK_ELEMS))
        self.options = trafilatura.settings.Extractor(
            config=trafilatura.settings.DEFAULT_CONFIG,
            output_format="python",
            fast=True,
            precision=False,
            recall=False,
            comments=False,
            formatting=False,
            links=False,
            images=False,
            tables=True,
            dedup=False,
            lang=None,
            url=None,
            with_metadata=False,
            only_with_metadata=False,
            author_blacklist=None,
            url_blacklist=None,
            date_params=None,
        )

    def prunes(self, is_forum: bool) -> tuple[_xpaths.Selection, ...]:
        """trafilatura's raw-tree prunes for a page, in order (the comment prunes unless it is a forum thread)."""
        return self.raw_prunes if is_forum else self.raw_prunes + self.comment_prunes


def main_text(tree: HtmlElement, url: str | None = None) -> MainText | None:
    """trafilatura's main text of ``tree`` (left unchanged), or None where trafilatura finds none.

    Raises whatever trafilatura raises.
    """
    steps = _STEPS
    if steps is None:
        document = trafilatura.bare_extraction(tree, url=url, **_KEYWORDS)
        if document is None:
            return None
        assert isinstance(document, trafilatura.settings.Document)  # a dict only with as_dict=True
        # a document bare_extraction returns always has its text (the extracted body as text)
        return None if document.text is None else MainText(body=document.body, text=document.text)
    core, options = steps.core, steps.options
    # trafilatura_sequence with these options: no comments, fast, balanced focus
    prunes = steps.prunes(core._forum_thread_page(tree))
    if _xpaths.selects_any(tree, prunes):  # the prunes work on a copy: the caller's tree is left as it is
        tree = _prune(copy(tree), prunes, steps.delete_element)
    body, text = _extract(tree, options, url, steps)
    if len(text) < options.min_extracted_size:  # rescue: the baseline on the uncleaned tree (it copies)
        b_body, b_text, b_len = core.baseline(tree)
        if b_len > len(text):
            body, text = b_body, b_text
    if (
        0 < len(text) < core.ESCALATION_MAX_LENGTH
        and len(text) < core.ESCALATION_PAGE_SHARE * page_text_bound(tree, steps.block_tags)
        and len(text) < core.ESCALATION_PAGE_SHARE * len(core.html2txt(tree))
    ):
        recall = copy(options)
        recall.focus = "recall"
        r_text = ""
        try:
            r_body, r_text = _extract(tree, recall, url, steps)
        except Exception as exc:
            core.LOGGER.warning("recall retry failed: %s %s", exc, url)
        if len(r_text) >= options.min_extracted_size and len(r_text) > core.ESCALATION_ACCEPT_RATIO * len(
            text
        ):
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


def _prune(
    tree: HtmlElement,
    prunes: Iterable[_xpaths.Selection],
    delete_element: Callable[[etree._Element], object],
) -> HtmlElement:
    """``prune_unwanted_nodes`` with each of ``prunes`` in turn: the elements it selects are deleted in
    document order, their tails kept."""
    for prune in prunes:
        for element in prune(tree):
            delete_element(element)
    return tree


def _extract(
    tree: HtmlElement, options: trafilatura.settings.Extractor, url: str | None, steps: _Steps
) -> tuple[etree._Element, str]:
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


def _main_pass(
    tree: HtmlElement,
    options: trafilatura.settings.Extractor,
    *,
    names: Any,
    body_xpath: list,
    prune_unwanted_sections: Callable,
) -> tuple[etree._Element, str, set[str]]:
    """trafilatura's ``main_extractor._extract`` (release :data:`VERIFIED_WITH`), line for line, its module's
    names read from ``names`` and its ``BODY_XPATH`` and ``prune_unwanted_sections`` given, but for the
    test of the paragraphs' text: :func:`paragraph_text_reaches` in place of the length of the XPath
    ``//p//text()``'s strings (quadratic in libxml2), the same decision."""
    # init
    potential_tags = set(names.TAG_CATALOG)
    if options.tables is True:
        potential_tags.update(["table", "td", "th", "tr"])
    if options.images is True:
        potential_tags.add("graphic")
    if options.links is True:
        potential_tags.add("ref")
    result_body = names.Element("body")
    # iterate
    for expr in body_xpath:
        # select tree if the expression has been found
        subtree = next((s for s in expr(tree) if s is not None), None)
        if subtree is None:
            continue
        # prune the subtree
        subtree = prune_unwanted_sections(subtree, potential_tags, options)
        # skip if empty tree
        if len(subtree) == 0:
            continue
        # no paragraphs containing text, or not enough
        factor = 1 if options.focus == "precision" else 3
        if not paragraph_text_reaches(subtree, options.min_extracted_size * factor):
            potential_tags.add("div")
        names.LOGGER.debug(sorted(potential_tags))

        subelems = subtree.xpath(".//*")
        # a single text run (only lb or inline elements): process the frame itself
        # lb-only frames go there unconditionally, a failed main pass then hands them to the recovery
        tags = {e.tag for e in subelems}
        if tags == {"lb"} or (
            subtree.tag == "div" and "div" in potential_tags and tags <= names.INLINE_FORMATTABLE | {"lb"}
        ):
            subelems = [subtree]
        # the frame's own text before its first child, kept if the frame is accepted
        lead, start = None, len(result_body)
        if subelems != [subtree] and names.text_chars_test(subtree.text):
            lead = names.Element("p")
            lead.text = subtree.text
            lead = names.process_node(lead, options)
        # extract content
        for elem in subelems:
            # (trafilatura's comment) an element already moved into result_body with a div it was in is
            # not visited again
            if elem.getroottree().getroot() is result_body:
                continue
            # handlers may rename the element to "done", so read these first
            tag, tail = elem.tag, elem.tail
            processed_elem = names.handle_textelem(elem, potential_tags, options)
            if processed_elem is not None:
                result_body.append(processed_elem)
                # a copy leaves its source behind for a later, wider subtree
                if elem.getroottree().getroot() is not result_body:
                    elem.tag = "done"
            # text right after a rebuilt block is a paragraph of its own, like an <lb> tail,
            # unless the handler already carried it over (a code block copied as a whole)
            if (
                tag in names.REBUILT_BLOCKS
                and names.text_chars_test(tail)
                and (processed_elem is None or processed_elem.tail is None)
            ):
                tail_elem = names.Element("p")
                tail_elem.text = tail
                if names.process_node(tail_elem, options) is not None:
                    result_body.append(tail_elem)
        # remove trailing titles
        while len(result_body) > 0 and (result_body[-1].tag in names.NOT_AT_THE_END):
            names.delete_element(result_body[-1], keep_tail=False)
        # exit once there is real content, not just a lone image
        if sum(e.tag != "graphic" for e in result_body) > 1:
            names.LOGGER.debug(names.trim(str(expr)))
            if lead is not None:
                result_body.insert(start, lead)
            break
    temp_text = " ".join(result_body.itertext()).strip()
    return result_body, temp_text, potential_tags


def paragraph_text_reaches(tree: etree._Element, threshold: int) -> bool:
    """Whether the text inside the ``p`` elements of ``tree``'s document (``//p//text()``: the text of
    every element inside a ``p``, and every tail inside one) is there and ``threshold`` characters long
    or longer: ``bool(texts) and len("".join(texts)) >= threshold`` of that XPath's strings ``texts``.

    One pass over the paragraphs, in document order, which stops once the count reaches ``threshold``:
    a ``p`` inside another is skipped (its text is its outer paragraph's, which XPath counts once), and
    a comment's or processing instruction's own text is not text (its tail is).
    """
    total, found = 0, False
    inner: set[etree._Element] = set()  # the paragraphs inside a counted one (held: their proxies stay)
    for paragraph in tree.getroottree().getroot().iter("p"):
        if paragraph in inner:
            continue
        for node in paragraph.iter():
            if node is not paragraph:
                if node.tag == "p":
                    inner.add(node)
                if node.tail is not None:
                    found, total = True, total + len(node.tail)
            if isinstance(node.tag, str) and node.text is not None:
                found, total = True, total + len(node.text)
            if found and total >= threshold:
                return True
    return found and total >= threshold


# made last: its steps include functions defined above
_STEPS = _Steps() if trafilatura.__version__ == VERIFIED_WITH else None
