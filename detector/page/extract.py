"""A page split into its visible blocks of text, with trafilatura's view of the main text.

HTML is parsed once with lxml. The detector walks the whole tree to list every visible block in
document order, and hands the same tree to trafilatura, which picks the main text and the
title. Blocks trafilatura leaves out (author boxes, sidebars, related links ...) are kept with
``in_main_text=False``, so that spam hidden in places trafilatura discards is still scored.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass, field, fields
from itertools import islice

import lxml.html
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.metadata import examine_meta, extract_meta_json, extract_title
from trafilatura.settings import Document
from trafilatura.utils import is_dubious_html, repair_faulty_html  # public helpers of trafilatura.utils, not

# in its documented API: pinned in pyproject, guarded like maintext's steps (maintext.VERIFIED_WITH)
from ..choices import CONTENT_TYPES
from ..exceptions import EmptyInputError, PageTooComplexError, ParseError

# the signals' English stop words: a title's words that say what a page is about are the others
from ..signals._names import ENGLISH_STOP_WORDS
from ..timing import StageTimes, lap_of
from .concealment import INVISIBLE_TAGS, MAY_HIDE, Concealed, find_concealed, hidden_by_markup
from .decoding import decode, looks_like_html
from .maintext import MainText, main_text
from .scripted import render_scripted
from .structure import NO_STRUCTURE, Section, Structure, Walker, find_sections, jsonld_types, with_inline

logger = logging.getLogger(__name__)

# Elements that start and end a block of text. Text directly inside any of them is one paragraph.
_BLOCK_TAGS = frozenset(
    [
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "td",
        "th",
        "dt",
        "dd",
        "summary",
        "figcaption",
        "caption",
        "pre",
        "blockquote",
        "div",
        "section",
        "article",
        "aside",
        "header",
        "footer",
        "nav",
        "main",
        "ul",
        "ol",
        "dl",
        "table",
        "tr",
        "tbody",
        "thead",
        "tfoot",
        "form",
        "figure",
        "details",
        "body",
        "html",
        "address",
        "center",
        "fieldset",
        "legend",
        "menu",
        "hgroup",
        "dialog",
        "output",
        "label",
        "button",  # each button its own block (a row of tab or accordion buttons), of its container's kind
    ]
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
_CONTAINER_TAGS = frozenset({"li", "td", "th"})  # what _merge_table_rows and _merge_link_lists group by
_MAX_CELL = 100  # longer cells (a layout table's column of text) keep their own block
_NEWLINES = re.compile(r"\n{2,}")
_QUESTION_END = re.compile(r"(\?|›|»)\s*$")
# A block that opens with a question sentence and goes on with its answer ("<p><strong>Is it safe?</strong>
# Yes, the agency says ...</p>", "Q. Who is ...? A. ..."): the first sentence, at most 200 characters.
#: A question opening a block, after an optional number ("3.") or an explicit marker ("Q.", "Q3:", "Question:")
_QUESTION_LEAD = re.compile(
    r"(?:\d{1,3}[.)]\s?|(?P<marker>Q\d{0,3}[.:)]|Question\s?\d{0,3}:))?+[^?.!:\n]{8,200}+\?\s"
)


@dataclass(frozen=True, slots=True)
class PageLimits:
    """What one page may cost: the bounds that keep the time and memory of scoring any page small.

    Real pages stay far below every default (on the seed pages and the evaluation corpora, at most
    5,646 tags and comments, 37 attributes on one element and 6,906 in all, 833 blocks, 20,165
    characters in one block and 97,988 in all); the HTML parser keeps nesting to 256 levels itself.
    With them, no page under the size limit costs more than a few seconds or a few hundred MB
    (``python -m detector.benchmarks.worst_case``). A page over a limit is cut short where that can
    be done, and its report says so in ``truncated``; the paragraphs then cover the page up to the
    cut. Only an element with too many attributes cannot be cut: its report has an ``error``
    (:class:`~detector.exceptions.PageTooComplexError`). Raise a limit with
    ``ScoreOptions(limits=PageLimits(max_blocks=50_000))``.

    Parameters
    ----------
    max_elements : HTML start tags (and comments) read; the HTML is cut before the next one. Each
        element costs the parser, the segmentation and trafilatura's extraction.
    max_attributes : attributes of one element. The HTML parser (libxml2) compares each attribute's
        name with all the element's earlier ones, a cost that grows with the square of their number,
        before anything can be cut: an element with more gives an error report.
    max_attributes_total : attributes of all elements; the HTML is cut before the element that passes
        it (trafilatura's copies and passes over the tree cost time per attribute).
    max_blocks : blocks (paragraphs) scored; blocks after the last one are left out.
    max_block_chars : characters of one block; a longer block is cut at this length.
    max_text_chars : characters of all the blocks together; the text after them is left out.
    """

    max_elements: int = 20_000
    max_attributes: int = 128
    max_attributes_total: int = 100_000
    max_blocks: int = 10_000
    max_block_chars: int = 100_000
    max_text_chars: int = 1_000_000

    def __post_init__(self):
        for limit in fields(self):
            value = getattr(self, limit.name)
            if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
                raise ValueError(f"PageLimits.{limit.name} must be a positive integer, not {value!r}")

    def exceeded(self, name: str, what: str, consequence: str) -> str:
        """The sentence a report gives for a page over limit ``name`` (``what``: what is counted)."""
        value = getattr(self, name)
        return (
            f"The page has more than {value:,} {what} (limit PageLimits.{name}): {consequence}. "
            f"Raise it with ScoreOptions(limits=PageLimits({name}=...))."
        )


def fold(text: str) -> str:
    """Fold every run of white space (including no-break spaces and newlines) to one space."""
    return " ".join(text.split())  # str.split's white space is re's \s


@dataclass(slots=True)
class Block:
    """One visible paragraph of a page.

    Attributes
    ----------
    index : position in the page, from 0.
    text : the visible text (white space collapsed as a browser would; ``<br>`` kept as a newline).
    kind : ``heading``, ``paragraph``, ``list_item``, ``quote``, ``table_cell``, ``term``,
        ``definition``, ``summary``, ``caption``, ``code``, ``table_row``: the short cells of a table row,
        separated by `` | ``, or ``links``: the items of a list made only of links (a menu, "related
        stories"), one per line, when the list is outside the main text.
    in_main_text : whether trafilatura kept this block in the page's main text.
    section : text of the nearest heading above the block, if any.
    qa_role : ``"question"``, ``"answer"`` or ``None``.
    qa_run : number of questions in the question/answer run the block belongs to (0 outside one).
    structure : the containers the block sits in (:class:`~detector.page.structure.Structure`).
    """

    index: int
    text: str
    kind: str
    in_main_text: bool = True
    section: str | None = None
    qa_role: str | None = None
    qa_run: int = 0
    structure: Structure = NO_STRUCTURE


@dataclass(slots=True)
class Page:
    """A parsed page: its blocks in order and its title.

    ``truncated`` says which of the :class:`PageLimits` cut the page short (one sentence each);
    ``sections`` groups the blocks (:func:`~detector.page.structure.find_sections`); ``types`` lists the
    schema.org types the page's JSON-LD declares; ``concealed`` holds the text the page hides from sight
    (:func:`~detector.page.concealment.find_concealed`; never among the blocks when segmentation hides
    it too, still a block when only CSS conceals it).
    """

    source: str
    blocks: list[Block]
    title: str | None = None
    is_html: bool = False
    main_text_found: bool = False
    truncated: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    concealed: list[Concealed] = field(default_factory=list)


def check_content_type(content_type: str) -> None:
    """Raise ``ValueError`` (a caller's mistake, not the page's) unless ``content_type`` is one of
    :data:`CONTENT_TYPES`."""
    if content_type not in CONTENT_TYPES:
        raise ValueError(
            f"content_type must be one of {', '.join(map(repr, CONTENT_TYPES))}, not {content_type!r}"
        )


def extract_page(
    data: bytes | str,
    *,
    source: str = "<input>",
    content_type: str = "auto",
    max_bytes: int | None = None,
    limits: PageLimits | None = None,
    stages: StageTimes | None = None,
    charset: str | None = None,
) -> Page:
    """Decode and split a page into blocks.

    Parameters
    ----------
    data : HTML or plain text, as bytes (decoded as a browser does, see :mod:`detector.page.decoding`) or str.
    source : a name for the page (file path, URL), kept in the report.
    content_type : ``"html"``, ``"text"`` or ``"auto"`` (sniffed from the content).
    max_bytes : refuse inputs larger than this.
    limits : what the page may cost (default :class:`PageLimits`); a page over them is cut short
        (``Page.truncated`` says where) or refused.
    stages : accumulates the time of the parse, segmentation and extraction stages (benchmarks).
    charset : the charset the transport declares for bytes (HTTP ``Content-Type``); only the WHATWG
        Encoding Standard's labels count, as in browsers.

    Raises
    ------
    InputError
        Empty, binary, too large, too complex (:class:`PageTooComplexError`) or unparseable input.
    """
    check_content_type(content_type)
    # browsers look for a <meta> charset in HTML only, never in a text/plain page
    text = decode(data, max_bytes=max_bytes, charset=charset, prescan=content_type != "text")
    limits = limits if limits is not None else PageLimits()
    is_html = content_type == "html" or (content_type == "auto" and looks_like_html(text))
    lap = lap_of(stages)
    if is_html:
        page = _html_page(text, source, lap, limits)
    else:
        lap("parse")
        page = _text_page(text, source, limits)
    if not page.blocks:
        raise EmptyInputError("the page has no visible text")
    _mark_questions(page.blocks)
    page.sections = find_sections(page.blocks)
    lap("segmentation")
    return page


# --- plain text ---------------------------------------------------------------------------------


def _text_page(text: str, source: str, limits: PageLimits) -> Page:
    truncated: list[str] = []
    lines = islice(filter(None, map(str.strip, text.splitlines())), limits.max_blocks + 1)
    blocks = _limited(
        [Block(index=i, text=line, kind="paragraph") for i, line in enumerate(lines)], limits, truncated
    )
    for i, block in enumerate(blocks):
        nxt = blocks[i + 1].text if i + 1 < len(blocks) else ""
        if _looks_like_heading(block.text) and len(nxt.split()) > len(block.text.split()):
            block.kind = "heading"
    title = _text_title(blocks)
    _assign_sections(blocks)
    return Page(
        source=source, blocks=blocks, title=title, is_html=False, main_text_found=True, truncated=truncated
    )


# --- limits -------------------------------------------------------------------------------------


def _limited(
    blocks: list[Block], limits: PageLimits, truncated: list[str], containers: list | None = None
) -> list[Block]:
    """``blocks`` within ``limits``' blocks, characters per block and characters in all (cut in place;
    ``containers``, the list of each block's container, is cut alike). Says what was cut in ``truncated``."""

    def note(name: str, what: str, consequence: str) -> None:
        sentence = limits.exceeded(name, what, consequence)
        if sentence not in truncated:
            truncated.append(sentence)

    if len(blocks) > limits.max_blocks:
        del blocks[limits.max_blocks :]
        if containers is not None:
            del containers[limits.max_blocks :]
        note("max_blocks", "blocks of text", "the blocks after them were not scored")
    for block in blocks:
        if len(block.text) > limits.max_block_chars:
            block.text = block.text[: limits.max_block_chars]
            note(
                "max_block_chars", "characters in a block", "the text after them in that block was not scored"
            )
    left = limits.max_text_chars
    for i, block in enumerate(blocks):
        if len(block.text) > left:
            if left:
                block.text = block.text[:left]
                i += 1
            del blocks[i:]
            if containers is not None:
                del containers[i:]
            note("max_text_chars", "characters of text", "the text after them was not scored")
            break
        left -= len(block.text)
    return blocks


# A comment, or a start tag to its closing ">" (quoted values may hold ">"), as libxml2 reads them; the
# start tag of an element whose content is raw text (a script, a style ...) takes that content along, to
# its end tag. Every part is possessive and the match never fails once it has started: a scan is linear.
_TAG_REST = r"""(?:[^>"'=]++|=\s*+(?:"[^"]*+"|'[^']*+')|[="'])*+>?"""  # a quote opens a value only after "="
# (A "<" that starts neither fails at once: a page of "</p>" or "<<<" is scanned as fast as a page of text.)
_MARKUP = re.compile(
    r"<(?:!--(?:[^-]++|-(?!->))*+(?:-->)?"
    r"|(?=[A-Za-z])(?:(?P<raw>(?P<name>(?i:script|style|textarea|title|xmp|iframe|noembed|noframes))"
    r"(?![\w-])" + _TAG_REST + r")(?:[^<]++|<(?!/(?i:(?P=name))[\s/>]))*+"
    r"|[A-Za-z]" + _TAG_REST + "))"
)
_QUOTED = re.compile(r"""=\s*+(?:"[^"]*+"|'[^']*+')""")
_TAG_START = re.compile(r"<[A-Za-z]")


def _attributes_at_most(tag: str, limit: int) -> int:
    """An upper bound of the number of attributes of start tag ``tag``, counted up to ``limit + 1``.

    Every run of characters between white space or quoted values counts; the words of quoted values do
    not, unless they hold a ``<`` and a letter (where the parser might see markup this scan took as
    a value: then their words count too).
    """
    tag = tag.removesuffix(">")
    if _TAG_START.search(tag, 1):
        bare = _QUOTED.sub(lambda value: value[0] if _TAG_START.search(value[0]) else " ", tag)
    else:
        bare = _QUOTED.sub(" ", tag)
    # an attribute is a name, maybe "=" and a value: a run of characters between white space (quoted values,
    # now a space, end runs); the first run is the tag's name
    return len(bare.split(None, limit + 1)) - 1


#: The most UTF-8 bytes a run of text, a tag or a script may hold: libxml2 drops a text node, attribute value
#: or script of over 10,000,000 bytes, and with it the rest of the page, without a word.
MAX_RUN_BYTES = 9_000_000


def _too_long(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds more than :data:`MAX_RUN_BYTES` bytes in UTF-8."""
    return (
        end - start > MAX_RUN_BYTES // 4
        and len(text[start:end].encode("utf-8", "surrogatepass")) > MAX_RUN_BYTES
    )


#: A numeric character reference (``&#18;``, ``&#x12;``, ``&#18``): one quantifier per branch, linear.
_NUMERIC_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));?")
#: What a reference to a character an XML tree cannot hold becomes: a C0 control (but tab, line feed and
#: carriage return) is dropped, as the parser drops the literal character, and a BMP noncharacter is
#: U+FFFD. The parser puts them in the tree from a reference, and trafilatura then fails on the whole
#: page ("All strings must be XML compatible"): one ``&#18;`` would cost a page its main text and title.
_UNHELD = {**{c: "" for c in range(1, 32) if c not in (9, 10, 13)}, 0xFFFE: "\ufffd", 0xFFFF: "\ufffd"}


def _held_reference(match: re.Match) -> str:
    hexadecimal, decimal = match.group(1, 2)
    digits = (hexadecimal or decimal).lstrip("0")
    if len(digits) > 5:  # past U+FFFF: the parser reads it, or makes it U+FFFD
        return match.group()
    value = int(digits or "0", 16 if hexadecimal else 10)
    return _UNHELD.get(value, match.group())


def _without_unheld_references(markup: str) -> str:
    """``markup`` with its references to characters an XML tree cannot hold replaced (:data:`_UNHELD`)."""
    return _NUMERIC_REFERENCE.sub(_held_reference, markup) if "&#" in markup else markup


def _markup_to_parse(text: str, limits: PageLimits, truncated: list[str]) -> str:
    """What the parser is given of markup ``text``: within the limits (:func:`_limited_markup`, which says
    in ``truncated`` what it cut), with no reference to a character a tree cannot hold."""
    return _without_unheld_references(_limited_markup(text, limits, truncated))


def _limited_markup(text: str, limits: PageLimits, truncated: list[str]) -> str:
    """``text`` cut before its start tag or comment number ``max_elements + 1``, before the element that
    takes its attributes past ``max_attributes_total``, and :data:`MAX_RUN_BYTES` into a longer run of
    text, tag or script.

    Raises :class:`PageTooComplexError` when a start tag has more than ``max_attributes`` attributes:
    libxml2 would spend time in the square of their number on it.
    """
    attributes, end = 0, 0
    # A start tag of L characters has fewer than L / 2 attributes (each needs a character and a separator):
    # shorter tags cannot pass max_attributes, and a page of at most twice max_attributes_total characters
    # cannot pass that limit, so their attributes need no counting (most pages: the scan costs a third).
    short_tag = 2 * limits.max_attributes + 2
    count_all = len(text) > 2 * limits.max_attributes_total
    for count, match in enumerate(_MARKUP.finditer(text), 1):
        start = match.start()
        if _too_long(text, end, start):
            return _cut_run(text, end, truncated)
        end = match.end()
        if count > limits.max_elements:
            truncated.append(
                limits.exceeded("max_elements", "HTML elements", "the HTML after them was not read")
            )
            return text[:start]
        tag = "<" + match["raw"] if match["raw"] else match[0]
        if not tag.startswith("<!") and (
            count_all or len(tag) > short_tag
        ):  # not a comment, maybe over a limit
            found = _attributes_at_most(tag, limits.max_attributes)
            if found > limits.max_attributes:
                raise PageTooComplexError(
                    f"an HTML element has more than {limits.max_attributes:,} attributes (limit "
                    f"PageLimits.max_attributes; the page cannot be parsed in bounded time). Raise it with "
                    f"ScoreOptions(limits=PageLimits(max_attributes=...))."
                )
            attributes += found
            if attributes > limits.max_attributes_total:
                truncated.append(
                    limits.exceeded(
                        "max_attributes_total",
                        "HTML attributes",
                        "the HTML from the element that passed the limit on was not read",
                    )
                )
                return text[:start]
        if _too_long(text, start, end):
            return _cut_run(text, start, truncated)
    if _too_long(text, end, len(text)):
        return _cut_run(text, end, truncated)
    return text


def _cut_run(text: str, start: int, truncated: list[str]) -> str:
    """``text`` cut :data:`MAX_RUN_BYTES` bytes after ``start``, where a run too long for the parser begins."""
    truncated.append(
        f"The page has a run of text, a tag or a script of more than {MAX_RUN_BYTES:,} bytes, more than "
        f"the HTML parser holds in one piece: the HTML after them was not read."
    )
    kept = text[start : start + MAX_RUN_BYTES].encode("utf-8", "surrogatepass")[:MAX_RUN_BYTES]
    return text[:start] + kept.decode("utf-8", "ignore")


def _looks_like_heading(line: str) -> bool:
    words = line.split()
    return 2 <= len(words) <= 16 and not line.rstrip().endswith((".", ",", ";", "”", '"', ":"))


# What a text page's first lines hold besides its title: a masthead's or menu's separators, a logo, the
# cookie notice and calls to action, a byline or a dateline (bounded alternations: linear on any line)
_NOT_A_TITLE = re.compile(
    r"\s[|·•»>/›]\s|›|^\W|\blogo\b|\b(?:cookies?|subscribe|sign up|newsletter|download|app|advert\w*+|sponsored"
    r"|skip to|menu)\b|^(?:by|written by|posted by|published|updated|last updated|author|q[.:]|a[.:])(?!\w)"
    r"|\b\d{1,2}:\d{2}\b"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*+\.?\s++\d{1,2},?\s++(?:19|20)\d\d\b"
    r"|\b\d{1,2}\s++(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*+\s++(?:19|20)\d\d\b",
    re.IGNORECASE,
)
_TITLE_WORD = re.compile(r"[^\W\d_]{4,}")
#: how many of a text page's first blocks may be its title, and the share of the page whose words
#: confirm one (its article, before comments and footer; on a short page, twice as many blocks)
TEXT_TITLE_LINES = 6
TEXT_TITLE_BODY_SHARE = 0.5


def _text_title(blocks: list[Block]) -> str | None:
    """The title of a text page: of its first lines that read as a title (a few words, three of them
    content words, no closing full stop; not a masthead in capitals, a menu, a byline, a notice or a Q/A
    line), the one whose words the article after it repeats most. A masthead's or a deck's words recur
    less than the headline's."""
    shaped = [
        (i, b.text)
        for i, b in enumerate(blocks[: 3 * TEXT_TITLE_LINES])
        if 3 <= len(b.text.split()) <= 25 and not b.text.rstrip().endswith((".", ",", ":", ";"))
    ]
    readable = [
        (i, t)
        for i, t in shaped
        if not _NOT_A_TITLE.search(t) and not _in_capitals(t) and len(_content_words(t)) >= 3
    ][:TEXT_TITLE_LINES]
    if not readable:
        return max((t for i, t in shaped if i < TEXT_TITLE_LINES), key=len, default=None)
    echo = _Echo(blocks)
    return max(readable, key=lambda c: (echo.share(*c), -c[0]))[1]


def _content_words(text: str) -> set[str]:
    """The words of ``text`` of four letters or more that are not English stop words, in lower case."""
    return {w for w in _TITLE_WORD.findall(text.lower()) if w not in ENGLISH_STOP_WORDS}


#: how many of an HTML page's headings may stand in for a title that names the site, not the story
HTML_TITLE_HEADINGS = 3


def _html_title(title: str | None, blocks: list[Block]) -> str | None:
    """An HTML page's title: the metadata's (``title``), unless it names the site and not the story
    ("Sugar & Scoop Daily", a blog's name in its ``<title>``) and one of the page's first headings names
    the story ("Coco Marchbanks to close her Halbury restaurant"): a heading whose words the article repeats
    at least twice as often (and three times) as the title's."""
    headings = [
        (i, b.text)
        for i, b in enumerate(blocks)
        if b.kind == "heading" and 3 <= len(b.text.split()) <= 25 and not _NOT_A_TITLE.search(b.text)
    ][:HTML_TITLE_HEADINGS]
    if not headings:
        return title or next((b.text for b in blocks if b.kind == "heading"), None)
    if not title:
        return headings[0][1]
    echo = _Echo(blocks)
    best = max(headings, key=lambda c: (echo.echoed(*c), -c[0]))
    # a deck may repeat a few more of the story's words than its title does; a site's name repeats few
    return best[1] if echo.echoed(*best) >= max(3, 2 * echo.echoed(-1, title)) else title


class _Echo:
    """The words of a page's article (its first half, or first twelve blocks), with the last block that
    has each: a title's words recur in the story, a site name's or a deck's less."""

    def __init__(self, blocks: list[Block]) -> None:
        self.last_seen: dict[str, int] = {}
        for i, block in enumerate(
            blocks[: max(2 * TEXT_TITLE_LINES, int(len(blocks) * TEXT_TITLE_BODY_SHARE))]
        ):
            for word in _TITLE_WORD.findall(block.text.lower()):
                self.last_seen[word] = i

    def _words(self, at: int, text: str) -> tuple[int, int]:
        words = _content_words(text)
        return sum(self.last_seen.get(w, -1) > at for w in words), len(words)

    def echoed(self, at: int, text: str) -> int:
        """How many distinct words of ``text`` (a block at ``at``; -1: before every block) recur later."""
        return self._words(at, text)[0]

    def share(self, at: int, text: str) -> tuple[float, bool]:
        """The share of ``text``'s words that recur later, and whether it has two words or more."""
        echoed, words = self._words(at, text)
        return (echoed / words if words else 0.0), words >= 2


def _in_capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) > 0.7 * len(letters)


# --- HTML ---------------------------------------------------------------------------------------


def _parser() -> lxml.html.HTMLParser:
    """trafilatura's HTML parser, with a class lookup done in C.

    ``lxml.html``'s own lookup is a Python method called for every element proxy lxml creates, by
    the detector's walk and by trafilatura's many passes over the tree; this one gives every element
    the same ``HtmlElement`` class (no special classes for form controls) at a fraction of the cost.
    """
    parser = lxml.html.HTMLParser(
        collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True
    )
    parser.set_element_class_lookup(
        etree.ElementDefaultClassLookup(
            element=HtmlElement,
            comment=lxml.html.HtmlComment,
            pi=lxml.html.HtmlProcessingInstruction,
            entity=lxml.html.HtmlEntity,
        )
    )
    return parser


_PARSER = _parser()


def _load_html(text: str) -> HtmlElement | None:
    """Parse a page as ``trafilatura.utils.load_html`` does (same repairs, same refusals), with :data:`_PARSER`."""
    beginning = text[:50].lower()
    text = repair_faulty_html(text, beginning)
    try:
        tree = lxml.html.fromstring(text, parser=_PARSER)
    except ValueError:  # a str with an encoding declaration: its UTF-8 bytes are parsed below
        tree = None
    if tree is None or len(tree) < 1:
        tree = lxml.html.fromstring(text.encode("utf-8", "surrogatepass"), parser=_PARSER)
    if tree is not None and is_dubious_html(beginning) and len(tree) < 2:
        return None
    return tree


def _html_page(text: str, source: str, lap, limits: PageLimits) -> Page:
    truncated: list[str] = []
    text = _markup_to_parse(text, limits, truncated)
    try:
        tree = _load_html(text)
        if tree is None:  # trafilatura refuses fragments such as "<p>…</p>"; a browser shows them
            tree = lxml.html.document_fromstring(text, parser=_PARSER)
    except Exception as exc:  # lxml raises several unrelated types on hostile input
        raise ParseError(f"the HTML could not be parsed: {exc}") from exc
    if tree is None or not isinstance(tree, HtmlElement):
        raise ParseError("the HTML could not be parsed into a document tree")
    lap("parse")
    cut = list(truncated)  # what the markup's limits cut, before the blocks' limits
    blocks, containers = _visible_blocks(tree)
    blocks = _limited(blocks, limits, truncated, containers)
    lap("segmentation")
    title, main = _trafilatura_view(tree, source)
    found = _mark_main_text(blocks, main)
    shown = sum(len(block.text) for block in blocks if block.in_main_text)
    if render_scripted(tree, shown, lambda html: _fragment(html, limits, cut)):  # read the page again
        truncated[:] = cut
        blocks, containers = _visible_blocks(tree)
        blocks = _limited(blocks, limits, truncated, containers)
        title, main = _trafilatura_view(tree, source)
        found = _mark_main_text(blocks, main)
    page = Page(
        source=source,
        blocks=blocks,
        is_html=True,
        title=title or None,
        main_text_found=found,
        truncated=truncated,
    )
    lap("extraction")
    # a merged table row or list of links can be longer than its blocks were: cut again
    blocks = page.blocks = _limited(
        _merge_link_lists(*_merge_table_rows(blocks, containers)), limits, truncated
    )
    page.title = _html_title(page.title, blocks)
    _assign_sections(blocks)
    page.types = jsonld_types(_JSONLD(tree))
    page.concealed = find_concealed(tree)
    return page


_JSONLD = etree.XPath('//script[@type="application/ld+json"]/text()', smart_strings=False)


def _fragment(html: str, limits: PageLimits, truncated: list[str]) -> HtmlElement | None:
    """A script template's HTML, within the page's limits, parsed into a ``div`` (None if it cannot be)."""
    try:
        return lxml.html.fragment_fromstring(
            _markup_to_parse(html, limits, truncated),
            create_parent="div",
            parser=_PARSER,
        )
    except Exception:  # lxml raises several unrelated types on hostile input
        return None


def _trafilatura_view(tree: HtmlElement, source: str) -> tuple[str | None, MainText | None]:
    """trafilatura's title of the page and its main text (see :mod:`detector.page.maintext`).

    Only the title is read from the metadata, the way trafilatura reads it (meta tags, JSON-LD, then
    the document), which spares the costly date and author searches. trafilatura runs in its fast
    mode (no second opinion from its fallback extractors): on the evaluation corpora it marks the same
    main text (``python -m detector.evaluate``) at two thirds of the cost.
    """
    try:
        return _page_title(tree), main_text(
            tree, url=source if source.startswith(("http://", "https://")) else None
        )
    except Exception as exc:  # trafilatura is a heuristic extractor: a failure leaves blocks unmarked
        logger.warning("trafilatura failed on %s: %s", source, exc)
        return None, None


def _page_title(tree: HtmlElement) -> str | None:
    """The page title as ``trafilatura.extract_metadata`` finds it.

    JSON-LD only fills in a title the meta tags lack, so it is only parsed when they have none.
    """
    metadata = examine_meta(tree)
    if not metadata.title:
        try:
            metadata = extract_meta_json(tree, metadata)
        except Exception as exc:
            logger.debug("JSON-LD metadata of a page could not be read: %s", exc)
    if not metadata.title:
        metadata.title = extract_title(tree)
    title = Document()
    title.title = metadata.title
    title.clean_and_trim()
    return title.title


def _block_kind(tag: str, parent_kind: str) -> str:
    """The kind of a block opened by ``tag`` inside a block of ``parent_kind``."""
    if tag in _KIND_OF_TAG:
        return _KIND_OF_TAG[tag]
    if tag == "button":
        return parent_kind  # <h3><button>Question?</button></h3> is a heading
    if parent_kind == "quote":
        return "quote"  # a <p> inside a <blockquote> is still quoted text
    if parent_kind in ("list_item", "table_cell", "definition") and tag in ("p", "div"):
        return parent_kind
    return "paragraph"


_STRING = etree.XPath("string()")  # the text of an element's subtree, as "".join(el.itertext())
_LINK_TEXT = etree.XPath(".//a//text()", smart_strings=False)


def _link_only(item: HtmlElement) -> bool:
    """Whether all the text of a list item is link text (a menu entry, a related-story link)."""
    if item.find(".//a") is None:
        return False
    text = _STRING(item).split()
    return bool(text) and text == "".join(_LINK_TEXT(item)).split()


def _visible_blocks(tree: HtmlElement) -> tuple[list[Block], list[HtmlElement | None]]:
    """Walk the tree in document order and collect the text of every visible block.

    Also returns, for each block, the list item or table cell (``li``, ``td``, ``th``) it is in, if any,
    for :func:`_merge_table_rows` and :func:`_merge_link_lists`. The walk recurses once per level of
    the tree, which libxml2 keeps to 256 levels.
    """
    blocks: list[Block] = []
    containers: list[HtmlElement | None] = []
    buffer: list[str] = []
    # the kind, the list item or cell, and the structure of the block the buffered text is in
    opened_kind = ["paragraph"]
    opened_group: list[HtmlElement | None] = [None]
    opened_structure = [NO_STRUCTURE]
    walker = Walker()

    def flush() -> None:
        text = "".join(buffer)
        buffer.clear()
        # runs of white space other than line breaks become one space, lines are trimmed
        if "\n" in text:
            text = _NEWLINES.sub("\n", "\n".join([fold(part) for part in text.split("\n")])).strip()
        else:
            text = fold(text)
        if text:
            blocks.append(
                Block(index=len(blocks), text=text, kind=opened_kind[0], structure=opened_structure[0])
            )
            containers.append(opened_group[0])

    # the elements hidden_by_markup needs to look at (held: their proxies stay the same during the walk);
    # one notion of hidden, shared with the hidden-text signal (concealment)
    may_hide = {attribute.getparent() for attribute in MAY_HIDE(tree)}

    def invisible(el: HtmlElement) -> bool:
        tag = el.tag
        return tag.__class__ is not str or tag in INVISIBLE_TAGS or (el in may_hide and hidden_by_markup(el))

    def add(text: str, kind: str, group: HtmlElement | None, structure: Structure) -> None:
        if not buffer:
            opened_kind[0], opened_group[0], opened_structure[0] = kind, group, structure
        elif (
            structure is not opened_structure[0]
        ):  # an inline element's item properties and words join its block's
            opened_structure[0] = with_inline(opened_structure[0], structure)
        buffer.append(text.replace("\n", " ").replace("\r", " "))

    def visit(el: HtmlElement, kind: str, group: HtmlElement | None, structure: Structure) -> None:
        """Add the text of the children of visible ``el`` (in a block of ``kind`` and ``group``, inside
        ``structure``), and their tails."""
        for child in el:
            if not invisible(child):
                tag = child.tag
                if tag in _BLOCK_TAGS:
                    if buffer:
                        flush()
                    inner_kind = _block_kind(tag, kind)
                    inner_group = child if tag in _CONTAINER_TAGS else group
                    inner = walker.enter(child, structure, True)
                    if child.text:
                        add(child.text, inner_kind, inner_group, inner)
                    if len(child):
                        visit(child, inner_kind, inner_group, inner)
                    if buffer:
                        flush()
                else:
                    inner = walker.enter(child, structure, False)
                    if tag == "br" and buffer:
                        buffer.append("\n")
                    if child.text:
                        add(child.text, kind, group, inner)
                    if len(child):
                        visit(child, kind, group, inner)
            if child.tail:  # the tail of an invisible element is visible text of its parent
                add(child.tail, kind, group, structure)

    if not invisible(tree):
        tag = tree.tag
        kind = _block_kind(tag, "paragraph") if tag in _BLOCK_TAGS else "paragraph"
        group = tree if tag in _CONTAINER_TAGS else None
        root = walker.enter(tree, NO_STRUCTURE, tag in _BLOCK_TAGS)
        if tree.text:
            add(tree.text, kind, group, root)
        visit(tree, kind, group, root)
    if buffer:
        flush()
    return blocks, containers


def _merge_table_rows(
    blocks: list[Block], cells: list[HtmlElement | None]
) -> tuple[list[Block], list[HtmlElement | None]]:
    """Merge the cells of each table row into one ``table_row`` block, cells separated by `` | ``.

    A row of a data table ("3 | Kevin Harvick | 5033 | 4") says something as a whole; its cells alone
    ("5033") say nothing. A row is merged when it has two cells or more, each one short line of text
    in a block of its own; a layout table's long cells keep their blocks. Returns the blocks and the
    list item or cell of each, re-indexed.
    """
    rows = [cell.getparent() if cell is not None and cell.tag != "li" else None for cell in cells]
    blocks_of_cell = Counter(cell for cell, row in zip(cells, rows) if row is not None)
    mergeable: dict[HtmlElement, bool] = {}  # a row whose every cell is one short block
    for block, cell, row in zip(blocks, cells, rows):
        if row is not None:
            mergeable[row] = (
                mergeable.get(row, True)
                and blocks_of_cell[cell] == 1
                and len(block.text) <= _MAX_CELL
                and "\n" not in block.text
            )
    merged, sources = _merge_runs(
        blocks,
        [row if row is not None and mergeable[row] else None for row in rows],
        kind="table_row",
        separator=" | ",
    )
    return merged, [None if k is None else cells[k] for k in sources]


def _merge_link_lists(blocks: list[Block], items: list[HtmlElement | None]) -> list[Block]:
    """Merge the items of each list of links outside the main text into one ``links`` block.

    A navigation menu is one thing on the page; scoring its forty entries one by one would cost forty
    times as much and tell a moderator nothing more. Lists in the main text keep one block per item.
    ``items``: the list item of each block (or None). Blocks merge when they are consecutive, outside
    the main text, and in items of one list that hold only link text; whether an item does is only
    asked of blocks that have such a neighbour.
    """
    n = len(blocks)
    lists: list[HtmlElement | None] = [None] * n  # the list of each block whose item is only links
    link_only: dict[HtmlElement, bool] = {}

    def outside_list(i: int) -> HtmlElement | None:
        item = items[i]
        return None if item is None or item.tag != "li" or blocks[i].in_main_text else item.getparent()

    parents = [outside_list(i) for i in range(n)]
    for i, parent in enumerate(parents):
        if parent is not None and (
            (i > 0 and parents[i - 1] is parent) or (i + 1 < n and parents[i + 1] is parent)
        ):
            item = items[i]
            if item not in link_only:
                link_only[item] = _link_only(item)
            if link_only[item]:
                lists[i] = parent
    return _merge_runs(blocks, lists, kind="links", separator="\n")[0]


def _merge_runs(
    blocks: list[Block], groups: list, kind: str, separator: str
) -> tuple[list[Block], list[int | None]]:
    """Merge each run of two or more consecutive blocks with the same (non-None) group into one block of
    ``kind``, texts joined by ``separator``; the other blocks stay, re-indexed. Returns the blocks and,
    for each, the index of the block it was (None for a merged one)."""
    merged: list[Block] = []
    sources: list[int | None] = []
    i, n = 0, len(blocks)
    while i < n:
        j = i + 1
        if groups[i] is not None:
            while j < n and groups[j] is groups[i]:
                j += 1
        if j - i >= 2:
            merged.append(
                Block(
                    index=len(merged),
                    text=separator.join(b.text for b in blocks[i:j]),
                    kind=kind,
                    in_main_text=any(b.in_main_text for b in blocks[i:j]),
                    structure=blocks[i].structure,
                )
            )
            sources.append(None)
        else:
            block = blocks[i]
            block.index = len(merged)
            merged.append(block)
            sources.append(i)
        i = j
    return merged, sources


def _mark_main_text(blocks: list[Block], found: MainText | None) -> bool:
    """Set ``in_main_text`` from trafilatura's main text (None if it found none or failed); return whether
    it found any."""
    body = getattr(found, "body", None)
    main = fold(getattr(found, "text", None) or "")
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
    text = block.text
    if block.kind == "table_row":  # a row "Question? | Answer" of an FAQ table: its first cell asks
        text = text.split(" | ", 1)[0]
    words = len(text.split())
    return 2 <= words <= 30 and bool(_QUESTION_END.search(text)) and block.kind != "quote"


def _is_pair(block: Block) -> bool:
    """Whether a block asks a question in its first sentence and answers it in the rest."""
    if block.kind in ("heading", "table_row"):
        return False
    found = _QUESTION_LEAD.match(block.text)
    return (
        found is not None
        # a quotation may open with a question of its own; a quoted block is a pair only when marked "Q."
        and (block.kind != "quote" or found.group("marker") is not None)
        and 2 <= len(found.group().split()) <= 30
        and len(block.text[found.end() :].split(None, 3)) >= 3
    )


def _mark_questions(blocks: list[Block]) -> None:
    """Recognise question lines followed by answers, blocks that hold a question and its answer (role
    ``pair``: only where another such block is at most two blocks away, for a single paragraph that opens
    with a rhetorical question is prose), and runs of either."""
    asks = [_is_question(block) for block in blocks]
    pairs = [not asks[i] and _is_pair(block) for i, block in enumerate(blocks)]
    questions = []
    for i, block in enumerate(blocks):
        if asks[i]:
            questions.append(i)
        elif pairs[i] and any(pairs[j] for j in range(max(i - 2, 0), min(i + 3, len(blocks))) if j != i):
            block.qa_role = "pair"
            questions.append(i)
    for i in questions:
        if blocks[i].qa_role == "pair":
            continue
        blocks[i].qa_role = "question"
        j = i + 1
        while (
            j < len(blocks)
            and j <= i + 3
            and blocks[j].qa_role is None
            and not asks[j]
            and blocks[j].kind != "heading"
        ):
            blocks[j].qa_role = "answer"
            j += 1
    # runs: consecutive questions at most 4 blocks apart belong to one run
    run: list[int] = []
    end_of_page = len(blocks) + 5  # farther than any question: closes the last run
    for i in [*questions, end_of_page]:
        if run and i - run[-1] > 4:
            start, end = run[0], run[-1]
            stop = end + 1
            while stop < len(blocks) and blocks[stop].qa_role == "answer":
                stop += 1
            for k in range(start, stop):
                blocks[k].qa_run = len(run)
            run = []
        run.append(i)
