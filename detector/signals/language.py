"""Which language a page is written in, and which of its paragraphs are in another one.

The rules are English phrases and the model learned from English pages: on a German page every noun
reads as a name and no rule means anything, so a page in another language is reported as not assessed
rather than guessed at. Detection has two steps, so that English pages never pay for the second:

1. **English function words.** English prose is about a third function words ("the", "of", "that" ...);
   a text whose words are at least :data:`ENGLISH_SHARE` of them is English, decided in microseconds.
2. **py3langid** (a naive Bayes identifier over byte n-grams for 97 languages whose model ships inside
   the package: nothing is downloaded) names the language of any other text. It is loaded on first use
   (about a second) and only then.

A text of fewer than :data:`MIN_WORDS` words, or one the identifier is not sure of, is *undetermined*:
it is assessed as English (a page of names and numbers is no evidence of another language). On an
English page a long paragraph with almost no English function words is checked alone: one the
identifier confidently puts in another language (a quotation in Spanish) keeps the language in its
report, and the English-only rules do not run on it.

Cost is bounded: the page's sample is at most :data:`SAMPLE_CHARS` characters, and at most
:data:`MAX_CHECKED_PARAGRAPHS` paragraphs of at most :data:`PARAGRAPH_CHARS` characters each are
checked alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from ._names import ENGLISH_STOP_WORDS

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

    from ..page.extract import Page

ENGLISH = "en"
#: Share of a text's words that are English function words from which it is English without asking
#: the identifier (English news prose: 0.35 to 0.5; German, French or Spanish prose: under 0.1).
ENGLISH_SHARE = 0.2
#: Words a text needs before its language is judged at all.
MIN_WORDS = 12
#: Probability the identifier must give a language for the text to count as written in it.
MIN_CONFIDENCE = 0.9
#: Characters of the page's text (main text first) read to judge its language.
SAMPLE_CHARS = 5_000
#: A paragraph of an English page is checked alone when its share of English function words is below this.
FOREIGN_SHARE = 0.12
#: At most this many paragraphs of a page are checked alone, each on at most PARAGRAPH_CHARS characters.
MAX_CHECKED_PARAGRAPHS = 200
#: The kinds of block checked alone: those that hold sentences.
PROSE_KINDS = frozenset({"paragraph", "quote", "list_item", "definition", "caption", "summary"})
PARAGRAPH_CHARS = 1_000

# letters only: digits and underscores are no evidence of a language (linear: one character class)
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True, slots=True)
class PageLanguage:
    """A page's language (ISO 639-1 code; None: undetermined), how it was decided, and the paragraphs
    (by block index) written in another language, with theirs."""

    code: str | None
    method: str
    confidence: float | None = None
    paragraphs: dict[int, str] = field(default_factory=dict)


def english_share(text: str) -> tuple[float, int]:
    """The share of the words of ``text`` that are English function words, and the number of words."""
    words = _WORD.findall(text.lower())
    if not words:
        return 0.0, 0
    return sum(map(ENGLISH_STOP_WORDS.__contains__, words)) / len(words), len(words)


@cache
def _identifier() -> LanguageIdentifier:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def identify(text: str) -> tuple[str | None, float | None, str]:
    """The language of ``text``: ``(code, confidence, method)``; code None when undetermined."""
    share, words = english_share(text)
    if words < MIN_WORDS:
        return None, None, "too little text"
    if share >= ENGLISH_SHARE:
        return ENGLISH, None, "English function words"
    code, probability = _identifier().classify(text)
    confidence = round(float(probability), 3)
    if confidence < MIN_CONFIDENCE:
        return None, confidence, "identifier unsure"
    return str(code), confidence, "identifier"


def _sample(texts: Sequence[str]) -> str:
    out: list[str] = []
    size = 0
    for text in texts:
        out.append(text[: SAMPLE_CHARS - size])
        size += len(out[-1]) + 1
        if size >= SAMPLE_CHARS:
            break
    return "\n".join(out)


def page_language(page: Page, forced: str | None = None) -> PageLanguage:
    """The language of ``page`` (``forced``: the caller's, taken as it is), and on an English page, its
    paragraphs confidently in another language."""
    if forced is not None:
        language = PageLanguage(forced, "given")
    else:
        main = [block.text for block in page.blocks if block.in_main_text]
        texts = main if sum(map(len, main)) >= 200 else [block.text for block in page.blocks]
        code, confidence, method = identify(_sample(texts))
        language = PageLanguage(code, method, confidence)
    if language.code not in (ENGLISH, None):
        return language
    foreign: dict[int, str] = {}
    checked = 0
    for block in page.blocks:
        if checked >= MAX_CHECKED_PARAGRAPHS:
            break
        if block.kind not in PROSE_KINDS:  # menus, table rows and code hold names, not sentences
            continue
        text = block.text[:PARAGRAPH_CHARS]
        share, words = english_share(text)
        if words < MIN_WORDS or share >= FOREIGN_SHARE:
            continue
        checked += 1
        code, _, method = identify(text)
        if method == "identifier" and code not in (ENGLISH, None):
            foreign[block.index] = str(code)
    return PageLanguage(language.code, language.method, language.confidence, foreign)
