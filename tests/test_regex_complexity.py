"""Every regular expression of the package runs in linear time on hostile text.

Page text is attacker-controlled and ``re`` holds the GIL while it backtracks: one pattern that is
quadratic or cubic on some line freezes a worker. The patterns are collected, not listed: the rule
set's regexes through the public loader, and every compiled pattern a module of the package keeps at
module level (directly, in a container, or as the ``pattern`` of an object such as a literal
filter), so a new pattern is covered without editing this file. Each is run on strings built from its
own literals and character classes (a literal and a long run of one of its classes, the pattern's
words repeated, runs of capitalised short words, of digits and punctuation), tens of kilobytes long,
under a bound on the process's CPU time (the machine may be busy with other work); ``re`` checks for
signals while it matches, so a profiling timer's signal ends a runaway search.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import signal
import time
from re import _constants as C
from re import _parser

import pytest

import detector
from detector.signals._names import names_in
from detector.signals.rules import default_rules

#: Length of the generated strings, and the CPU time one search over one of them may take (the slowest
#: pattern takes under 0.1 s on this length).
LENGTH = 20_000
BOUND = 2.0
#: Modules that cannot be imported without an optional dependency are skipped, not failed.
_OPTIONAL = ("detector.audit.dask_backend", "detector.service", "detector.benchmarks")


def _patterns_in(value, found: dict, depth: int = 0) -> None:
    if isinstance(value, re.Pattern):
        found.setdefault((value.pattern, value.flags), value)
    elif depth < 3 and isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            _patterns_in(item, found, depth + 1)
    elif depth < 3 and isinstance(value, dict):
        for item in value.values():
            _patterns_in(item, found, depth + 1)
    elif depth < 3 and not isinstance(value, (str, bytes, type)):
        for name in ("pattern", "patterns"):
            inner = getattr(value, name, None)
            if isinstance(inner, (re.Pattern, list, tuple)):
                _patterns_in(inner, found, depth + 1)


def package_patterns() -> dict[str, re.Pattern]:
    """Every compiled pattern of the package: the rule set's, and those kept at module level."""
    found: dict = {}
    where: dict[tuple, str] = {}
    for rule in default_rules():
        if rule.pattern is not None:
            key = (rule.pattern.pattern, rule.pattern.flags)
            found.setdefault(key, rule.pattern)
            where.setdefault(key, f"rules.toml:{rule.id}")
    for info in pkgutil.walk_packages(detector.__path__, "detector."):
        try:
            module = importlib.import_module(info.name)
        except ImportError:
            if info.name.startswith(_OPTIONAL):
                continue
            raise
        for name, value in vars(module).items():
            if isinstance(value, type(re)):  # another module
                continue
            before = set(found)
            _patterns_in(value, found)
            for key in set(found) - before:
                where.setdefault(key, f"{info.name}.{name}")
    return {f"{where[key]}#{n}": pattern for n, (key, pattern) in enumerate(sorted(found.items(), key=str))}


# --- adversarial strings ------------------------------------------------------------------------

_CATEGORY_CHARS = {
    C.CATEGORY_DIGIT: "7",
    C.CATEGORY_NOT_DIGIT: "a",
    C.CATEGORY_SPACE: " ",
    C.CATEGORY_NOT_SPACE: "a",
    C.CATEGORY_WORD: "a",
    C.CATEGORY_NOT_WORD: " ",
    C.CATEGORY_LINEBREAK: "\n",
    C.CATEGORY_NOT_LINEBREAK: "a",
}


def _walk(tree, words: list[str], chars: set[str]) -> None:
    """Collect the literal runs (``words``) and class members (``chars``) of a parsed pattern."""
    run = []
    for op, av in tree:
        if op is C.LITERAL:
            run.append(chr(av))
            chars.add(chr(av))
            continue
        if run:
            words.append("".join(run))
            run = []
        if op is C.IN:
            for kind, value in av:
                if kind is C.LITERAL:
                    chars.add(chr(value))
                elif kind is C.RANGE:
                    chars.update((chr(value[0]), chr(value[1])))
                elif kind is C.CATEGORY:
                    chars.add(_CATEGORY_CHARS.get(value, "a"))
        elif op is C.NOT_LITERAL:
            chars.add("a" if av != ord("a") else "b")
        elif op is C.ANY:
            chars.add("a")
        elif op is C.BRANCH:
            for branch in av[1]:
                _walk(branch, words, chars)
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            _walk(av[2], words, chars)
        elif op is C.SUBPATTERN:
            _walk(av[3], words, chars)
        elif op in (C.ATOMIC_GROUP,):
            _walk(av, words, chars)
        elif op in (C.ASSERT, C.ASSERT_NOT):
            _walk(av[1], words, chars)
        elif op is C.GROUPREF_EXISTS:
            _walk(av[1], words, chars)
            if av[2] is not None:
                _walk(av[2], words, chars)
    if run:
        words.append("".join(run))


def ingredients(pattern: re.Pattern) -> tuple[list[str], list[str]]:
    """The pattern's literal words (longest first, at most 40) and its class members."""
    flags = pattern.flags & ~re.UNICODE if isinstance(pattern.pattern, str) else pattern.flags
    words: list[str] = []
    chars: set[str] = set()
    _walk(_parser.parse(pattern.pattern, flags), words, chars)
    words = sorted({w.strip() or w for w in words}, key=lambda w: (-len(w), w))
    return words[:40], sorted(chars)


def adversarial(pattern: re.Pattern, length: int = LENGTH):
    """``(label, text)`` pairs of about ``length`` characters built from the pattern's own pieces."""
    words, chars = ingredients(pattern)
    fillers = sorted(set(chars) | {" ", "\t", "1", "a", "A", ",", ".", ":"})
    yield "spaces", " " * length + "x"
    yield "spaces-bare", " " * length
    for word in words[:8] + [word.capitalize() for word in words[:2]]:
        for filler in (" ", "1"):
            yield f"{word!r}+{filler!r}*N", word + filler * length + "\x00"
        yield f"{word!r}*N", (word * (length // max(len(word), 1) + 1))[:length] + "\x00"
        yield f"({word!r}+' ')*N", ((word + " ") * (length // (len(word) + 1) + 1))[:length] + "\x00"
    if words:
        sentence = " ".join(words)
        yield "words*N", (sentence + " ") * (length // (len(sentence) + 1) + 1)
        yield "Words*N", (sentence.title() + " ") * (length // (len(sentence) + 1) + 1)
    for filler in fillers:
        yield f"{filler!r}*N+x", filler * length + "\x00"
    for a, b in zip(fillers, fillers[1:] + fillers[:1]):
        yield f"({a!r}{b!r})*N", (a + b) * (length // 2) + "\x00"
    for piece in (
        "Ab ",
        "Abc ",
        "A.",
        "Ab.",
        "A ",
        "Aa Bb ",
        "1,",
        "1/",
        "1 ",
        "1.",
        "12:34 ",
        "?",
        "? ",
        "a, ",
        "Ab\n",
        '"Ab, ',
        "“Abcdefghijklm, ",
        "Ab reported ",
        "-",
        "a-",
        "'s ",
    ):
        yield f"{piece!r}*N", piece * (length // len(piece)) + "\x00"


class _Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise _Timeout


def run_bounded(pattern: re.Pattern, text, bound: float) -> float:
    """CPU seconds to find every match of ``pattern`` in ``text``; ``inf`` past ``bound``."""
    if isinstance(pattern.pattern, bytes):
        text = text.encode("utf-8", "surrogatepass")
    return _cpu_bounded(lambda: sum(1 for _ in pattern.finditer(text)), bound)


def _cpu_bounded(call, bound: float) -> float:
    """CPU seconds ``call()`` takes; ``inf`` once it has taken ``bound``."""
    previous = signal.signal(signal.SIGPROF, _alarm)
    signal.setitimer(signal.ITIMER_PROF, bound)
    start = time.process_time()
    try:
        call()
        return time.process_time() - start
    except _Timeout:
        return float("inf")
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


PATTERNS = package_patterns()


def test_collects_the_rules_and_the_patterns_kept_in_code():
    names = " ".join(PATTERNS)
    for expected in (
        "rules.toml:ENGAGE_COUNTER_LINE",
        "rules.toml:BOILER_TIMESTAMP",
        "detector.signals.hedges.WEASEL",
        "detector.signals.hedges._WEASEL_WORDS",
        "detector.signals._names._WORD",
        "detector.signals._sources.NAMED_SOURCE_FILTERS",
        "rules.toml:RUMOUR_HEDGE",
        "detector.page.extract._QUESTION_END",
    ):
        assert expected in names, expected
    assert len(PATTERNS) > 50


@pytest.mark.parametrize("name", list(PATTERNS))
def test_pattern_is_linear_on_its_own_fragments(name):
    pattern = PATTERNS[name]
    slow = []
    for label, text in adversarial(pattern):
        took = run_bounded(pattern, text, BOUND)
        if took >= BOUND:
            slow.append(label)
            break  # one is enough to fail, and each costs the whole bound
    assert not slow, f"{name} takes over {BOUND} s on {len(text)} characters of: {', '.join(slow[:5])}"


# --- the functions that drive patterns in a loop, at a megabyte ----------------------------------

MEGABYTE = 1_000_000
#: CPU time one call on a megabyte of hostile text may take (names_in takes about 0.5 s, the named-source
#: search about 1 s on the slowest).
FUNCTION_BOUND = 5.0


def _call_bounded(func, text) -> float:
    return _cpu_bounded(lambda: func(text), FUNCTION_BOUND)


def _megabyte(piece: str) -> str:
    return piece * (MEGABYTE // len(piece))


@pytest.mark.parametrize("piece", ["Ab ", "Ab. ", "A ", "Ab\n", "Ab, Cd. ", "Abcd’s Ef "])
def test_names_in_is_linear_on_a_megabyte_of_short_capitalised_words(piece):
    assert _call_bounded(names_in, _megabyte(piece)) < FUNCTION_BOUND


class _EveryWay:
    """A word index that lets every way of naming a source be tried."""

    @staticmethod
    def could_match(way, index):
        return True


@pytest.mark.parametrize(
    "text",
    [
        _megabyte("A."),
        _megabyte("Aa.Bb "),
        _megabyte("“"),
        "“" + "a" * MEGABYTE,
        _megabyte("“Abcdefghijklm, "),
        _megabyte("Ab reported "),
        "told" + " " * MEGABYTE + "x",
        "According to" + " " * MEGABYTE + "x",
        _megabyte("police "),
        _megabyte('"Yes, it was clear." '),
    ],
    ids=lambda text: repr(text[:16]),
)
def test_the_named_source_search_is_linear_on_a_megabyte(text):
    from detector.signals._sources import _search_source

    assert _call_bounded(lambda t: _search_source(t, 0, _EveryWay()), text) < FUNCTION_BOUND


def test_a_line_of_spaces_after_a_counter_word_is_scored_at_once(detector):
    """``ENGAGE_COUNTER_LINE`` was cubic on it: two kilobytes took twenty seconds."""
    start = time.perf_counter()
    report = detector.score("views" + " " * 2000 + "x")
    assert time.perf_counter() - start < 2.0
    assert report.error is None
