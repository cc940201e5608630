"""Words and names of a page: which names are the page's subject, which appear nowhere else in the
article, and which of the subject's names the page also writes as common words (homonyms)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from importlib import resources

_TOKEN = re.compile(r"[a-z][a-z'’]+[a-z]|[a-z]{3,}")
_HAS_CAPITAL = re.compile(r"[^\W\d_a-z]")
# a word of letters (any script) that starts with no lower-case ASCII letter and is not preceded by a word
# character or an apostrophe: the look-ahead lets ``re`` skip lower-case words at once
_WORD = re.compile(r"(?<![\w’'])(?![a-z])[^\W\d_]++(?:[’'][^\W\d_]++)?")
#: English stop words (``stop_words.txt``: scikit-learn's list, so that scoring needs no scikit-learn).
ENGLISH_STOP_WORDS = frozenset(
    line
    for line in resources.files("detector.signals").joinpath("stop_words.txt").read_text("utf-8").splitlines()
    if line and not line.startswith("#")
)
# Capitalised words that name no one: stop words, and the months and days that dates and datelines
# capitalise ("names found nowhere else: September, Friday" explains nothing)
_CALENDAR_WORDS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
)
_NOT_NAMES = frozenset(word.capitalize() for word in ENGLISH_STOP_WORDS | _CALENDAR_WORDS)


def content_words(text: str) -> list[str]:
    """Lower-case word tokens of three letters or more, without English stop words."""
    return [t for t in _TOKEN.findall(text.lower()) if t not in ENGLISH_STOP_WORDS]


def capitalised_words(text: str) -> list[tuple[str, bool]]:
    """The capitalised words of ``text`` that may be names (a capital, then a lower-case letter, in any
    script; not a stop word, month or day), each with whether it opens a sentence."""
    words = []
    for match in _WORD.finditer(text):
        word = match.group()
        if word[0].isupper() and word[1:2].islower() and word not in _NOT_NAMES:
            words.append((word, _at_sentence_start(text, match.start())))
    return words


def names_in(text: str, known: frozenset[str] | set[str] = frozenset()) -> list[str]:
    """The names of ``text``: its capitalised words (:func:`capitalised_words`) that do not open a sentence,
    and those that do but are ``known`` as names (the page writes them capitalised elsewhere)."""
    return [word for word, initial in capitalised_words(text) if not initial or word in known]


_SENTENCE_PUNCTUATION = frozenset('.!?:;"“”‘’(')


def _at_sentence_start(text: str, start: int) -> bool:
    """Whether ``text[:start]`` is empty or ends a sentence (punctuation, then only white space).

    Looks back from ``start`` over the white space only: copying the prefix would make
    :func:`capitalised_words` quadratic in the length of the text."""
    if start == 0 or (start == 1 and text[0] == "\n"):
        return True
    end = start
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end > 0 and text[end - 1] in _SENTENCE_PUNCTUATION


def _written_as_words(text: str, words: set[str]) -> set[str]:
    """Those of the lower-case ``words`` that ``text`` holds as whole lower-case words (not after a word
    character, an apostrophe or a hyphen, and before no lower-case letter).

    A hashtag, a handle or a web address writes names in lower case ("#heartstopper", "@pelicanmutual",
    "pelican.com/news"): those are the name, not a common word, so a word after "#", "@", "/" or "." or
    before a dot and a letter or digit does not count."""
    found = set()
    for word in words:
        start = text.find(word)
        while start >= 0:
            before, end = text[start - 1 : start], start + len(word)
            if (
                not (before and (before.isalnum() or before in "_’'-#@/."))
                and not "a" <= text[end : end + 1] <= "z"
                and not (text[end : end + 1] == "." and text[end + 1 : end + 2].isalnum())
            ):
                found.add(word)
                break
            start = text.find(word, start + 1)
    return found


#: a title word the page writes in lower case in more than this many times as many blocks as it writes it
#: as a name is a common word the title capitalised, not a name (a homonym drift of a few paragraphs
#: repeats its namesake, but not that often)
COMMON_WORD_RATIO = 3


def _common_words(title_names: set[str], name_counts: Counter[str], as_words: list[set[str]]) -> set[str]:
    """The subject words (and their plurals) that are common words of the page: see :data:`COMMON_WORD_RATIO`."""
    lower_counts = Counter(
        word for found in as_words for word in {w.removesuffix("s") for w in found} | found
    )
    common = set()
    for name in title_names:
        word = name.lower()
        if lower_counts[word] > COMMON_WORD_RATIO * name_counts.get(name, 0):
            common |= {word, word + "s"}
    return common


def _homonym_only(names: list[str], as_words: set[str], subject_words: set[str], homonyms: set[str]) -> bool:
    """Whether a block names the subject only by words the page also writes as common words ("Pelicans
    use the pouch..." on a page about Pelican Mutual), with no other name of the subject."""
    if not homonyms:
        return False
    named = {name.lower() for name in names}.intersection(subject_words)
    return bool(as_words or named & homonyms) and not (named - homonyms)


@dataclass(slots=True)
class PageNames:
    """The names of a page's blocks and of its subject."""

    of_block: list[list[str]]  # the names of each block (:func:`names_in`)
    novel: list[list[str]]  # the names of each block found nowhere else in the article
    subject_names: frozenset[str]  # the title's names and those the page's body names twice or more
    subject_words: set[str]  # the subject's names, in lower case (and their plurals), homonyms left out
    as_words: list[set[str]]  # the subject words each block writes as lower-case words
    homonym_only: list[bool]  # whether each block names the subject only by its homonyms


def page_names(title: str | None, texts: list[str], reference: list[int]) -> PageNames:
    """The names of the page whose blocks are ``texts``; ``reference``: the blocks that make its body."""
    # a title capitalises every word, and a sentence its first: a word that opens a sentence is a name only
    # where the title or another place in the text capitalises it too, or its singular ("Prices rose" names
    # nobody; "Pelicans nest ..." on a page about Pelican Mutual names the subject's namesake)
    title_names = {word for word, _ in capitalised_words(title or "")}
    words = [capitalised_words(text) if _HAS_CAPITAL.search(text) else [] for text in texts]
    known = title_names | {word for found in words for word, initial in found if not initial}
    of_block = [
        [word for word, initial in found if not initial or word in known or word.removesuffix("s") in known]
        for found in words
    ]
    name_counts = Counter(name for i in reference for name in set(of_block[i]))

    # the title's names that the page writes as names at least twice, in lower case (and their plurals);
    # those the page also writes as common words somewhere may be homonyms ("pelicans" on a page about
    # Pelican Mutual)
    subject_words = {name.lower() for name in title_names if name_counts.get(name, 0) >= 2}
    subject_words |= {word + "s" for word in subject_words}
    joined = "\0".join(texts)
    lower = {word for word in subject_words if word in joined}  # those that may be written in lower case
    as_words = [_written_as_words(text, lower) if lower else set() for text in texts]
    common = _common_words(title_names, name_counts, as_words)
    if common:  # words the title capitalised ("Business Focus: ..."), not names
        subject_words -= common
        as_words = [found - common for found in as_words]
    homonyms: set[str] = set().union(*as_words)

    return PageNames(
        of_block=of_block,
        novel=_novel_names(texts, of_block, title_names, name_counts, set(reference)),
        subject_names=frozenset(title_names | {name for name, count in name_counts.items() if count >= 2}),
        subject_words=subject_words,
        as_words=as_words,
        homonym_only=[
            _homonym_only(names, found, subject_words, homonyms)
            for names, found in zip(of_block, as_words, strict=True)
        ],
    )


def _novel_names(
    texts: list[str],
    of_block: list[list[str]],
    title_names: set[str],
    name_counts: Counter[str],
    reference: set[int],
) -> list[list[str]]:
    """The names of each block that appear nowhere else in the article: not in the title, named by no
    other block of the body, and never written as a lower-case word on the page."""
    lower_words: set[str] | None = (
        None  # words written in lower case somewhere on the page, when first needed
    )
    novel_names = []
    for i, names in enumerate(of_block):
        novel = []
        if names:
            own_names = set(names)
            for name in dict.fromkeys(names):
                if (
                    name not in title_names
                    and name_counts.get(name, 0) - (1 if i in reference and name in own_names else 0) <= 0
                ):
                    if lower_words is None:
                        lower_words = set(_TOKEN.findall(" ".join(texts).replace("’", "'")))
                    if name.lower() not in lower_words:
                        novel.append(name)
        novel_names.append(novel)
    return novel_names
