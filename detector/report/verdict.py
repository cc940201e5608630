"""A page's credibility and verdict from its paragraphs, the discount for its rumour register, and the
penalties of its page-level signals (hidden text, keyword stuffing)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np

from ..labels import SPAM_LABELS, Verdict
from ..signals.hedges import register_cues
from ..signals.page_signals import Finding
from .schema import Discount, PageSignal, Paragraph

#: Page verdict thresholds used when a model's sidecar names none.
DEFAULT_VERDICT_THRESHOLDS = {"credible": 0.85, "spam": 0.6, "spam_share": 0.5}
#: Page credibility is discounted by the page's rumour register (:func:`detector.signals.hedges.rumour_register`,
#: weasel and gossip cues per sentence): no discount up to ``free``, then ``slope`` per cue per sentence,
#: at most ``cap``. Sober reporting stays below ~0.25 cues per sentence; gossip built on anonymous
#: insiders and vague attribution runs at 0.5 to 1 and more.
RUMOUR_REGISTER_DISCOUNT = {"free": 0.1, "slope": 1.0, "cap": 0.7}
#: Share of the page's credibility each page-level signal takes away, and the most they take together. A
#: technique such as hidden keywords is evidence about the publisher, not about what the page's
#: paragraphs say: it lowers a credible page to suspicious (0.85 x 0.8 = 0.68 < 0.85), never to spam by
#: itself (a page is called spam for what its paragraphs are).
SIGNAL_PENALTY = 0.2
MAX_SIGNAL_PENALTY = 0.35
#: Highest credibility of a paragraph whose label a deciding rule gave (``decides = true`` in rules.toml).
DECIDED_CREDIBILITY = 0.5


def register_discount(title: str | None, texts: list[str]) -> tuple[float, float, Counter[str]]:
    """The share of credibility a page loses for its rumour register (0 to ``cap``), the register and
    its cues (:func:`detector.signals.hedges.register_cues`)."""
    d = RUMOUR_REGISTER_DISCOUNT
    register, cues = register_cues(title, texts)
    return min(d["cap"], d["slope"] * max(0.0, register - d["free"])), register, cues


def signal_penalties(findings: Sequence[Finding]) -> list[PageSignal]:
    """The report's signals for the page-level findings, each with its share of the penalty
    (:data:`SIGNAL_PENALTY` each, :data:`MAX_SIGNAL_PENALTY` in all) stated in its reason."""
    signals = []
    left = MAX_SIGNAL_PENALTY
    for finding in findings:
        penalty = round(min(SIGNAL_PENALTY, left), 4)
        left -= penalty
        signals.append(
            PageSignal(
                name=finding.name,  # type: ignore[arg-type]  # one of SIGNAL_NAMES, the schema's literals
                reason=f"{finding.finding[:1].upper()}{finding.finding[1:]}: an SEO-spam technique; the page's "
                f"credibility is lowered by {penalty:.0%}.",
                evidence=finding.evidence,
                penalty=penalty,
            )
        )
    return signals


def page_verdict(
    paragraphs: Sequence[Paragraph],
    thresholds: Mapping[str, float] = DEFAULT_VERDICT_THRESHOLDS,
    title: str | None = None,
    signals: Sequence[PageSignal] = (),
) -> tuple[float, Verdict, Discount | None]:
    """Page credibility, verdict, and the discount when the page's register lowered the credibility.

    The credibility is the mean credibility of the non-boilerplate paragraphs (weighted by length,
    3 to 100 words), discounted by the page's rumour register (:data:`RUMOUR_REGISTER_DISCOUNT`) and
    lowered by each of its page-level ``signals`` (their ``penalty``, from :func:`signal_penalties`).
    The verdict is ``spam`` when the paragraphs' own credibility is below the ``spam`` threshold or at
    least ``spam_share`` of them are spam; ``suspicious`` when the discounted credibility is below
    the ``credible`` threshold; else ``credible``. Gossip register alone makes a page suspicious, never
    spam: a page is called spam for what its paragraphs are."""
    scored = [p for p in paragraphs if p.label != "boilerplate"]
    kept = 1.0 - sum(signal.penalty for signal in signals)
    if not scored:
        return (*_verdict(round(kept, 4), 1.0, 0.0, thresholds), None)
    weights = np.array([min(max(len(p.text.split()), 3), 100) for p in scored], dtype=float)
    values = np.array([p.credibility for p in scored])
    own = float((weights * values).sum() / weights.sum())
    share, register, cues = register_discount(title, [p.text for p in scored])
    credibility = round(own * (1.0 - share) * kept, 4)
    discount = None
    if share > 0:
        discount = Discount(
            reason=f"The page is written in a rumour register ({register:.2f} weasel or gossip cues per "
            f"sentence): its credibility is lowered by {share:.0%}.",
            cues_per_sentence=round(register, 4),
            share=round(share, 4),
            paragraphs_credibility=round(own, 4),
            evidence=[f"{cue} ×{n}" for cue, n in cues.most_common(8)],
        )
    spam_share = sum(p.label in SPAM_LABELS for p in scored) / len(scored)
    return (*_verdict(credibility, own, spam_share, thresholds), discount)


def _verdict(
    credibility: float, own: float, spam_share: float, thresholds: Mapping[str, float]
) -> tuple[float, Verdict]:
    if round(own, 4) < thresholds["spam"] or spam_share >= thresholds["spam_share"]:
        return credibility, "spam"
    if credibility < thresholds["credible"]:
        return credibility, "suspicious"
    return credibility, "credible"
