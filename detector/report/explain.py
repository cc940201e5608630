"""Why a paragraph got its label: its flags and its other evidence, in words a moderator reads.

A flag is the classifier's (its probability of the paragraph's spam label and the features that
pushed hardest towards it) or a rule's (the rule's description, its evidence and learned weight).
A paragraph's ``flags`` are the evidence for its label only; every other rule that fired is its
``other_evidence`` (counter-evidence, and on a credible or boilerplate paragraph the rules of its own
label, which raise no flag), shown on request.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, cast

import numpy as np

from ..labels import LABEL_WORDING, SPAM_LABELS, Label, needs_review
from .schema import Flag

if TYPE_CHECKING:
    import scipy.sparse as sp

    from ..signals.rules import RuleHit


class Explainer:
    """The flags and other evidence of a page's paragraphs, from a classifier's coefficients and the
    rules' weights.

    Parameters
    ----------
    classes : the labels, in the order of the probabilities' columns.
    coef : the logistic regression's coefficients (classes x features).
    feature_names : the name of each column of the feature matrix.
    rule_weights : learned weight of each rule's feature, per label.
    """

    def __init__(
        self,
        classes: Sequence[str],
        coef: np.ndarray,
        feature_names: np.ndarray,
        rule_weights: Mapping[str, Mapping[str, float]],
    ):
        self.classes = list(classes)
        self.coef = coef
        self.feature_names = feature_names
        self.rule_weights = rule_weights

    def explain(
        self,
        label: Label,
        i: int,
        proba: np.ndarray,
        matrix: sp.csr_matrix,
        hits: Sequence[RuleHit],
        *,
        credibility: float,
        decided_by: str | None = None,
    ) -> tuple[list[Flag], list[Flag]]:
        """The flags and the other evidence of paragraph ``i`` (``proba``: its probabilities;
        ``matrix``: the page's features; ``credibility``: its credibility; ``decided_by``: the rule that
        gave its label, if one did).

        The flags are the evidence for the label, strongest first: the deciding rule, the classifier's
        judgement (when the label is the classifier's own), then the rules of that label with a positive
        learned weight, highest first. A credible or boilerplate paragraph has none, unless it is doubtful
        (:data:`~detector.labels.DOUBTFUL_CREDIBILITY`): then they are the evidence for its likeliest
        spam label. Every other rule that fired is other evidence, highest weight first: another label's
        rules, rules of a weight of zero or less (counter-evidence), and the rules of a credible or
        boilerplate paragraph's own label (no flag: they raise no doubt)."""
        target = self.explained_label(label, proba, credibility)
        deciding: list[Flag] = []
        supporting: list[Flag] = []
        other: list[Flag] = []
        for hit in hits:
            flag = self.rule_flag(hit)
            if decided_by is not None and flag.rule == decided_by:
                deciding.append(flag)  # it gave the label: the first reason, whatever the model's weight
            elif flag.category == target and flag.score > 0:
                supporting.append(flag)
            else:
                other.append(flag)
        judged = (
            [self.classifier_flag(target, label, i, proba, matrix)]
            if target is not None and decided_by is None
            else []
        )
        strongest = functools.partial(sorted, key=lambda flag: -flag.score)  # stable: rule order on ties
        return deciding + judged + strongest(supporting), strongest(other)

    def explained_label(self, label: Label, proba: np.ndarray, credibility: float) -> Label | None:
        """The label a paragraph's flags argue for: its own spam label; for a doubtful credible or
        boilerplate paragraph, its likeliest spam label; else none."""
        if label in SPAM_LABELS:
            return label
        if not needs_review(label, credibility):
            return None
        spam = [lab for lab in SPAM_LABELS if lab in self.classes]
        return max(spam, key=lambda lab: proba[self.classes.index(lab)], default=None)

    def classifier_flag(
        self, target: Label, label: Label, i: int, proba: np.ndarray, matrix: sp.csr_matrix
    ) -> Flag:
        """The classifier's judgement for ``target`` (the paragraph's label, or the likeliest spam label
        of a doubtful paragraph labelled ``label``), with the features that pushed hardest towards it."""
        k = self.classes.index(target)
        reason = (
            f"The classifier rates this paragraph {proba[k]:.0%} likely to be {LABEL_WORDING[target].phrase}."
        )
        if label not in SPAM_LABELS:
            spam = sum(float(proba[self.classes.index(lab)]) for lab in SPAM_LABELS if lab in self.classes)
            reason = (
                f"The classifier rates this paragraph {spam:.0%} likely to be spam of some kind, most "
                f"likely {LABEL_WORDING[target].phrase} ({proba[k]:.0%}); no spam label reached its "
                f"threshold, so it is labelled {label}, in doubt."
            )
        return Flag(
            category=target,
            rule=None,
            score=round(float(proba[k]), 4),
            reason=reason,
            evidence=self.top_features(matrix, i, k),
        )

    def rule_flag(self, hit: RuleHit) -> Flag:
        """A rule that fired, with the weight the model learned for it (0 when it is no feature of the model)."""
        rule = hit.rule
        weight = self.rule_weights.get(rule.id, {}).get(rule.category, 0.0)
        return Flag(
            # a rule's category is one of the labels: parse_rules refuses any other
            category=cast(Label, rule.category),
            rule=rule.id,
            score=round(weight, 4),
            reason=rule.description,
            evidence=hit.evidence,
        )

    def top_features(self, matrix: sp.csr_matrix, i: int, k: int, n: int = 4) -> str:
        """The features of row ``i`` of a CSR ``matrix`` that pushed hardest towards class ``k``, readable."""
        start, end = matrix.indptr[i], matrix.indptr[i + 1]
        columns = matrix.indices[start:end]
        contrib = matrix.data[start:end] * self.coef[k, columns]
        names: list[str] = []
        for j in np.argsort(-contrib, kind="stable"):
            if contrib[j] <= 0 or len(names) >= n:
                break
            readable = describe_feature(self.feature_names[columns[j]])
            if readable and readable not in names:
                names.append(readable)
        return "; ".join(names)


_READABLE = {
    "in_main_text": "in the main text",
    "after_main": "after the end of the article",
    "before_main": "before the article starts",
    "ends_question": "ends with a question mark",
    "ends_stop": "ends with a full stop",
    "has_quote": "contains a quotation",
    "named_source": "names a source",
    "novel_names": "names found nowhere else in the article",
    "mentions_subject": "mentions the page's subject",
    "field_line": "a 'Field: value' line",
    "first_person": "written in the first person",
    "section_faq": "under a FAQ heading",
    "section_author": "under an author heading",
    "sim_title": "similarity to the title",
    "sim_lead": "similarity to the lead",
    "sim_body": "similarity to the body",
    "sim_max": "similarity to the page subject",
    "sim_window": "similarity of it and its neighbours to the rest of the page",
    "sim_section": "similarity of its section to the rest of the page",
    "sim_unnamed": "similarity to the page beyond the subject's name",
    "sim_window_unnamed": "similarity of it and its neighbours to the page beyond the subject's name",
    "meaning_lead": "closeness in meaning to the lead",
    "meaning_body": "closeness in meaning to the rest of the article",
    "meaning_window": "closeness in meaning of it and its neighbours to the lead",
    "meaning_section": "closeness in meaning of its section to the lead",
}

#: the low similarity bins that explain a drift (bins 0 and 1: below 0.08 in words, 0.2 in meaning)
_READABLE_LOW = {
    "meaning_lead_bin": "it is about something other than the article's lead",
    "meaning_body_bin": "it is about something other than the rest of the article",
    "meaning_window_bin": "it and its neighbours are about something other than the article's lead",
    "meaning_section_bin": "its section is about something other than the article's lead",
    "sim_window_bin": "it and its neighbours share little with the rest of the page",
    "sim_section_bin": "its section shares little with the rest of the page",
    "sim_unnamed_bin": "it shares little with the page beyond the subject's name",
    "sim_window_unnamed_bin": "it and its neighbours share little with the page beyond the subject's name",
}


@functools.cache
def describe_feature(name: str) -> str | None:
    """A moderator-readable phrase for a classifier feature, or None for ones that explain nothing."""
    block, _, feature = name.partition("__")
    key, _, value = feature.partition("=")
    if key in _READABLE_LOW:
        return _READABLE_LOW[key] if value in ("0", "1") else None
    if (
        block == "chars"
        or "_bin=" in feature
        or feature.startswith(("position", "log_words", "digit_share", "page_is_html", "main_text_found"))
    ):
        return None
    if block == "words":
        return f"the words '{feature}'"
    where = ""
    for prefix, phrase in (("prev_", " (previous paragraph)"), ("next_", " (next paragraph)")):
        if feature.startswith(prefix):
            feature, where = feature.removeprefix(prefix), phrase
    key, _, value = feature.partition("=")
    if key == "rule":
        text = f"rule {value}"
    elif key == "rulecat":
        text = f"{value.replace('_', ' ')} rules fired"
    elif key == "page_rulecat":
        text = f"{value.replace('_', ' ')} rules fired elsewhere on the page"
    elif key == "qa":
        text = "not in a Q&A block" if value == "None" else f"a Q&A {value}"
    elif key == "kind":
        text = f"a {value.replace('_', ' ')}"
    elif key == "none":
        text = "at the page edge"
    else:
        text = _READABLE.get(key, key.replace("_", " "))
    return text + where
