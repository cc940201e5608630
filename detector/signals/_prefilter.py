"""Literal prefilters for regular expressions: skip a search that cannot succeed.

Python's ``re`` scans a case-insensitive alternation such as ``\\b(cookie policy|privacy policy|...)``
position by position. Most paragraphs contain none of the words such a pattern needs, and a plain
substring test (``str.__contains__``, in C) proves it far faster. :func:`required_literals` reads a
compiled pattern's syntax tree and returns a set of strings at least one of which every match must
contain; :class:`LiteralFilter` then tests text against that set, case-folded as ``re`` folds it
for ``IGNORECASE``, before the regex runs. A pattern the analysis cannot bound gets no filter, so the regex always runs: the filter can
only skip searches that would fail, never change a result.
"""

from __future__ import annotations

import _sre
import bisect
import functools
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import product

# re's parser is private (typeshed has no stubs for it); tests/test_prefilter.py covers its behaviour
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

import ahocorasick
import numpy as np

#: A node of re's syntax tree, ``(opcode, argument)``: the parser's own untyped structures.
_Node = tuple[Any, Any]
#: Strings one of which a match holds (or starts with), lower-cased; None when unbounded.
_Strings = frozenset[str] | None
_StringsOfSeq = Callable[[Sequence[_Node]], _Strings]

_MAX_SET = 256  # the largest set of alternative strings tracked for one part of a pattern
_MAX_ALSO = 2  # the further required sets a filter tests
_MAX_CLASS = 16  # character classes larger than this match "anything" for the analysis
_ZERO_WIDTH = {C.AT, C.ASSERT, C.ASSERT_NOT}
_REPEATS = {C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", C.MAX_REPEAT)}


def _fold_table() -> dict[int, int]:
    """Non-ASCII characters that ``re`` with ``IGNORECASE`` matches to an ASCII letter (e.g. KELVIN SIGN, ſ)."""
    table = {c: _sre.unicode_tolower(c) for c in range(128, 0x10000) if _sre.unicode_tolower(c) < 128}
    try:
        from re._casefix import _EXTRA_CASES
    except ImportError:  # pragma: no cover
        _EXTRA_CASES = {0x69: (0x131,), 0x73: (0x17F,)}
    for ascii_lower, others in _EXTRA_CASES.items():
        if ascii_lower < 128:
            table.update(dict.fromkeys(others, ascii_lower))
    return table


_FOLD_TABLE = _fold_table()
_FOLD_PAIRS = tuple(
    (chr(c), chr(a)) for c, a in sorted(_FOLD_TABLE.items())
)  # a handful: replace beats translate


def fold_case(text: str) -> str:
    """``text`` lower-cased so that a literal of :func:`required_literals` is in it whenever ``re`` could
    match it case-insensitively."""
    if not text.isascii():
        for char, ascii_char in _FOLD_PAIRS:
            if char in text:
                text = text.replace(char, ascii_char)
    return text.lower()


def _fold(chars: set[str]) -> frozenset[str] | None:
    """The chars, lower-cased; None if one is a non-ASCII letter (its case variants are not tracked)."""
    out = set()
    for c in chars:
        if not c.isascii() and c.lower() != c.upper():
            return None
        out.add(c.lower())
    return frozenset(out)


def _union(alternatives: Iterable[Sequence[_Node]], strings_of: _StringsOfSeq) -> _Strings:
    """The union of ``strings_of`` each alternative of a branch; None if one of them is None."""
    out: set[str] = set()
    for alternative in alternatives:
        strings = strings_of(alternative)
        if strings is None:
            return None
        out |= strings
    return frozenset(out)


def _exact(node: _Node) -> _Strings:
    """Every string ``node`` can match, lower-cased, if that set is small; else None."""
    op, av = node
    if op == C.LITERAL:
        return _fold({chr(av)})
    if op == C.IN:
        chars: set[str] = set()
        for item_op, item in av:
            if item_op == C.LITERAL:
                chars.add(chr(item))
            elif item_op == C.RANGE and item[1] - item[0] < _MAX_CLASS:
                chars.update(chr(c) for c in range(item[0], item[1] + 1))
            else:  # NEGATE, CATEGORY, large ranges
                return None
        return _fold(chars) if len(chars) <= _MAX_CLASS else None
    if op in _ZERO_WIDTH:
        return frozenset({""})
    if op == C.SUBPATTERN:
        return _exact_seq(av[-1])
    if op == C.BRANCH:
        out = _union(av[1], _exact_seq)
        return out if out is not None and len(out) <= _MAX_SET else None
    if op in _REPEATS:
        low, high, inner = av
        strings = _exact_seq(inner)
        if strings is None or high == C.MAXREPEAT or high > 3:
            return None
        repeated: set[str] = set()
        for count in range(low, high + 1):
            repeated.update("".join(parts) for parts in product(strings, repeat=count))
            if len(repeated) > _MAX_SET:
                return None
        return frozenset(repeated)
    return None  # ANY, NOT_LITERAL, CATEGORY, GROUPREF, ...


def _exact_seq(seq: Sequence[_Node]) -> _Strings:
    strings = frozenset({""})
    for node in seq:
        part = _exact(node)
        if part is None:
            return None
        strings = frozenset(a + b for a in strings for b in part)
        if len(strings) > _MAX_SET:
            return None
    return strings


def _inside(node: _Node, strings_of_seq: _StringsOfSeq) -> _Strings:
    """``strings_of_seq`` of what a group, a branch (each alternative) or a repeat (at least once) must
    match; None for other nodes."""
    op, av = node
    if op == C.SUBPATTERN:
        return strings_of_seq(av[-1])
    if op == C.BRANCH:
        return _union(av[1], strings_of_seq)
    if op in _REPEATS and av[0] >= 1:
        return strings_of_seq(av[2])
    return None


def _required(node: _Node) -> _Strings:
    """Strings one of which every match of ``node`` contains (lower-cased), or None if unbounded."""
    return _inside(node, _required_seq)


def _better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    """The cheaper and more selective of two candidate sets: strings of four characters or more if
    possible, then the fewest strings, then the longest shortest string."""
    candidates = [s for s in (a, b) if s and "" not in s]
    if not candidates:
        return None
    return max(candidates, key=lambda s: (min(min(map(len, s)), 4), -len(s), min(map(len, s))))


def _selectivity(strings: frozenset[str]) -> tuple[int, int, list[str]]:
    """A sort key putting the sets of strings that fewer texts hold first (as :func:`_better` ranks them)."""
    return (-min(min(map(len, strings)), 4), len(strings), sorted(strings))


def _required_candidates(seq: Sequence[_Node]) -> list[tuple[_Strings, bool]]:
    """The sets of strings of ``seq`` each required of every match, in pattern order: each stretch of exact
    nodes (the strings it can match) and each other node's :func:`_required` strings. A stretch is also
    offered before it grows past its number of strings (``final`` False then: the stretch goes on)."""
    found: list[tuple[_Strings, bool]] = []
    run: frozenset[str] | None = frozenset({""})  # strings of the current stretch of exact nodes
    for node in seq:
        part = _exact(node)
        if part is not None and run is not None:
            joined = frozenset(a + b for a in run for b in part)
            if len(joined) <= _MAX_SET:
                if len(joined) > len(run):  # the stretch so far may be the better filter: fewer strings
                    found.append((run, False))
                run = joined
                continue
        found.append((run, True))
        if part is not None:
            run = part
        else:
            found.append((_required(node), True))
            run = frozenset({""})
    found.append((run, True))
    return found


def _required_seq(seq: Sequence[_Node]) -> _Strings:
    best = None
    for strings, _ in _required_candidates(seq):
        best = _better(best, strings)
    return best


@functools.lru_cache(maxsize=1024)
def _syntax(source: str, flags: int) -> tuple[_Node, ...] | None:
    """The top-level nodes of ``re``'s syntax tree of a pattern (None if the parser cannot read it), parsed
    once for the several analyses of a filter (the trees are only read)."""
    try:
        return tuple(sre_parse.parse(source, flags & ~re.UNICODE))
    except Exception:
        return None


def _analyse(pattern: re.Pattern[str] | str, flags: int, strings_of_seq: _StringsOfSeq) -> _Strings:
    """``strings_of_seq`` of the syntax tree of ``pattern``; None if the parser cannot read it."""
    if isinstance(pattern, re.Pattern):
        source, flags = pattern.pattern, pattern.flags
    else:
        source = pattern
    tree = _syntax(source, flags)
    return None if tree is None else strings_of_seq(list(tree))


def required_literals(pattern: re.Pattern[str] | str, flags: int = 0) -> frozenset[str] | None:
    """A set of lower-case strings at least one of which every match of ``pattern`` contains.

    None when no such set can be read off the pattern (it can match without any fixed text, or uses
    constructs the analysis does not follow). Literals are ASCII or caseless characters, to be looked
    for in :func:`fold_case`-ed text; the test is a superset test, so it holds for case-sensitive and
    case-insensitive patterns alike.
    """
    return _analyse(pattern, flags, _required_seq)


def required_literal_sets(pattern: re.Pattern[str]) -> list[frozenset[str]]:
    """Sets of lower-case strings such that every match of ``pattern`` contains one string of each set
    (the parts of the pattern every match goes through: a subject and a verb, say); [] when none can be
    read off."""
    tree = _syntax(pattern.pattern, pattern.flags)
    if tree is None:
        return []
    return [
        strings
        for strings, final in _required_candidates(list(tree))
        if final and strings and "" not in strings
    ]


def _alternatives(seq: Sequence[_Node]) -> list[Sequence[_Node]]:
    """The alternatives of an alternation every match of ``seq`` goes through, [] if none: ``seq``'s own
    branch, or a group's, looking into a group that is all of ``seq`` (zero-width nodes aside)."""
    while True:
        nodes = [node for node in seq if node[0] not in _ZERO_WIDTH]
        for op, av in nodes:
            while op == C.SUBPATTERN and len(av[-1]) == 1:
                op, av = av[-1][0]
            if op == C.BRANCH:
                return list(av[1])
        if len(nodes) == 1 and nodes[0][0] == C.SUBPATTERN:
            seq = nodes[0][1][-1]
            continue
        return []


def required_literal_branches(pattern: re.Pattern[str]) -> list[list[frozenset[str]]]:
    """For each alternative of an alternation every match of ``pattern`` goes through, sets of lower-case
    strings such that a match through that alternative contains one string of each set (a self-introduction
    "I am a ..." needs "i am" and " a "); [] when the pattern has no such alternation or one of its
    alternatives needs no fixed text."""
    tree = _syntax(pattern.pattern, pattern.flags)
    if tree is None:
        return []
    branches = []
    for alternative in _alternatives(list(tree)):
        sets = [
            strings
            for strings, final in _required_candidates(list(alternative))
            if final and strings and "" not in strings
        ]
        if not sets:
            return []
        branches.append(sorted(set(sets), key=_selectivity))  # the most selective first
    return branches


def _leading(node: _Node) -> _Strings:
    """Strings one of which every match of ``node`` starts with (lower-cased), or None."""
    return _inside(node, _leading_seq)


def _leading_seq(seq: Sequence[_Node]) -> _Strings:
    prefixes = frozenset({""})
    for node in seq:
        if node[0] in _ZERO_WIDTH:
            continue
        part = _exact(node)
        last = part is None  # after a node of unknown length, nothing further is a prefix
        if part is None:
            part = _leading(node)
            if part is None:
                break
        joined = frozenset(a + b for a in prefixes for b in part)
        if len(joined) > _MAX_SET:
            break
        prefixes = joined
        if last:
            break
    return None if "" in prefixes else prefixes


def leading_literals(pattern: re.Pattern[str] | str, flags: int = 0) -> frozenset[str] | None:
    """A set of lower-case strings one of which every match of ``pattern`` starts with, or None.

    Zero-width assertions (``\\b``, look-arounds) are passed over. As for :func:`required_literals`,
    the strings are to be looked for in :func:`fold_case`-ed text.
    """
    return _analyse(pattern, flags, _leading_seq)


class LiteralFilter:
    """Whether a text could match ``pattern``, by substring tests on :func:`fold_case`-ed text.

    Parameters
    ----------
    pattern : a compiled regular expression.

    Attributes
    ----------
    literals : the strings one of which every match contains, or None (no filter: every text passes).
    also : further sets of strings every match contains one of (a pattern of a subject and a verb needs
        both): a text must hold one string of each.
    branches : for a pattern that is an alternation, what each alternative needs: sets of strings, one of
        each; a text must hold one string of each set of one alternative ("my name is", or "i am" and
        " a ", where ``literals`` alone would let any text holding " a " through). Empty: no such test.
    """

    def __init__(self, pattern: re.Pattern[str]):
        self.pattern = pattern
        self.literals = required_literals(pattern)
        self.also: tuple[frozenset[str], ...] = ()
        self.branches: tuple[tuple[frozenset[str], ...], ...] = ()
        if self.literals is not None:
            self.also = tuple(
                found
                for found in required_literal_sets(pattern)
                if found != self.literals and min(map(len, found)) >= 3
            )[:_MAX_ALSO]
            # each alternative's most selective sets; short strings only where ``literals`` has them
            # already (a one-letter word indexed would be found all over a page)
            literals = self.literals
            branches = tuple(
                tuple(
                    [found for found in sets if min(map(len, found)) >= 3 or found <= literals][
                        : _MAX_ALSO + 1
                    ]
                )
                for sets in required_literal_branches(pattern)
            )
            # worth testing only when every alternative needs something and some more than its share of
            # ``literals``
            if all(branches) and any(len(sets) > 1 for sets in branches):
                self.branches = branches

    @property
    def strings(self) -> frozenset[str]:
        """Every string the filter looks for (to index)."""
        found = set(self.literals or ())
        found.update(lit for also in self.also for lit in also)
        found.update(lit for sets in self.branches for strings in sets for lit in strings)
        return frozenset(found)

    def present(self, folded: str) -> tuple[str, ...] | None:
        """The literals found in ``folded`` (folded text, e.g. a whole page); None if there is no filter."""
        if self.literals is None:
            return None
        return tuple(lit for lit in self.literals if lit in folded)

    def could_match(self, folded: str) -> bool:
        """Whether :func:`fold_case`-ed text contains one of the literals, one of each of the ``also``
        sets and, with ``branches``, one of each set of one alternative (always true without a filter)."""
        return self.literals is None or (
            all(any(lit in folded for lit in literals) for literals in (self.literals, *self.also))
            and (
                not self.branches
                or any(
                    all(any(lit in folded for lit in strings) for strings in sets) for sets in self.branches
                )
            )
        )

    def search(self, text: str) -> re.Match[str] | None:
        """``pattern.search(text)``, skipped when the text cannot match."""
        return self.pattern.search(text) if self.could_match(fold_case(text)) else None


class LiteralIndex:
    """The literals of several filters in one Aho-Corasick automaton: one pass over a page finds them all.

    Parameters
    ----------
    filters : the :class:`LiteralFilter` objects whose literals to index.
    """

    def __init__(self, filters: Iterable[LiteralFilter]):
        self.filters = frozenset(f for f in filters if f.literals is not None)
        self._automaton = ahocorasick.Automaton()
        literals = {lit for f in self.filters for lit in f.strings}
        for literal in sorted(literals):
            self._automaton.add_word(literal, literal)
        self._empty = len(self._automaton) == 0
        if not self._empty:
            self._automaton.make_automaton()

    def occurrences(self, folded: str) -> Iterator[tuple[int, str]]:
        """``(end position, literal)`` of every occurrence of an indexed literal in ``folded`` text."""
        return iter(()) if self._empty else self._automaton.iter(folded)


_NON_WORD = re.compile(r"\W")


def _is_word(code: int) -> bool:
    """Whether ``re`` counts the character as ``\\w`` in a str pattern: ``str.isalnum()`` or ``_``."""
    return chr(code).isalnum() or code == 0x5F


@functools.cache
def _word_table() -> np.ndarray:
    """:func:`_is_word` of every BMP code point (built on first use: a non-ASCII text)."""
    return np.array([_is_word(c) for c in range(0x10000)], dtype=bool)


def word_spaces(text: str) -> str:
    """``text`` with every character that is not ``\\w`` replaced by a space (same length, same positions)."""
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_WORD_SPACES).decode("ascii")
    chars = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    if chars.max() >= 0x10000:  # astral characters: rare, and beyond the table
        return _NON_WORD.sub(" ", text)
    return (
        np.where(_word_table()[chars], chars, np.uint32(0x20)).astype(np.uint32).tobytes().decode("utf-32-le")
    )


_ASCII_WORD_SPACES = bytes(c if _is_word(c) else 0x20 for c in range(128)) + bytes(128)


class StartIndex:
    """``finditer`` of several patterns that match only where a word starts, tried only where one can.

    A pattern whose source begins with ``\\b`` and whose every match starts with one of its
    :func:`leading_literals`, each beginning with a word character, can only match where a word starts
    with one of those strings. One Aho-Corasick pass over the text with every character that is not
    ``\\w`` made a space (:func:`word_spaces`) finds those places for all the patterns at once, and
    each pattern is then matched there only, in order, as ``finditer`` would: the same matches,
    without ``re`` testing a word boundary at every character. Other patterns run ``finditer``.

    Parameters
    ----------
    patterns : compiled patterns, run on :func:`fold_case`-ed text.
    """

    def __init__(self, patterns: Iterable[re.Pattern[str]]):
        self.patterns = list(patterns)
        self._automaton = ahocorasick.Automaton()
        keys: dict[str, set[int]] = {}
        self._indexed: set[int] = set()
        for k, pattern in enumerate(self.patterns):
            leading = leading_literals(pattern) if pattern.pattern.startswith(r"\b") else None
            if not leading or not all(_NON_WORD.match(lit) is None for lit in leading):
                continue
            self._indexed.add(k)
            for literal in leading:
                keys.setdefault(" " + _NON_WORD.sub(" ", literal), set()).add(k)
        for key, indexed in sorted(keys.items()):
            self._automaton.add_word(key, (len(key), tuple(sorted(indexed))))
        if keys:
            self._automaton.make_automaton()

    def finditer(self, folded: str) -> list[list[re.Match[str]]]:
        """The matches of each pattern in ``folded`` text, as ``list(pattern.finditer(folded))``."""
        starts: list[set[int]] = [set() for _ in self.patterns]
        if self._indexed:
            for end, (length, indexed) in self._automaton.iter(" " + word_spaces(folded)):
                for (
                    k
                ) in indexed:  # the key is a space and the literal: the literal starts at end - length + 2
                    starts[k].add(end - length + 1)  # in the text without the leading space
        found: list[list[re.Match[str]]] = []
        for k, pattern in enumerate(self.patterns):
            if k not in self._indexed:
                found.append(list(pattern.finditer(folded)))
                continue
            matches: list[re.Match[str]] = []
            after, match = 0, pattern.match
            for start in sorted(starts[k]):
                if start >= after and (m := match(folded, start)) is not None:
                    matches.append(m)
                    after = m.end()
            found.append(matches)
        return found


class WordIndex:
    """Where the literals of the prefilters occur among the blocks of one page: the blocks a pattern
    can match, found in one pass over the page.

    Parameters
    ----------
    texts : the text of each block, in block order.

    Attributes
    ----------
    folded : each block's text, :func:`fold_case`-ed.
    folded_page : the folded texts joined by NUL: a literal found there lies inside one block.
    """

    def __init__(self, texts: Iterable[str]):
        self.folded = [fold_case(text) for text in texts]
        self.folded_page = "\0".join(self.folded)
        self._blocks_of: dict[str, set[int]] = {}  # indexed literal -> blocks it occurs in
        self._indexed: frozenset[LiteralFilter] = frozenset()  # the filters whose literals were indexed
        self._candidates: dict[int, frozenset[int]] = {}  # id(filter) -> the blocks it may match

    def index(self, literal_index: LiteralIndex) -> None:
        """Find where the literals of ``literal_index`` occur on the page, in one pass, for :meth:`candidates`."""
        if literal_index.filters <= self._indexed:
            return
        starts = list(itertools.accumulate((len(f) + 1 for f in self.folded[:-1]), initial=0))
        blocks_of = self._blocks_of
        for end, literal in literal_index.occurrences(self.folded_page):
            blocks_of.setdefault(literal, set()).add(bisect.bisect_right(starts, end) - 1)
        self._indexed |= literal_index.filters

    def candidates(self, literal_filter: LiteralFilter) -> frozenset[int] | None:
        """The blocks holding one of the words every match of the filter's pattern needs (None: no filter)."""
        if literal_filter.literals is None:
            return None
        key = id(literal_filter)
        found = self._candidates.get(key)
        if found is None:
            found = self._holding(literal_filter, literal_filter.literals)
            for also in literal_filter.also:
                if found:
                    found &= self._holding(literal_filter, also)
            if found and literal_filter.branches:
                found &= frozenset().union(
                    *(self._holding_all(literal_filter, sets) for sets in literal_filter.branches)
                )
            self._candidates[key] = found
        return found

    def _holding_all(self, literal_filter: LiteralFilter, sets: tuple[frozenset[str], ...]) -> frozenset[int]:
        """The blocks holding one string of each of ``sets`` (one alternative of the filter's ``branches``)."""
        found = self._holding(literal_filter, sets[0])
        for strings in sets[1:]:
            if not found:
                break
            found &= self._holding(literal_filter, strings)
        return found

    def _holding(self, literal_filter: LiteralFilter, literals: frozenset[str]) -> frozenset[int]:
        """The blocks holding one of ``literals`` (the filter's own or one of its ``also`` sets)."""
        if literal_filter in self._indexed:
            blocks_of = self._blocks_of
            if len(blocks_of) < len(literals):  # walk the smaller side: usually the few literals found
                return frozenset().union(*(blocks for lit, blocks in blocks_of.items() if lit in literals))
            return frozenset().union(*(blocks_of.get(lit, ()) for lit in literals))
        present = [lit for lit in literals if lit in self.folded_page]
        return frozenset(i for i, text in enumerate(self.folded) if any(lit in text for lit in present))

    def could_match(self, literal_filter: LiteralFilter, index: int) -> bool:
        """Whether block ``index`` holds one of the words every match of the filter's pattern needs."""
        found = self.candidates(literal_filter)
        return found is None or index in found
