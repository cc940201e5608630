"""The literal prefilter may only skip searches that would fail."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detector.signals import _fields, _sources, hedges
from detector.signals._prefilter import (
    LiteralFilter,
    LiteralIndex,
    StartIndex,
    WordIndex,
    fold_case,
    leading_literals,
    required_literals,
    word_spaces,
)
from detector.signals.rules import default_rules

PATTERNS = [r.pattern for r in default_rules() if r.pattern is not None] + [
    _sources._NAMED_SOURCE,
    _fields._FIELD_LINE,
]
FILTERS = [LiteralFilter(pattern) for pattern in PATTERNS]
FILTER_INDEX = LiteralIndex(FILTERS)
EXAMPLES = [
    e if isinstance(e, str) else e["text"]
    for r in default_rules()
    for e in (*r.examples_hit, *r.examples_miss)
]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\b(cookie policy|privacy policy)\b", {"cookie policy", "privacy policy"}),
        (r"^\s*(subscribe|sign up)\b", {"subscribe", "sign up"}),
        (r"gr[ae]y cats?", {"gray cat", "grey cat"}),
        (r"colou?r", {"colo"}),  # one string of four letters beats two longer ones
        (r"\d+% off", {"% off"}),
        (r"[A-Z]\w+ said", {" said"}),
    ],
)
def test_literals_read_off_the_pattern(pattern, expected):
    assert required_literals(re.compile(pattern, re.IGNORECASE)) == expected


@pytest.mark.parametrize("pattern", [r"\w+", r"(a|\w)", r".{3}", r"(?P<q>x)?(?P=q)", r"[^abc]+"])
def test_no_filter_when_a_match_needs_no_fixed_text(pattern):
    assert required_literals(re.compile(pattern)) is None
    assert LiteralFilter(re.compile(pattern)).could_match("") is True


@pytest.mark.parametrize(
    "text",
    [
        "İnternet explorer is not supported",
        "Internet explorer is not ſupported",
        "INTERNET EXPLORER IS NOT SUPPORTED",
        "internet explorer ıs not supported",
    ],
)
def test_case_variants_that_re_matches_pass_the_filter(text):
    pattern = next(r.pattern for r in default_rules() if r.id == "BOILER_BROWSER_WARNING")
    assert pattern.search(text), "the regex itself matches this case variant"
    assert LiteralFilter(pattern).could_match(fold_case(text))


def test_skips_text_without_the_words():
    filt = LiteralFilter(re.compile(r"\b(we use cookies|privacy policy)\b", re.IGNORECASE))
    assert not filt.could_match(fold_case("Sports. Weather. Local news."))
    assert filt.search("Read our Privacy Policy").group() == "Privacy Policy"


def test_a_text_must_hold_a_word_of_each_part_every_match_needs():
    # a subject and a verb: a paragraph with only one of them cannot match, and the regex is not run
    filt = LiteralFilter(re.compile(r"\b(?:insiders|regulars)\b(?:\W++\w++){0,4}?\W++(?:say|reckon)\b", re.I))
    assert filt.literals is not None and filt.also
    assert not filt.could_match(fold_case("Regulars at the Anchor were out in force."))
    assert not filt.could_match(fold_case("Police say the road is closed."))
    assert filt.could_match(fold_case("Regulars at the Anchor reckon it has been sold."))
    index = WordIndex(["Regulars at the Anchor.", "Police say so.", "Regulars there reckon so."])
    index.index(LiteralIndex([filt]))
    assert index.candidates(filt) == {2}


def test_a_text_must_hold_what_one_alternative_of_an_alternation_needs():
    # "my name is", or "i am" / "she is" before "writer" / "author": a text holding only "author" (which
    # the literals, the best strings of each alternative, let through) cannot match
    filt = LiteralFilter(re.compile(r"(my name is \w+|\b(?:i am|she is)\W+\w+ (?:writer|author)\b)", re.I))
    assert filt.literals is not None and " author" in filt.literals and filt.branches
    assert not filt.could_match(fold_case("The author of the report spoke on Tuesday."))
    assert not filt.could_match(fold_case("I am sure, said the mayor."))
    assert filt.could_match(fold_case("She is a writer."))
    assert filt.could_match(fold_case("Hello, my name is Ann."))
    texts = [
        "The author spoke.",
        "I am tired.",
        "She is a writer.",
        "My name is Ann.",
        "I am, as an author, here.",
    ]
    index = WordIndex(texts)
    index.index(LiteralIndex([filt]))
    assert index.candidates(filt) == {2, 3, 4}
    assert [bool(filt.pattern.search(text)) for text in texts] == [False, False, True, True, False]


def test_an_alternative_that_needs_no_fixed_text_leaves_no_alternation_test():
    filt = LiteralFilter(re.compile(r"\b(?:i am an? \w+,|\d+)", re.I))
    assert filt.literals is None and filt.branches == ()
    assert filt.could_match(fold_case("Nobody said anything."))


_PIECES = (
    st.sampled_from(EXAMPLES)
    | st.text(max_size=40)
    | st.sampled_from(
        ["İ", "K", "ſ", "ı", "\n", " ", "?", "›", "“", "’", "©", "%", ":", "：", "News", "Home"]
    )
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=5), st.data())
def test_filter_never_hides_a_match(pieces, data):
    """Whenever a pattern matches a text, the filter lets the text through (soundness)."""
    text = "".join(pieces)
    index = WordIndex(["An unrelated block first.", text])  # the text as a page's second block
    index.index(FILTER_INDEX)
    for filt in FILTERS:
        if filt.pattern.search(text):
            assert filt.could_match(fold_case(text)), (filt.pattern.pattern, text)
            assert index.could_match(filt, 1), (filt.pattern.pattern, text)


def test_filters_of_the_shipped_rules_match_their_hit_examples():
    for rule in default_rules():
        if rule.prefilter is None:
            continue
        for example in rule.examples_hit:
            text = example if isinstance(example, str) else example["text"]
            assert rule.prefilter.could_match(fold_case(text)), (rule.id, text)


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\b(cookie policy|privacy policy)\b", {"cookie policy", "privacy policy"}),
        (r"\b(?:an?|one)\s+source", {"a", "an", "one"}),
        (r"(?<!\w)gr[ae]y\w*", {"gray", "grey"}),
        (r"(?:some|many)+ people", {"some", "many"}),
        (r"\w+ said", None),
        (r"(?:a|\w) said", None),
        (r"x?y", {"y", "xy"}),
        (r"x?\w", None),  # "x" is optional and the next character anything: no prefix is certain
    ],
)
def test_leading_literals_read_off_the_pattern(pattern, expected):
    assert leading_literals(re.compile(pattern, re.IGNORECASE)) == (
        None if expected is None else frozenset(expected)
    )


LEADING_PATTERNS = PATTERNS + [hedges.RUMOUR, hedges.WEASEL, hedges.QUANTIFIER]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        _PIECES | st.sampled_from(["some critics say", "A source close to", "reportedly", "It is thought"]),
        min_size=1,
        max_size=5,
    )
)
def test_every_match_starts_with_a_leading_literal(pieces):
    text = "".join(pieces)
    for pattern in LEADING_PATTERNS:
        leading = leading_literals(pattern)
        if leading is None:
            continue
        for match in pattern.finditer(text):
            assert any(fold_case(match.group()).startswith(lit) for lit in leading), (
                pattern.pattern,
                match.group(),
            )


_CUE_PIECES = _PIECES | st.sampled_from(
    [
        "some critics say",
        "A source close to",
        "reportedly",
        "It is thought",
        "a friend told",
        "an insider",
        "the pal",
        "can't stand",
        "break-up",
        "_reportedly",
        "xreportedly",
        "réportedly",
        "é",
        "𝒜",
        "😀",
        "a",
        " ",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_CUE_PIECES, min_size=1, max_size=8))
def test_start_index_finds_what_finditer_finds(pieces):
    """Trying the hedge cues only where their words start gives the same matches as ``finditer``."""
    text = fold_case(" ".join(pieces) if len(pieces) % 2 else "".join(pieces))
    index = StartIndex([hedges._RUMOUR, hedges._WEASEL, hedges._QUANTIFIER])
    for pattern, matches in zip(index.patterns, index.finditer(text)):
        assert [m.span() for m in matches] == [m.span() for m in pattern.finditer(text)], pattern.pattern[:40]


def test_start_index_only_indexes_patterns_that_start_at_a_word():
    index = StartIndex([re.compile(r"\bsome\s+say"), re.compile(r"some\s+say"), re.compile(r"\b\w+ say")])
    assert index._indexed == {0}  # the others have no word boundary first, or no leading literal
    text = "handsome say. some say it; awesome say"
    assert [[m.span() for m in ms] for ms in index.finditer(text)] == [
        [(14, 22)],
        [(4, 12), (14, 22), (30, 38)],
        [(0, 12), (14, 22), (27, 38)],
    ]


@given(
    st.text(max_size=60)
    | st.lists(st.sampled_from(["a", "_", "é", "’", " ", "-", "𝒜", "Ⅻ", "٣", "\n"])).map("".join)
)
def test_word_spaces_blanks_exactly_the_non_word_characters(text):
    assert word_spaces(text) == re.sub(r"\W", " ", text)
