"""trafilatura's costliest XPath selections, made in Python: the same elements, in the same order.

trafilatura finds the article's container (``BODY_XPATH``), discards boilerplate inside it
(``OVERALL_DISCARD_XPATH``) and prunes appended articles and comment sections from the raw page
(``RAW_TREE_PRUNE_XPATH``, ``REMOVE_COMMENTS_AND_LISTS_XPATH``) with XPath expressions that test
regular expressions on ``id`` and ``class`` (``re:test``). lxml runs each such test as a call back
into Python, for every element an expression looks at: about a millisecond and a half a page. Here
each of those expressions is a :class:`Selection`, a Python test of the elements of the tags it
names, with the regular expressions read from trafilatura's own expression (compiled as lxml
compiles them). ``tests/test_xpaths.py`` checks each selection against its expression, on
generated trees and on the seed pages; :mod:`detector.page.maintext` uses them only with the
trafilatura release it was checked against.

XPath semantics kept: ``.//*`` is the descendants (not the element itself); an absent attribute is
the empty string; a test on ``@id|@class`` (or ``@id|@style``) sees the first of the two attributes
in the element's own attribute order, the node-set's first node.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from lxml import etree

_RE_TEST = re.compile(r"re:test\((@[\w|@-]+), '([^']*)'(?:, '(\w*)')?\)")


def regexes(expression: etree.XPath) -> list[tuple[str, re.Pattern[str]]]:
    """The ``(attributes, regular expression)`` of each ``re:test`` of ``expression``, in order."""
    return [
        (attributes, re.compile(pattern, re.IGNORECASE if "i" in flags else 0))
        for attributes, pattern, flags in _RE_TEST.findall(expression.path)
    ]


def _first(element: etree._Element, names: frozenset[str]) -> str:
    """The value of the first of the attributes ``names`` in ``element``'s attribute order, or ""."""
    # the attribute order only matters when several are set: ``get`` each, not a list of all attributes
    found = [value for value in map(element.get, names) if value is not None]
    if len(found) < 2:
        return found[0] if found else ""
    for name, value in element.items():
        if name in names:
            return value
    return ""


_ID_CLASS = frozenset({"id", "class"})
_ID_STYLE = frozenset({"id", "style"})


@dataclass(frozen=True, slots=True)
class Selection:
    """One of trafilatura's XPath expressions, made in Python: ``selection(tree)`` is ``expression(tree)``.

    Attributes
    ----------
    tags : the element names the expression looks at (``()``: every element).
    selects : whether the expression selects an element of those tags.
    first : the expression is only ever asked for its first element (trafilatura takes ``next``);
        the selection stops there and returns that element alone.
    """

    tags: tuple[str, ...]
    selects: Callable[[etree._Element], bool]
    first: bool = False

    def __call__(self, tree: etree._Element) -> list[etree._Element]:
        elements = tree.iterdescendants(*self.tags) if self.tags else tree.iterdescendants(etree.Element)
        if self.first:
            found = next((element for element in elements if self.selects(element)), None)
            return [] if found is None else [found]
        return [element for element in elements if self.selects(element)]


def selects_any(tree: etree._Element, selections: Iterable[Selection]) -> bool:
    """Whether one of ``selections`` (each looking at named tags) selects an element of ``tree``: one pass
    over the elements of all their tags, not one per selection."""
    by_tag: dict[str, list[Callable[[etree._Element], bool]]] = {}
    for selection in selections:
        for tag in selection.tags:
            by_tag.setdefault(tag, []).append(selection.selects)
    return any(
        selects(element) for element in tree.iterdescendants(*by_tag) for selects in by_tag[element.tag]
    )


def _patterns(expression: etree.XPath, expected: list[str]) -> list[re.Pattern[str]]:
    """The regular expressions of ``expression``, checked to test the ``expected`` attributes in order."""
    found = regexes(expression)
    if [attributes for attributes, _ in found] != expected:
        raise ValueError(f"unexpected re:test calls in trafilatura's expression {expression.path!r}")
    return [pattern for _, pattern in found]


def appended_articles(expression: etree.XPath) -> Selection:
    """``RAW_TREE_PRUNE_XPATH[0]``: infinite-scroll and appended-post containers (unless they hold an h1)."""
    any_id, any_class, box_id, box_class = (p.search for p in _patterns(expression, ["@id", "@class"] * 2))

    def selects(element: etree._Element) -> bool:
        id_, class_ = element.get("id") or "", element.get("class") or ""
        return bool(any_id(id_) or any_class(class_)) and (
            element.find(".//h1") is None or bool(box_id(id_) or box_class(class_))
        )

    return Selection(("div", "section", "aside"), selects)


def share_buttons(expression: etree.XPath) -> Selection:
    """``RAW_TREE_PRUNE_XPATH[1]`` (no regular expression: made here to test both prunes in one pass)."""
    _patterns(expression, [])
    return Selection(
        ("div", "section", "aside"), lambda e: "elementor-share-buttons" in (e.get("class") or "")
    )


def comment_sections(expression: etree.XPath) -> Selection:
    """``REMOVE_COMMENTS_AND_LISTS_XPATH[0]``: comment sections (lists only by a comment id or class)."""
    any_id, any_class, list_id, list_class = (p.search for p in _patterns(expression, ["@id", "@class"] * 2))

    def selects(element: etree._Element) -> bool:
        id_, class_ = element.get("id") or "", element.get("class") or ""
        return bool(any_id(id_) or any_class(class_)) and (
            element.tag not in ("ol", "ul") or bool(list_id(id_) or list_class(class_))
        )

    return Selection(("div", "list", "section", "details", "ol", "ul"), selects)


def boilerplate(expression: etree.XPath) -> Selection:
    """``OVERALL_DISCARD_XPATH[0]``: navigation, sharing, cookie, advertising and widget containers."""
    cookie, id_test, class_test = (p.search for p in _patterns(expression, ["@id|@class", "@id", "@class"]))

    def selects(element: etree._Element) -> bool:
        get = element.get
        return (
            get("data-lp-replacement-content") is not None
            or "nav" in (get("role") or "").replace("N", "n")
            or "MostPopularStories" in (get("data-component") or "")
            or bool(
                cookie(_first(element, _ID_CLASS))
                or id_test(get("id") or "")
                or class_test(get("class") or "")
            )
        )

    return Selection(("div", "item", "list", "p", "section", "span"), selects)


def hidden(expression: etree.XPath) -> Selection:
    """``OVERALL_DISCARD_XPATH[1]``: hidden elements, comment titles and reply forms."""
    hidden_test, id_test, class_test = (
        p.search for p in _patterns(expression, ["@id|@style", "@id", "@class"])
    )

    def selects(element: etree._Element) -> bool:
        get = element.get
        style = get("style") or ""
        return (
            get("class") == "comments-title"
            or _first(element, _ID_CLASS).startswith("reply-")
            or bool(hidden_test(_first(element, _ID_STYLE)))
            or "display:none" in style
            or "display: none" in style
            or bool(id_test(get("id") or "") or class_test(get("class") or ""))
            or get("aria-hidden") == "true"
        )

    return Selection((), selects)


def article_body(expression: etree.XPath) -> Selection:
    """``BODY_XPATH[0]``, of which trafilatura takes the first element: the first article, div, main or
    section with an article-body id, class or itemprop (the first in document order is also the first
    among its matching siblings, which the expression's ``[1]`` asks for)."""
    id_test, class_test = (p.search for p in _patterns(expression, ["@id", "@class"]))

    def selects(element: etree._Element) -> bool:
        get = element.get
        class_ = get("class")
        return (
            class_ in ("post", "entry")
            or get("itemprop") == "articleBody"
            or get("id") == "articleContent"
            or bool(id_test(get("id") or "") or class_test(class_ or ""))
        )

    return Selection(("article", "div", "main", "section"), selects, first=True)
