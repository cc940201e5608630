"""Text a page hides from its readers: what segmentation leaves out, and what CSS conceals.

Two notions of hidden, one a part of the other:

* hidden by markup (:func:`hidden_by_markup`, with :data:`INVISIBLE_TAGS`): what segmentation
  (:mod:`detector.page.extract`) leaves out of the page's paragraphs: the ``hidden`` attribute,
  ``aria-hidden="true"``, and an inline ``display:none`` or ``visibility:hidden``;
* concealed (:func:`find_concealed`): that, and text that CSS hides from sight while a browser still lays
  it out: a ``<style>`` rule of ``display:none`` or ``visibility:hidden``, a zero font size, an
  element pushed off screen, text coloured like its background. Segmentation does not act on these
  (the paragraphs, the model's features and the model stay as they were: such text is still scored as
  a paragraph), but the hidden-text signal (:mod:`detector.signals.page_signals`) reads them.

A page's markup and style sheets are hostile: every pass here is bounded (the constants below), and the
style sheet is read with a linear tokenizer; only rules with a simple selector (``tag``, ``.class``,
``#id``, ``tag.class``, ``tag#id``) outside any ``@media`` or other at-rule count (responsive hiding,
``@media (max-width: 600px) { .desktop { display: none } }``, is layout, not concealment).

What marks hidden text as benign (a screen-reader label, a menu, a dialog) is data, in
``concealment.toml``.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from itertools import islice
from typing import Any
from urllib.parse import urlsplit

from lxml import etree
from lxml.html import HtmlElement

from .structure import attribute_words

#: Tags whose content is never page text (scripts, styles, templates, ``<noscript>``, media ...).
INVISIBLE_TAGS = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "head",
        "svg",
        "math",
        "iframe",
        "object",
        "embed",
        "canvas",
        "select",
        "option",
        "datalist",
        "audio",
        "video",
        "source",
        "track",
        "map",
        "area",
        "input",
        "textarea",
        "meta",
        "link",
        "base",
        "title",
    ]
)
#: The attributes that may hide an element (their elements are their parents).
MAY_HIDE = etree.XPath("//@hidden|//@aria-hidden|//@style")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)

#: Elements examined by :func:`find_concealed` (in document order); the rest of the page is not read.
#: PageLimits.max_elements already keeps a page to 20,000 tags.
MAX_ELEMENTS = 20_000
#: Concealed elements kept per page, and characters of text read from each and from all of them: a
#: keyword list or a link farm shows itself in far less.
MAX_REGIONS = 200
MAX_REGION_CHARS = 5_000
MAX_CONCEALED_CHARS = 50_000
#: Links counted in one concealed element (their texts kept: at most 20).
MAX_REGION_LINKS = 500
_MAX_LINK_TEXTS = 20
#: Characters of ``<style>`` text read per page, and rules kept: a real page's own style sheets hold a
#: few hundred rules; the rest of a megabyte of CSS is not read.
MAX_STYLE_CHARS = 300_000
MAX_STYLE_RULES = 5_000
#: Characters of one ``style`` attribute or one rule's declarations read.
MAX_DECLARATION_CHARS = 2_000
#: Containers looked at above a concealed element for benign evidence (a menu, a dialog).
MAX_ANCESTORS = 16
#: Links to one host that make it the page's own (when no canonical URL names it): a site links to itself
#: again and again; a link farm's one link to each of its sites makes none of them the page's.
MIN_OWN_HOST_LINKS = 3
#: Links read to tell the page's own host (when it names no canonical URL), and characters of one URL read.
MAX_HOST_LINKS = 2_000
_MAX_URL = 2_000
#: Pixels off screen: no layout puts readable text a thousand pixels outside its box; the image
#: replacement and off-screen tricks use -999px to -99999px.
OFFSCREEN_PX = 1_000

# CSS tokens: a run of anything but braces, then a brace; possessive, one pass (linear)
# a brace: each piece of a sheet runs from the previous brace to the next one (a scan for the braces alone is
# linear; a pattern for "text then a brace" is retried from every position of a brace-less tail: quadratic)
_BRACE = re.compile(r"[{}]")
_SIMPLE_SELECTOR = re.compile(r"(?P<tag>[a-z][a-z0-9]{0,15})?(?:(?P<mark>[.#])(?P<name>[\w-]{1,64}))?")
_PIXELS = re.compile(r"(-?\d{1,9}(?:\.\d{1,4})?)(px|em|rem|pt|%|vw)?")
_ZERO = re.compile(r"0(?:\.0{1,4})?(?:px|em|rem|pt|%|vw|vh)?")
_HEX = re.compile(r"#[0-9a-f]{3,8}")
_RGB = re.compile(r"rgba?\((\d{1,3}),(\d{1,3}),(\d{1,3})(?:,(1|1\.0{1,4}|0?\.\d{1,4}|0))?\)")
_NAMED_COLOURS = {"white": "#ffffff", "black": "#000000", "red": "#ff0000", "transparent": "transparent"}


def hidden_by_markup(el: HtmlElement) -> bool:
    """Whether segmentation leaves ``el`` out: a ``hidden`` attribute, ``aria-hidden="true"``, or an inline
    ``display:none`` / ``visibility:hidden``."""
    get = el.get
    if get("hidden") is not None:
        return True
    aria = get("aria-hidden")
    if aria is not None and aria.lower() == "true":
        return True
    style = get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


@dataclass(slots=True)
class Concealed:
    """One element whose text is hidden from sight, with everything inside it.

    Attributes
    ----------
    technique : how it is hidden (``display:none``, ``visibility:hidden``, ``hidden attribute``,
        ``aria-hidden``, ``font-size:0``, ``off-screen``, ``colour of its background``), and where
        (``inline style`` or the rule's selector).
    text : its text (scripts, templates and the like left out; at most :data:`MAX_REGION_CHARS`).
    links : links (``<a href>``) inside it.
    link_texts : the first of their texts.
    external_links : those of its links that lead to another site than the page's own (its canonical
        URL's host, else the host most of its links lead to): a site's hidden menus and widgets link to
        the site itself, a link farm elsewhere.
    unlinked : its text outside links (each link a line break): a list of links is a menu, judged by
        where its links lead, not a list of keywords.
    benign : the evidence that it is hidden for the reader's sake (``class "sr-only"``, ``<nav>``), or
        None.
    """

    technique: str
    text: str
    links: int = 0
    link_texts: list[str] = field(default_factory=list)
    benign: str | None = None
    external_links: int = 0
    unlinked: str = ""


@dataclass(frozen=True, slots=True)
class _Benign:
    words: frozenset[str]
    tags: frozenset[str]
    roles: frozenset[str]


@functools.cache
def load_benign() -> _Benign:
    """The packaged ``concealment.toml``."""
    data = tomllib.loads(resources.files("detector.page").joinpath("concealment.toml").read_text("utf-8"))
    benign = data["benign"]
    return _Benign(
        words=frozenset(w.lower() for w in benign["words"]),
        tags=frozenset(benign["tags"]),
        roles=frozenset(benign["roles"]),
    )


@functools.lru_cache(maxsize=4096)
def _benign_words(value: str) -> str | None:
    words = load_benign().words
    for word in attribute_words(value):
        if word in words:
            return word
    return None


def benign_evidence(el: HtmlElement) -> str | None:
    """What says ``el`` or one of its containers (up to :data:`MAX_ANCESTORS`) is hidden for the reader's
    sake (``class "sr-only"``, ``<nav>``, ``role dialog``), or None."""
    benign = load_benign()
    node: Any = el
    for _ in range(MAX_ANCESTORS):
        if node is None or not isinstance(node.tag, str):
            break
        if node.tag in benign.tags:
            return f"<{node.tag}>"
        role = node.get("role")
        if role and role.lower().split()[:1] and role.lower().split()[0] in benign.roles:
            return f"role {role.lower().split()[0]}"
        for attribute in ("class", "id"):
            value = node.get(attribute)
            if value:
                word = _benign_words(value[:256])
                if word is not None:
                    return f'{attribute} "{word}"'
        node = node.getparent()
    return None


# --- style sheets -----------------------------------------------------------------------------------


def declarations(text: str) -> dict[str, str]:
    """The declarations of a ``style`` attribute or a rule, lowercased, spaces and ``!important`` out."""
    found: dict[str, str] = {}
    for part in islice(text[:MAX_DECLARATION_CHARS].split(";"), 64):
        name, colon, value = part.partition(":")
        if colon:
            value = "".join(value.lower().replace("!important", "").split())
            found["".join(name.lower().split())] = value
    return found


@dataclass(slots=True)
class StyleSheet:
    """The simple rules of a page's ``<style>`` elements, by what they select.

    ``rules`` maps ``tag``, ``.class`` or ``#id`` to ``(tag or None, declarations, selector)`` in the
    sheet's order (a later rule wins, as specificity aside a browser does).
    """

    rules: dict[str, list[tuple[str | None, dict[str, str], str]]] = field(default_factory=dict)
    count: int = 0
    chars: int = 0

    def add(self, text: str) -> None:
        """Read the top-level simple rules of one ``<style>`` element's text (within the page's budget)."""
        text = text[: max(0, MAX_STYLE_CHARS - self.chars)]
        self.chars += len(text)
        text = _without_comments(text)
        depth = 0
        selectors = ""
        start = 0
        for brace in _BRACE.finditer(text):
            piece = text[start : brace.end()]
            start = brace.end()
            if piece.endswith("{"):
                if depth == 0:
                    selectors = piece[:-1]
                depth += 1
            else:
                if depth == 1 and not selectors.lstrip().startswith("@"):
                    self._rule(selectors, piece[:-1])
                depth = max(0, depth - 1)
            if self.count >= MAX_STYLE_RULES:
                return

    def _rule(self, selectors: str, body: str) -> None:
        found = declarations(body)
        if not _conceals(found) and not _colour_of(found, "color") and not _background_of(found):
            return  # a rule that neither hides nor colours is of no use here
        for selector in islice(selectors.split(","), 16):
            selector = selector.strip().lower()
            match = _SIMPLE_SELECTOR.fullmatch(selector)
            if not selector or match is None:
                continue
            tag, mark, name = match.group("tag"), match.group("mark"), match.group("name")
            key = f"{mark}{name}" if mark else tag
            self.rules.setdefault(key, []).append((tag if mark else None, found, selector))
            self.count += 1

    def matching(self, el: HtmlElement) -> tuple[dict[str, str], str | None]:
        """The declarations the rules give ``el`` (merged in order) and the selector of the last rule that
        hides it, if any."""
        if not self.rules:
            return {}, None
        tag = el.tag
        keys = [tag]
        classes = el.get("class")
        if classes:
            keys.extend(f".{c.lower()}" for c in islice(classes[:256].split(), 8))
        ident = el.get("id")
        if ident:
            keys.append(f"#{ident[:64].lower()}")
        merged: dict[str, str] = {}
        hiding = None
        for key in keys:
            for only_tag, found, selector in self.rules.get(key, ()):
                if only_tag is None or only_tag == tag:
                    merged.update(found)
                    if _conceals(found):
                        hiding = selector
        return merged, hiding


def _without_comments(text: str) -> str:
    """CSS without its ``/* comments */`` (a scan with ``str.find``: linear)."""
    if "/*" not in text:
        return text
    parts = []
    start = 0
    while True:
        opening = text.find("/*", start)
        if opening < 0:
            parts.append(text[start:])
            break
        parts.append(text[start:opening])
        closing = text.find("*/", opening + 2)
        if closing < 0:
            break
        start = closing + 2
    return "".join(parts)


# --- what hides an element ------------------------------------------------------------------------------


def _conceals(found: dict[str, str]) -> str | None:
    """The technique that the declarations ``found`` hide an element with, or None."""
    if found.get("display") == "none":
        return "display:none"
    if found.get("visibility") in ("hidden", "collapse"):
        return "visibility:hidden"
    size = found.get("font-size")
    if size is not None and _ZERO.fullmatch(size):
        return "font-size:0"
    indent = found.get("text-indent")
    if indent is not None and _far_off(indent):
        return "off-screen"
    if found.get("position") in ("absolute", "fixed") and any(
        _far_off(found.get(side, "")) for side in ("left", "top", "right")
    ):
        return "off-screen"
    return None


def _far_off(value: str) -> bool:
    match = _PIXELS.match(value)
    if match is None:
        return False
    number, unit = float(match.group(1)), match.group(2) or "px"
    pixels = number * (16 if unit in ("em", "rem") else 1)
    return unit in ("px", "em", "rem", "pt") and pixels <= -OFFSCREEN_PX


def _colour(value: str) -> str | None:
    """A colour value normalised (``#fff`` and ``white`` give ``#ffffff``), or None."""
    if _HEX.fullmatch(value):
        if len(value) == 4:
            return "#" + "".join(c * 2 for c in value[1:])
        return value[:7] if len(value) in (7, 9) else None
    rgb = _RGB.fullmatch(value)
    if rgb:
        alpha = rgb.group(4)
        if alpha is not None and float(alpha) < 1:
            return None  # a translucent colour is not its background's
        return "#" + "".join(f"{min(int(c), 255):02x}" for c in rgb.groups()[:3])
    return _NAMED_COLOURS.get(value, value if value.isalpha() and len(value) <= 20 else None)


def _colour_of(found: dict[str, str], name: str) -> str | None:
    value = found.get(name)
    return None if value is None else _colour(value)


def _background_of(found: dict[str, str]) -> str | None:
    """The background colour the declarations give, when one plain colour is all of it (an image or a
    gradient may be what the text stands out against)."""
    colour = _colour_of(found, "background-color")
    if colour is None:
        colour = _colour_of(found, "background")
    return None if colour == "transparent" else colour


# --- links ---------------------------------------------------------------------------------------------


def url_host(url: str) -> str | None:
    """The host of an absolute URL, without ``www.`` (None for a relative URL or one that cannot be read)."""
    try:
        host = urlsplit(url[:_MAX_URL].strip()).hostname
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None


_CANONICAL = etree.XPath(
    '//link[@rel="canonical"]/@href|//meta[@property="og:url"]/@content', smart_strings=False
)


def own_host(tree: HtmlElement) -> str | None:
    """The page's own host: its canonical URL's, else the host most of its first links lead to."""
    for url in islice(_CANONICAL(tree), 4):
        host = url_host(url)
        if host:
            return host
    hosts = Counter(url_host(a.get("href") or "") for a in islice(tree.iter("a"), MAX_HOST_LINKS))
    hosts.pop(None, None)
    host, n = hosts.most_common(1)[0] if hosts else (None, 0)
    return host if n >= MIN_OWN_HOST_LINKS else None


def _elsewhere(url: str, own: str | None) -> bool:
    """Whether ``url`` leads to another site than ``own`` (a subdomain of the site is the site)."""
    host = url_host(url)
    if host is None:
        return False
    return own is None or not (host == own or host.endswith("." + own) or own.endswith("." + host))


# --- the walk ------------------------------------------------------------------------------------------


def find_concealed(tree: HtmlElement) -> list[Concealed]:
    """Every element of ``tree`` whose text is hidden from sight (the outermost one of each hidden
    subtree), in document order, within the bounds above. Never changes the tree."""
    sheet = StyleSheet()
    for style in islice(tree.iter("style"), 256):
        if style.text and sheet.chars < MAX_STYLE_CHARS:
            sheet.add(style.text)
    own = own_host(tree)
    found: list[Concealed] = []
    chars = 0
    # elements looked at, by the walk and by the reading of hidden subtrees together
    examined = [0]
    # (element, the background colour it stands on); a hidden subtree is read whole, not walked further
    stack: list[tuple[Any, str | None]] = [(tree, None)]
    while stack and examined[0] < MAX_ELEMENTS and len(found) < MAX_REGIONS and chars < MAX_CONCEALED_CHARS:
        el, background = stack.pop()
        tag = el.tag
        if not isinstance(tag, str) or tag in INVISIBLE_TAGS:
            continue
        examined[0] += 1
        technique, background = _technique(el, sheet, background)
        if technique is not None:
            region = _read(el, technique, MAX_CONCEALED_CHARS - chars, examined, own)
            if region.text.strip() or region.links:
                region.benign = benign_evidence(el)
                found.append(region)
                chars += len(region.text)
            continue
        children = list(islice(el, MAX_ELEMENTS))
        stack.extend((child, background) for child in reversed(children))
    return found


def _technique(el: HtmlElement, sheet: StyleSheet, background: str | None) -> tuple[str | None, str | None]:
    """How ``el`` is hidden (None: it is not) and the background its children stand on."""
    if el.get("hidden") is not None:
        return "hidden attribute", background
    aria = el.get("aria-hidden")
    if aria is not None and aria.lower() == "true":
        return "aria-hidden", background
    ruled, selector = sheet.matching(el)
    inline = el.get("style")
    own = {**ruled, **declarations(inline)} if inline else ruled
    if not own:
        return None, background
    technique = _conceals(own)
    if technique is not None:
        where = "inline style" if inline and _conceals(declarations(inline)) else f"rule {selector}"
        return f"{technique} ({where})", background
    if hidden_by_markup(el):  # segmentation's own reading of an inline style, should the two ever differ
        return "display:none (inline style)", background
    background = _background_of(own) or background
    colour = _colour_of(own, "color")
    if colour is not None and background is not None and colour == background:
        return f"colour of its background ({colour})", background
    return None, background


def _read(el: HtmlElement, technique: str, budget: int, examined: list[int], own: str | None) -> Concealed:
    """The text and links of hidden ``el`` (scripts, templates and the like left out), within ``budget``
    characters and :data:`MAX_REGION_CHARS`; ``examined`` counts the elements looked at, which stop at
    :data:`MAX_ELEMENTS` for the whole page."""
    budget = min(budget, MAX_REGION_CHARS)
    parts: list[str] = []
    size = 0
    links = external = 0
    link_texts: list[str] = []
    unlinked: list[str] = []
    for text, link, linked in _texts(el, examined):
        if link is not None:
            url, label = link
            links += 1
            external += _elsewhere(url, own)
            if len(link_texts) < _MAX_LINK_TEXTS and label:
                link_texts.append(" ".join(label.split())[:80])
            if links >= MAX_REGION_LINKS:
                break
            continue
        piece = text[: budget - size]
        parts.append(piece)
        unlinked.append("\n" if linked else piece)
        size += len(piece)
        if size >= budget:
            break
    return Concealed(
        technique=technique,
        text="".join(parts),
        links=links,
        link_texts=link_texts,
        external_links=external,
        unlinked="".join(unlinked),
    )


def _texts(el: HtmlElement, examined: list[int]) -> Iterator[tuple[str, tuple[str, str] | None, bool]]:
    """The text pieces of ``el``'s subtree in order, ``(text, None, inside a link)``, and for each link
    ``("", (its URL, its text), True)``; the subtrees of :data:`INVISIBLE_TAGS` give nothing (their tails
    do). Stops when ``examined`` reaches :data:`MAX_ELEMENTS`."""
    stack: list[tuple[Any, bool, bool]] = [(el, False, False)]  # (element, only its tail, inside a link)
    while stack and examined[0] < MAX_ELEMENTS:
        node, tail_only, linked = stack.pop()
        tag = node.tag
        if tail_only:
            if tag in _BREAKS:
                yield "\n", None, linked
            if node.tail:
                yield node.tail, None, linked
            continue
        examined[0] += 1
        if isinstance(tag, str) and tag not in INVISIBLE_TAGS:
            if tag in _BREAKS:
                yield "\n", None, linked
            inner = linked
            if tag == "a" and node.get("href"):
                inner = True
                yield "", (node.get("href"), " ".join(islice(node.itertext(), 32))), True
            if node.text:
                yield node.text, None, inner
            if node is not el:
                stack.append((node, True, linked))
            stack.extend((child, False, inner) for child in reversed(list(islice(node, MAX_ELEMENTS))))
        elif node is not el and node.tail:
            yield node.tail, None, linked
    # the element's own tail is its parent's text, not hidden


# block-level tags: their text is a line of its own ("<li>a</li><li>b</li>" reads "a\nb", not "ab")
_BREAKS = frozenset(
    {"p", "div", "li", "br", "td", "th", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd"}
)
