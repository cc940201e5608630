"""A paragraph's flags are the evidence for its label, strongest first; every other rule that fired is
its other evidence (issue 23: explanations that explain the decision)."""

import json

import jsonschema
import numpy as np
import pytest
import scipy.sparse as sp
from pydantic import ValidationError

from detector.labels import DOUBTFUL_CREDIBILITY, LABELS, SPAM_LABELS, needs_review
from detector.report.explain import Explainer
from detector.report.schema import Flag, Paragraph, published_schema
from detector.signals.rules import Rule, RuleHit

from .conftest import SEEDS

CLASSES = list(LABELS)
#: learned weights per rule and label, as the model's rule_weights
WEIGHTS = {
    "OFF_STRONG": {"off_topic": 1.1},
    "OFF_WEAK": {"off_topic": 0.5},
    "OFF_AGAINST": {"off_topic": -0.9},
    "PROMO_OFFER": {"promotional": 1.8},
    "CRED_SOURCE": {"credible": 1.07},
    "DECIDES": {},  # no feature of the model: weight 0
}


def hit(rule_id: str, category: str) -> RuleHit:
    return RuleHit(
        rule=Rule(id=rule_id, category=category, description=f"{rule_id} fired.", weight=1.0),
        evidence=f"evidence of {rule_id}",
    )


HITS = {
    "OFF_STRONG": hit("OFF_STRONG", "off_topic"),
    "OFF_WEAK": hit("OFF_WEAK", "off_topic"),
    "OFF_AGAINST": hit("OFF_AGAINST", "off_topic"),
    "PROMO_OFFER": hit("PROMO_OFFER", "promotional"),
    "CRED_SOURCE": hit("CRED_SOURCE", "credible"),
    "DECIDES": hit("DECIDES", "unsourced_rumour"),
}


@pytest.fixture
def explainer() -> Explainer:
    names = np.array(["structure__first_person", "structure__has_quote"])
    coef = np.ones((len(CLASSES), len(names)))
    return Explainer(CLASSES, coef, names, WEIGHTS)


def proba(**given: float) -> np.ndarray:
    """Probabilities over the labels: ``given`` ones, the rest of the mass on credible."""
    p = np.array([given.get(label, 0.0) for label in CLASSES])
    p[CLASSES.index("credible")] += 1.0 - p.sum()
    return p


def explain(explainer, label, p, hits, decided_by=None):
    credibility = float(1.0 - sum(p[CLASSES.index(lab)] for lab in SPAM_LABELS))
    matrix = sp.csr_matrix(np.ones((1, 2)))
    return explainer.explain(
        label, 0, p, matrix, [HITS[h] for h in hits], credibility=credibility, decided_by=decided_by
    )


def test_a_credible_paragraph_shows_no_flag_for_another_labels_rule(explainer):
    flags, other = explain(explainer, "credible", proba(off_topic=0.2), ["OFF_STRONG", "CRED_SOURCE"])
    assert flags == []
    assert [f.rule for f in other] == ["OFF_STRONG", "CRED_SOURCE"]  # highest weight first
    assert other[0].category == "off_topic" and other[0].score == 1.1


def test_a_spam_paragraphs_flags_are_its_labels_evidence_strongest_first(explainer):
    hits = ["OFF_WEAK", "PROMO_OFFER", "OFF_AGAINST", "OFF_STRONG", "CRED_SOURCE"]
    flags, other = explain(explainer, "off_topic", proba(off_topic=0.8), hits)
    assert [f.rule for f in flags] == [None, "OFF_STRONG", "OFF_WEAK"]
    assert flags[0].category == "off_topic" and flags[0].score == 0.8 and "80%" in flags[0].reason
    rule_scores = [f.score for f in flags if f.rule]
    assert rule_scores == sorted(rule_scores, reverse=True)
    assert all(f.category == "off_topic" for f in flags)
    # the promotional and credible rules, and the off-topic rule the model weighs against: other evidence
    assert [f.rule for f in other] == ["PROMO_OFFER", "CRED_SOURCE", "OFF_AGAINST"]


def test_a_negative_weight_rule_is_never_a_flag(explainer):
    for label, p in (
        ("off_topic", proba(off_topic=0.9)),
        ("credible", proba(off_topic=0.45, promotional=0.1)),  # doubtful: evidence for off_topic
        ("credible", proba()),
    ):
        flags, other = explain(explainer, label, p, ["OFF_AGAINST", "OFF_STRONG"])
        assert all(f.score > 0 for f in flags if f.rule), label
        assert "OFF_AGAINST" in [f.rule for f in other]


def test_a_doubtful_credible_paragraph_shows_the_evidence_for_its_likeliest_spam_label(explainer):
    p = proba(off_topic=0.4, promotional=0.15)
    assert not needs_review("credible", 0.5) and needs_review("credible", 0.45)
    flags, other = explain(explainer, "credible", p, ["PROMO_OFFER", "OFF_WEAK"])
    assert [(f.rule, f.category) for f in flags] == [(None, "off_topic"), ("OFF_WEAK", "off_topic")]
    assert "55% likely to be spam" in flags[0].reason and "in doubt" in flags[0].reason
    assert [f.rule for f in other] == ["PROMO_OFFER"]
    # the same paragraph just above the bound: no flag, both rules are other evidence
    flags, other = explain(explainer, "credible", proba(off_topic=0.4, promotional=0.05), ["OFF_WEAK"])
    assert flags == [] and [f.rule for f in other] == ["OFF_WEAK"]
    assert DOUBTFUL_CREDIBILITY == 0.5


def test_the_deciding_rule_comes_first_and_the_classifier_gives_no_flag(explainer):
    hits = ["OFF_WEAK", "DECIDES"]
    flags, other = explain(explainer, "unsourced_rumour", proba(unsourced_rumour=0.3), hits, "DECIDES")
    assert [f.rule for f in flags] == ["DECIDES"]
    assert [f.rule for f in other] == ["OFF_WEAK"]


def test_the_schema_has_other_evidence_and_validates_it(detector):
    report = detector.score((SEEDS / "004_7bbc17ef1e92c73b.txt").read_bytes(), source="004")
    data = json.loads(report.model_dump_json())
    jsonschema.validate(data, published_schema())
    assert any(p["other_evidence"] for p in data["paragraphs"])
    bad = json.loads(json.dumps(data))
    bad["paragraphs"][0]["other_evidence"] = [{"category": "credible", "rule": None}]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, published_schema())
    bad["paragraphs"][0]["other_evidence"] = "none"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, published_schema())
    # a report written before the field still reads (no other evidence)
    old = {k: v for k, v in data["paragraphs"][0].items() if k != "other_evidence"}
    jsonschema.validate({**data, "paragraphs": [old]}, published_schema())
    assert Paragraph.model_validate(old).other_evidence == []
    with pytest.raises(ValidationError):
        Paragraph.model_validate({**old, "other_evidence": [{"category": "nonsense"}]})


def test_seed_reports_show_flags_only_for_their_labels_or_doubt(detector):
    weights = detector.classifier.rule_weights
    seen_other = 0
    for seed in sorted(SEEDS.glob("0*.txt")):
        report = detector.score(seed.read_bytes(), source=seed.name)
        for p in report.paragraphs:
            rules = [f for f in p.flags if f.rule and f.rule != p.decided_by]
            assert all(weights.get(f.rule, {}).get(f.category, 0.0) > 0 for f in rules)
            if p.label in SPAM_LABELS:
                assert {f.category for f in p.flags} == {p.label}
            elif p.credibility >= DOUBTFUL_CREDIBILITY:
                assert p.flags == []
            else:
                assert p.flags and all(f.category in SPAM_LABELS for f in p.flags)
            scores = [f.score for f in rules]
            assert scores == sorted(scores, reverse=True)
            other = [f.score for f in p.other_evidence]
            assert other == sorted(other, reverse=True)
            assert isinstance(p.other_evidence, list) and all(isinstance(f, Flag) for f in p.other_evidence)
            seen_other += bool(p.other_evidence)
    assert seen_other > 10
