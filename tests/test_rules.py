"""Every rule's examples must hit and miss as the rule file says; invalid rule files are refused."""

import pytest

from detector import RuleError
from detector.rules import default_rules, example_context, parse_rules

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
    assert {"fabricated_author_bio", "scraped_faq", "off_topic", "unsourced_rumour", "promotional",
            "boilerplate"} <= categories


def _rule(**overrides):
    rule = {"id": "X_RULE", "category": "promotional", "description": "A test rule.", "weight": 1.0,
            "pattern": "buy now", "examples_hit": ["Buy now!"], "examples_miss": ["Hello."]}
    rule.update(overrides)
    return {"rule": [{k: v for k, v in rule.items() if v is not None}]}


@pytest.mark.parametrize("overrides,message", [
    ({"category": "nonsense"}, "category"),
    ({"pattern": "([unclosed"}, "bad pattern"),
    ({"pattern": None, "check": "no_such_check"}, "unknown check"),
    ({"pattern": None}, "needs a 'pattern' or a 'check'"),
    ({"examples_miss": []}, "examples"),
    ({"id": "lower_case"}, "UPPER_SNAKE_CASE"),
    ({"weight": "heavy"}, "weight"),
    ({"colour": "red"}, "unknown keys"),
])
def test_invalid_rules_are_refused_with_the_reason(overrides, message):
    with pytest.raises(RuleError, match=message):
        parse_rules(_rule(**overrides))


def test_valid_rule_parses():
    rules = parse_rules(_rule())
    assert rules.by_id["X_RULE"].pattern.search("BUY NOW")
