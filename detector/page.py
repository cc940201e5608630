"""A page split into its visible blocks of text, with trafilatura's view of the main text.

HTML is parsed once with lxml. The detector walks the whole tree to list every visible block in
document order, and hands the same tree to trafilatura, which picks the main text and the
title. Blocks trafilatura leaves out (author boxes, sidebars, related links ...) are kept with
``in_main_text=False``, so that spam hidden in places trafilatura discards is still scored.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

import lxml.html
import trafilatura
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.metadata import examine_meta, extract_meta_json, extract_title
from trafilatura.settings import Document
from trafilatura.utils import load_html

from .decoding import decode, looks_like_html
from .exceptions import EmptyInputError, ParseError

logger = logging.getLogger(__name__)

# Elements that start and end a block of text. Text directly inside any of them is one paragraph.
_BLOCK_TAGS = frozenset(
    "p h1 h2 h3 h4 h5 h6 li td th dt dd summary figcaption caption pre blockquote div section article "
    "aside header footer nav main ul ol dl table tr tbody thead tfoot form figure details body html "
    "address center fieldset legend menu hgroup dialog output label".split()
)
# The kind a block takes from its nearest ancestor with one of these tags.
_KIND_OF_TAG = {
    **{f"h{i}": "heading" for i in range(1, 7)},
    "li": "list_item",
    "td": "table_cell",
    "th": "table_cell",
    "dt": "term",
    "dd": "definition",
    "summary": "summary",
    "figcaption": "caption",
    "caption": "caption",
    "pre": "code",
    "blockquote": "quote",
    "address": "paragraph",
}
_INVISIBLE_TAGS = frozenset(
    "script style noscript template head svg math iframe object embed canvas select option datalist "
    "audio video source track map area input textarea button meta link base title".split()
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_SPACES = re.compile(r"[^\S\n]+")
_FOLD = re.compile(r"\s+")
_QUESTION_END = re.compile(r"(\?|›|»)\s*$")


def fold(text: str) -> str:
    """Fold every run of white space (including no-break spaces and newlines) to one space."""
    return _FOLD.sub(" ", text).strip()


@dataclass(slots=True)
class Block:
    """One visible paragraph of a page.

    Attributes
    ----------
    index : position in the page, from 0.
    text : the visible text (white space collapsed as a browser would; ``<br>`` kept as a newline).
    kind : ``heading``, ``paragraph``, ``list_item``, ``quote``, ``table_cell``, ``term``,
        ``definition``, ``summary``, ``caption`` or ``code``.
    in_main_text : whether trafilatura kept this block in the page's main text.
    section : text of the nearest heading above the block, if any.
    qa_role : ``"question"``, ``"answer"`` or ``None``.
    qa_run : number of questions in the question/answer run the block belongs to (0 outside one).
    """

    index: int
    text: str
    kind: str
    in_main_text: bool = True
    section: str | None = None
    qa_role: str | None = None
    qa_run: int = 0


@dataclass(slots=True)
class Page:
    """A parsed page: its blocks in order and its title."""

    source: str
    blocks: list[Block]
    title: str | None = None
    is_html: bool = False
    main_text_found: bool = False


def extract_page(data: bytes | str, *, source: str = "<input>", content_type: str = "auto",
                 max_bytes: int | None = None) -> Page:
    """Decode and split a page into blocks.

    Parameters
    ----------
    data : HTML or plain text, as bytes (any declared or sniffed encoding) or str.
    source : a name for the page (file path, URL), kept in the report.
    content_type : ``"html"``, ``"text"`` or ``"auto"`` (sniffed from the content).
    max_bytes : refuse inputs larger than this.

    Raises
    ------
    InputError
        Empty, binary, too large or unparseable input.
    """
    text = decode(data, max_bytes=max_bytes)
    if content_type not in ("auto", "html", "text"):
        raise ValueError(f"content_type must be 'auto', 'html' or 'text', not {content_type!r}")
    is_html = content_type == "html" or (content_type == "auto" and looks_like_html(text))
    page = _html_page(text, source) if is_html else _text_page(text, source)
    if not page.blocks:
        raise EmptyInputError("the page has no visible text")
    _mark_questions(page.blocks)
    return page


# --- plain text ---------------------------------------------------------------------------------

def _text_page(text: str, source: str) -> Page:
    lines = [line.strip() for line in text.splitlines()]
    blocks = [Block(index=i, text=line, kind="paragraph") for i, line in enumerate(filter(None, lines))]
    for i, block in enumerate(blocks):
        nxt = blocks[i + 1].text if i + 1 < len(blocks) else ""
        if _looks_like_heading(block.text) and len(nxt.split()) > len(block.text.split()):
            block.kind = "heading"
    title = _text_title(blocks)
    _assign_sections(blocks)
    return Page(source=source, blocks=blocks, title=title, is_html=False, main_text_found=True)


def _looks_like_heading(line: str) -> bool:
    words = line.split()
    return 2 <= len(words) <= 16 and not line.rstrip().endswith((".", ",", ";", "”", '"', ":"))


def _text_title(blocks: list[Block]) -> str | None:
    candidates = [b.text for b in blocks[:6] if 3 <= len(b.text.split()) <= 25 and not b.text.endswith((".", ","))]
    return max(candidates, key=len) if candidates else None


# --- HTML ---------------------------------------------------------------------------------------

def _html_page(text: str, source: str) -> Page:
    try:
        tree = load_html(text)
        if tree is None:  # trafilatura refuses fragments such as "<p>…</p>"; a browser shows them
            tree = lxml.html.document_fromstring(text)
    except Exception as exc:  # lxml raises several unrelated types on hostile input
        raise ParseError(f"the HTML could not be parsed: {exc}") from exc
    if tree is None or not isinstance(tree, HtmlElement):
        raise ParseError("the HTML could not be parsed into a document tree")
    blocks = _visible_blocks(tree)
    document = _trafilatura_document(tree, source)
    page = Page(source=source, blocks=blocks, is_html=True)
    if document is not None:
        page.title = document.title or None
        page.main_text_found = _mark_main_text(blocks, document)
    if not page.title:
        heading = next((b.text for b in blocks if b.kind == "heading"), None)
        page.title = heading
    _assign_sections(blocks)
    return page


def _trafilatura_document(tree: HtmlElement, source: str):
    """trafilatura's main text of the page, and its title (the only metadata the detector uses).

    Only the title is read from the metadata, the way trafilatura reads it (meta tags, JSON-LD, then
    the document), which spares the costly date and author searches.
    """
    try:
        title = _page_title(tree)
        document = trafilatura.bare_extraction(
            tree, with_metadata=False, include_tables=True, include_comments=False, include_formatting=False,
            url=source if source.startswith(("http://", "https://")) else None,
        )
    except Exception as exc:  # trafilatura is a heuristic extractor: a failure leaves blocks unmarked
        logger.warning("trafilatura failed on %s: %s", source, exc)
        return None
    if document is not None:
        document.title = title
    return document


def _page_title(tree: HtmlElement) -> str | None:
    """The page title as ``trafilatura.extract_metadata`` finds it."""
    metadata = examine_meta(tree)
    try:
        metadata = extract_meta_json(tree, metadata)
    except Exception:  # as in trafilatura: JSON-LD parsing bugs must not stop the extraction
        pass
    if not metadata.title:
        metadata.title = extract_title(tree)
    title = Document()
    title.title = metadata.title
    title.clean_and_trim()
    return title.title


def _hidden(el: HtmlElement) -> bool:
    attrib = el.attrib
    if "hidden" in attrib or attrib.get("aria-hidden", "").lower() == "true":
        return True
    style = attrib.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


def _block_kind(tag: str, parent_kind: str) -> str:
    """The kind of a block opened by ``tag`` inside a block of ``parent_kind``."""
    if tag in _KIND_OF_TAG:
        return _KIND_OF_TAG[tag]
    if parent_kind == "quote":
        return "quote"  # a <p> inside a <blockquote> is still quoted text
    if parent_kind in ("list_item", "table_cell", "definition") and tag in ("p", "div"):
        return parent_kind
    return "paragraph"


def _visible_blocks(tree: HtmlElement) -> list[Block]:
    """Walk the tree in document order and collect the text of every visible block."""
    blocks: list[Block] = []
    buffer: list[str] = []
    kinds: list[str] = ["paragraph"]  # stack of the kinds of open block elements
    skip_depth = 0
    buffer_kind = "paragraph"

    def flush() -> None:
        if buffer:
            text = "\n".join(part.strip() for part in _SPACES.sub(" ", "".join(buffer)).split("\n"))
            text = re.sub(r"\n{2,}", "\n", text).strip()
            if text:
                blocks.append(Block(index=len(blocks), text=text, kind=buffer_kind))
            buffer.clear()

    def add(text: str | None) -> None:
        nonlocal buffer_kind
        if text:
            if not buffer:
                buffer_kind = kinds[-1]
            buffer.append(text.replace("\n", " ").replace("\r", " "))

    for event, el in etree.iterwalk(tree, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else None
        if event == "start":
            if skip_depth or tag is None or tag in _INVISIBLE_TAGS or _hidden(el):
                skip_depth += 1
                continue
            if tag in _BLOCK_TAGS:
                flush()
                kinds.append(_block_kind(tag, kinds[-1]))
            elif tag == "br":
                if buffer:
                    buffer.append("\n")
            add(el.text)
        else:
            if skip_depth:
                skip_depth -= 1
                if skip_depth == 0 and el.tail:
                    add(el.tail)  # the tail of a skipped element is visible text of its parent
                continue
            if tag in _BLOCK_TAGS:
                flush()
                kinds.pop()
            add(el.tail)
    flush()
    return blocks


def _mark_main_text(blocks: list[Block], document) -> bool:
    """Set ``in_main_text`` from trafilatura's main text; return whether it found any."""
    body = getattr(document, "body", None)
    main = fold(document.text or "")
    if body is None or not main:
        for block in blocks:
            block.in_main_text = False
        return False
    pieces = {fold(" ".join(el.itertext())) for el in body.iter() if isinstance(el.tag, str)}
    for block in blocks:
        text = fold(block.text)
        block.in_main_text = text in pieces or (len(text) >= 25 and text in main)
    return True


# --- structure shared by both kinds of input ----------------------------------------------------

def _assign_sections(blocks: list[Block]) -> None:
    section = None
    for block in blocks:
        if block.kind == "heading":
            section = block.text
        else:
            block.section = section


def _is_question(block: Block) -> bool:
    words = len(block.text.split())
    return 2 <= words <= 30 and bool(_QUESTION_END.search(block.text)) and block.kind != "quote"


def _mark_questions(blocks: list[Block]) -> None:
    """Recognise question lines followed by answers, and runs of such pairs."""
    questions = [i for i, b in enumerate(blocks) if _is_question(b)]
    for i in questions:
        blocks[i].qa_role = "question"
        j = i + 1
        while j < len(blocks) and j <= i + 3 and blocks[j].qa_role is None and not _is_question(blocks[j]) \
                and blocks[j].kind != "heading":
            blocks[j].qa_role = "answer"
            j += 1
    # runs: consecutive questions at most 4 blocks apart belong to one run
    run: list[int] = []
    for i in questions + [None]:
        if run and (i is None or i - run[-1] > 4):
            start, end = run[0], run[-1]
            stop = end + 1
            while stop < len(blocks) and blocks[stop].qa_role == "answer":
                stop += 1
            for k in range(start, stop):
                blocks[k].qa_run = len(run)
            run = []
        if i is not None:
            run.append(i)
