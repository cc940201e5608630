"""The fast feature helpers say exactly what the regular expressions they replace say."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from detector.features import _digit_share, _first_person, _has_quote

# texts built from the pieces that decide the answers: the pronouns inside and outside words,
# apostrophes, quotes, ASCII and non-ASCII digits, underscores and accented letters
PIECES = st.sampled_from(["I", "my", "we", "our", "It", "your", "were", "I'm", "I’m", "12", "٣", "５", "x", '"',
                          "“", "”", " ", "\n", "é", "_", "'", "-", "."])
TEXTS = st.lists(PIECES, max_size=12).map("".join) | st.text(max_size=40)


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_first_person_is_the_word_boundary_pattern(text):
    assert _first_person(text) == bool(re.search(r"\b(I|I'm|I’m|my|we|our)\b", text))


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_digit_share_counts_every_unicode_digit(text):
    assert _digit_share(text) == len(re.findall(r"\d", text)) / max(len(text), 1)


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_has_quote_is_the_quote_pattern(text):
    assert _has_quote(text) == bool(re.search(r"[\"“”]", text))


def test_the_helpers_can_say_no():
    assert not _first_person("flour and answers in your Islands")
    assert _first_person("Then we left.") and _first_person("I'm here") and _first_person("(my)")
    assert _digit_share("abc") == 0 and _digit_share("a1") == 0.5 and _digit_share("٣x") == 0.5
    assert not _has_quote("it's") and _has_quote("“quoted”")
