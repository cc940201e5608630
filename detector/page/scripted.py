"""The article a page's scripts render, for pages that show none without them.

Some pages ship their article where only a script puts it on screen: an HTML template in a
``<script type="text/template">`` that the page's code inserts, or the ``articleBody`` of the page's
JSON-LD, which single-page applications render client-side. A browser shows that text; a parser that
runs no script sees a page of menus. So when trafilatura finds less main text than such a source holds
(:func:`render_scripted`), the source is put into the tree where a browser would show it, and the page
is read again. A page whose own markup already holds its article is left as it is: templates there are
widgets and dialogs, and JSON-LD repeats the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import islice

from lxml import etree
from lxml.html import HtmlElement

from .structure import MAX_SCRIPT_CHARS, jsonld_nodes, parse_jsonld

#: Script types whose content is HTML for the page's code to insert.
_TEMPLATE_TYPES = ("text/template", "text/html", "text/x-template", "text/x-handlebars-template")
_SCRIPTS = etree.XPath("//script[@type]")
#: Unrendered placeholders (``{{name}}``, ``<%= name %>``, ``${name}``): a template that still needs
#: data is not what the reader sees.
_PLACEHOLDER = re.compile(r"\{\{|<%|\$\{")
#: A source must hold this many characters of text, and twice the main text found without it.
MIN_CHARS = 1000
_MAX_ITEMS = 256  # JSON-LD objects looked at per script
# Where a sentence ends and the next one starts: a run of sentences is cut into paragraphs of a
# readable size when the JSON-LD body has no line breaks.
_SENTENCE_END = re.compile(r"(?<=[.!?…\"”])\s++(?=[\"“‘(]?[A-Z0-9])")
_PARAGRAPH_CHARS = 600


def render_scripted(tree: HtmlElement, main_chars: int, parse: Callable[[str], HtmlElement | None]) -> bool:
    """Insert the article the page's scripts render into ``tree``, when it holds more than twice the
    ``main_chars`` characters of main text found without it (and at least :data:`MIN_CHARS`); return
    whether anything was inserted.

    ``parse`` reads a template's HTML into a ``div`` (or None: it is left out), with the same limits as
    the page. Templates come first, in place of their script; else the longest JSON-LD ``articleBody``,
    at the end of the body.
    """
    need = max(MIN_CHARS, 2 * main_chars)
    templates, jsonld = [], []
    for script in _SCRIPTS(tree):
        source = script.text or ""
        if (
            need <= len(source) <= MAX_SCRIPT_CHARS
        ):  # a source holds at most as much text as it has characters
            kind = script.get("type", "").strip().lower()
            if kind in _TEMPLATE_TYPES:
                templates.append(script)
            elif kind == "application/ld+json" and "articleBody" in source:
                jsonld.append(source)
    rendered = False
    for script in templates:
        source = script.text or ""
        if _PLACEHOLDER.search(source):
            continue
        fragment = parse(source)
        if fragment is None or len(" ".join(" ".join(fragment.itertext()).split())) < need:
            continue
        fragment.tail = script.tail
        script.getparent().replace(script, fragment)
        rendered = True
    if rendered:
        return True
    body = _longest_article_body(jsonld)
    if len(body) < need:
        return False
    container = tree.find(".//body")
    container = container if container is not None else tree
    article = etree.SubElement(container, "div", {"class": "article-body"})
    for text in _paragraphs(body):
        etree.SubElement(article, "p").text = text
    return True


def _longest_article_body(scripts: list[str]) -> str:
    best = ""
    for source in scripts:
        for item in islice(jsonld_nodes(parse_jsonld(source)), _MAX_ITEMS):
            body = item.get("articleBody") if isinstance(item, dict) else None
            if isinstance(body, str) and len(body) > len(best):
                best = body
    return best


def _paragraphs(body: str) -> list[str]:
    """The paragraphs of a JSON-LD body: its lines, or runs of sentences where it has no line breaks."""
    lines = [line.strip() for line in body.splitlines() if line.strip()]
    if len(lines) > 1:
        return lines
    paragraphs: list[str] = []
    current: list[str] = []
    size = 0
    for sentence in _SENTENCE_END.split(body.strip()):
        current.append(sentence)
        size += len(sentence) + 1
        if size >= _PARAGRAPH_CHARS:
            paragraphs.append(" ".join(current))
            current, size = [], 0
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs
