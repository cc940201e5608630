"""Page-level signals: SEO-spam techniques a page shows in its own HTML, with their evidence.

Google's spam policies name techniques that no single paragraph shows, the whole page does:

* ``hidden_text``: text hidden from readers that carries a keyword list, a run of links or a large
  amount of text (:func:`detector.page.concealment.find_concealed` finds it: the text segmentation
  leaves out and the text CSS conceals). Text hidden for the reader's sake (a screen-reader label, a
  menu, a dialog, a cookie banner, a collapsed answer: ``concealment.toml``) is left out, and so is a
  short label: only what reads as a keyword list, a link farm or a hidden article counts.
* ``keyword_stuffing``: one term repeated far beyond what prose supports (a phrase filling a share of
  the page's words no article gives its subject), or a block that is a long list of keywords.

Both are conservative on purpose: the thresholds below keep real news pages free of them
(``python -m detector.evaluation.page_signals``). The signals never touch the paragraphs; the page
verdict (:func:`detector.report.verdict.page_verdict`) lowers the page's credibility for each.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import islice

from ..page.concealment import Concealed
from ..page.extract import Page
from ._names import ENGLISH_STOP_WORDS

HIDDEN_TEXT = "hidden_text"
KEYWORD_STUFFING = "keyword_stuffing"
#: The signals, in the order a report lists them.
SIGNAL_NAMES = (HIDDEN_TEXT, KEYWORD_STUFFING)

#: Characters of evidence a signal keeps (the hidden keywords, the stuffed term): enough to read.
MAX_EVIDENCE = 240

# -- hidden text --------------------------------------------------------------------------------------------
#: A hidden keyword list: at least this many separated terms, nearly all short (a label such as "Skip to
#: content" or "Close menu" is one term; a hidden list of services or cities is a dozen).
MIN_HIDDEN_TERMS = 8
#: Words in a term of a keyword list, and the share of the terms that must be that short (a sentence
#: broken by commas has long pieces).
MAX_TERM_WORDS = 4
MIN_SHORT_TERMS = 0.8
#: Hidden repetition: at least this many words, one content word making at least this share of them
#: ("cheap flights cheap flights ..."); prose gives its most frequent content word a few percent.
MIN_REPEATED_WORDS = 20
MIN_REPEATED_SHARE = 0.2
#: Hidden links to other sites outside anything benign, on the whole page: a link farm hides dozens; a
#: site's own hidden menus and story lists link to the site itself (not counted).
MIN_HIDDEN_LINKS = 8
#: Hidden words outside anything benign and not shown elsewhere on the page, in all: a hidden article
#: (text for crawlers only). A hidden copy of what the page shows (a second layout of its story cards for
#: another screen) is no message to a crawler; a collapsed section is marked as such (accordion, "read
#: more", transcript).
MIN_HIDDEN_WORDS = 600
#: Lines of hidden text looked up in the visible text, and characters of visible text they are looked up
#: in (each look-up is a substring search).
MAX_LINES_LOOKED_UP = 500
MAX_VISIBLE_CHARS = 200_000

# -- keyword stuffing ---------------------------------------------------------------------------------------
#: Pages shorter than this many visible words are not judged: on a short page any repeated name is dense.
MIN_PAGE_WORDS = 150
#: A stuffed phrase (two to four words, neither end a stop word): repeated at least this often and filling
#: at least this share of the page's words. A news story names its subject ("the Prime Minister",
#: a club's name) in 1 to 4% of its words; a stuffed page repeats its keyword phrase in 10% and more.
MIN_PHRASE_REPEATS = 10
MIN_PHRASE_SHARE = 0.08
#: A stuffed single word: the same, higher (one word is the subject of many a page: "Trump" in a story
#: about him, a player's surname in a match report).
MIN_WORD_REPEATS = 20
MIN_WORD_SHARE = 0.1
#: A visible keyword list: one block of at least this many short separated terms (a tag list or a
#: story's list of places is shorter), or of this many that mostly repeat one word ("plumber Leeds,
#: plumber York, ...").
MIN_LIST_TERMS = 40
MIN_SHARED_TERMS = 15
MIN_SHARED_SHARE = 0.6
#: Words of a page read for keyword stuffing (the first of them): a longer page is judged on these.
MAX_PAGE_WORDS = 50_000
#: Blocks of a page read for lists of keywords.
MAX_LIST_BLOCKS = 2_000
#: Block kinds not read for lists: a table row's cells and a menu's items are separated by design.
_NOT_LISTS = frozenset({"table_row", "links", "table_cell"})

_WORD = re.compile(r"[^\W\d_]{2,}+")  # a run of letters, possessive: linear
_LETTER = re.compile(r"[^\W\d_]")
_SEPARATORS = re.compile(r"[,|;•·\n]")  # one separator: hidden keyword lists use commas, pipes and bullets
# a visible list is written with commas and bullets; pipes separate a menu's items and a breadcrumb's, and
# a block's lines are its own (a verse, an address)
_VISIBLE_SEPARATORS = re.compile(r"[,;•·]")


@dataclass(frozen=True, slots=True)
class Finding:
    """One signal found on a page: its name, what was found (a sentence) and the evidence (an excerpt)."""

    name: str
    finding: str
    evidence: str


def find_signals(page: Page) -> list[Finding]:
    """The page-level signals of a parsed page, in :data:`SIGNAL_NAMES` order."""
    found = []
    hidden = hidden_text(page.concealed, "\n".join(block.text for block in page.blocks))
    if hidden is not None:
        found.append(hidden)
    stuffed = keyword_stuffing([(block.kind, block.text) for block in page.blocks])
    if stuffed is not None:
        found.append(stuffed)
    return found


# -- hidden text --------------------------------------------------------------------------------------------


def _terms(text: str, separators: re.Pattern[str]) -> list[str]:
    return [term for term in (" ".join(t.split()) for t in separators.split(text)) if term]


def keyword_list(text: str, separators: re.Pattern[str] = _SEPARATORS) -> list[str] | None:
    """The terms of ``text`` when it reads as a keyword list (at least :data:`MIN_HIDDEN_TERMS` separated
    terms, nearly all of them keywords: at most :data:`MAX_TERM_WORDS` words, mostly letters), else None."""
    terms = _terms(text, separators)
    if len(terms) < MIN_HIDDEN_TERMS:
        return None
    return terms if sum(map(_keyword, terms)) >= MIN_SHORT_TERMS * len(terms) else None


def _keyword(term: str) -> bool:
    """Whether a term reads as a keyword: a few words, made of letters (not code, numbers or a sentence)."""
    return len(term.split()) <= MAX_TERM_WORDS and len(_LETTER.findall(term)) >= 0.8 * len(
        "".join(term.split())
    )


def repeated_word(text: str) -> tuple[str, int, int] | None:
    """The content word that makes at least :data:`MIN_REPEATED_SHARE` of ``text``'s words (of at least
    :data:`MIN_REPEATED_WORDS`), its count and the number of words, else None."""
    words = _WORD.findall(text.lower())
    if len(words) < MIN_REPEATED_WORDS:
        return None
    counts = Counter(word for word in words if word not in ENGLISH_STOP_WORDS)
    if not counts:
        return None
    word, n = counts.most_common(1)[0]
    return (word, n, len(words)) if n >= MIN_REPEATED_SHARE * len(words) else None


def hidden_text(concealed: Sequence[Concealed], visible: str = "") -> Finding | None:
    """The hidden-text signal of a page's concealed elements (``visible``: the page's visible text), or
    None."""
    suspect = [region for region in concealed if region.benign is None]
    for region in suspect:
        terms = keyword_list(region.unlinked)
        if terms is not None:
            return Finding(
                HIDDEN_TEXT,
                f"the page hides a list of {len(terms)} keywords from its readers ({region.technique})",
                _excerpt(", ".join(terms)),
            )
        repeated = repeated_word(region.unlinked)
        if repeated is not None:
            word, n, total = repeated
            return Finding(
                HIDDEN_TEXT,
                f"the page hides text that repeats {word!r} {n} times in {total} words ({region.technique})",
                _excerpt(" ".join(region.text.split())),
            )
    links = sum(region.external_links for region in suspect)
    if links >= MIN_HIDDEN_LINKS:
        linking = [region for region in suspect if region.external_links]
        return Finding(
            HIDDEN_TEXT,
            f"the page hides {links} links to other sites from its readers ({_techniques(linking)})",
            _excerpt(" | ".join(text for region in linking for text in region.link_texts)),
        )
    if sum(len(region.text.split()) for region in suspect) < MIN_HIDDEN_WORDS:
        return None  # too little hidden text to matter, whatever the page shows
    novel = _novel_lines(suspect, visible[:MAX_VISIBLE_CHARS])
    words = sum(len(line.split()) for line in novel)
    if words >= MIN_HIDDEN_WORDS:
        return Finding(
            HIDDEN_TEXT,
            f"the page hides {words} words of text that it does not show ({_techniques(suspect)})",
            _excerpt(" ".join(novel)),
        )
    return None


def _novel_lines(regions: Sequence[Concealed], visible: str) -> list[str]:
    """The lines of the regions' text that the visible text does not hold (white space folded), within
    :data:`MAX_LINES_LOOKED_UP` look-ups."""
    shown = " ".join(visible.split())
    novel = []
    lines = (" ".join(line.split()) for region in regions for line in region.text.split("\n"))
    for line in islice(filter(None, lines), MAX_LINES_LOOKED_UP):
        if line not in shown:
            novel.append(line)
    return novel


def _techniques(regions: Iterable[Concealed]) -> str:
    """How the regions are hidden: their first three techniques."""
    return ", ".join(list(dict.fromkeys(region.technique for region in islice(regions, 50)))[:3])


# -- keyword stuffing ---------------------------------------------------------------------------------------


def keyword_stuffing(blocks: Sequence[tuple[str, str]]) -> Finding | None:
    """The keyword-stuffing signal of a page's visible blocks (``(kind, text)``), or None."""
    for kind, text in islice(blocks, MAX_LIST_BLOCKS):
        if kind in _NOT_LISTS:
            continue
        listed = _stuffed_list(text)
        if listed is not None:
            return listed
    words: list[str] = []
    for _, text in blocks:
        # a URL's parts ("http", "amzn") are no words of the page's prose
        prose = " ".join(
            token for token in text.split() if "://" not in token and not token.startswith("www.")
        )
        words.extend(_WORD.findall(prose.lower()))
        if len(words) >= MAX_PAGE_WORDS:
            del words[MAX_PAGE_WORDS:]
            break
    if len(words) < MIN_PAGE_WORDS:
        return None
    best: tuple[float, str, int] | None = None
    unigrams = Counter(word for word in words if word not in ENGLISH_STOP_WORDS)
    # a phrase repeated often enough starts with a word repeated as often: only there are phrases counted
    # (the same most common phrase whenever it is common enough to count, ties in the same order)
    starts = [i for i, word in enumerate(words) if unigrams.get(word, 0) >= MIN_PHRASE_REPEATS]
    for n in (1, 2, 3, 4):
        if n == 1:
            counts = unigrams
        else:
            counts = Counter(
                " ".join(words[i : i + n])
                for i in starts
                if i + n <= len(words) and words[i + n - 1] not in ENGLISH_STOP_WORDS
            )
        if not counts:
            continue
        phrase, count = counts.most_common(1)[0]
        share = count * n / len(words)
        least, least_share = (
            (MIN_WORD_REPEATS, MIN_WORD_SHARE) if n == 1 else (MIN_PHRASE_REPEATS, MIN_PHRASE_SHARE)
        )
        if count >= least and share >= least_share and (best is None or share > best[0]):
            best = (share, phrase, count)
    if best is None:
        return None
    share, phrase, count = best
    return Finding(
        KEYWORD_STUFFING,
        f"the page repeats {phrase!r} {count} times, {share:.0%} of its {len(words)} words",
        _excerpt(f"{phrase} ×{count} ({share:.0%} of {len(words)} words)"),
    )


def _stuffed_list(text: str) -> Finding | None:
    terms = _terms(text, _VISIBLE_SEPARATORS)
    if len(terms) < MIN_SHARED_TERMS:
        return None
    short = [term for term in terms if _keyword(term)]
    if len(short) < MIN_SHORT_TERMS * len(terms):
        return None
    shared = Counter(
        word for term in short for word in set(_WORD.findall(term.lower())) if word not in ENGLISH_STOP_WORDS
    )
    word, n = shared.most_common(1)[0] if shared else ("", 0)
    if n >= MIN_SHARED_SHARE * len(terms):
        return Finding(
            KEYWORD_STUFFING,
            f"the page shows a list of {len(terms)} keywords, {n} of them with {word!r}",
            _excerpt(", ".join(terms)),
        )
    if len(terms) >= MIN_LIST_TERMS:
        return Finding(
            KEYWORD_STUFFING, f"the page shows a list of {len(terms)} keywords", _excerpt(", ".join(terms))
        )
    return None


def _excerpt(text: str) -> str:
    return text if len(text) <= MAX_EVIDENCE else text[: MAX_EVIDENCE - 1].rstrip() + "…"
