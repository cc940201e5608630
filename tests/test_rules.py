"""Every rule's examples must hit and miss as the rule file says; invalid rule files are refused."""

import re
import signal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detector import RuleError
from detector.signals.rules import default_rules, parse_rules
from tests.rule_examples import example_context

RULES = list(default_rules())


def _cases(kind):
    for rule in RULES:
        for n, example in enumerate(getattr(rule, kind)):
            yield pytest.param(rule, example, id=f"{rule.id}-{n}")


@pytest.mark.parametrize("rule,example", list(_cases("examples_hit")))
def test_rule_hits_its_examples(rule, example):
    block, ctx = example_context(example)
    assert rule.match(block, ctx) is not None


@pytest.mark.parametrize("rule,example", list(_cases("examples_miss")))
def test_rule_misses_its_counter_examples(rule, example):
    block, ctx = example_context(example)
    assert rule.match(block, ctx) is None


def test_every_spam_category_has_rules():
    categories = {r.category for r in RULES}
    assert {
        "fabricated_author_bio",
        "scraped_faq",
        "off_topic",
        "unsourced_rumour",
        "promotional",
        "boilerplate",
    } <= categories


def _rule(**overrides):
    rule = {
        "id": "X_RULE",
        "category": "promotional",
        "description": "A test rule.",
        "weight": 1.0,
        "pattern": "buy now",
        "examples_hit": ["Buy now!"],
        "examples_miss": ["Hello."],
    }
    rule.update(overrides)
    return {"rule": [{k: v for k, v in rule.items() if v is not None}]}


@pytest.mark.parametrize(
    "overrides,message",
    [
        ({"category": "nonsense"}, "category"),
        ({"pattern": "([unclosed"}, "bad pattern"),
        ({"pattern": None, "check": "no_such_check"}, "unknown check"),
        ({"pattern": "buy {no_such_list}"}, "unknown list"),
        ({"pattern": None}, "needs a 'pattern' or a 'check'"),
        ({"examples_miss": []}, "examples"),
        ({"id": "lower_case"}, "UPPER_SNAKE_CASE"),
        ({"weight": "heavy"}, "weight"),
        ({"colour": "red"}, "unknown keys"),
        ({"decides": "yes"}, "'decides' must be true or false"),
        ({"decides": True, "category": "boilerplate"}, "only a rule of a spam category"),
    ],
)
def test_invalid_rules_are_refused_with_the_reason(overrides, message):
    with pytest.raises(RuleError, match=message):
        parse_rules(_rule(**overrides))


def test_valid_rule_parses():
    rules = parse_rules(_rule())
    assert rules.by_id["X_RULE"].pattern.search("BUY NOW")
    assert not rules.by_id["X_RULE"].decides


def test_a_pattern_names_a_word_list_of_the_rule_file():
    rules = parse_rules({"lists": {"offers": ["buy now", "act fast"]}, **_rule(pattern=r"\b({offers})!")})
    assert rules.by_id["X_RULE"].pattern.search("Act fast!")
    with pytest.raises(RuleError, match="non-empty array"):
        parse_rules({"lists": {"offers": []}, **_rule()})


def test_a_rule_that_decides_decides_only_the_neutral_labels_of_paragraphs_it_fired_on():
    rules = parse_rules(
        {
            "rule": [
                _rule(id="PLAIN_RULE")["rule"][0],
                _rule(id="DECIDING_RULE", decides=True)["rule"][0],
            ]
        }
    )
    labels = ["credible", "boilerplate", "scraped_faq", "credible", "credible"]
    fired = [["DECIDING_RULE"], ["PLAIN_RULE", "DECIDING_RULE"], ["DECIDING_RULE"], ["PLAIN_RULE"], []]
    assert rules.decided_labels(labels, fired) == ["promotional", "promotional", None, None, None]
    assert rules.decided_by(labels, fired) == ["DECIDING_RULE", "DECIDING_RULE", None, None, None]


def test_the_report_names_the_rule_that_decided_a_label(detector):
    """A claim resting on weasel words alone: the classifier passes it, RUMOUR_WEASEL_REGISTER decides."""
    text = "Many fans think the sequel was rushed.\nThe studio has probably lost interest in the series."
    paragraphs = detector.score(text, source="claims", content_type="text").paragraphs
    decided = [p for p in paragraphs if p.decided_by is not None]
    assert [p.decided_by for p in decided] == ["RUMOUR_WEASEL_REGISTER"]
    for p in paragraphs:
        by_classifier = any(f.rule is None for f in p.flags)
        assert (p.decided_by is not None) == (p.label == "unsourced_rumour" and not by_classifier)
    assert decided[0].label == "unsourced_rumour" and decided[0].credibility <= 0.5
    assert "RUMOUR_WEASEL_REGISTER" in {f.rule for f in decided[0].flags}


# --- hostile text: no rule may backtrack for seconds ------------------------------------------

_BREADCRUMB_REGEX = re.compile(r"^\s*(Home|HOME|Start|News)(\s*[›>»/|]?\s*[A-Z&][\w&\x27’ -]{1,25}){1,6}\s*$")


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Home",
                "News",
                "Start",
                "HOME",
                " ",
                "\n",
                "›",
                "|",
                "A",
                "Sport",
                "b",
                "&",
                "'",
                "-",
                "_",
                "7",
                "é",
                "É",
                ".",
                "x" * 12,
                "\u00a0",
            ]
        ),
        max_size=9,
    ).map("".join)
)
def test_breadcrumb_check_decides_the_breadcrumb_regex(text):
    """The computed check accepts exactly the lines the (exponential) regular expression matches."""
    rule = next(r for r in RULES if r.id == "BOILER_BREADCRUMB")
    block, ctx = example_context(text) if text.strip() else (None, None)
    if block is None:
        return
    found = _BREADCRUMB_REGEX.search(text)
    expected = (found.group().strip() or found.group()) if found else None
    assert rule.match(block, ctx) == expected


_HOSTILE_UNITS = [
    "A ",
    "a ",
    "Ab ",
    "1 ",
    "A",
    " ",
    "- ",
    "& ",
    ": ",
    "Aa",
    "“",
    "x.",
    "Name: ",
    "some ",
    "said ",
]
_HOSTILE_PREFIXES = ["", "Home ", "News ", "Name: ", "“", "some ", "according to ", "He said "]


class _Slow(Exception):
    pass


def test_no_rule_backtracks_catastrophically_on_hostile_text():
    """Lines built to make nested quantifiers try every split (e.g. "Home A A A ... A!") are decided at once;
    a pattern that backtracks exponentially takes minutes on them and is stopped after 2 s."""

    def stop(*_):
        raise _Slow

    previous = signal.signal(signal.SIGALRM, stop)
    try:
        for prefix in _HOSTILE_PREFIXES:
            for unit in _HOSTILE_UNITS:
                text = prefix + unit * 60 + "!"
                block, ctx = example_context(text)
                signal.setitimer(signal.ITIMER_REAL, 2.0)
                try:
                    for rule in RULES:
                        rule.match(block, ctx)
                except _Slow:
                    pytest.fail(f"a rule backtracks on {text[:40]!r}…")
                finally:
                    signal.setitimer(signal.ITIMER_REAL, 0)
    finally:
        signal.signal(signal.SIGALRM, previous)
